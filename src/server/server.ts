// Browser mode's HTTP server: the built renderer and the API, on loopback only. Every API call
// is `POST /api/<method>` with a JSON body and the bearer token; events are `GET /api/events`.
// The server is a thin adapter: all meaning lives in the ApiHost behind it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiError, ApiHost, ApiResponse } from '../api/contract';
import { bearerToken, hostAllowed, originAllowed, ownAuthorities, tokenMatches } from './auth';
import { CONTENT_SECURITY_POLICY } from './csp';
import { EventStreams } from './events';
import { assertLoopbackHost, DEFAULT_HOST } from './loopback';
import { serveStatic } from './static';
import { httpStatusOf } from './status';
import { wireJson } from '../api/wireJson';

export const MAX_BODY_BYTES = 1024 * 1024;
const METHOD_NAME = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*$/;

export interface WebServerOptions {
  api: ApiHost;
  token: string;
  /** 0 (the default) asks the OS for a free port. */
  port?: number;
  /** A loopback IP address; anything else throws. */
  host?: string;
  /** The built renderer (dist/renderer); without it only the API is served. */
  staticDir?: string;
  maxBodyBytes?: number;
}

export interface WebServer {
  readonly host: string;
  readonly port: number;
  /** The address to open, with the token. */
  readonly url: string;
  close(): Promise<void>;
}

/** Headers on every response: no sniffing, no framing, no referrer carrying the token anywhere. */
const BASE_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
};

export function readyLine(url: string): string {
  return `MSX Studio ready at ${url}`;
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const host = assertLoopbackHost(opts.host ?? DEFAULT_HOST);
  if (!opts.token) throw new Error('Browser mode needs a token.');
  const limit = opts.maxBodyBytes ?? MAX_BODY_BYTES;
  const streams = new EventStreams(opts.api);
  let authorities = new Set<string>();

  const server = createServer((req, res) => {
    for (const [k, v] of Object.entries(BASE_HEADERS)) res.setHeader(k, v);
    handle(req, res).catch((err: unknown) => {
      console.error('browser mode: request failed:', err);
      if (!res.headersSent) sendError(res, { code: 'INTERNAL', message: 'The request failed inside MSX Studio.' });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // RFC 9112 §3.2: a request with more than one Host field is answered 400. Node keeps only the
    // first, so the raw list is counted: a second Host could otherwise name another authority.
    if (hostFieldCount(req.rawHeaders) > 1) {
      return sendError(res, { code: 'BAD_REQUEST', message: 'A request carries one Host header, not several.' }, 400);
    }
    if (!hostAllowed(req.headers.host, authorities)) {
      return sendError(res, { code: 'FORBIDDEN', message: 'This server answers only to its own address.' });
    }
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/api' || path.startsWith('/api/')) return handleApi(req, res, path.slice('/api/'.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendError(res, { code: 'BAD_REQUEST', message: `${req.method} is not allowed here.` }, 405);
    }
    if (!opts.staticDir) {
      return sendError(res, { code: 'NOT_FOUND', message: 'The renderer is not built; run `npm run build`.' });
    }
    return serveStatic(opts.staticDir, req, res, path);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (!originAllowed(header(req, 'origin'), authorities)) {
      return sendError(res, { code: 'FORBIDDEN', message: 'Requests from another site are refused.' });
    }
    if (!tokenMatches(bearerToken(header(req, 'authorization')), opts.token)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="MSX Studio"');
      return sendError(res, { code: 'UNAUTHORIZED', message: 'A valid token is required (the one in the address MSX Studio printed).' });
    }
    if (method === 'events') {
      if (req.method !== 'GET') {
        res.setHeader('Allow', 'GET');
        return sendError(res, { code: 'BAD_REQUEST', message: 'The event stream is read with GET.' }, 405);
      }
      return streams.attach(res);
    }
    if (!METHOD_NAME.test(method)) {
      return sendError(res, { code: 'UNKNOWN_METHOD', message: `There is no API method named '${method}'.` });
    }
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendError(res, { code: 'BAD_REQUEST', message: 'API methods are called with POST.' }, 405);
    }
    const body = await readBody(req, limit);
    if (body.kind === 'tooLarge') {
      res.setHeader('Connection', 'close');
      return sendError(res, { code: 'BAD_REQUEST', message: `The request body is larger than ${limit} bytes.` });
    }
    let params: unknown;
    try {
      // An empty body is a call without parameters, convenient for scripts (`curl -X POST`).
      params = body.text.trim() === '' ? {} : JSON.parse(body.text);
    } catch {
      return sendError(res, { code: 'BAD_REQUEST', message: 'The request body is not valid JSON.' });
    }
    const response = await opts.api.dispatch(method, params);
    return sendResponse(res, response);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  authorities = ownAuthorities(host, port);
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    host,
    port,
    url: `http://${shown}:${port}/?token=${encodeURIComponent(opts.token)}`,
    close: () => closeServer(server, streams),
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

type Body = { kind: 'ok'; text: string } | { kind: 'tooLarge' };

/** Reads up to `limit` bytes; past it, stops keeping data and reports the body as too large. */
function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    // Let Node discard the rest once the answer has gone out.
    req.resume();
    return Promise.resolve({ kind: 'tooLarge' });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? { kind: 'tooLarge' } : { kind: 'ok', text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', reject);
  });
}

function sendResponse(res: ServerResponse, response: ApiResponse): void {
  if ('error' in response) return sendError(res, response.error);
  let json: string;
  try {
    // Dates become ISO strings here, the one wire format both shells share.
    json = wireJson(response);
  } catch (err) {
    console.error('browser mode: result is not serialisable:', err);
    return sendError(res, { code: 'INTERNAL', message: 'The result could not be serialised.' });
  }
  sendJson(res, 200, json);
}

/** How many Host fields a request carried (rawHeaders is name, value, name, value, …). */
export function hostFieldCount(rawHeaders: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i].toLowerCase() === 'host') n++;
  return n;
}

function sendError(res: ServerResponse, error: ApiError, status = httpStatusOf(error.code)): void {
  sendJson(res, status, JSON.stringify({ error }));
}

function sendJson(res: ServerResponse, status: number, json: string): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
    'Cache-Control': 'no-store',
  });
  res.end(json);
}

function closeServer(server: Server, streams: EventStreams): Promise<void> {
  streams.closeAll();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
