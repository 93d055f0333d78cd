// The lifecycle's calls to the API in one place (src/api/methods/lifecycle.ts): enlist, defect,
// make master, readiness, the runbook. Every write has a script mode (`script: true`: the T-SQL,
// nothing run) and reports each step's outcome, which the wizards' progress pages show as lines.
import type { MsxClient } from '../api/client';
import type { ApiParams } from '../../src/api/types';

type Enlisting = ApiParams<'enlist.addTargets'>['targets'];
export type MasterOperator = ApiParams<'enlist.makeMaster'>['operator'];

export const lifeApi = {
  makeTarget: (client: MsxClient, p: { connectionId: string; master: string; location: string }, script = false) =>
    client.invoke('enlist.makeTarget', { connectionId: p.connectionId, master: p.master, location: p.location || null, script }),

  addTargets: (client: MsxClient, p: { connectionId: string; targets: Enlisting }, script = false) =>
    client.invoke('enlist.addTargets', { connectionId: p.connectionId, targets: p.targets, script }),

  makeMaster: (client: MsxClient, p: { connectionId: string; operator: MasterOperator; targets: Enlisting }, script = false) =>
    client.invoke('enlist.makeMaster', { connectionId: p.connectionId, operator: p.operator, targets: p.targets, script }),

  defect: (client: MsxClient, p: { connectionId: string; forced: boolean }, script = false) =>
    client.invoke(p.forced ? 'defect.forced' : 'defect.normal', { connectionId: p.connectionId, script }),

  completeOnMaster: (client: MsxClient, p: { connectionId: string; server: string }, script = false) =>
    client.invoke('defect.completeOnMaster', { connectionId: p.connectionId, server: p.server, script }),
};
