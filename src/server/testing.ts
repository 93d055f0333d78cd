// Test helpers for the HTTP transport: a raw HTTP client (fetch would hide or forbid the Host
// and Origin headers these tests need to forge) and an SSE reader.
import { connect } from 'node:net';
import { request as httpRequest, type IncomingMessage } from 'node:http';

export interface RawResponse {
  status: number;
  headers: IncomingMessage['headers'];
  text: string;
  json(): unknown;
}

export function rawRequest(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: { Host: `127.0.0.1:${port}`, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** Opens GET /api/events and collects the `data:` payloads as they arrive. */
export function openEventStream(
  port: number,
  token: string,
): Promise<{ status: number; events: unknown[]; next(match: (e: unknown) => boolean, timeoutMs?: number): Promise<unknown>; close(): void }> {
  return new Promise((resolve, reject) => {
    const events: unknown[] = [];
    const waiters: Array<() => void> = [];
    let buffer = '';
    const req = httpRequest(
      { host: '127.0.0.1', port, path: '/api/events', headers: { Host: `127.0.0.1:${port}`, Authorization: `Bearer ${token}` } },
      (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block
              .split('\n')
              .filter((l) => l.startsWith('data:'))
              .map((l) => l.slice(5).trimStart())
              .join('\n');
            if (data) events.push(JSON.parse(data));
            waiters.splice(0).forEach((w) => w());
          }
        });
        resolve({
          status: res.statusCode ?? 0,
          events,
          close: () => req.destroy(),
          next: (match, timeoutMs = 5000) =>
            new Promise((ok, fail) => {
              const timer = setTimeout(() => fail(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}`)), timeoutMs);
              const check = () => {
                const hit = events.find(match);
                if (hit !== undefined) {
                  clearTimeout(timer);
                  ok(hit);
                } else waiters.push(check);
              };
              check();
            }),
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Sends bytes as they are (what an HTTP client would never send, e.g. two Host headers) and resolves to the whole answer. */
export function rawSocketRequest(port: number, raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: '127.0.0.1', port }, () => socket.end(raw));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}
