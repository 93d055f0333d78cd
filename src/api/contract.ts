// The one contract between the UI (or any script) and the core. Transports (Electron IPC,
// HTTP + SSE) are thin adapters over `ApiHost`.
//
// Dates: results keep Date objects in the core (a SQL Server datetime is a Date whose UTC fields
// are that server's wall clock, src/msx/datetime.ts). Transports serialise them as JSON does, to
// ISO 8601 strings ('2026-11-02T10:00:00.000Z' means 10:00 on the server's clock); `Wire<T>`
// below types what a client receives. The methods, their params and results: src/api/types.ts.

/** Error object every transport returns; `number` is SQL Server's message number when msdb raised it. */
export interface ApiError {
  /**
   * CONNECTION_FAILED: SQL Server did not answer, or refused the login (see `kind`, `number`,
   * `hint`). NOT_CONNECTED: the connection named is not open. FORBIDDEN: also a posting action on
   * a master connection whose login is not sysadmin (spec §3.2: msdb would silently post nothing).
   */
  code:
    | 'INVALID_PARAMS'
    | 'UNKNOWN_METHOD'
    | 'SQL_ERROR'
    | 'NOT_FOUND'
    | 'NOT_CONNECTED'
    | 'CONNECTION_FAILED'
    | 'UNAUTHORIZED'
    | 'FORBIDDEN'
    | 'BAD_REQUEST'
    | 'INTERNAL';
  message: string;
  /** SQL Server's message number: from msdb (SQL_ERROR), or the login error (18456...) for CONNECTION_FAILED. */
  number?: number;
  severity?: number;
  /** What to check or do, in words a DBA can act on (connection failures, refusals). */
  hint?: string;
  /** CONNECTION_FAILED: what kind of failure it was. */
  kind?: 'login' | 'unreachable' | 'timeout' | 'certificate' | 'canceled' | 'other';
  /** Field-level problems for INVALID_PARAMS: path -> message. */
  issues?: Array<{ path: string; message: string }>;
}

export type ApiResponse<T = unknown> = { result: T } | { error: ApiError };

/** Events the core pushes to every client. */
export type ApiEvent =
  | { type: 'lab'; connectionId: string; event: import('../lab/events').LabEvent }
  | { type: 'connection'; connectionId: string; state: 'open' | 'closed' | 'reconnecting' | 'error'; message?: string }
  | { type: 'refresh'; connectionId: string; at: number }
  // From the desktop shell, not the core: a menu command for the page (Help > About MSX Studio).
  | { type: 'shell'; command: 'about' };

export type { ApiMethodName, ApiMethods, ApiParams, ApiResult, ApiWireResult, Wire } from './types';

export interface ApiHost {
  /** Never throws: every failure comes back as `{ error }`. */
  dispatch(method: string, params: unknown): Promise<ApiResponse>;
  onEvent(listener: (e: ApiEvent) => void): () => void;
}
