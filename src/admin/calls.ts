// A planned call is what a workflow will run, before it runs: the Script buttons render these,
// and the workflows execute exactly these, so the script shown is the script run.
import { isSqlServerError } from '../msx/errors';
import type { InfoMessage, MsdbExecutor, ProcResult, SqlValue } from '../msdb/executor';

export interface PlannedCall {
  /** Bare msdb procedure name, e.g. `sp_post_msx_operation`. */
  proc: string;
  /** Named parameters without `@`, in the order the script shows them. */
  params: Record<string, SqlValue>;
  /** Run on this server's own connection (a target), not on the connection's server (the master). */
  server?: string;
}

/** How SQL Server reported a failed call: number and severity when msdb raised it, else only the text. */
export interface CallError {
  number?: number;
  severity?: number;
  message: string;
}

export type CallOutcome =
  | { call: PlannedCall; ok: true; returnValue: number; messages: InfoMessage[] }
  | { call: PlannedCall; ok: false; error: CallError; messages: InfoMessage[] };

export function call(proc: string, params: Record<string, SqlValue | undefined> = {}, server?: string): PlannedCall {
  const clean: Record<string, SqlValue> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined) clean[k] = v;
  return server === undefined ? { proc, params: clean } : { proc, params: clean, server };
}

export function run(exec: MsdbExecutor, c: PlannedCall): Promise<ProcResult> {
  return exec.exec(c.proc, c.params);
}

export function callError(e: unknown): CallError {
  if (isSqlServerError(e)) return { number: e.number, severity: e.severity, message: e.message };
  return { message: e instanceof Error ? e.message : String(e) };
}

/** Runs one call, capturing a failure as a value so the calls after it still run. */
export async function attempt(exec: MsdbExecutor, c: PlannedCall): Promise<CallOutcome> {
  try {
    const r = await run(exec, c);
    return { call: c, ok: true, returnValue: r.returnValue, messages: r.messages };
  } catch (e) {
    return { call: c, ok: false, error: callError(e), messages: [] };
  }
}

/** Runs calls one after another on one connection; one failing does not stop the others. */
export async function attemptEach(exec: MsdbExecutor, calls: readonly PlannedCall[]): Promise<CallOutcome[]> {
  const out: CallOutcome[] = [];
  for (const c of calls) out.push(await attempt(exec, c));
  return out;
}

/** The first result set, or none when the procedure returned no result set. */
export function firstRecordset(r: ProcResult): Array<Record<string, unknown>> {
  return r.recordsets[0] ?? [];
}

/**
 * Runs calls that depend on each other, in order, stopping at the first failure. When the first
 * call fails nothing has changed, so its error is thrown (the caller sees SQL Server's number); a
 * later failure comes back as ok: false with the outcomes so far.
 */
export async function runCalls(master: MsdbExecutor, calls: PlannedCall[]): Promise<{ outcomes: CallOutcome[]; ok: boolean }> {
  const outcomes: CallOutcome[] = [];
  for (const [i, c] of calls.entries()) {
    if (i === 0) {
      const r = await run(master, c);
      outcomes.push({ call: c, ok: true, returnValue: r.returnValue, messages: r.messages });
      continue;
    }
    const o = await attempt(master, c);
    outcomes.push(o);
    if (!o.ok) break;
  }
  return { outcomes, ok: outcomes.length === calls.length && outcomes.every((o) => o.ok) };
}
