import { describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerAppProtocol, resolveAppFile } from './protocol';

describe('app:// protocol', () => {
  const root = '/opt/msx/dist/renderer';

  it('maps the app URL to files under the renderer folder', () => {
    expect(resolveAppFile('app://msx-studio/', root)).toBe(join(root, 'index.html'));
    expect(resolveAppFile('app://msx-studio/index.html', root)).toBe(join(root, 'index.html'));
    expect(resolveAppFile('app://msx-studio/assets/index-abc.js?x=1', root)).toBe(join(root, 'assets', 'index-abc.js'));
  });

  it('keeps dot segments inside the folder (the URL parser resolves them first)', () => {
    for (const url of ['app://msx-studio/../secret', 'app://msx-studio/%2e%2e/%2e%2e/etc/passwd', 'app://msx-studio/a/../../../etc']) {
      const file = resolveAppFile(url, root);
      expect(file === undefined || file.startsWith(root + '/'), url).toBe(true);
    }
  });

  it('refuses other hosts, encoded separators and odd encodings', () => {
    for (const url of [
      'app://evil/index.html',
      'app://msx-studio/assets/..%2f..%2f..%2fetc%2fpasswd',
      'app://msx-studio/..%5c..%5cwindows',
      'app://msx-studio/%00',
      'app://msx-studio/%E0%A4%A',
      'file:///etc/passwd',
      'not a url',
    ]) {
      expect(resolveAppFile(url, root), url).toBeUndefined();
    }
  });

  it('answers with the CSP header', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'msx-app-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    const protocol = { handle: vi.fn() };
    const net = { fetch: vi.fn(async (url: string) => (existsSync(fileURLToPath(url)) ? new Response('<!doctype html>') : new Response('', { status: 404 }))) };
    registerAppProtocol(protocol, net, dir);
    const handler = protocol.handle.mock.calls[0][1] as (r: Request) => Promise<Response>;
    const res = await handler(new Request('app://msx-studio/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await handler(new Request('app://msx-studio/missing.js'))).status).toBe(404);
    expect((await handler(new Request('app://msx-studio/..%2f..%2fetc%2fpasswd'))).status).toBe(404);
  });
});
