import { SqlServerError } from '../../msx/errors';
import { formatMessage, severityOf, type MessageNumber } from '../../msx/messages';
import { fromSqlDatetime, toSqlDatetime } from '../../msx/datetime';
import type { InfoMessage, Recordset } from '../executor';
import type { Db } from './db';
import type { Args } from './coerce';

/** Who is calling: the executor's login. */
export interface Caller {
  login: string;
  isSysadmin: boolean;
  /** msdb roles, e.g. TargetServersRole, SQLAgentOperatorRole. */
  roles: ReadonlySet<string>;
  /** program_name(); the Agent connects as 'SQLAgent - ...'. */
  programName: string;
  /**
   * Procedures (lower case, bare names) this login was granted EXECUTE on in msdb. Procedures
   * guarded only by that permission (procs/permissions.ts) answer 229 to anyone else outside sysadmin.
   */
  executeGranted?: ReadonlySet<string>;
}

/** What a real server knows about itself outside msdb. */
export interface ServerIdentity {
  serverName: string; // @@SERVERNAME, upper case
  machineName: string; // xp_getnetname
  productVersion: string; // SERVERPROPERTY('ProductVersion')
  edition: string;
  engineEdition: number;
  /** Minutes east of UTC: minus the Windows TimeZoneInformation Bias. */
  timeZoneMinutes: number;
}

export interface ProcOutput {
  returnValue?: number;
  recordsets?: Recordset[];
}

/** Everything a simulated procedure may use. */
export interface ProcContext {
  readonly db: Db;
  readonly caller: Caller;
  readonly server: ServerIdentity;
  readonly procName: string;
  /** The server's wall clock, ms (see datetime.ts), fixed for the whole call like GETDATE() in one statement. */
  readonly nowMs: number;
  /** nowMs as stored text. */
  readonly now: string;
  /** Adds an informational message (severity <= 10), as RAISERROR(..., 10, 1) or PRINT would. */
  info(number: MessageNumber, ...args: Array<string | number | null | undefined>): void;
  /** Raises an error (severity >= 11): the call rejects and its writes are rolled back. */
  fail(number: MessageNumber, ...args: Array<string | number | null | undefined>): never;
  /** Runs another procedure in the same transaction (EXEC from inside a procedure). */
  call(proc: string, args: Record<string, string | number | null>): ProcOutput;
  readonly messages: InfoMessage[];
}

export type ProcHandler = (ctx: ProcContext, args: Args) => ProcOutput | number | void;

export interface ProcDef {
  name: string; // lower case, e.g. sp_post_msx_operation
  handler: ProcHandler;
}

export function infoMessage(number: MessageNumber, ...args: Array<string | number | null | undefined>): InfoMessage {
  return { number, severity: severityOf(number), text: formatMessage(number, ...args) };
}

export function raise(procName: string, number: MessageNumber, ...args: Array<string | number | null | undefined>): never {
  const e = SqlServerError.of(number, ...args);
  throw new SqlServerError(e.number, e.severity, e.message, 1, procName);
}

export const sqlNow = toSqlDatetime;

/** Converts stored datetime text columns of a row to Date values (datetime.ts convention). */
export function withDates<T extends Record<string, unknown>>(row: T, columns: readonly string[]): T {
  const out: Record<string, unknown> = { ...row };
  for (const c of columns) {
    const v = out[c];
    out[c] = typeof v === 'string' ? fromSqlDatetime(v) : v ?? null;
  }
  return out as T;
}

/** Trims a string argument; an empty string becomes null, as the procedures' LTRIM/RTRIM + NULLIF do. */
export function trimmed(v: string | number | null): string | null {
  if (v === null) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
}
