// app://msx-studio/… serves the built renderer (dist/renderer) with the CSP header, so the page
// has a real origin of its own, no file:// privileges, and nothing outside that folder, not even
// through a symbolic link.
import type { Net, Protocol } from 'electron';
import { realpath as realpathCallback } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { APP_HOST, APP_SCHEME } from './security/appOrigin';
import { CONTENT_SECURITY_POLICY } from './security/csp';

/** Must run before app `ready`: standard + secure gives the page a normal origin and secure context. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;

/** The file under `root` an app:// URL names, or undefined for anything outside it or malformed. */
export function resolveAppFile(url: string, root: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return undefined;
  }
  if (path.includes('\0') || path.includes('\\') || path.split('/').includes('..')) return undefined;
  const rel = path === '/' || path === '' ? 'index.html' : path.replace(/^\/+/, '');
  const base = normalize(root);
  const file = normalize(join(base, rel));
  return file.startsWith(base.endsWith(sep) ? base : base + sep) ? file : undefined;
}

// The callback form: Electron's asar support patches it, so paths inside app.asar resolve too.
const realpathOf = promisify(realpathCallback);

/**
 * The file an app:// URL names, after following symbolic links, or undefined when it is missing
 * or its real path is outside the real path of `root` (a link in dist/renderer pointing at
 * ~/.ssh must not be served).
 */
export async function resolveRealAppFile(url: string, root: string, realpath: (p: string) => Promise<string> = realpathOf): Promise<string | undefined> {
  const file = resolveAppFile(url, root);
  if (!file) return undefined;
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
    return realFile.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep) ? realFile : undefined;
  } catch {
    return undefined;
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, net: Pick<Net, 'fetch'>, root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = await resolveRealAppFile(request.url, root);
    if (!file) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).href).catch(() => undefined);
    if (!res || !res.ok) return new Response('Not found', { status: 404 });
    return new Response(res.body, {
      status: 200,
      headers: {
        'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      },
    });
  });
}
