// The slice of `mssql` this executor uses, as an interface. Production code gets it from the real
// package (mssqlDriver); tests inject a fake that records every request. Keeping the slice small
// is the point: whatever is not here is something the executor never does.
import mssql from 'mssql';
import type { ISqlType, config as MssqlConfig } from 'mssql';

/** A typed SQL parameter as mssql's type factories build it, e.g. `mssql.NVarChar(128)`. */
export type SqlType = ISqlType;

/** mssql's ConnectionPool configuration. */
export type PoolConfig = MssqlConfig;

/** What mssql's Request emits as 'info' for each informational message (severity <= 10). */
export interface DriverInfoMessage {
  message: string;
  number: number;
  state?: number;
  class: number;
  lineNumber?: number;
  serverName?: string;
  procName?: string;
}

export interface DriverProcedureResult {
  returnValue?: unknown;
  recordsets?: unknown;
}

export interface DriverQueryResult {
  recordsets?: unknown;
}

export interface DriverRequest {
  input(name: string, type: SqlType, value: unknown): unknown;
  /** An RPC call of the named procedure (tedious callProcedure); never SQL text. */
  execute(procedure: string): Promise<DriverProcedureResult>;
  /** A batch of SQL text. Used only for the constant, parameterless batches (serverInfo.ts, agentRegistry.ts). */
  query(command: string): Promise<DriverQueryResult>;
  cancel(): void;
  on(event: 'info', listener: (info: DriverInfoMessage) => void): unknown;
}

export interface DriverPool {
  connect(): Promise<unknown>;
  close(): Promise<unknown>;
  /** mssql 12 accepts per-request overrides: `pool.request({ requestTimeout })`. */
  request(overrides?: { requestTimeout?: number }): DriverRequest;
  on(event: 'error', listener: (err: unknown) => void): unknown;
  removeAllListeners(event?: string): unknown;
}

export interface SqlDriver {
  createPool(config: PoolConfig): DriverPool;
}

/** The real thing. The per-request overrides exist at runtime in mssql 12 but not in @types/mssql. */
export const mssqlDriver: SqlDriver = {
  createPool(config) {
    const pool = new mssql.ConnectionPool(config);
    const withOverrides = pool as unknown as { request(o?: { requestTimeout?: number }): mssql.Request };
    return {
      connect: () => pool.connect(),
      close: () => pool.close(),
      request: (o) => withOverrides.request(o) as unknown as DriverRequest,
      on: (event, listener) => pool.on(event, listener),
      removeAllListeners: (event) => (event === undefined ? pool.removeAllListeners() : pool.removeAllListeners(event)),
    };
  },
};

/** The type factories, re-exported so the rest of the folder never touches the module object. */
export const T = {
  NVarChar: mssql.NVarChar,
  VarChar: mssql.VarChar,
  NChar: mssql.NChar,
  Char: mssql.Char,
  Int: mssql.Int,
  BigInt: mssql.BigInt,
  TinyInt: mssql.TinyInt,
  Bit: mssql.Bit,
  Float: mssql.Float,
  DateTime: mssql.DateTime,
  UniqueIdentifier: mssql.UniqueIdentifier,
  VarBinary: mssql.VarBinary,
  MAX: mssql.MAX,
} as const;
