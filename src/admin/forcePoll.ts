// Force Poll (spec §8.3, issue 3). No download instruction makes a target poll early: the only
// hook is sp_sqlagent_notify @op_type = 'P', which signals the Agent of the server it runs on, so
// it must run on each target's own connection. Beside the signal, a SET-POLL carrying the
// interval the target will have anyway is posted, so the target also gets a queued instruction
// (its instance_id shows in the grid) and a pending interval change is never undone.
import { decodeIntFromGuid, encodeIntAsGuid } from '../msx/guid';
import { isSqlServerError } from '../msx/errors';
import { POLL_INTERVAL_MAX, POLL_INTERVAL_MIN } from '../msx/operations';
import type { MsdbExecutor } from '../msdb/executor';
import { attempt, call, callError, firstRecordset, run, type CallError, type PlannedCall } from './calls';
import { WorkflowError } from './errors';
import { requireTargets } from './targets';
import { num, str } from './values';

/** A connection to a target's own msdb, when the target is a registered server; undefined otherwise. */
export type TargetResolver = (server: string) => MsdbExecutor | undefined | Promise<MsdbExecutor | undefined>;

export type SignalOutcome = 'signalled' | 'notRegistered' | 'unreachable' | 'failed';

export interface ForcePollTarget {
  server: string;
  /** The value posted: the last pending SET-POLL's, else the current poll_interval. */
  pollInterval: number;
  /** Where the value came from; `pending` names the pending SET-POLL row. */
  source: 'pending' | 'current';
  pendingInstanceId: number | null;
  lastPollDate: Date;
  currentPollInterval: number;
}

export interface ForcePollPlan {
  targets: ForcePollTarget[];
  /** The posts on the master, then one sp_sqlagent_notify per target (with `server` set). */
  calls: PlannedCall[];
}

export interface ForcePollResult {
  server: string;
  /** The SET-POLL row posted; null when msdb posted none (a login that is not sysadmin: spec §3.2 step 2). */
  instanceId: number | null;
  /** SQL Server's 14230 text, e.g. "SP_POST_MSX_OPERATION: 1 SET-POLL download instruction(s) posted." */
  message: string | null;
  pollInterval: number;
  signal: SignalOutcome;
  /** Why the target was not signalled, in words a DBA can act on. */
  reason?: string;
  /** SQL Server's message number when the reason came from a server. */
  errorNumber?: number;
  /** Not signalled: when the target's next regular poll is due (last poll + interval, master clock). */
  nextPollDueAt?: Date;
}

const SET_POLL = 'SET-POLL';
/** sp_sqlagent_notify reports an Agent it cannot reach as "SQLServerAgent Error: ..." (22022). */
const AGENT_ERROR = 22022;

function postCall(server: string, value: number): PlannedCall {
  return call('sp_post_msx_operation', { operation: SET_POLL, object_type: 'SERVER', specific_target_server: server, value });
}

export function notifyCall(server: string): PlannedCall {
  return call('sp_sqlagent_notify', { op_type: 'P' }, server);
}

const validInterval = (v: number) => Number.isInteger(v) && v >= POLL_INTERVAL_MIN && v <= POLL_INTERVAL_MAX;

/** Reads the targets and their pending SET-POLLs (two calls), and plans what Force Poll will run. */
export async function planForcePoll(master: MsdbExecutor, servers: readonly string[]): Promise<ForcePollPlan> {
  if (servers.length === 0) throw new WorkflowError('INVALID_PARAMS', 'Select at least one target server to poll.');
  const targets = await requireTargets(master, servers);
  const pending = firstRecordset(await run(master, call('sp_help_downloadlist', { operation: SET_POLL, status: 0 })));
  const lastPending = new Map<string, { instanceId: number; value: number }>();
  for (const r of pending) {
    const key = str(r.target_server).toUpperCase();
    const instanceId = num(r.instance_id);
    const value = decodeIntFromGuid(str(r.object_id));
    const prev = lastPending.get(key);
    if (validInterval(value) && (!prev || instanceId > prev.instanceId)) lastPending.set(key, { instanceId, value });
  }
  const planned = targets.map((t): ForcePollTarget => {
    const p = lastPending.get(t.serverName.toUpperCase());
    return {
      server: t.serverName,
      pollInterval: p ? p.value : t.pollInterval,
      source: p ? 'pending' : 'current',
      pendingInstanceId: p ? p.instanceId : null,
      lastPollDate: t.lastPollDate,
      currentPollInterval: t.pollInterval,
    };
  });
  return {
    targets: planned,
    calls: [...planned.map((t) => postCall(t.server, t.pollInterval)), ...planned.map((t) => notifyCall(t.server))],
  };
}

/**
 * Why a value in Force Poll's script differs from the grid's Poll Interval: a SET-POLL is still
 * pending for that target, and Force Poll re-posts its value so the change is not undone.
 * One sentence per such target, for the script's comments (they go through sqlComment).
 */
export function forcePollNotes(targets: readonly ForcePollTarget[]): string[] {
  return targets
    .filter((t) => t.source === 'pending' && t.pollInterval !== t.currentPollInterval)
    .map(
      (t) =>
        `${t.server}: @value = ${t.pollInterval}, not its current ${t.currentPollInterval} s: SET-POLL instruction ${t.pendingInstanceId} (${t.pollInterval} s) is still pending, and Force Poll re-posts it so the change is not undone.`,
    );
}

/** The row a post just added: the newest SET-POLL of that target carrying the value (pending first, as it nearly always is). */
async function findPosted(master: MsdbExecutor, server: string, value: number): Promise<number | null> {
  const objectId = encodeIntAsGuid(value);
  for (const status of [0, undefined]) {
    const rows = firstRecordset(await run(master, call('sp_help_downloadlist', { operation: SET_POLL, target_server: server, status })));
    const ids = rows.filter((r) => str(r.object_id).toUpperCase() === objectId).map((r) => num(r.instance_id));
    if (ids.length) return Math.max(...ids);
  }
  return null;
}

async function signal(server: string, resolve: TargetResolver): Promise<Pick<ForcePollResult, 'signal' | 'reason' | 'errorNumber'>> {
  let target: MsdbExecutor | undefined;
  try {
    target = await resolve(server);
  } catch (e) {
    return { signal: 'unreachable', reason: `Cannot connect to ${server}: ${callError(e).message}` };
  }
  if (!target) {
    return {
      signal: 'notRegistered',
      reason: `${server} is not a registered server, so its SQL Server Agent cannot be signalled from here. It reads the instruction at its next regular poll.`,
    };
  }
  try {
    await run(target, notifyCall(server));
    return { signal: 'signalled' };
  } catch (e) {
    if (!isSqlServerError(e)) return { signal: 'unreachable', reason: callError(e).message };
    // A stopped Agent cannot be told either: the target polls again on its own once it runs.
    const outcome = e.number === AGENT_ERROR ? 'unreachable' : 'failed';
    return { signal: outcome, reason: e.message, errorNumber: e.number };
  }
}

/**
 * Force Poll for the selected targets. Posts run one after another on the master; the signals go
 * to the targets at the same time. One target failing never stops the others.
 */
export async function forcePoll(master: MsdbExecutor, servers: readonly string[], resolve: TargetResolver): Promise<ForcePollResult[]> {
  const plan = await planForcePoll(master, servers);
  const posts: Array<{ t: ForcePollTarget; instanceId: number | null; message: string | null; failure?: CallError }> = [];
  for (const [i, t] of plan.targets.entries()) {
    const outcome = await attempt(master, plan.calls[i]);
    if (!outcome.ok) {
      posts.push({ t, instanceId: null, message: null, failure: outcome.error });
      continue;
    }
    const message = outcome.messages.find((m) => m.number === 14230)?.text ?? null;
    // No 14230: msdb posted nothing, silently (spec §3.2), so there is no row to look for.
    const instanceId = message === null ? null : await findPosted(master, t.server, t.pollInterval).catch(() => null);
    posts.push({ t, instanceId, message });
  }
  return Promise.all(
    posts.map(async ({ t, instanceId, message, failure }): Promise<ForcePollResult> => {
      // A post that failed is not followed by a signal: something is wrong with that target at the master.
      const s = failure
        ? { signal: 'failed' as const, reason: failure.message, ...(failure.number === undefined ? {} : { errorNumber: failure.number }) }
        : await signal(t.server, resolve);
      const out: ForcePollResult = { server: t.server, instanceId, message, pollInterval: t.pollInterval, ...s };
      if (out.signal !== 'signalled') out.nextPollDueAt = new Date(t.lastPollDate.getTime() + t.currentPollInterval * 1000);
      return out;
    }),
  );
}
