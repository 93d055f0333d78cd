// What a lab event makes stale in the Target Server Status grid. A poll, a download, an errored
// instruction or a status change (Offline, Blocked) touches one target's row: that row is re-read
// on its own (sp_help_targetserver @server_name), so a 10,000-target fleet polling a thousand
// times a second costs a few small reads a second, not a 3 MB list each time. What can touch
// every row (a post to all targets, a defection, a reset) re-reads the list.
import type { LabEvent } from '../../src/lab/events';
import type { TargetRow } from '../api/types';
import { isWaiting, type PollRequests } from './pollTracker';
import { sameRow } from './sharedRows';

export type Stale = { servers: string[] } | 'all' | null;

export function staleRows(e: LabEvent): Stale {
  switch (e.type) {
    case 'target.polled':
    case 'instruction.downloaded':
    case 'instruction.errored':
    case 'target.status':
      return { servers: [e.server.toUpperCase()] };
    // Any write that is not an agent's: a post names the targets it queued rows for (Force Poll's
    // SET-POLL to one target); anything else (an enlistment, a resync) may touch every row.
    case 'master.changed':
      return e.servers ? { servers: e.servers.map((s) => s.toUpperCase()) } : 'all';
    // The row goes (and a DEFECT row may be the last unread instruction).
    case 'target.defected':
    case 'lab.reset':
      return 'all';
    // Job runs, pending faults and lab controls do not change sp_help_targetserver's answer.
    default:
      return null;
  }
}

/** Past this many stale rows, one read of the list costs less than reading each. */
const JOURNAL_MAX = 5000;

/**
 * The rows lab events made stale since the list was last read, per connection. It is kept from
 * the first read of the list on (the rows are prefetched when the context menu opens, before the
 * dialog and its live view exist), so no poll falls between that read and the live view, and the
 * dialog never needs a second read of the list to start.
 */
export class StaleJournal {
  private readonly names = new Set<string>();
  private everything = false;

  note(e: LabEvent): void {
    const what = staleRows(e);
    if (what === 'all') this.markAll();
    else if (what) {
      for (const name of what.servers) this.names.add(name);
      if (this.names.size > JOURNAL_MAX) this.markAll();
    }
  }

  /** Every row is stale (events were missed, or too many rows moved). */
  markAll(): void {
    this.everything = true;
    this.names.clear();
  }

  /** A read of the whole list starts: it answers for everything noted before. */
  reset(): void {
    this.everything = false;
    this.names.clear();
  }

  get all(): boolean {
    return this.everything;
  }

  /** Whether any stale row passes `wanted`. */
  has(wanted: (name: string) => boolean = () => true): boolean {
    if (this.everything) return true;
    for (const name of this.names) if (wanted(name)) return true;
    return false;
  }

  /** Takes up to `max` stale rows that pass `wanted`, those `first` picks before the others. */
  take(max: number, first: (name: string) => boolean, wanted: (name: string) => boolean = () => true): string[] {
    const out: string[] = [];
    for (const pass of [first, (n: string) => !first(n)]) {
      for (const name of this.names) {
        if (out.length >= max) break;
        if (pass(name) && wanted(name)) out.push(name);
      }
    }
    for (const name of out) this.names.delete(name);
    return out;
  }
}

/** Row positions by upper-cased name, kept per rows array: a merge does not move rows, so its result reuses them. */
const positions = new WeakMap<readonly TargetRow[], Map<string, number>>();

function positionsOf(rows: readonly TargetRow[]): Map<string, number> {
  let at = positions.get(rows);
  if (!at) {
    at = new Map(rows.map((r, i) => [r.serverName.toUpperCase(), i]));
    positions.set(rows, at);
  }
  return at;
}

/**
 * The list with these re-read rows in place: unchanged rows keep their objects (memoized grid
 * rows do not re-render), nothing changed keeps the array. `undefined` when a row is not in the
 * list (a target enlisted since): only the whole list can say where it goes.
 */
export function mergeRows(current: TargetRow[], fresh: readonly TargetRow[]): TargetRow[] | undefined {
  const at = positionsOf(current);
  let out: TargetRow[] | undefined;
  for (const row of fresh) {
    const i = at.get(row.serverName.toUpperCase());
    if (i === undefined) return undefined;
    if (sameRow(current[i], row)) continue;
    out ??= current.slice();
    out[i] = row;
  }
  if (!out) return current;
  positions.set(out, at);
  return out;
}

/**
 * A row re-read at `readAt` as if read with the list at `listAt`: Local Time ticks in the grid
 * from the list's read time (LocalTimeCell), so a row read later has its target's clock moved
 * back by the difference. Every row then says the target's clock at one instant, which also keeps
 * sorting by Local Time true.
 */
export function asOfList(row: TargetRow, readAt: number, listAt: number): TargetRow {
  const local = Date.parse(row.localTime);
  if (!Number.isFinite(local) || readAt === listAt) return row;
  return { ...row, localTime: new Date(local - (readAt - listAt)).toISOString() };
}

/** What a live view reads next: the list, some rows by name, or nothing. */
export type Round = { read: 'list' } | { read: 'rows'; servers: string[] } | { read: 'nothing' };

/** Which rows a live view wants now: rows a Force Poll waits on always; the others with Auto refresh on. */
export function wantedRows(polls: PollRequests, autoRefresh: boolean): { waiting: (name: string) => boolean; all: boolean } {
  const waiting = (name: string) => isWaiting(polls[name]);
  return { waiting, all: autoRefresh };
}

/**
 * The next round of a live view over `journal`: the whole list when there is none yet or every
 * row is stale (with Auto refresh on); otherwise up to `max` stale rows, those a Force Poll waits
 * on first. With Auto refresh off, only waited-on rows are read, even when every row is stale.
 */
export function nextRound(journal: StaleJournal, hasList: boolean, polls: PollRequests, autoRefresh: boolean, max: number): Round {
  const { waiting, all } = wantedRows(polls, autoRefresh);
  if (!hasList || (journal.all && all)) return { read: 'list' };
  const servers = journal.all
    ? Object.values(polls)
        .filter(isWaiting)
        .map((req) => req.server.toUpperCase())
    : journal.take(max, waiting, all ? undefined : waiting);
  return servers.length ? { read: 'rows', servers } : { read: 'nothing' };
}

/** After a round: whether another is due, and whether it is urgent (a Force Poll waits on one of its rows). */
export function moreRounds(journal: StaleJournal, polls: PollRequests, autoRefresh: boolean): 'urgent' | 'soon' | null {
  if (journal.all) return null;
  const { waiting, all } = wantedRows(polls, autoRefresh);
  if (journal.has(waiting)) return 'urgent';
  return all && journal.has() ? 'soon' : null;
}
