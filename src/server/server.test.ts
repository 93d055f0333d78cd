// The HTTP transport against a small fake ApiHost: what reaches the core, and what never does.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent, ApiHost, ApiResponse } from '../api/contract';
import { assertLoopbackHost, isLoopbackAddress } from './loopback';
import { hostFieldCount, startWebServer, type WebServer } from './server';
import { openEventStream, rawRequest, rawSocketRequest } from './testing';

const TOKEN = 'test-token-0123456789';

class FakeHost implements ApiHost {
  readonly calls: Array<{ method: string; params: unknown }> = [];
  private readonly listeners = new Set<(e: ApiEvent) => void>();

  async dispatch(method: string, params: unknown): Promise<ApiResponse> {
    this.calls.push({ method, params });
    switch (method) {
      case 'echo':
        return { result: { params, at: new Date(Date.UTC(2026, 10, 2, 9, 0, 0)) } };
      case 'targets.list':
        if (typeof params !== 'object' || params === null || !('connectionId' in params)) {
          return { error: { code: 'INVALID_PARAMS', message: 'connectionId is required.', issues: [{ path: 'connectionId', message: 'Required' }] } };
        }
        return { result: [] };
      case 'msdb.exec':
        return { error: { code: 'SQL_ERROR', message: "The specified @server_name ('NOPE') does not exist.", number: 14262, severity: 16 } };
      case 'lab.stopAgent':
        this.emit({ type: 'lab', connectionId: 'lab', event: { type: 'lab.target', server: 'LONDON-SQL01' } });
        return { result: null };
      default:
        return { error: { code: 'UNKNOWN_METHOD', message: `There is no API method named '${method}'.` } };
    }
  }

  onEvent(listener: (e: ApiEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(e: ApiEvent): void {
    for (const l of this.listeners) l(e);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}

const auth = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };

describe('browser mode HTTP server', () => {
  const host = new FakeHost();
  let server: WebServer;
  let root: string;
  let outside: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'msx-static-'));
    outside = mkdtempSync(join(tmpdir(), 'msx-outside-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>MSX Studio</title>');
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(join(outside, 'secret.txt'), 'secret');
    symlinkSync(join(outside, 'secret.txt'), join(root, 'assets', 'link.txt'));
    server = await startWebServer({ api: host, token: TOKEN, port: 0, staticDir: root });
  });

  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  const call = (method: string, body: string | Buffer, headers: Record<string, string> = auth) =>
    rawRequest(server.port, { method: 'POST', path: `/api/${method}`, headers, body });

  it('listens on 127.0.0.1 at a random port and gives a URL with the token', () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${TOKEN}`);
  });

  it('answers a valid call with 200 { result }, dates as ISO strings', async () => {
    const r = await call('echo', JSON.stringify({ a: 1 }));
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.json()).toEqual({ result: { params: { a: 1 }, at: '2026-11-02T09:00:00.000Z' } });
  });

  it('treats an empty body as a call without parameters', async () => {
    const r = await call('echo', '');
    expect(r.json()).toEqual({ result: expect.objectContaining({ params: {} }) });
  });

  it('refuses a missing token with 401', async () => {
    const before = host.calls.length;
    const r = await call('echo', '{}', { 'Content-Type': 'application/json' });
    expect(r.status).toBe(401);
    expect(r.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(r.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
    expect(host.calls.length).toBe(before);
  });

  it('refuses a wrong token with 401, whatever its length', async () => {
    for (const token of ['x', `${TOKEN}x`, TOKEN.slice(0, -1), TOKEN.toUpperCase()]) {
      const r = await call('echo', '{}', { Authorization: `Bearer ${token}` });
      expect(r.status).toBe(401);
    }
    const basic = await call('echo', '{}', { Authorization: `Basic ${Buffer.from(`u:${TOKEN}`).toString('base64')}` });
    expect(basic.status).toBe(401);
  });

  it('refuses a foreign Origin with 403 even with the token', async () => {
    const before = host.calls.length;
    for (const origin of ['http://evil.example', `http://127.0.0.1:${server.port + 1}`, 'null', `https://127.0.0.1:${server.port}`]) {
      const r = await call('echo', '{}', { ...auth, Origin: origin });
      expect(r.status, origin).toBe(403);
      expect(r.json()).toEqual({ error: { code: 'FORBIDDEN', message: expect.any(String) } });
    }
    expect(host.calls.length).toBe(before);
  });

  it("accepts the server's own Origin", async () => {
    const r = await call('echo', '{}', { ...auth, Origin: `http://127.0.0.1:${server.port}` });
    expect(r.status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding) with 403', async () => {
    const r = await rawRequest(server.port, { path: '/', headers: { Host: `evil.example:${server.port}` } });
    expect(r.status).toBe(403);
    const api = await rawRequest(server.port, { method: 'POST', path: '/api/echo', headers: { ...auth, Host: 'evil.example' }, body: '{}' });
    expect(api.status).toBe(403);
  });

  it('answers a request with two Host headers 400, whichever comes first, before any API call', async () => {
    const before = host.calls.length;
    const own = `127.0.0.1:${server.port}`;
    for (const hosts of [[own, 'evil.example'], ['evil.example', own], [own, own]]) {
      const head = await rawSocketRequest(
        server.port,
        `POST /api/echo HTTP/1.1\r\n${hosts.map((h) => `Host: ${h}\r\n`).join('')}Authorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
      );
      expect(head).toMatch(/^HTTP\/1\.1 400 /);
    }
    expect(host.calls.length).toBe(before);
    expect(hostFieldCount(['Host', 'a', 'Accept', '*/*', 'HOST', 'b'])).toBe(2);
    expect(hostFieldCount(['host', 'a'])).toBe(1);
  });

  it('refuses malformed JSON with 400', async () => {
    const r = await call('echo', '{"a":');
    expect(r.status).toBe(400);
    expect(r.json()).toEqual({ error: { code: 'BAD_REQUEST', message: 'The request body is not valid JSON.' } });
  });

  it('refuses a body over 1 MiB with 400, declared or streamed', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(1024 * 1024 + 10) });
    const declared = await call('echo', big);
    expect(declared.status).toBe(400);
    expect((declared.json() as { error: { message: string } }).error.message).toMatch(/larger than/);
    const streamed = await new Promise<number>((resolve, reject) => {
      import('node:http').then(({ request }) => {
        const req = request(
          { host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/echo', headers: { ...auth, Host: `127.0.0.1:${server.port}`, 'Transfer-Encoding': 'chunked' } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        for (let i = 0; i < 20; i++) req.write('x'.repeat(64 * 1024));
        req.end();
      }, reject);
    });
    expect(streamed).toBe(400);
    expect(host.calls.some((c) => JSON.stringify(c.params ?? '').length > 1024 * 1024)).toBe(false);
  });

  it('answers an unknown method with 404 and the error object', async () => {
    const r = await call('no.such.method', '{}');
    expect(r.status).toBe(404);
    expect(r.json()).toEqual({ error: { code: 'UNKNOWN_METHOD', message: "There is no API method named 'no.such.method'." } });
    const odd = await call('..%2f..%2fetc', '{}');
    expect(odd.status).toBe(404);
  });

  it('maps invalid params to 400 and msdb errors to 422 with their number', async () => {
    const bad = await call('targets.list', '{}');
    expect(bad.status).toBe(400);
    expect((bad.json() as { error: { code: string } }).error.code).toBe('INVALID_PARAMS');
    const sql = await call('msdb.exec', '{}');
    expect(sql.status).toBe(422);
    expect(sql.json()).toEqual({ error: { code: 'SQL_ERROR', message: expect.stringContaining('NOPE'), number: 14262, severity: 16 } });
  });

  it('accepts only POST for methods', async () => {
    const r = await rawRequest(server.port, { method: 'GET', path: '/api/echo', headers: auth });
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('POST');
  });

  it('delivers core events over SSE to an authenticated client only', async () => {
    const anon = await rawRequest(server.port, { path: '/api/events' });
    expect(anon.status).toBe(401);
    const stream = await openEventStream(server.port, TOKEN);
    try {
      expect(stream.status).toBe(200);
      await call('lab.stopAgent', JSON.stringify({ server: 'LONDON-SQL01' }));
      const e = await stream.next((x) => (x as ApiEvent).type === 'lab');
      expect(e).toEqual({ type: 'lab', connectionId: 'lab', event: { type: 'lab.target', server: 'LONDON-SQL01' } });
    } finally {
      stream.close();
    }
    // The listener goes away with the client.
    await new Promise((r) => setTimeout(r, 50));
    expect(host.listenerCount).toBe(0);
  });

  it('serves the renderer with a strict CSP, nosniff and an uncached index.html', async () => {
    const r = await rawRequest(server.port, { path: '/?token=whatever' });
    expect(r.status).toBe(200);
    expect(r.text).toContain('<title>MSX Studio</title>');
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const js = await rawRequest(server.port, { path: '/assets/index-abc.js' });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect(js.headers['cache-control']).toContain('immutable');
  });

  it('falls back to index.html for app routes but not for missing files', async () => {
    expect((await rawRequest(server.port, { path: '/targets' })).status).toBe(200);
    expect((await rawRequest(server.port, { path: '/missing.js' })).status).toBe(404);
  });

  it('refuses path traversal, encoded or not, and links out of the folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fetc%2fpasswd', '/..%5c..%5cetc', '/assets/link.txt', '/%00']) {
      const r = await rawRequest(server.port, { path });
      expect([400, 404], path).toContain(r.status);
      expect(r.text).not.toContain('secret');
      expect(r.text).not.toContain('root:');
    }
  });
});

describe('loopback only', () => {
  it('accepts loopback addresses and refuses everything else', () => {
    for (const ok of ['127.0.0.1', '127.1.2.3', '::1', '[::1]']) expect(isLoopbackAddress(ok), ok).toBe(true);
    for (const bad of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'localhost', 'example.com', '', '::ffff:10.0.0.1']) {
      expect(isLoopbackAddress(bad), bad).toBe(false);
      expect(() => assertLoopbackHost(bad)).toThrow(/loopback/);
    }
  });

  it('refuses to start on a non-loopback address', async () => {
    const host = new FakeHost();
    await expect(startWebServer({ api: host, token: TOKEN, host: '0.0.0.0' })).rejects.toThrow(/refusing to bind to '0.0.0.0'/);
    await expect(startWebServer({ api: host, token: TOKEN, host: '::' })).rejects.toThrow(/loopback/);
  });
});
