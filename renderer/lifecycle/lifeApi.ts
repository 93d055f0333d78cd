// The lifecycle's calls to the API in one place: enlist, defect, make master, readiness, the
// runbook. Each write has a script mode (the T-SQL, nothing run) and reports one outcome per
// msdb call, which the wizards' progress pages show as lines.
import type { MsxClient } from '../api/client';
import type { CallOutcome } from '../api/types';

export type Outcome = CallOutcome;

export interface ScriptResult {
  script: string;
}

export interface MasterOperator {
  email: string;
  pager: string;
  netSend: string;
}

/** Loosely typed until the method exists in the table on this branch; one place to adapt. */
function call<R>(client: MsxClient, method: string, params: Record<string, unknown>): Promise<R> {
  return (client.invoke as unknown as (m: string, p: unknown) => Promise<R>)(method, params);
}

export const lifeApi = {
  makeTarget: (client: MsxClient, p: { connectionId: string; master: string; location: string }) => call<Outcome[]>(client, 'lifecycle.makeTarget', p),
  makeTargetScript: (client: MsxClient, p: { connectionId: string; master: string; location: string }) =>
    call<ScriptResult>(client, 'lifecycle.makeTarget', { ...p, script: true }).then((r) => r.script),

  addTargets: (client: MsxClient, p: { connectionId: string; servers: string[] }) => call<Outcome[]>(client, 'lifecycle.addTargets', p),
  addTargetsScript: (client: MsxClient, p: { connectionId: string; servers: string[] }) =>
    call<ScriptResult>(client, 'lifecycle.addTargets', { ...p, script: true }).then((r) => r.script),

  makeMaster: (client: MsxClient, p: { connectionId: string; operator: MasterOperator; servers: string[] }) => call<Outcome[]>(client, 'lifecycle.makeMaster', p),
  makeMasterScript: (client: MsxClient, p: { connectionId: string; operator: MasterOperator; servers: string[] }) =>
    call<ScriptResult>(client, 'lifecycle.makeMaster', { ...p, script: true }).then((r) => r.script),

  defect: (client: MsxClient, p: { connectionId: string; forced: boolean }) => call<Outcome[]>(client, 'lifecycle.defect', p),
  defectScript: (client: MsxClient, p: { connectionId: string; forced: boolean }) =>
    call<ScriptResult>(client, 'lifecycle.defect', { ...p, script: true }).then((r) => r.script),
};
