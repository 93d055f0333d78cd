// The built renderer, served read-only from one folder. Paths are resolved and then checked to
// still be inside that folder (after following links), so `..`, encoded slashes or a symlink
// cannot reach anything else on the disk.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, posix, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export type StaticLookup =
  | { kind: 'file'; file: string; type: string; cache: string }
  | { kind: 'refused' }
  | { kind: 'missing' };

/**
 * Maps a URL path to a file under `root`. Unknown paths without an extension get index.html
 * (the page is a single-page app); index.html is never cached, hashed assets forever.
 */
export async function lookupStatic(root: string, urlPath: string): Promise<StaticLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'refused' };
  }
  if (decoded.includes('\0') || decoded.includes('\\') || !decoded.startsWith('/')) return { kind: 'refused' };
  // Refuse rather than normalise: a request that climbs is never a link the page made.
  if (decoded.split('/').some((part) => part === '..')) return { kind: 'refused' };
  const rel = posix.normalize(decoded).replace(/^\/+/, '');
  const base = await realpath(resolve(root)).catch(() => undefined);
  if (!base) return { kind: 'missing' };
  const wanted = rel === '' ? 'index.html' : rel;
  const found = await existingFile(base, wanted);
  if (found === 'outside') return { kind: 'refused' };
  if (found) return describe(found, wanted);
  if (extname(wanted) === '') {
    const index = await existingFile(base, 'index.html');
    if (index && index !== 'outside') return describe(index, 'index.html');
  }
  return { kind: 'missing' };
}

async function existingFile(base: string, rel: string): Promise<string | 'outside' | undefined> {
  const real = await realpath(join(base, rel)).catch(() => undefined);
  if (!real) return undefined;
  if (real !== base && !real.startsWith(base + sep)) return 'outside';
  const s = await stat(real).catch(() => undefined);
  return s?.isFile() ? real : undefined;
}

function describe(file: string, rel: string): StaticLookup {
  const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const cache = rel === 'index.html' ? 'no-store' : rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
  return { kind: 'file', file, type, cache };
}

export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, urlPath: string): Promise<void> {
  const found = await lookupStatic(root, urlPath);
  if (found.kind !== 'file') {
    const status = found.kind === 'refused' ? 400 : 404;
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(found.kind === 'refused' ? 'Bad request.\n' : 'Not found.\n');
    return;
  }
  const s = await stat(found.file);
  res.writeHead(200, { 'Content-Type': found.type, 'Content-Length': s.size, 'Cache-Control': found.cache });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(found.file)
    .on('error', () => res.destroy())
    .pipe(res);
}
