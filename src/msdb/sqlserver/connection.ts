// One connection as the user sees it: one mssql pool to one server, its state, and the work of
// keeping it open. States:
//   open          the pool is connected; requests run
//   reconnecting  the server stopped answering; a new pool is being tried, with backoff
//   error         reconnecting gave up (attempts exhausted, or the server refused the login)
//   closed        the user closed it
// Every change is published to listeners, which the API forwards as `connection` events.
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { mssqlDriver, type DriverPool, type SqlDriver } from './driver';
import {
  ConnectionFailure,
  isConnectionLost,
  isPermanent,
  mapDriverError,
  type FailureContext,
  type LoginErrorToken,
} from './errors';
import {
  buildPoolConfig,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  validateConnectionOptions,
  type OptionIssue,
  type SqlServerConnectionOptions,
} from './options';
import { parseServerName, type ServerAddress } from './serverName';

export type ConnectionState = 'open' | 'reconnecting' | 'error' | 'closed';

export interface ConnectionStateEvent {
  state: ConnectionState;
  /** Why, in words: the failure that caused it. Never contains credentials. */
  message?: string;
  /** While reconnecting: which attempt comes next, of how many, and in how long. */
  attempt?: number;
  maxAttempts?: number;
  retryInMs?: number;
  failure?: ConnectionFailure;
}

export type ConnectionStateListener = (e: ConnectionStateEvent) => void;

export interface SqlServerConnectionDeps {
  driver?: SqlDriver;
  backoff?: Partial<BackoffPolicy>;
  /** For the jitter; tests pin it. */
  random?: () => number;
  /** Subscribed before the first connect, so it sees every state from the first 'open'. */
  onState?: ConnectionStateListener;
}

/** The options failed validation; `issues` has one message per field. */
export class InvalidConnectionOptions extends Error {
  override readonly name = 'InvalidConnectionOptions';
  constructor(readonly issues: OptionIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join(' '));
  }
}

/** The part of tedious' Connection watched from beforeConnect. */
interface WatchedConnection {
  on(event: string, listener: (...args: never[]) => void): unknown;
}

export class SqlServerConnection {
  readonly address: ServerAddress;
  private readonly driver: SqlDriver;
  private readonly policy: BackoffPolicy;
  private readonly random: () => number;
  private readonly listeners = new Set<ConnectionStateListener>();
  private pool: DriverPool | undefined;
  private current: ConnectionState = 'closed';
  /** Bumped whenever a pool is replaced; events from an older pool are ignored. */
  private generation = 0;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private loginError: LoginErrorToken | undefined;
  private lastFailure: ConnectionFailure | undefined;
  private recycling: Promise<void> | undefined;

  private constructor(
    private readonly options: SqlServerConnectionOptions,
    deps: SqlServerConnectionDeps,
  ) {
    const parsed = parseServerName(options.server);
    if (!parsed.ok) throw new InvalidConnectionOptions([{ path: 'server', message: parsed.error }]);
    this.address = parsed.address;
    this.driver = deps.driver ?? mssqlDriver;
    this.policy = { ...DEFAULT_BACKOFF, ...deps.backoff };
    this.random = deps.random ?? Math.random;
    if (deps.onState) this.listeners.add(deps.onState);
  }

  /**
   * Validates the options and connects. Rejects with InvalidConnectionOptions or
   * ConnectionFailure; a first connection that fails is not retried (the user is looking at
   * the Connect dialog and gets the reason at once).
   */
  static async open(options: SqlServerConnectionOptions, deps: SqlServerConnectionDeps = {}): Promise<SqlServerConnection> {
    const issues = validateConnectionOptions(options);
    if (issues.length > 0) throw new InvalidConnectionOptions(issues);
    const c = new SqlServerConnection(options, deps);
    const gen = ++c.generation;
    const pool = c.createPool(gen);
    try {
      await pool.connect();
    } catch (e) {
      c.generation++;
      await c.dispose(pool);
      throw c.map(e, 'connect');
    }
    c.pool = pool;
    c.setState({ state: 'open' });
    return c;
  }

  get state(): ConnectionState {
    return this.current;
  }

  get connectTimeoutMs(): number {
    return this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  }

  get requestTimeoutMs(): number {
    return this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  onState(listener: ConnectionStateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  failureContext(phase: 'connect' | 'request'): FailureContext {
    return {
      server: this.address.display,
      connectTimeoutMs: this.connectTimeoutMs,
      requestTimeoutMs: this.requestTimeoutMs,
      phase,
      loginError: this.loginError,
    };
  }

  /** The pool to run a request on. Throws ConnectionFailure when the connection is not open. */
  acquirePool(): DriverPool {
    if (this.current === 'open' && this.pool) return this.pool;
    const server = this.address.display;
    switch (this.current) {
      case 'reconnecting':
        return this.refuse(`The connection to ${server} was lost; reconnecting (attempt ${this.attempt} of ${this.policy.maxAttempts}).`, 'Try again once the connection is back.');
      case 'error':
        // A user action is a good moment to try again: one attempt cycle per action, not a loop.
        this.startReconnect(this.lastFailure ?? this.lost('The connection is broken.'));
        return this.refuse(`The connection to ${server} is broken: ${this.lastFailure?.message ?? 'unknown reason'}. Reconnecting.`, this.lastFailure?.hint ?? 'Try again in a moment.');
      default:
        return this.refuse(`The connection to ${server} is closed.`, 'Connect again.', 'ECONNCLOSED', 'other');
    }
  }

  /**
   * A request failed without an answer from SQL Server. A lost connection starts reconnecting;
   * a canceled or timed-out request gets its pool replaced, because SQL Server leaves a
   * transaction the procedure had open when the cancel arrived, and that session must not be
   * handed to the next call.
   */
  reportFailure(f: ConnectionFailure): void {
    if (this.current !== 'open') return;
    if (f.kind === 'canceled' || (f.kind === 'timeout' && f.phase === 'request')) {
      void this.recycle();
    } else if (isConnectionLost(f)) {
      this.startReconnect(f);
    }
  }

  /** Starts a reconnect cycle now (the API's "Reconnect"). Resolves when it succeeded or gave up. */
  async reconnect(): Promise<void> {
    if (this.current === 'closed') return;
    if (this.current !== 'reconnecting') this.startReconnect(this.lastFailure ?? this.lost('Reconnect requested.'));
    await new Promise<void>((resolve) => {
      const off = this.onState((e) => {
        if (e.state !== 'reconnecting') {
          off();
          resolve();
        }
      });
    });
  }

  async close(): Promise<void> {
    if (this.current === 'closed' && !this.pool) return;
    this.generation++;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const pool = this.pool;
    this.pool = undefined;
    this.setState({ state: 'closed' });
    if (pool) await this.dispose(pool);
  }

  // --- internals ---

  private refuse(message: string, hint: string, code = 'ERECONNECTING', kind: ConnectionFailure['kind'] = 'unreachable'): never {
    throw new ConnectionFailure(kind, message, hint, undefined, code, 'request');
  }

  private lost(message: string): ConnectionFailure {
    return new ConnectionFailure('unreachable', message, 'MSX Studio reconnects on its own.', undefined, 'ESOCKET', 'request');
  }

  private map(e: unknown, phase: 'connect' | 'request'): Error {
    return mapDriverError(e, this.failureContext(phase));
  }

  private setState(e: ConnectionStateEvent): void {
    this.current = e.state;
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch {
        // A listener's failure is its own; the connection carries on.
      }
    }
  }

  private createPool(gen: number): DriverPool {
    this.loginError = undefined;
    const config = buildPoolConfig(this.options, this.address, { beforeConnect: (conn) => this.watch(conn as unknown as WatchedConnection, gen) });
    const pool = this.driver.createPool(config);
    // mssql emits 'error' for failed acquisitions and connection errors; unheard, an
    // EventEmitter 'error' would crash the process. Requests see those failures themselves.
    pool.on('error', () => undefined);
    return pool;
  }

  /**
   * Watches each tedious connection of a pool: the error token SQL Server sends with a failed
   * login (tedious keeps only its text; the number, 18456 or another, comes from this), and a
   * socket error on a logged-in connection, which is the server going away under an idle pool.
   */
  private watch(conn: WatchedConnection, gen: number): void {
    let loggedIn = false;
    conn.on('errorMessage', ((token: { number?: number; class?: number; state?: number; message?: string }) => {
      if (!loggedIn && typeof token?.number === 'number') {
        this.loginError = { number: token.number, class: token.class, state: token.state, message: token.message ?? '' };
      }
    }) as never);
    conn.on('connect', ((err?: unknown) => {
      if (!err) loggedIn = true;
    }) as never);
    conn.on('error', ((err: unknown) => {
      if (!loggedIn || gen !== this.generation || this.current !== 'open') return;
      const f = this.map(err, 'request');
      if (f instanceof ConnectionFailure && isConnectionLost(f)) this.startReconnect(f);
    }) as never);
  }

  private async dispose(pool: DriverPool): Promise<void> {
    try {
      await pool.close();
    } catch {
      // Closing a pool that is broken or still connecting may fail; it is being dropped anyway.
    }
    pool.removeAllListeners();
    pool.on('error', () => undefined);
  }

  private startReconnect(reason: ConnectionFailure): void {
    if (this.current === 'closed' || this.current === 'reconnecting') return;
    this.lastFailure = reason;
    this.generation++;
    const old = this.pool;
    this.pool = undefined;
    if (old) void this.dispose(old);
    this.attempt = 0;
    this.scheduleAttempt(reason);
  }

  private scheduleAttempt(reason: ConnectionFailure): void {
    this.attempt++;
    if (this.attempt > this.policy.maxAttempts) {
      this.setState({
        state: 'error',
        message: `Could not reconnect to ${this.address.display} after ${this.policy.maxAttempts} attempts: ${reason.message}`,
        failure: reason,
      });
      return;
    }
    const delay = backoffDelay(this.attempt, this.policy, this.random);
    this.setState({ state: 'reconnecting', message: reason.message, attempt: this.attempt, maxAttempts: this.policy.maxAttempts, retryInMs: delay, failure: reason });
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.tryReconnect();
    }, delay);
  }

  private async tryReconnect(): Promise<void> {
    const gen = ++this.generation;
    const pool = this.createPool(gen);
    try {
      await pool.connect();
    } catch (e) {
      await this.dispose(pool);
      if (gen !== this.generation || this.current !== 'reconnecting') return;
      const mapped = this.map(e, 'connect');
      const f = mapped instanceof ConnectionFailure ? mapped : new ConnectionFailure('other', mapped.message, 'Reconnecting failed.', undefined, undefined, 'connect');
      this.lastFailure = f;
      if (isPermanent(f)) {
        this.setState({ state: 'error', message: f.message, failure: f });
        return;
      }
      this.scheduleAttempt(f);
      return;
    }
    if (gen !== this.generation || this.current !== 'reconnecting') {
      await this.dispose(pool);
      return;
    }
    this.pool = pool;
    this.attempt = 0;
    this.lastFailure = undefined;
    this.setState({ state: 'open' });
  }

  /** Swaps in a fresh pool; the old one finishes its running requests and closes. */
  private recycle(): Promise<void> {
    if (this.recycling) return this.recycling;
    const run = async () => {
      const gen = ++this.generation;
      const pool = this.createPool(gen);
      try {
        await pool.connect();
      } catch (e) {
        await this.dispose(pool);
        if (gen !== this.generation) return;
        const f = this.map(e, 'connect');
        if (f instanceof ConnectionFailure) this.startReconnect(f);
        return;
      }
      if (gen !== this.generation || this.current !== 'open') {
        await this.dispose(pool);
        return;
      }
      const old = this.pool;
      this.pool = pool;
      if (old) await this.dispose(old);
    };
    this.recycling = run().finally(() => {
      this.recycling = undefined;
    });
    return this.recycling;
  }
}
