// The Manage Target Servers grid (spec §4.1, §8.1): one sp_help_targetserver call, rows in
// camelCase with the status bits spelled out.
import { statusFlags, type StatusFlag } from '../msx/status';
import type { MsdbExecutor } from '../msdb/executor';
import { call, firstRecordset, run, type PlannedCall } from './calls';
import { date, num, str, strOrNull } from './values';

/**
 * One target server. Dates are SQL Server datetimes (Date objects whose UTC fields are a wall
 * clock): lastPollDate and enlistDate on the master's clock, localTime on the target's.
 */
export interface TargetServer {
  serverId: number;
  serverName: string;
  location: string | null;
  /** Minutes east of GMT (spec §2.1). */
  timeZoneAdjustment: number;
  enlistDate: Date;
  lastPollDate: Date;
  /** Stored status OR-ed with the Offline (2) and Blocked (4) bits (spec §2.2). */
  status: number;
  unreadInstructions: number;
  localTime: Date;
  enlistedByNtUser: string;
  /** Seconds. */
  pollInterval: number;
  statusFlags: StatusFlag[];
}

export function listTargetsCall(serverName?: string): PlannedCall {
  return call('sp_help_targetserver', { server_name: serverName });
}

export function toTargetServer(r: Record<string, unknown>): TargetServer {
  const status = num(r.status);
  return {
    serverId: num(r.server_id),
    serverName: str(r.server_name),
    location: strOrNull(r.location),
    timeZoneAdjustment: num(r.time_zone_adjustment),
    enlistDate: date(r.enlist_date),
    lastPollDate: date(r.last_poll_date),
    status,
    unreadInstructions: num(r.unread_instructions),
    localTime: date(r.local_time),
    enlistedByNtUser: str(r.enlisted_by_nt_user),
    pollInterval: num(r.poll_interval),
    statusFlags: statusFlags(status),
  };
}

/** Every target of the master, ordered by name: exactly one call. */
export async function listTargets(master: MsdbExecutor): Promise<TargetServer[]> {
  return firstRecordset(await run(master, listTargetsCall())).map(toTargetServer);
}

/** The named targets, one sp_help_targetserver @server_name call each; msdb refuses an unknown name (14262). */
async function readEach(master: MsdbExecutor, names: readonly string[]): Promise<TargetServer[]> {
  const out: TargetServer[] = [];
  for (const name of names) {
    const [row] = firstRecordset(await run(master, listTargetsCall(name)));
    if (!row) throw new Error(`sp_help_targetserver returned no row for '${name}'.`);
    out.push(toTargetServer(row));
  }
  return out;
}

/** Distinct names (as SQL Server compares them), trimmed, in the order given. */
function distinctNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (seen.has(name.toUpperCase())) continue;
    seen.add(name.toUpperCase());
    out.push(name);
  }
  return out;
}

/**
 * A few named targets, each read on its own (one small sp_help_targetserver @server_name call
 * each), in the order given and without repeats: refreshing the rows a Force Poll waits on
 * should not read a 10,000-target fleet.
 */
export async function readTargets(master: MsdbExecutor, names: readonly string[]): Promise<TargetServer[]> {
  return readEach(master, distinctNames(names));
}

/**
 * The named targets, in the order given and without repeats. A name the master does not know is
 * refused by msdb itself (sp_help_targetserver @server_name raises 14262), before anything is
 * written, so a multi-target action never stops halfway over a typo. One name is read on its
 * own (Force Poll of one target of 10,000); several, with the list: one round trip.
 */
export async function requireTargets(master: MsdbExecutor, names: readonly string[]): Promise<TargetServer[]> {
  const wanted = distinctNames(names);
  if (wanted.length === 1) return readEach(master, wanted);
  const byName = new Map((await listTargets(master)).map((t) => [t.serverName.toUpperCase(), t]));
  const out: TargetServer[] = [];
  for (const name of wanted) {
    // Not in the list: msdb raises 14262 for an unknown name; a target enlisted a moment ago is simply returned.
    out.push(byName.get(name.toUpperCase()) ?? (await readEach(master, [name]))[0]);
  }
  return out;
}
