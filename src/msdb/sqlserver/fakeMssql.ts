// A fake of the mssql slice in driver.ts, for tests: it records every request exactly as the
// executor sent it (procedure or batch, parameter names, SQL types, values, timeout) and answers
// with scripted results. Errors are built with mssql's own RequestError / ConnectionError
// classes, the way mssql builds them from tedious, so the mapping is tested on the real shapes.
import { EventEmitter } from 'node:events';
import mssql from 'mssql';
import type { DriverInfoMessage, DriverPool, DriverProcedureResult, DriverRequest, PoolConfig, SqlDriver, SqlType } from './driver';
import { sqlTypeName } from './params';

export interface SentParam {
  name: string;
  /** `NVarChar(128)`, `Int`, `UniqueIdentifier`... */
  type: string;
  sqlType: SqlType;
  value: unknown;
}

export interface SentRequest {
  kind: 'execute' | 'query';
  /** For execute: the procedure name as sent. */
  procedure?: string;
  /** For query: the batch text. */
  command?: string;
  params: SentParam[];
  requestTimeout?: number;
  pool: FakePool;
  canceled: boolean;
}

export interface FakeResponse {
  returnValue?: number;
  recordsets?: Array<Array<Record<string, unknown>>>;
  info?: Array<Partial<DriverInfoMessage> & { number: number; message: string }>;
  /** Rejects with this (after emitting `info`). */
  error?: unknown;
  /** Holds the answer until this settles (to test cancellation and timeouts). */
  until?: Promise<unknown>;
}

export type Responder = (req: SentRequest) => FakeResponse | Promise<FakeResponse>;

/** What the fake tedious connection handed to `beforeConnect` can emit. */
export class FakeTediousConnection extends EventEmitter {}

export type ConnectBehaviour = (pool: FakePool, conn: FakeTediousConnection) => void | Promise<void>;

export class FakeRequest extends EventEmitter implements DriverRequest {
  readonly params: SentParam[] = [];
  private rejectInFlight: ((e: unknown) => void) | undefined;
  canceled = false;

  constructor(
    private readonly pool: FakePool,
    private readonly requestTimeout: number | undefined,
  ) {
    super();
  }

  input(name: string, type: SqlType, value: unknown): this {
    if (this.params.some((p) => p.name === name)) throw new mssql.RequestError(`The parameter name ${name} has already been declared.`, 'EARGS');
    this.params.push({ name, type: sqlTypeName(type), sqlType: type, value });
    return this;
  }

  execute(procedure: string): Promise<DriverProcedureResult> {
    return this.send({ kind: 'execute', procedure });
  }

  query(command: string): Promise<DriverProcedureResult> {
    return this.send({ kind: 'query', command });
  }

  cancel(): void {
    this.canceled = true;
    // What mssql does: tedious sends an attention, the request ends with ECANCEL.
    this.rejectInFlight?.(new mssql.RequestError(Object.assign(new Error('Canceled.'), { code: 'ECANCEL' }), 'EREQUEST'));
  }

  override on(event: 'info', listener: (info: DriverInfoMessage) => void): this {
    return super.on(event, listener);
  }

  private async send(what: { kind: 'execute' | 'query'; procedure?: string; command?: string }): Promise<DriverProcedureResult> {
    const driver = this.pool.driver;
    if (!this.pool.connected) throw new mssql.ConnectionError('Connection is closed.', 'ECONNCLOSED');
    const sent: SentRequest = { ...what, params: [...this.params], pool: this.pool, canceled: this.canceled };
    if (this.requestTimeout !== undefined) sent.requestTimeout = this.requestTimeout;
    driver.sent.push(sent);
    if (this.canceled) throw new mssql.RequestError('Canceled.', 'ECANCEL');
    const aborted = new Promise<never>((_, reject) => {
      this.rejectInFlight = reject;
    });
    aborted.catch(() => undefined);
    try {
      const response = await Promise.race([Promise.resolve(driver.responder(sent)), aborted]);
      if (response.until) await Promise.race([response.until, aborted]);
      for (const m of response.info ?? []) {
        this.emit('info', { state: 1, class: 10, lineNumber: 1, serverName: 'FAKE', procName: what.procedure ?? '', ...m });
      }
      if (response.error !== undefined) throw response.error;
      return { returnValue: response.returnValue ?? 0, recordsets: withColumns(response.recordsets ?? []) };
    } finally {
      sent.canceled = this.canceled;
      this.rejectInFlight = undefined;
    }
  }
}

/** mssql's recordsets carry a `columns` member and toTable(); the executor must strip them. */
function withColumns(recordsets: Array<Array<Record<string, unknown>>>): unknown[] {
  return recordsets.map((rs) => {
    const copy = rs.map((r) => ({ ...r })) as Array<Record<string, unknown>> & { columns?: unknown; toTable?: unknown };
    copy.columns = Object.fromEntries(Object.keys(rs[0] ?? {}).map((k, index) => [k, { index, name: k }]));
    copy.toTable = () => undefined;
    return copy;
  });
}

export class FakePool extends EventEmitter implements DriverPool {
  connected = false;
  closed = false;
  readonly connections: FakeTediousConnection[] = [];

  constructor(
    readonly driver: FakeDriver,
    readonly config: PoolConfig,
  ) {
    super();
  }

  async connect(): Promise<this> {
    const conn = new FakeTediousConnection();
    this.connections.push(conn);
    this.config.beforeConnect?.(conn as never);
    await this.driver.connectBehaviour(this, conn);
    conn.emit('connect');
    this.connected = true;
    return this;
  }

  async close(): Promise<void> {
    this.connected = false;
    this.closed = true;
  }

  request(overrides?: { requestTimeout?: number }): FakeRequest {
    return new FakeRequest(this, overrides?.requestTimeout);
  }

  /** The server drops an idle, logged-in session: what tedious emits then. */
  dropConnection(): void {
    const err = Object.assign(new Error('Connection lost - socket hang up'), { code: 'ESOCKET' });
    for (const c of this.connections) c.emit('error', err);
  }
}

export class FakeDriver implements SqlDriver {
  readonly pools: FakePool[] = [];
  readonly sent: SentRequest[] = [];
  responder: Responder = () => ({});
  connectBehaviour: ConnectBehaviour = () => undefined;

  createPool(config: PoolConfig): FakePool {
    const pool = new FakePool(this, config);
    this.pools.push(pool);
    return pool;
  }

  /** Procedure calls only (not the serverInfo batch). */
  get executed(): SentRequest[] {
    return this.sent.filter((s) => s.kind === 'execute');
  }

  last(): SentRequest {
    const s = this.sent.at(-1);
    if (!s) throw new Error('Nothing was sent.');
    return s;
  }
}

// --- errors as mssql builds them ---

/** A SQL Server error as mssql rejects with it (RequestError from a tedious ERROR token). */
export function sqlError(
  number: number,
  severity: number,
  message: string,
  extra: { state?: number; procName?: string; lineNumber?: number } = {},
): mssql.RequestError {
  const info = { number, class: severity, state: extra.state ?? 1, message, procName: extra.procName ?? '', lineNumber: extra.lineNumber ?? 1, serverName: 'FAKE' };
  return new mssql.RequestError(Object.assign(new Error(message), { info }), 'EREQUEST');
}

/** Several errors in one call: mssql rejects with the last and lists the others as precedingErrors. */
export function sqlErrors(...errors: mssql.RequestError[]): mssql.RequestError {
  const last = errors[errors.length - 1];
  (last as unknown as { precedingErrors: unknown[] }).precedingErrors = errors.slice(0, -1);
  return last;
}

/** A connection error as mssql's pool rejects with it: ConnectionError wrapping tedious' error. */
export function connectionError(code: string, message: string, cause?: unknown): mssql.ConnectionError {
  const tedious = Object.assign(new Error(message, cause === undefined ? undefined : { cause }), { code });
  return new mssql.ConnectionError(tedious);
}
