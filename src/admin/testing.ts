// Fixtures for the workflow tests (imported by *.test.ts only): the embedded lab on virtual time.
// The workflows themselves never import the lab; only their tests run against it.
import { VirtualScheduler } from '../agent/scheduler';
import { Lab } from '../lab/lab';
import { defaultScenario, type Scenario } from '../lab/scenario';
import { SqlServerError } from '../msx/errors';
import type { MsdbExecutor, ProcResult, SqlValue } from '../msdb/executor';

export async function labFixture(scenario: Scenario = defaultScenario()) {
  const scheduler = new VirtualScheduler();
  const lab = await Lab.create(scenario, { scheduler });
  // The scenario's own rows (every job downloaded once) are history; tests look at what comes after.
  const baseline = Number(lab.master.db.value('SELECT COALESCE(MAX(instance_id), 0) FROM sysdownloadlist'));
  return {
    lab,
    scheduler,
    master: lab.executor(),
    resolve: (server: string) => lab.targetExecutor(server),
    /** The master's whole database file, to prove a refused call wrote nothing. */
    snapshot: () => Buffer.from(lab.master.db.export()),
    /** The master's wall clock now, as sp_help_targetserver's dates are. */
    masterNow: () => new Date(lab.master.nowMs()),
    /** sysdownloadlist rows posted since the lab was built. */
    queue: () =>
      lab.master.db.all<{ instance_id: number; operation_code: number; object_id: string; target_server: string; status: number; error_message: string | null }>(
        'SELECT instance_id, operation_code, object_id, target_server, status, error_message FROM sysdownloadlist WHERE instance_id > ? ORDER BY instance_id',
        [baseline],
      ),
  };
}

/** An executor that records every call it passes on. */
export function recording(inner: MsdbExecutor): MsdbExecutor & { calls: Array<{ proc: string; params: Record<string, SqlValue | undefined> }> } {
  const calls: Array<{ proc: string; params: Record<string, SqlValue | undefined> }> = [];
  return {
    calls,
    exec: (proc: string, params?: Record<string, SqlValue | undefined>): Promise<ProcResult> => {
      calls.push({ proc, params: { ...(params ?? {}) } });
      return inner.exec(proc, params);
    },
    serverInfo: () => inner.serverInfo(),
    agentRegistry: () => inner.agentRegistry(),
  };
}

/** The SqlServerError a promise rejects with (fails the test otherwise). */
export async function sqlError(p: Promise<unknown>): Promise<SqlServerError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof SqlServerError)) throw new Error(`expected a SqlServerError, got ${String(e)}`);
  return e;
}

/** Whatever a promise rejects with (fails the test if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<unknown> {
  const r = await p.then(
    () => ({ resolved: true as const }),
    (err: unknown) => ({ resolved: false as const, err }),
  );
  if (r.resolved) throw new Error('expected a rejection');
  return r.err;
}
