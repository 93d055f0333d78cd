// Force Poll closes the loop: a row shows "poll requested" from the click until the master sees
// that target's probe (Last Polled moves) and its queue drains (Unread Instructions 0), then a
// brief confirmation. The baseline is taken at the click, before the API answers, because a
// signalled target can poll before the answer arrives.
import type { ForcePollResult, TargetRow } from '../api/types';

export type PollPhase = 'requested' | 'probed' | 'polled';

export interface PollRequest {
  server: string;
  requestedAt: number;
  /** Last Polled (wire text) when Force Poll was clicked. */
  baseline: string;
  phase: PollPhase;
  signal?: ForcePollResult['signal'];
  /** Not signalled: when its next regular poll is due (master clock, wire text). */
  nextPollDueAt?: string;
  reason?: string;
  doneAt?: number;
  /** A target that never polls (Agent stopped) stops being shown as requested after this. */
  expiresAt: number;
}

export type PollRequests = Readonly<Record<string, PollRequest>>;

/** How long the confirmation stays. */
export const CONFIRM_MS = 4000;

const key = (server: string) => server.toUpperCase();

export function requestPolls(reqs: PollRequests, targets: readonly Pick<TargetRow, 'serverName' | 'lastPollDate' | 'pollInterval'>[], now: number): PollRequests {
  const next: Record<string, PollRequest> = { ...reqs };
  for (const t of targets) {
    next[key(t.serverName)] = {
      server: t.serverName,
      requestedAt: now,
      baseline: t.lastPollDate,
      phase: 'requested',
      // Signalled or not, a running target polls within its interval; three intervals and it is Offline anyway.
      expiresAt: now + Math.max(60_000, 3 * t.pollInterval * 1000 + 10_000),
    };
  }
  return next;
}

export function applyResults(reqs: PollRequests, results: readonly ForcePollResult[]): PollRequests {
  let next: Record<string, PollRequest> | undefined;
  for (const r of results) {
    const current = reqs[key(r.server)];
    if (!current) continue;
    next ??= { ...reqs };
    next[key(r.server)] = { ...current, signal: r.signal, nextPollDueAt: r.nextPollDueAt, reason: r.reason };
  }
  return next ?? reqs;
}

/** Drops requests for servers whose call failed outright (nothing was posted or signalled). */
export function cancelRequests(reqs: PollRequests, servers: readonly string[]): PollRequests {
  const next: Record<string, PollRequest> = { ...reqs };
  for (const s of servers) delete next[key(s)];
  return next;
}

/**
 * Fresh rows: a probe seen moves a request on. A whole list (`complete`) also says which targets
 * are gone (defected), and their requests drop; a few rows re-read on their own say nothing
 * about the others.
 */
export function observeTargets(
  reqs: PollRequests,
  rows: readonly Pick<TargetRow, 'serverName' | 'lastPollDate' | 'unreadInstructions'>[],
  now: number,
  complete = true,
): PollRequests {
  const names = Object.keys(reqs);
  if (names.length === 0) return reqs;
  const byName = new Map<string, Pick<TargetRow, 'serverName' | 'lastPollDate' | 'unreadInstructions'>>();
  for (const r of rows) if (reqs[key(r.serverName)]) byName.set(key(r.serverName), r);
  let next: Record<string, PollRequest> | undefined;
  for (const name of names) {
    const req = reqs[name];
    if (req.phase === 'polled') continue;
    const row = byName.get(name);
    if (!row && !complete) continue;
    let updated: PollRequest | null | undefined;
    if (!row) updated = null;
    else if (row.lastPollDate !== req.baseline) {
      updated = row.unreadInstructions === 0 ? { ...req, phase: 'polled', doneAt: now } : req.phase === 'probed' ? undefined : { ...req, phase: 'probed' };
    }
    if (updated === undefined) continue;
    next ??= { ...reqs };
    if (updated === null) delete next[name];
    else next[name] = updated;
  }
  return next ?? reqs;
}

/** Confirmations that have been shown long enough, and requests that will not be answered, go. */
export function expire(reqs: PollRequests, now: number): PollRequests {
  let next: Record<string, PollRequest> | undefined;
  for (const [name, req] of Object.entries(reqs)) {
    const done = req.phase === 'polled' ? now - (req.doneAt ?? now) >= CONFIRM_MS : now >= req.expiresAt;
    if (!done) continue;
    next ??= { ...reqs };
    delete next[name];
  }
  return next ?? reqs;
}

export function hasPending(reqs: PollRequests): boolean {
  return Object.values(reqs).some((r) => r.phase !== 'polled');
}
