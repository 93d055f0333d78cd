// How failures from mssql/tedious reach the layers above the seam. Two kinds only:
// - SqlServerError (src/msx/errors.ts): SQL Server answered with an error of severity >= 11. The
//   number, severity, state, procedure and line are SQL Server's own, untouched.
// - ConnectionFailure: SQL Server did not answer (login refused, host unreachable, timeout,
//   certificate not trusted, request canceled). It carries a hint a DBA can act on.
// Anything else is a bug in how we called the driver and stays a plain Error.
import { SqlServerError } from '../../msx/errors';
import type { InfoMessage } from '../executor';

export type ConnectionFailureKind = 'login' | 'unreachable' | 'timeout' | 'certificate' | 'canceled' | 'other';

export class ConnectionFailure extends Error {
  override readonly name = 'ConnectionFailure';
  constructor(
    readonly kind: ConnectionFailureKind,
    message: string,
    /** What to check or do, in words a DBA can act on. */
    readonly hint: string,
    /** SQL Server's message number when the server said why (18456 login failed...). */
    readonly number?: number,
    /** The driver's code (ELOGIN, ESOCKET, ETIMEOUT, ECANCEL...), for logs. */
    readonly code?: string,
    /** Whether it happened while connecting or during a request on an open connection. */
    readonly phase: 'connect' | 'request' = 'connect',
  ) {
    super(message);
  }

  toJSON(): { kind: ConnectionFailureKind; message: string; hint: string; number?: number; code?: string; phase: 'connect' | 'request' } {
    const out: ReturnType<ConnectionFailure['toJSON']> = { kind: this.kind, message: this.message, hint: this.hint, phase: this.phase };
    if (this.number !== undefined) out.number = this.number;
    if (this.code !== undefined) out.code = this.code;
    return out;
  }
}

export function isConnectionFailure(e: unknown): e is ConnectionFailure {
  return e instanceof ConnectionFailure;
}

/**
 * A SqlServerError that also keeps what came with it: the other errors raised in the same call
 * (SQL Server can raise several; the first is the cause, e.g. 14262 before a 3902 from the
 * procedure's cleanup) and the informational messages received before it.
 */
export class SqlServerCallError extends SqlServerError {
  constructor(
    primary: SqlServerError,
    readonly otherErrors: SqlServerError[],
    readonly messages: InfoMessage[],
  ) {
    super(primary.number, primary.severity, primary.message, primary.state, primary.procName, primary.lineNumber);
  }
}

/** An error token SQL Server sent during login (captured from tedious' 'errorMessage' event). */
export interface LoginErrorToken {
  number: number;
  class?: number;
  state?: number;
  message: string;
}

export interface FailureContext {
  /** The server as the user typed it, normalized (`HOST,1433`, `HOST\SQL2022`). */
  server: string;
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  phase: 'connect' | 'request';
  loginError?: LoginErrorToken;
}

type Loose = Record<string, unknown> & { message?: unknown; code?: unknown };

function asLoose(e: unknown): Loose | undefined {
  return typeof e === 'object' && e !== null ? (e as Loose) : undefined;
}

/** The error and everything it wraps: mssql's originalError, tedious' cause, an AggregateError's errors. */
function chain(e: unknown, out: Loose[] = [], depth = 0): Loose[] {
  const l = asLoose(e);
  if (!l || depth > 6 || out.includes(l)) return out;
  out.push(l);
  chain(l.originalError, out, depth + 1);
  chain(l.cause, out, depth + 1);
  chain(l.info, out, depth + 1);
  if (Array.isArray(l.errors)) for (const x of l.errors) chain(x, out, depth + 1);
  return out;
}

const codeOf = (l: Loose) => (typeof l.code === 'string' ? l.code : undefined);
const textOf = (l: Loose) => (typeof l.message === 'string' ? l.message : '');
const numberOf = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

const CERT_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const LOST_TEXT = /connection lost|connection closed|ECONNRESET|EPIPE|socket hang up|connection is closed/i;

/** Hints for the login errors SQL Server names by number. */
export function loginHint(number: number | undefined): string {
  switch (number) {
    case 18452:
      return 'The login is from an untrusted domain and cannot be used with Windows Authentication. Check the domain, user name and password, and that the server trusts that domain.';
    case 18456:
      return 'Check the login name and password. A SQL Server login also needs the server in SQL Server and Windows Authentication mode, and the login enabled. The server\'s error log gives the reason (the state of error 18456).';
    case 18486:
      return 'The account is locked out because of repeated failed logins. Ask an administrator to unlock it (ALTER LOGIN ... WITH PASSWORD = ... UNLOCK).';
    case 18487:
    case 18488:
      return 'The password has expired or must be changed. Change it with another tool (SSMS or sqlcmd), then connect again.';
    case 4060:
      return 'The login cannot open msdb. Map the login to a user in msdb (sysadmin has it).';
    case 18470:
      return 'The login is disabled. Ask an administrator to enable it.';
    default:
      return 'The server refused the login. Check the authentication type, login name and password.';
  }
}

function connectionFailure(e: unknown, ctx: FailureContext): ConnectionFailure {
  const all = chain(e);
  const top = all[0] ?? {};
  const codes = all.map(codeOf).filter((c): c is string => c !== undefined);
  const has = (c: string) => codes.includes(c);
  const texts = all.map(textOf).filter((t) => t !== '');
  const message = textOf(top) || texts[0] || String(e);
  const mainCode = codes.find((c) => c !== 'EREQUEST') ?? codes[0];
  const make = (kind: ConnectionFailureKind, msg: string, hint: string, number?: number) =>
    new ConnectionFailure(kind, msg, hint, number, mainCode, ctx.phase);
  const secs = (ms: number) => `${Math.round(ms / 100) / 10} s`;

  if (has('ECANCEL')) return make('canceled', 'The request was canceled.', 'Nothing more was reported for it. A procedure interrupted by a cancel may have done part of its work; refresh to see the current state.');

  if (codes.some((c) => CERT_CODES.has(c)) || texts.some((t) => /certificate/i.test(t))) {
    return make(
      'certificate',
      `The certificate of ${ctx.server} is not trusted: ${message}`,
      'The server\'s certificate is self-signed, issued by an authority this computer does not trust, expired, or for another name. Install a trusted certificate on the server, connect with the name the certificate was issued for (or set Host name in certificate), or tick Trust server certificate on a network you trust. With Encrypt = Strict the certificate is always validated.',
    );
  }

  if (has('ELOGIN') || has('EFEDAUTH')) {
    const number = numberOf(top.number) ?? ctx.loginError?.number ?? (/login failed/i.test(message) ? 18456 : undefined);
    const text = ctx.loginError && ctx.loginError.number === number ? ctx.loginError.message : message;
    if (has('EFEDAUTH')) {
      return make('login', text, 'Microsoft Entra sign-in failed. Check the user or application (client) ID, the secret or password, the tenant ID, and that the identity has a login on this server.', number);
    }
    return make('login', text, loginHint(number), number);
  }

  if (has('EENCRYPT')) {
    return make('other', message, 'The server requires an encrypted connection. Set Encrypt to Mandatory (or Strict).');
  }

  if (has('EINSTLOOKUP')) {
    return make(
      'unreachable',
      `Cannot find the instance ${ctx.server}: ${message}`,
      'The instance name is resolved by the SQL Server Browser service (UDP 1434). Start SQL Server Browser on the server and allow UDP 1434 through its firewall, or enter host,port instead of host\\instance.',
    );
  }

  if (has('ETIMEOUT') || all.some((x) => x.name === 'TimeoutError') || texts.some((t) => /Failed to acquire a connection/i.test(t))) {
    if (ctx.phase === 'request' && !/connect/i.test(message)) {
      return make(
        'timeout',
        `${ctx.server} did not finish the request within ${secs(ctx.requestTimeoutMs)}; it was canceled.`,
        'The server may be busy or blocked (a long transaction in msdb holding locks). Try again, or raise the request timeout.',
      );
    }
    return make(
      'timeout',
      `No answer from ${ctx.server} within ${secs(ctx.connectTimeoutMs)}.`,
      'A firewall may be dropping the packets, the port may be wrong, or the server is too busy to answer. Check the server name and port, or raise the connection timeout.',
    );
  }

  if (has('ENOTFOUND') || has('EAI_AGAIN')) {
    return make('unreachable', `Cannot resolve the host name of ${ctx.server}.`, 'Check the spelling of the server name and that this computer can resolve it (DNS, hosts file).');
  }

  if (has('ESOCKET') || has('ECLOSE') || has('ECONNREFUSED') || has('EHOSTUNREACH') || has('ENETUNREACH') || has('ECONNRESET') || has('ENOTOPEN') || has('ECONNCLOSED') || texts.some((t) => LOST_TEXT.test(t))) {
    const lost = ctx.phase === 'request' || has('ECLOSE') || texts.some((t) => LOST_TEXT.test(t));
    if (lost) {
      return make('unreachable', `The connection to ${ctx.server} was lost: ${message}`, 'MSX Studio reconnects on its own. If it cannot, check that SQL Server is running and the network path to it.');
    }
    const refused = has('ECONNREFUSED');
    return make(
      'unreachable',
      refused ? `Cannot reach ${ctx.server}: the connection was refused.` : `Cannot reach ${ctx.server}: ${message}`,
      'Check that SQL Server is running, that TCP/IP is enabled for it (SQL Server Configuration Manager), that the port is right (1433 for a default instance; for a named instance SQL Server Browser must run, or give host,port), and that no firewall blocks it.',
    );
  }

  return make('other', message, 'The connection failed for a reason the driver did not classify. The message above is what it reported.');
}

/** One SQL Server error from a driver error object that carries one (mssql RequestError). */
function sqlErrorOf(l: Loose): SqlServerError | undefined {
  const number = numberOf(l.number);
  const severity = numberOf(l.class);
  if (number === undefined || severity === undefined) return undefined;
  const procName = typeof l.procName === 'string' && l.procName !== '' ? l.procName : undefined;
  return new SqlServerError(number, severity, textOf(l), numberOf(l.state) ?? 1, procName, numberOf(l.lineNumber));
}

/**
 * Maps whatever mssql rejected with. SQL Server's own errors become SqlServerError (a
 * SqlServerCallError when there were several, or messages before it); failures to talk to the
 * server become ConnectionFailure.
 */
export function mapDriverError(e: unknown, ctx: FailureContext, messages: InfoMessage[] = []): Error {
  if (e instanceof SqlServerError || e instanceof ConnectionFailure) return e;
  const l = asLoose(e);
  const primary = l ? sqlErrorOf(l) : undefined;
  if (l && primary) {
    const preceding = Array.isArray(l.precedingErrors) ? l.precedingErrors.map(asLoose).map((x) => (x ? sqlErrorOf(x) : undefined)) : [];
    // mssql rejects with the last error and lists the earlier ones; the first raised is the cause.
    const all = [...preceding.filter((x): x is SqlServerError => x !== undefined), primary];
    const [first, ...rest] = all;
    return rest.length > 0 || messages.length > 0 ? new SqlServerCallError(first, rest, messages) : first;
  }
  const code = l ? codeOf(l) : undefined;
  // Refused by the driver before anything was sent: our bug, not the server's answer.
  if (code === 'EINJECT' || code === 'EARGS' || code === 'EDUPEPARAM' || e instanceof TypeError) {
    return e instanceof Error ? e : new Error(String(e));
  }
  return connectionFailure(e, ctx);
}

/** Failures after which the pool should be rebuilt: the server stopped answering on it. */
export function isConnectionLost(f: ConnectionFailure): boolean {
  return f.kind === 'unreachable' || (f.kind === 'timeout' && f.phase === 'connect');
}

/** Failures that retrying will not fix: the server answered, and said no. */
export function isPermanent(f: ConnectionFailure): boolean {
  return f.kind === 'login' || f.kind === 'certificate' || (f.kind === 'other' && f.code === 'EENCRYPT');
}
