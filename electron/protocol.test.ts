import { describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerAppProtocol, resolveAppFile, resolveRealAppFile } from './protocol';

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

  describe('symbolic links', () => {
    // tmp/app/renderer is the root; tmp/outside holds what must never be served.
    const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'msx-app-links-')));
    const root = join(tmp, 'app', 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    mkdirSync(join(tmp, 'outside'));
    writeFileSync(join(root, 'index.html'), '<!doctype html>');
    writeFileSync(join(root, 'assets', 'real.js'), 'export {};');
    writeFileSync(join(tmp, 'outside', 'id_rsa'), 'PRIVATE KEY');
    symlinkSync(join(tmp, 'outside', 'id_rsa'), join(root, 'assets', 'key.js'));
    symlinkSync(join(tmp, 'outside'), join(root, 'escape'));
    symlinkSync(join(root, 'assets', 'real.js'), join(root, 'assets', 'inside.js'));

    it('refuses a file whose real path is outside the app, whichever link leads there', async () => {
      expect(resolveAppFile('app://msx-studio/assets/key.js', root)).toBe(join(root, 'assets', 'key.js'));
      expect(await resolveRealAppFile('app://msx-studio/assets/key.js', root)).toBeUndefined();
      expect(await resolveRealAppFile('app://msx-studio/escape/id_rsa', root)).toBeUndefined();
    });

    it('serves files inside, also through a link that stays inside', async () => {
      expect(await resolveRealAppFile('app://msx-studio/', root)).toBe(join(root, 'index.html'));
      expect(await resolveRealAppFile('app://msx-studio/assets/inside.js', root)).toBe(join(root, 'assets', 'real.js'));
      expect(await resolveRealAppFile('app://msx-studio/assets/missing.js', root)).toBeUndefined();
    });

    it('the handler answers 404 for a link out and never reads it', async () => {
      const protocol = { handle: vi.fn() };
      const net = { fetch: vi.fn(async () => new Response('PRIVATE KEY')) };
      registerAppProtocol(protocol, net, root);
      const handler = protocol.handle.mock.calls[0][1] as (r: Request) => Promise<Response>;
      expect((await handler(new Request('app://msx-studio/assets/key.js'))).status).toBe(404);
      expect((await handler(new Request('app://msx-studio/escape/id_rsa'))).status).toBe(404);
      expect(net.fetch).not.toHaveBeenCalled();
      expect((await handler(new Request('app://msx-studio/assets/inside.js'))).status).toBe(200);
    });
  });
});
