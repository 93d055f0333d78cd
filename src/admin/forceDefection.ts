// Force Defection (spec §8.1): for each selected target, sp_delete_targetserver with the download
// list cleared and a DEFECT posted, so the target defects at its next poll and the master forgets
// it now. The DEFECT row outlives the target row (spec §4.3).
import type { MsdbExecutor } from '../msdb/executor';
import { attemptEach, call, type CallOutcome, type PlannedCall } from './calls';
import { parseOrThrow } from './errors';
import { serverList } from './schemas';
import { requireTargets } from './targets';

export function planForceDefection(servers: readonly string[]): PlannedCall[] {
  return parseOrThrow(serverList, servers).map((s) =>
    call('sp_delete_targetserver', { server_name: s, clear_downloadlist: 1, post_defection: 1 }),
  );
}

export async function forceDefection(master: MsdbExecutor, servers: readonly string[]): Promise<CallOutcome[]> {
  const calls = planForceDefection(servers);
  await requireTargets(master, servers);
  return attemptEach(master, calls);
}
