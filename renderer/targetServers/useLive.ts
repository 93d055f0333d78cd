// Keeping the Manage Target Servers tabs current. Lab: event-driven, a reload within a frame of
// a poll (store/refresher.ts coalesces the burst into one targets.list). A real master pushes no
// events: it is re-read every N seconds (Auto refresh), and every 2 s while a Force Poll waits.
import { useEffect } from 'react';
import type { ApiEvent } from '../../src/api/contract';
import { useApp, useAppStore, useClient } from '../store';
import { Refresher } from '../store/refresher';
import { hasPending } from './pollTracker';
import { manageOf, pollsOf } from './targetServersSlice';

type LabEventType = Extract<ApiEvent, { type: 'lab' }>['event']['type'];

/** What changes sp_help_targetserver's answer (target.changed, job.* and lab.target do not). */
const TARGET_EVENTS = new Set<LabEventType>(['target.polled', 'instruction.downloaded', 'instruction.errored', 'target.status', 'target.defected', 'master.changed', 'lab.reset']);
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
      if (e.connectionId !== connectionId) return;
      if (e.type === 'lab' && types.has(e.event.type) && wanted()) r.request();
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

/** Events that move a row a Force Poll is waiting on. */
const POLL_PROGRESS = new Set<LabEventType>(['target.polled', 'instruction.downloaded', 'instruction.errored']);

/**
 * A Force Poll's rows are re-read on their own as their targets poll: one small call within a
 * frame, while the whole list follows at its own pace (a 10,000-target list takes a while).
 */
function useForcePollRows(connectionId: string) {
  const client = useClient();
  const store = useAppStore();
  useEffect(() => {
    const waiting = new Set<string>();
    let frame = 0;
    const flush = () => {
      frame = 0;
      const servers = [...waiting];
      waiting.clear();
      void store.getState().refreshTargetRows(connectionId, servers);
    };
    const off = client.on((e) => {
      if (e.connectionId !== connectionId || e.type !== 'lab' || !POLL_PROGRESS.has(e.event.type) || !('server' in e.event)) return;
      const req = pollsOf(store.getState(), connectionId)[e.event.server.toUpperCase()];
      if (!req || req.phase === 'polled') return;
      waiting.add(req.server);
      frame ||= requestAnimationFrame(flush);
    });
    return () => {
      off();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [client, connectionId, store]);
}

export function useLiveTargets(connectionId: string, kind: 'lab' | 'sqlserver') {
  const store = useAppStore();
  useForcePollRows(connectionId);
  const autoRefresh = useApp((s) => manageOf(s, connectionId).autoRefresh);
  const seconds = useApp((s) => manageOf(s, connectionId).refreshSeconds);
  const pending = useApp((s) => hasPending(pollsOf(s, connectionId)));

  useEventRefresh(
    connectionId,
    TARGET_EVENTS,
    () => store.getState().loadTargets(connectionId),
    () => {
      const s = store.getState();
      return manageOf(s, connectionId).autoRefresh || hasPending(pollsOf(s, connectionId));
    },
    true,
  );

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
