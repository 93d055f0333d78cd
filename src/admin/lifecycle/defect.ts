// Defect (spec §5): sp_msx_defect on the target's own connection tells the master (which then
// drops the target's row, group memberships and job servers) and forgets the master. When the
// master cannot be reached the normal defection changes nothing (return code 1); a forced
// defection goes ahead anyway, and the master keeps a row that only
// sp_delete_targetserver @post_defection = 0, run on the master, removes.
import { serverName, sysname } from '../schemas';
import { call, type PlannedCall } from '../calls';
import { parseOrThrow } from '../errors';
import { perform } from './enlist';
import { renderSteps, step, type LifecycleResult, type LifecycleStep, type ServerConnections } from './steps';

/** "SQLServerAgent Error: %s", how xp_msx_enlist's failures reach the caller. */
const AGENT_ERROR = 22022;

export function defectCall(forced: boolean): PlannedCall {
  return call('sp_msx_defect', forced ? { forced_defection: 1 } : {});
}

/** What completes a forced defection on the master: remove the row without posting a DEFECT. */
export function deleteTargetServerCall(target: string): PlannedCall {
  return call('sp_delete_targetserver', { server_name: target, post_defection: 0 });
}

export interface DefectResult extends LifecycleResult {
  /** A normal defection found its master unreachable: nothing changed; offer a forced defection. */
  masterUnreachable: boolean;
  /** Forced: the master-side call that completes the defection, and its script. */
  onMaster?: { server: string; call: PlannedCall; script: string };
}

/** Normal: one step. Forced: the target's step, then (when the master is reachable) the master's clean-up. */
export function planDefect(target: string, master: string, forced: boolean): LifecycleStep[] {
  const t = parseOrThrow(serverName, target);
  const steps = [step(forced ? 'forcedDefect' : 'defect', t, defectCall(forced))];
  if (forced) steps.push(step('deleteTargetServer', parseOrThrow(sysname, master), deleteTargetServerCall(t)));
  return steps;
}

export async function defect(target: string, master: string, forced: boolean, connect: ServerConnections, script = false): Promise<DefectResult> {
  const steps = planDefect(target, master, forced);
  const r = await perform(steps, connect, script);
  const first = r.steps[0].outcome;
  // msdb returns 1 when xp_msx_enlist could not tell the master (spec §5); a real Agent may also
  // raise its failure as SQLServerAgent Error 22022.
  const masterUnreachable = !forced && !!first && ((first.ok && first.returnValue === 1) || (!first.ok && first.error.number === AGENT_ERROR));
  const out: DefectResult = { ...r, masterUnreachable };
  if (forced) {
    const m = r.steps[1];
    out.onMaster = { server: m.server, call: m.call, script: renderSteps([m]) };
  }
  return out;
}
