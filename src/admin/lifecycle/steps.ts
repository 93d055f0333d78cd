// A lifecycle action (make a target, make a master, defect, the runbook's halves) is a list of
// steps, each one msdb call on one server's own connection. The wizards' summary page shows the
// steps' T-SQL before anything runs (script mode); the progress page shows each step's outcome,
// with SQL Server's messages, as SSMS's wizards do.
import type { MsdbExecutor } from '../../msdb/executor';
import { attempt, type CallOutcome, type PlannedCall } from '../calls';
import { renderCall } from '../script';

/** What a step does, for the progress page's line (the UI words it). */
export type StepAction =
  | 'addOperator' // sp_add_operator MSXOperator on the new master
  | 'enlist' // sp_msx_enlist on the target
  | 'defect' // sp_msx_defect on the target
  | 'forcedDefect' // sp_msx_defect @forced_defection = 1 on the target
  | 'deleteTargetServer' // sp_delete_targetserver on the master
  | 'addGroup' // sp_add_targetservergroup
  | 'addGroupMember' // sp_add_targetsvrgrp_member
  | 'addJobServer' // sp_add_jobserver
  | 'setPollInterval'; // sp_post_msx_operation SET-POLL

export interface LifecycleStep {
  action: StepAction;
  /** The server whose own connection runs the call. */
  server: string;
  call: PlannedCall;
  /** The run's outcome; null when nothing ran (script mode, or skipped). */
  outcome: CallOutcome | null;
  /** Why the step did not run although the action ran (an earlier step it needs failed, or no connection). */
  skipped?: string;
  /** Index of the step this one needs (a target's enlistment before its group memberships...). */
  after?: number;
}

export interface LifecycleResult {
  /** false in script mode: the steps are what would run. */
  ran: boolean;
  /** Every step ran and succeeded (false in script mode only when a step could not be planned). */
  ok: boolean;
  steps: LifecycleStep[];
  /** The whole T-SQL, a `-- On SERVER:` comment before each server's calls. */
  script: string;
}

/** A step before it runs. */
export function step(action: StepAction, server: string, call: PlannedCall, after?: number): LifecycleStep {
  const s: LifecycleStep = { action, server, call: { ...call, server }, outcome: null };
  if (after !== undefined) s.after = after;
  return s;
}

/** The script of the steps: each server's calls under a comment naming it, in step order. */
export function renderSteps(steps: readonly LifecycleStep[]): string {
  const lines: string[] = [];
  let current: string | undefined;
  for (const s of steps) {
    if (s.server !== current) {
      if (lines.length) lines.push('');
      lines.push(`-- On ${s.server}:`);
      current = s.server;
    }
    lines.push(renderCall(s.call));
  }
  return lines.join('\n');
}

export function scriptOnly(steps: LifecycleStep[]): LifecycleResult {
  return { ran: false, ok: !steps.some((s) => s.skipped), steps, script: renderSteps(steps) };
}

/** A connection to a server by name: the lab server's, a registered server's, or an open connection's. */
export type ServerConnections = (server: string) => MsdbExecutor | undefined | Promise<MsdbExecutor | undefined>;

/**
 * Runs the steps in order on their servers' connections. A step whose `after` step failed (or
 * whose server has no connection) is skipped with the reason; the others still run, so one
 * unreachable target does not stop the rest.
 */
export async function runSteps(steps: LifecycleStep[], connect: ServerConnections): Promise<LifecycleResult> {
  const failed = new Set<number>();
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    if (s.skipped) {
      failed.add(i);
      continue;
    }
    if (s.after !== undefined && failed.has(s.after)) {
      s.skipped = `Not run: step ${s.after + 1} (${steps[s.after].call.proc} on ${steps[s.after].server}) did not succeed.`;
      failed.add(i);
      continue;
    }
    const exec = await connect(s.server);
    if (!exec) {
      s.skipped = noConnection(s.server);
      failed.add(i);
      continue;
    }
    s.outcome = await attempt(exec, s.call);
    if (!s.outcome.ok || s.outcome.returnValue !== 0) failed.add(i);
  }
  return { ran: true, ok: failed.size === 0, steps, script: renderSteps(steps) };
}

export function noConnection(server: string): string {
  return `No connection to '${server}': register it (or connect to it) so its own msdb can be reached.`;
}
