// createTdsServer: a TCP listener on loopback that hands each connection to a TdsSession.
import { createServer, type AddressInfo, type Socket } from 'node:net';
import type { MsdbExecutor } from '../msdb/executor';
import type { ServerEncryption } from './prelogin';
import { TdsSession, type LoginGrant, type LoginRequest, type LoginResolver } from './session';
import { secureContexts, type TlsCredentials } from './tls';

export interface TdsLogin {
  name: string;
  password: string;
  executor: MsdbExecutor;
  /** Default database when the client names none: msdb or master (default master, as for sa). */
  database?: 'msdb' | 'master';
}

export interface TdsServerOptions {
  /** Loopback only: 127.0.0.1 (the default). Anything else is refused. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** SQL logins, each with the executor its sessions use. Names compare case-insensitively, passwords exactly. */
  logins?: TdsLogin[];
  /** Or a resolver: login -> executor (undefined refuses the login with 18456). */
  resolveLogin?: LoginResolver;
  /** A certificate and key (PEM): enables TLS (in-band, login-only, and TDS 8.0 strict). Without it the server answers ENCRYPT_NOT_SUP. */
  tls?: TlsCredentials;
  /** With tls: 'optional' (the default; the client chooses) or 'required' (a client that refuses encryption is turned away). */
  encryption?: 'optional' | 'required';
  /** Server name in message tokens; default: the executor's serverInfo().serverName. */
  serverName?: string;
  /** Product version for PRELOGIN and LOGINACK; default: the executor's serverInfo().productVersion after login. */
  version?: string;
  /** One line per connection event worth knowing (logins, refusals, protocol errors). Never passwords. */
  log?: (line: string) => void;
  /** Largest request message accepted, bytes (default 8 MiB). */
  maxMessageBytes?: number;
  /** A connection must log in within this time (default 30 s). */
  loginTimeoutMs?: number;
  /** Connections held at once (default 256); more are closed at once. */
  maxConnections?: number;
}

export interface TdsServer {
  readonly host: string;
  readonly port: number;
  /** Connections open now. */
  connectionCount(): number;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

function passwordsEqual(a: string, b: string): boolean {
  // Length and content in constant time for equal lengths; a wrong length fails either way.
  const x = Buffer.from(a, 'utf16le');
  const y = Buffer.from(b, 'utf16le');
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

function listResolver(logins: readonly TdsLogin[]): LoginResolver {
  return (req: LoginRequest): LoginGrant | undefined => {
    const entry = logins.find((l) => l.name.toLowerCase() === req.name.toLowerCase());
    if (!entry || !passwordsEqual(entry.password, req.password)) return undefined;
    return { executor: entry.executor, database: entry.database };
  };
}

export async function createTdsServer(options: TdsServerOptions): Promise<TdsServer> {
  const host = options.host ?? LOOPBACK;
  if (host !== LOOPBACK) throw new Error(`The TDS server listens on ${LOOPBACK} only (loopback), not on '${host}'.`);
  if (!options.logins && !options.resolveLogin) throw new Error('The TDS server needs logins or a resolveLogin callback.');
  const resolveLogin = options.resolveLogin ?? listResolver(options.logins!);
  const log = options.log ?? (() => undefined);
  const contexts = options.tls ? secureContexts(options.tls) : undefined;
  const encryption: ServerEncryption = contexts ? (options.encryption ?? 'optional') : 'not-supported';
  const maxConnections = options.maxConnections ?? 256;
  const sessions = new Set<TdsSession>();
  let nextSpid = 51;
  const seenVersion: { value?: string } = {};

  const server = createServer({ noDelay: true }, (socket: Socket) => {
    try {
      if (sessions.size >= maxConnections) {
        log(`[tds] refused a connection from ${socket.remoteAddress}: ${maxConnections} connections already open`);
        socket.destroy();
        return;
      }
      const spid = nextSpid;
      nextSpid = nextSpid >= 32000 ? 51 : nextSpid + 1;
      const session = new TdsSession(socket, spid, {
        resolveLogin,
        encryption,
        contexts,
        serverName: options.serverName,
        version: options.version,
        seenVersion,
        maxMessageBytes: options.maxMessageBytes ?? 8 * 1024 * 1024,
        loginTimeoutMs: options.loginTimeoutMs ?? 30_000,
        log,
      });
      sessions.add(session);
      void session.closedPromise.then(() => sessions.delete(session));
    } catch (e) {
      log(`[tds] could not start a session: ${e instanceof Error ? e.message : String(e)}`);
      socket.destroy();
    }
  });
  server.on('error', (e) => log(`[tds] listener error: ${e.message}`));

  await new Promise<void>((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    server.once('error', onError);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    host,
    port,
    connectionCount: () => sessions.size,
    close: async () => {
      const closing = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of [...sessions]) s.close('server closing', true);
      await closing;
    },
  };
}
