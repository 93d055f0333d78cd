// Resynchronize (spec §4.3): sp_resync_targetserver drops a target's queue and re-posts every
// job to it (DELETE all, INSERT all). 'ALL' does it for every target in one call. Pending SERVER
// instructions (SET-POLL, DEFECT...) are lost, which the dialog should say.
import type { MsdbExecutor } from '../msdb/executor';
import { attemptEach, call, type CallOutcome, type PlannedCall } from './calls';
import { parseOrThrow } from './errors';
import { serverList } from './schemas';
import { requireTargets } from './targets';

export type ResyncTargets = 'all' | readonly string[];

export function planResync(servers: ResyncTargets): PlannedCall[] {
  if (servers === 'all') return [call('sp_resync_targetserver', { server_name: 'ALL' })];
  return parseOrThrow(serverList, servers).map((s) => call('sp_resync_targetserver', { server_name: s }));
}

export async function resync(master: MsdbExecutor, servers: ResyncTargets): Promise<CallOutcome[]> {
  const calls = planResync(servers);
  if (servers !== 'all') await requireTargets(master, servers);
  return attemptEach(master, calls);
}
