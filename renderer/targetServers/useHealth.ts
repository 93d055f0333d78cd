// The fleet's health for one master connection (health.ts over the rows), recomputed as rows
// change and every few seconds (overdue is a matter of time). It also keeps the pending
// instructions read (the oldest unread, the failing one's error) when Blocked or unread change.
import { useEffect, useMemo, useRef } from 'react';
import { useNow } from '../kit/useNow';
import { useTargetVersions } from '../readiness/TargetVersions';
import { useApp, useAppStore } from '../store';
import { Refresher } from '../store/refresher';
import { fleetHealth, type Health } from './health';
import { pendingInfoOf, targetsOf } from './targetServersSlice';

/** Overdue and unread ages are judged on a clock this coarse: the summary does not redraw every second. */
const HEALTH_TICK_MS = 5000;

export function useHealth(connectionId: string): Health {
  const store = useAppStore();
  const rows = useApp((s) => targetsOf(s, connectionId).rows);
  const offset = useApp((s) => targetsOf(s, connectionId).masterOffsetMs);
  const pending = useApp((s) => pendingInfoOf(s, connectionId));
  const masterVersion = useApp((s) => s.connections.find((c) => c.id === connectionId)?.productVersion);
  // Each target's version from its own connection (a lab server, a registered server or an open
  // connection to it); targets without one are left out of the "older version" count.
  const read = useTargetVersions(connectionId);
  const tick = Math.floor(useNow() / HEALTH_TICK_MS);

  const versions = useMemo(() => {
    if (!read) return undefined;
    const known = new Map<string, string>();
    for (const [name, v] of Object.entries(read)) if (v.productVersion) known.set(name, v.productVersion);
    return known;
  }, [read]);

  // What the pending read depends on: which targets are Blocked (their error is read at once) and
  // how many instructions are unread (after a post to 10,000 targets each poll changes it: read at
  // most every HEALTH_TICK_MS, the clock the unread ages are judged on anyway).
  const { blockedKey, unread } = useMemo(() => {
    let sum = 0;
    const blocked: string[] = [];
    for (const r of rows ?? []) {
      sum += r.unreadInstructions;
      if (r.status & 4) blocked.push(r.serverName);
    }
    return { blockedKey: blocked.join(','), unread: sum };
  }, [rows]);
  const pendingReads = useRef<Refresher | null>(null);
  useEffect(() => {
    const r = new Refresher(() => store.getState().loadPending(connectionId), undefined, { minGapMs: HEALTH_TICK_MS });
    pendingReads.current = r;
    return () => r.stop();
  }, [connectionId, store]);
  const loaded = rows !== undefined;
  useEffect(() => {
    if (loaded) pendingReads.current?.request(true);
  }, [blockedKey, loaded]);
  useEffect(() => {
    if (loaded) pendingReads.current?.request();
  }, [unread, loaded]);

  return useMemo(
    () =>
      fleetHealth(rows ?? [], {
        masterNow: offset === null ? null : tick * HEALTH_TICK_MS + offset,
        masterVersion,
        versions,
        oldestUnread: pending.oldestUnread,
      }),
    [rows, offset, tick, masterVersion, versions, pending],
  );
}
