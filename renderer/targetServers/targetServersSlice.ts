// Manage Target Servers: the targets of each master connection (sp_help_targetserver), the
// dialog's view state (tab, filter, sort, selection, auto refresh), Force Poll requests being
// tracked, and the download instructions queue.
import type { StateCreator } from 'zustand';
import type { MsxClient } from '../api/client';
import { toErrorView, type ErrorView } from '../api/errors';
import type { CallOutcome, DownloadFilter, DownloadRow, ForcePollResult, InstructionForm, TargetRow, TargetVersion } from '../api/types';
import type { SortState } from '../kit/Grid';
import { EMPTY_SELECTION, type Selection } from '../kit/gridSelection';
import type { AppState } from '../store';
import { estimateMasterOffset } from './masterClock';
import { applyResults, EMPTY_TALLY, expire, failRequests, nextTally, noteErrors, observeTargets, requestPolls, type PollRequests, type PollTally } from './pollTracker';
import { pendingOf, type PendingInfo } from './pending';
import type { Problem } from './health';
import { asOfList, mergeRows, StaleJournal } from './liveRows';
import { shareRows } from './sharedRows';

export interface TargetsData {
  rows: TargetRow[] | undefined;
  loading: boolean;
  error: ErrorView | undefined;
  /** Date.now() when the rows arrived. */
  fetchedAt: number;
  /** Master wall clock ≈ Date.now() + this (masterClock.ts). */
  masterOffsetMs: number | null;
}

export type ManageTab = 'status' | 'downloads';

export interface ManageState {
  tab: ManageTab;
  filter: string;
  sort: SortState | undefined;
  selection: Selection;
  autoRefresh: boolean;
  refreshSeconds: number;
  /** Problem counts pressed in the summary: only targets with any of them are shown (health.ts). */
  problems: Problem[];
}

/** The Download Instructions tab's own filters (sp_help_downloadlist's, plus "errors only"). */
export interface DownloadView {
  targetServer: string;
  jobName: string;
  operation: string;
  show: 'all' | 'pending' | 'downloaded' | 'errors';
}

export interface DownloadsData {
  rows: DownloadRow[] | undefined;
  loading: boolean;
  error: ErrorView | undefined;
  view: DownloadView;
  selection: Selection;
}

export const DEFAULT_MANAGE: ManageState = {
  tab: 'status',
  filter: '',
  sort: { column: 'serverName', direction: 'ascending' },
  selection: EMPTY_SELECTION,
  autoRefresh: true,
  refreshSeconds: 30,
  problems: [],
};

export const DEFAULT_DOWNLOAD_VIEW: DownloadView = { targetServer: '', jobName: '', operation: '', show: 'all' };

/** Names one targets.list call may carry (the API's limit); more go in several calls at once. */
const ROWS_PER_CALL = 100;
/**
 * Force Poll posts one SET-POLL per target, one after another: on 1,000 targets that is seconds.
 * It is sent in chunks, so the rows and the counter move as each chunk is answered.
 */
export const FORCE_POLL_CHUNK = 50;

const EMPTY_TARGETS: TargetsData = { rows: undefined, loading: false, error: undefined, fetchedAt: 0, masterOffsetMs: null };
const EMPTY_DOWNLOADS: DownloadsData = { rows: undefined, loading: false, error: undefined, view: DEFAULT_DOWNLOAD_VIEW, selection: EMPTY_SELECTION };
const EMPTY_POLLS: PollRequests = {};
const EMPTY_PENDING: PendingInfo = { oldestUnread: new Map(), errors: new Map(), readAt: 0 };

export interface TargetServersSlice {
  targets: Record<string, TargetsData>;
  manage: Record<string, ManageState>;
  polls: Record<string, PollRequests>;
  /** Force Poll's counter per connection (pollTracker.ts): asked, answered, finished; never backwards. */
  pollTally: Record<string, PollTally>;
  /** Pending instructions per target: the oldest unread and the failing one's error (pending.ts). */
  pending: Record<string, PendingInfo>;
  downloads: Record<string, DownloadsData>;
  /**
   * Each target's version by upper-case name, read on the target's own connection
   * (targets.versions) once per set of targets: the Version column and the "older version"
   * count both use it. undefined until read.
   */
  versions: Record<string, Record<string, TargetVersion> | undefined>;
  loadVersions(connectionId: string): Promise<void>;
  /** Re-reads the pending instructions (one sp_help_downloadlist @status = 0). */
  loadPending(connectionId: string): Promise<void>;
  loadTargets(connectionId: string): Promise<void>;
  /** The rows lab events made stale since the list was read (liveRows.ts); not state: nothing renders it. */
  staleJournal(connectionId: string): StaleJournal;
  /** Re-reads only these rows (targets that polled, Force Poll's as they poll), merged in place. */
  refreshTargetRows(connectionId: string, servers: string[]): Promise<void>;
  setManage(connectionId: string, patch: Partial<ManageState>): void;
  /** Starts tracking, calls targets.forcePoll; resolves to its results (rejects with the API error). */
  forcePoll(connectionId: string, servers: string[]): Promise<ForcePollResult[]>;
  expirePolls(connectionId: string): void;
  forceDefection(connectionId: string, servers: string[]): Promise<CallOutcome[]>;
  postInstruction(connectionId: string, instruction: InstructionForm): Promise<CallOutcome[]>;
  resync(connectionId: string, servers: string[]): Promise<CallOutcome[]>;
  loadDownloads(connectionId: string): Promise<void>;
  setDownloadView(connectionId: string, patch: Partial<DownloadView>): void;
  setDownloadSelection(connectionId: string, selection: Selection): void;
}

export const targetsOf = (s: AppState, id: string): TargetsData => s.targets[id] ?? EMPTY_TARGETS;
export const manageOf = (s: AppState, id: string): ManageState => s.manage[id] ?? DEFAULT_MANAGE;
export const pollsOf = (s: AppState, id: string): PollRequests => s.polls[id] ?? EMPTY_POLLS;
export const tallyOf = (s: AppState, id: string): PollTally => s.pollTally[id] ?? EMPTY_TALLY;
export const pendingInfoOf = (s: AppState, id: string): PendingInfo => s.pending[id] ?? EMPTY_PENDING;
export const downloadsOf = (s: AppState, id: string): DownloadsData => s.downloads[id] ?? EMPTY_DOWNLOADS;
export const versionsOf = (s: AppState, id: string): Record<string, TargetVersion> | undefined => s.versions[id];

/** The view's filters as sp_help_downloadlist parameters. */
export function downloadFilter(v: DownloadView): DownloadFilter {
  const f: DownloadFilter = {};
  if (v.targetServer) f.targetServer = v.targetServer;
  if (v.jobName) f.jobName = v.jobName;
  if (v.operation) f.operation = v.operation as DownloadFilter['operation'];
  if (v.show === 'pending') f.status = 0;
  if (v.show === 'downloaded') f.status = 1;
  if (v.show === 'errors') f.hasError = true;
  return f;
}

export const targetServersSlice =
  (client: MsxClient): StateCreator<AppState, [], [], TargetServersSlice> =>
  (set, get) => {
    const targetLoads = new Map<string, Promise<void>>();
    const downloadLoads = new Map<string, Promise<void>>();
    const journals = new Map<string, StaleJournal>();
    const journalOf = (id: string) => {
      let j = journals.get(id);
      if (!j) journals.set(id, (j = new StaleJournal()));
      return j;
    };
    // Noted for connections whose list has been read; before that there are no rows to be stale.
    client.on((e) => {
      if (e.type === 'lab') journals.get(e.connectionId)?.note(e.event);
    });

    const patchTargets = (id: string, patch: Partial<TargetsData>) =>
      set((s) => ({ targets: { ...s.targets, [id]: { ...targetsOf(s, id), ...patch } } }));
    const patchDownloads = (id: string, patch: Partial<DownloadsData>) =>
      set((s) => ({ downloads: { ...s.downloads, [id]: { ...downloadsOf(s, id), ...patch } } }));
    const setPolls = (id: string, f: (p: PollRequests) => PollRequests) =>
      set((s) => {
        const before = pollsOf(s, id);
        const after = f(before);
        return after === before ? s : { polls: { ...s.polls, [id]: after }, pollTally: { ...s.pollTally, [id]: nextTally(tallyOf(s, id), before, after) } };
      });
    /** The polls after fresh rows, with the tally that goes with them. */
    const observed = (s: AppState, id: string, rows: readonly TargetRow[], now: number, complete: boolean) => {
      const before = pollsOf(s, id);
      const after = observeTargets(before, rows, now, complete, pendingInfoOf(s, id).errors);
      return after === before ? null : { polls: { ...s.polls, [id]: after }, pollTally: { ...s.pollTally, [id]: nextTally(tallyOf(s, id), before, after) } };
    };
    const pendingLoads = new Map<string, Promise<void>>();
    const versionLoads = new Map<string, Promise<void>>();

    return {
      targets: {},
      manage: {},
      polls: {},
      pollTally: {},
      pending: {},
      downloads: {},
      versions: {},

      loadVersions(id) {
        const running = versionLoads.get(id);
        if (running) return running;
        const p = client
          .invoke('targets.versions', { connectionId: id })
          .then(
            (list) => set((s) => ({ versions: { ...s.versions, [id]: Object.fromEntries(list.map((v) => [v.server.toUpperCase(), v])) } })),
            // Unread versions are unknown, not a failure to show: each cell then says "not registered".
            () => set((s) => ({ versions: { ...s.versions, [id]: {} } })),
          )
          .finally(() => versionLoads.delete(id));
        versionLoads.set(id, p);
        return p;
      },
      loadPending(id) {
        const running = pendingLoads.get(id);
        if (running) return running;
        const p = client
          .invoke('downloadList.list', { connectionId: id, status: 0 })
          .then(
            (rows) => {
              const info = pendingOf(rows, Date.now());
              set((s) => ({ pending: { ...s.pending, [id]: info } }));
              setPolls(id, (q) => noteErrors(q, info.errors));
            },
            () => undefined,
          )
          .finally(() => pendingLoads.delete(id));
        pendingLoads.set(id, p);
        return p;
      },

      loadTargets(id) {
        // A load already running answers this request too (the menu prefetch and the dialog's first load).
        const running = targetLoads.get(id);
        if (running) return running;
        patchTargets(id, { loading: true });
        journalOf(id).reset();
        const p = client
          .invoke('targets.list', { connectionId: id })
          .then(
            (fresh) => {
              const now = Date.now();
              const rows = shareRows(targetsOf(get(), id).rows, fresh, (r) => r.serverName);
              const offset = estimateMasterOffset(
                rows.map((r) => Date.parse(r.lastPollDate)),
                now,
              );
              set((s) => ({
                targets: {
                  ...s.targets,
                  [id]: { rows, loading: false, error: undefined, fetchedAt: now, masterOffsetMs: offset ?? targetsOf(s, id).masterOffsetMs },
                },
                ...observed(s, id, rows, now, true),
              }));
            },
            (err: unknown) => {
              // What the failed read would have answered for is still stale.
              journalOf(id).markAll();
              patchTargets(id, { loading: false, error: toErrorView(err) });
            },
          )
          .finally(() => targetLoads.delete(id));
        targetLoads.set(id, p);
        return p;
      },

      staleJournal: journalOf,

      async refreshTargetRows(id, servers) {
        if (!servers.length || !targetsOf(get(), id).rows) return;
        let fresh: TargetRow[];
        try {
          const calls: Promise<TargetRow[]>[] = [];
          for (let i = 0; i < servers.length; i += ROWS_PER_CALL) {
            calls.push(client.invoke('targets.list', { connectionId: id, servers: servers.slice(i, i + ROWS_PER_CALL) }));
          }
          fresh = (await Promise.all(calls)).flat();
        } catch {
          // One of them is gone (defected) or the call failed: the whole list says what is true.
          return get().loadTargets(id);
        }
        const now = Date.now();
        let placed = true;
        set((s) => {
          const current = targetsOf(s, id).rows;
          if (!current) return s;
          const listAt = targetsOf(s, id).fetchedAt;
          const rows = mergeRows(
            current,
            fresh.map((r) => asOfList(r, now, listAt)),
          );
          if (!rows) {
            placed = false;
            return s;
          }
          const polls = observed(s, id, fresh, now, false);
          if (rows === current && !polls) return s;
          return {
            targets: rows === current ? s.targets : { ...s.targets, [id]: { ...targetsOf(s, id), rows } },
            ...polls,
          };
        });
        // A target enlisted since the list was read: only the list knows where its row goes.
        if (!placed) return get().loadTargets(id);
      },

      setManage(id, patch) {
        set((s) => ({ manage: { ...s.manage, [id]: { ...manageOf(s, id), ...patch } } }));
      },

      async forcePoll(id, servers) {
        const byName = new Map((targetsOf(get(), id).rows ?? []).map((r) => [r.serverName, r]));
        const tracked = servers.map((s) => byName.get(s)).filter((r): r is TargetRow => !!r);
        setPolls(id, (p) => requestPolls(p, tracked, Date.now()));
        const results: ForcePollResult[] = [];
        let firstError: unknown;
        for (let i = 0; i < servers.length; i += FORCE_POLL_CHUNK) {
          const chunk = servers.slice(i, i + FORCE_POLL_CHUNK);
          try {
            const answered = await client.invoke('targets.forcePoll', { connectionId: id, servers: chunk });
            setPolls(id, (p) => applyResults(p, answered, Date.now()));
            results.push(...answered);
          } catch (err) {
            // Nothing was posted or signalled for this chunk: its rows end saying why; the next chunks still run.
            firstError ??= err;
            setPolls(id, (p) => failRequests(p, chunk, toErrorView(err).message, Date.now()));
          }
        }
        if (results.length === 0 && firstError !== undefined) throw firstError;
        return results;
      },

      expirePolls(id) {
        setPolls(id, (p) => expire(p, Date.now()));
      },

      async forceDefection(id, servers) {
        const out = await client.invoke('targets.forceDefection', { connectionId: id, servers });
        const m = manageOf(get(), id);
        const gone = new Set(servers);
        get().setManage(id, { selection: { ...m.selection, selected: new Set([...m.selection.selected].filter((k) => !gone.has(k))) } });
        void get().loadTargets(id);
        // The master may have no target left: the Agent node's role and menu follow.
        void get().refreshServerInfo(id);
        return out;
      },

      async postInstruction(id, instruction) {
        const out = await client.invoke('targets.postInstruction', { connectionId: id, instruction });
        void get().loadTargets(id);
        return out;
      },

      async resync(id, servers) {
        const out = await client.invoke('targets.resync', { connectionId: id, servers });
        void get().loadTargets(id);
        void get().loadDownloads(id);
        return out;
      },

      loadDownloads(id) {
        const running = downloadLoads.get(id);
        if (running) return running;
        patchDownloads(id, { loading: true });
        const view = downloadsOf(get(), id).view;
        const p = client
          .invoke('downloadList.list', { connectionId: id, ...downloadFilter(view) })
          .then(
            (fresh) => {
              // A filter changed while this load ran: its answer is for the old filter.
              if (downloadsOf(get(), id).view !== view) return;
              patchDownloads(id, { rows: shareRows(downloadsOf(get(), id).rows, fresh, (r) => String(r.instanceId)), loading: false, error: undefined });
            },
            (err: unknown) => patchDownloads(id, { loading: false, error: toErrorView(err) }),
          )
          .finally(() => {
            downloadLoads.delete(id);
            if (downloadsOf(get(), id).view !== view) void get().loadDownloads(id);
            else patchDownloads(id, { loading: false });
          });
        downloadLoads.set(id, p);
        return p;
      },

      setDownloadView(id, patch) {
        patchDownloads(id, { view: { ...downloadsOf(get(), id).view, ...patch }, selection: EMPTY_SELECTION });
        void get().loadDownloads(id);
      },

      setDownloadSelection(id, selection) {
        patchDownloads(id, { selection });
      },
    };
  };
