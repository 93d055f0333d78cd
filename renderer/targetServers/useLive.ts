// Keeping the Manage Target Servers tabs current. Lab: event-driven, within a frame of a poll
// (store/refresher.ts coalesces a burst): the targets grid re-reads the rows that moved, the
// download queue re-reads its list. A real master pushes no events: it is re-read every N seconds
// (Auto refresh), and every 2 s while a Force Poll waits.
import { useEffect, useRef } from 'react';
import type { ApiEvent } from '../../src/api/contract';
import { useApp, useAppStore, useClient } from '../store';
import { untilScrollQuiet } from '../kit/scrollActivity';
import { Refresher } from '../store/refresher';
import { moreRounds, nextRound, staleRows, wantedRows } from './liveRows';
import { hasPending } from './pollTracker';
import { manageOf, pollsOf, targetsOf } from './targetServersSlice';

type LabEventType = Extract<ApiEvent, { type: 'lab' }>['event']['type'];

/** What changes sp_help_downloadlist's answer. */
const DOWNLOAD_EVENTS = new Set<LabEventType>(['instruction.downloaded', 'instruction.errored', 'target.defected', 'master.changed', 'lab.reset']);

const PENDING_POLL_MS = 2000;

/**
 * Between reloads, at least this many times the last one's duration: a small lab reloads within a
 * frame or two of a poll; a 10,000-target fleet, polling a thousand times a second, a few times a
 * second, leaving the server (which runs the lab too) most of its time.
 */
const SPACING = 3;

/** Subscribes a refresher to the connection's events and to the stream coming back after a drop. */
function useEventRefresh(
  connectionId: string,
  types: Set<LabEventType>,
  reload: () => Promise<void>,
  wanted: () => boolean,
  enabled: boolean,
) {
  const client = useClient();
  useEffect(() => {
    if (!enabled) return;
    const r = new Refresher(reload, undefined, { spacing: SPACING });
    void r.now();
    const offEvents = client.on((e) => {
      if (e.type !== 'lab' || e.connectionId !== connectionId) return;
      if (types.has(e.event.type) && wanted()) r.request();
    });
    let dropped = false;
    const offStatus = client.onStatus((s) => {
      // Events missed while the stream was down are not replayed.
      if (s === 'reconnecting') dropped = true;
      if (s === 'live' && dropped) {
        dropped = false;
        r.request();
      }
    });
    return () => {
      offEvents();
      offStatus();
      r.stop();
    };
    // reload and wanted read the store when called, so they need not restart the subscription.
  }, [client, connectionId, enabled]);
}

/** Rows read per round: five calls of 100 names at once; the rest wait for the next round. */
const ROWS_PER_ROUND = 500;
/**
 * A round of row reads is small work for the server (about 0.1 ms a row) and is interleaved with
 * everything else it does, so rounds follow each other more closely than list reads: a 10,000-
 * target fleet polling a thousand times a second needs about two 500-row rounds a second.
 */
const ROW_SPACING = 1;

/**
 * The lab's grid, row by row (liveRows.ts): the slice's journal notes the rows lab events make
 * stale, and they are re-read together at the next frame, one round at a time, each round spaced
 * after the last. A row a Force Poll waits on goes first, at the next frame. Events about every
 * row re-read the list. With Auto refresh off, only rows waited on move.
 */
function useLabTargetRows(connectionId: string, enabled: boolean) {
  const client = useClient();
  const store = useAppStore();
  const autoRefresh = useApp((s) => manageOf(s, connectionId).autoRefresh);
  const refresher = useRef<Refresher | undefined>(undefined);
  useEffect(() => {
    if (!enabled) return;
    const journal = store.getState().staleJournal(connectionId);
    const view = () => {
      const s = store.getState();
      return { polls: pollsOf(s, connectionId), autoRefresh: manageOf(s, connectionId).autoRefresh, hasList: !!targetsOf(s, connectionId).rows };
    };
    const r = new Refresher(
      async () => {
        const { polls, autoRefresh, hasList } = view();
        const round = nextRound(journal, hasList, polls, autoRefresh, ROWS_PER_ROUND);
        if (round.read === 'list') return store.getState().loadTargets(connectionId);
        if (round.read === 'rows') await store.getState().refreshTargetRows(connectionId, round.servers);
        const after = view();
        const more = moreRounds(journal, after.polls, after.autoRefresh);
        if (more) r.request(more === 'urgent');
      },
      undefined,
      { spacing: ROW_SPACING, hold: untilScrollQuiet },
    );
    refresher.current = r;
    // The rows prefetched when the context menu opened are current but for what the journal holds.
    if (targetsOf(store.getState(), connectionId).rows) r.request();
    else void r.now();
    const offEvents = client.on((e) => {
      if (e.type !== 'lab' || e.connectionId !== connectionId) return;
      const what = staleRows(e.event);
      if (!what) return;
      const { polls, autoRefresh } = view();
      const { waiting, all } = wantedRows(polls, autoRefresh);
      const urgent = what !== 'all' && what.servers.some(waiting);
      if (urgent || all) r.request(urgent);
    });
    let dropped = false;
    const offStatus = client.onStatus((st) => {
      // Events missed while the stream was down are not replayed: the whole list is re-read.
      if (st === 'reconnecting') dropped = true;
      if (st === 'live' && dropped) {
        dropped = false;
        journal.markAll();
        r.request();
      }
    });
    return () => {
      offEvents();
      offStatus();
      r.stop();
      refresher.current = undefined;
    };
  }, [client, connectionId, enabled, store]);
  // Auto refresh back on: what moved meanwhile is read now.
  useEffect(() => {
    if (autoRefresh) refresher.current?.request();
  }, [autoRefresh]);
}

export function useLiveTargets(connectionId: string, kind: 'lab' | 'sqlserver') {
  const store = useAppStore();
  const autoRefresh = useApp((s) => manageOf(s, connectionId).autoRefresh);
  const seconds = useApp((s) => manageOf(s, connectionId).refreshSeconds);
  const pending = useApp((s) => hasPending(pollsOf(s, connectionId)));

  useLabTargetRows(connectionId, kind === 'lab');

  // A real master pushes no events: the list is read now, then every N seconds.
  useEffect(() => {
    if (kind === 'lab') return;
    void store.getState().loadTargets(connectionId);
  }, [kind, connectionId, store]);

  useEffect(() => {
    if (kind === 'lab' || (!autoRefresh && !pending)) return;
    const ms = pending ? PENDING_POLL_MS : Math.max(5, seconds) * 1000;
    const timer = setInterval(() => void store.getState().loadTargets(connectionId), ms);
    return () => clearInterval(timer);
  }, [kind, autoRefresh, pending, seconds, connectionId, store]);
}

export function useLiveDownloads(connectionId: string, kind: 'lab' | 'sqlserver', visible: boolean) {
  const store = useAppStore();
  const autoRefresh = useApp((s) => manageOf(s, connectionId).autoRefresh);
  const seconds = useApp((s) => manageOf(s, connectionId).refreshSeconds);
  useEventRefresh(
    connectionId,
    DOWNLOAD_EVENTS,
    () => store.getState().loadDownloads(connectionId),
    () => manageOf(store.getState(), connectionId).autoRefresh,
    visible,
  );
  useEffect(() => {
    if (!visible || kind === 'lab' || !autoRefresh) return;
    const timer = setInterval(() => void store.getState().loadDownloads(connectionId), Math.max(5, seconds) * 1000);
    return () => clearInterval(timer);
  }, [visible, kind, autoRefresh, seconds, connectionId, store]);
}
