// Force Poll, honest to the end. Each row moves through
//   requested → signalled → polled → downloaded
// or ends in a failed state that says why:
//   notSignalled   the post or the signal did not happen (the reason is kept);
//   noPoll         signalled, but no probe came within three of its intervals (bounded): the
//                  target's Agent cannot reach the master;
//   downloadFailed it polled and is Blocked: an instruction failed to download (its error is shown).
// The baseline is taken at the click, before the API answers, because a signalled target can
// poll before the answer arrives. A failed end keeps watching: if the probe comes after all,
// the row moves on. The tally counts what was asked and what finished; it never goes back.
import type { ForcePollResult, TargetRow } from '../api/types';

export type PollPhase = 'requested' | 'signalled' | 'polled' | 'downloaded' | 'notSignalled' | 'noPoll' | 'downloadFailed';

/** Phases that still wait for something (they show a spinner). */
const WAITING: ReadonlySet<PollPhase> = new Set(['requested', 'signalled', 'polled']);

export interface PollRequest {
  server: string;
  requestedAt: number;
  /** Last Polled (wire text) when Force Poll was clicked. */
  baseline: string;
  /** Seconds; bounds how long a signalled target may take to poll. */
  pollInterval: number;
  phase: PollPhase;
  signal?: ForcePollResult['signal'];
  /** Not signalled: when its next regular poll is due (master clock, wire text). */
  nextPollDueAt?: string;
  /** Why it was not signalled (notSignalled), SQL Server's or the connection's words. */
  reason?: string;
  /** When the API answered for this target (ms). */
  answeredAt?: number;
  /** When it reached an end (ms); set once, so the tally counts it once. */
  endedAt?: number;
  /** The failing instruction's error (downloadFailed), when known. */
  error?: string;
}

export type PollRequests = Readonly<Record<string, PollRequest>>;

/** How many targets this round of Force Poll asked for, how many the master has answered for, and how many ended. */
export interface PollTally {
  asked: number;
  answered: number;
  finished: number;
}

export const EMPTY_TALLY: PollTally = { asked: 0, answered: 0, finished: 0 };

/** How long "✓ downloaded" stays. */
export const CONFIRM_MS = 4000;
/** How long a failed end stays (it names a problem to act on). */
export const FAILED_SHOWN_MS = 120_000;
/** A signalled target polls at once; after three of its intervals (within these bounds) it is not going to. */
export const NO_POLL_MIN_MS = 20_000;
export const NO_POLL_MAX_MS = 90_000;

const key = (server: string) => server.toUpperCase();

export const isWaiting = (r: PollRequest | undefined): boolean => !!r && WAITING.has(r.phase);
export const isFailedEnd = (r: PollRequest): boolean => r.phase === 'notSignalled' || r.phase === 'noPoll' || r.phase === 'downloadFailed';

/** How long after the signal a target that has not polled is reported as not reaching the master. */
export function noPollAfterMs(pollIntervalSeconds: number): number {
  return Math.min(NO_POLL_MAX_MS, Math.max(NO_POLL_MIN_MS, 3 * pollIntervalSeconds * 1000));
}

const end = (req: PollRequest, phase: PollPhase, now: number, extra: Partial<PollRequest> = {}): PollRequest => ({
  ...req,
  ...extra,
  phase,
  endedAt: req.endedAt ?? now,
});

export function requestPolls(reqs: PollRequests, targets: readonly Pick<TargetRow, 'serverName' | 'lastPollDate' | 'pollInterval'>[], now: number): PollRequests {
  const next: Record<string, PollRequest> = { ...reqs };
  for (const t of targets) {
    next[key(t.serverName)] = { server: t.serverName, requestedAt: now, baseline: t.lastPollDate, pollInterval: t.pollInterval, phase: 'requested' };
  }
  return next;
}

/**
 * What the API said per target. Signalled waits for the probe; anything else is a failed end
 * (notSignalled, with the reason). A target that already polled keeps its later phase.
 */
export function applyResults(reqs: PollRequests, results: readonly ForcePollResult[], now: number): PollRequests {
  let next: Record<string, PollRequest> | undefined;
  for (const r of results) {
    const current = reqs[key(r.server)];
    if (!current) continue;
    next ??= { ...reqs };
    const info: Partial<PollRequest> = { signal: r.signal, nextPollDueAt: r.nextPollDueAt, reason: r.reason, answeredAt: now };
    if (current.phase !== 'requested') next[key(r.server)] = { ...current, ...info };
    else if (r.signal === 'signalled') next[key(r.server)] = { ...current, ...info, phase: 'signalled' };
    else next[key(r.server)] = end(current, 'notSignalled', now, info);
  }
  return next ?? reqs;
}

/** The call itself failed (nothing was posted or signalled): a failed end with the error. */
export function failRequests(reqs: PollRequests, servers: readonly string[], reason: string, now: number): PollRequests {
  const next: Record<string, PollRequest> = { ...reqs };
  for (const s of servers) {
    const r = next[key(s)];
    if (r && r.phase === 'requested') next[key(s)] = end(r, 'notSignalled', now, { signal: 'failed', reason, answeredAt: now });
  }
  return next;
}

type ObservedRow = Pick<TargetRow, 'serverName' | 'lastPollDate' | 'unreadInstructions' | 'status'>;

/**
 * Fresh rows: a probe seen moves a request on; a Blocked row after the probe is a failed
 * download. A whole list (`complete`) also says which targets are gone (defected), and their
 * requests drop; a few rows re-read on their own say nothing about the others.
 */
export function observeTargets(reqs: PollRequests, rows: readonly ObservedRow[], now: number, complete = true, errors?: ReadonlyMap<string, string>): PollRequests {
  const names = Object.keys(reqs);
  if (names.length === 0) return reqs;
  const byName = new Map<string, ObservedRow>();
  for (const r of rows) if (reqs[key(r.serverName)]) byName.set(key(r.serverName), r);
  let next: Record<string, PollRequest> | undefined;
  for (const name of names) {
    const req = reqs[name];
    if (req.phase === 'downloaded') continue;
    const row = byName.get(name);
    if (!row && !complete) continue;
    let updated: PollRequest | null | undefined;
    if (!row) updated = null;
    else if (row.lastPollDate !== req.baseline && req.phase !== 'downloadFailed') {
      // Blocked: the download stopped at a failed instruction (status bit 4).
      if (row.status & 4) updated = end(req, 'downloadFailed', now, { error: errors?.get(name) });
      else if (row.unreadInstructions === 0) updated = { ...req, phase: 'downloaded', endedAt: now };
      else if (req.phase !== 'polled') updated = { ...req, phase: 'polled' };
    } else if (req.phase === 'downloadFailed' && !req.error && errors?.get(name)) updated = { ...req, error: errors.get(name) };
    if (updated === undefined) continue;
    next ??= { ...reqs };
    if (updated === null) delete next[name];
    else next[name] = updated;
  }
  return next ?? reqs;
}

/** Errors of failed instructions learnt later (the download list is read after the rows). */
export function noteErrors(reqs: PollRequests, errors: ReadonlyMap<string, string>): PollRequests {
  let next: Record<string, PollRequest> | undefined;
  for (const [name, req] of Object.entries(reqs)) {
    const error = errors.get(name);
    if (req.phase !== 'downloadFailed' || !error || req.error === error) continue;
    next ??= { ...reqs };
    next[name] = { ...req, error };
  }
  return next ?? reqs;
}

/**
 * Time passing: a signalled target with no probe after its bound ends as noPoll; confirmations
 * go after a few seconds, failed ends after two minutes; a request the API never answered goes
 * after the longest bound (the request failed without a word).
 */
export function expire(reqs: PollRequests, now: number): PollRequests {
  let next: Record<string, PollRequest> | undefined;
  for (const [name, req] of Object.entries(reqs)) {
    let updated: PollRequest | null | undefined;
    if (req.phase === 'downloaded') {
      if (now - (req.endedAt ?? now) >= CONFIRM_MS) updated = null;
    } else if (isFailedEnd(req)) {
      if (now - (req.endedAt ?? now) >= FAILED_SHOWN_MS) updated = null;
    } else if (req.phase === 'signalled' && now - (req.answeredAt ?? req.requestedAt) >= noPollAfterMs(req.pollInterval)) {
      updated = end(req, 'noPoll', now);
    }
    if (updated === undefined) continue;
    next ??= { ...reqs };
    if (updated === null) delete next[name];
    else next[name] = updated;
  }
  return next ?? reqs;
}

export function hasPending(reqs: PollRequests): boolean {
  return Object.values(reqs).some(isWaiting);
}

/**
 * The tally after a change from `before` to `after`. A Force Poll asked while nothing is waiting
 * starts a new tally; one asked while another is still going adds to it. Requests that fade do
 * not change it, so it never goes back.
 */
export function nextTally(tally: PollTally, before: PollRequests, after: PollRequests): PollTally {
  if (before === after) return tally;
  let { asked, answered, finished } = tally;
  let fresh = 0;
  for (const [name, a] of Object.entries(after)) {
    const b = before[name];
    const renewed = !b || a.requestedAt !== b.requestedAt;
    // Asking again for a target still waiting is the same ask.
    if (renewed && (!b || b.endedAt !== undefined)) fresh++;
    if (a.answeredAt !== undefined && (renewed || b.answeredAt === undefined)) answered++;
    if (a.endedAt !== undefined && (renewed || b.endedAt === undefined)) finished++;
  }
  if (fresh) {
    if (!hasPending(before)) {
      // A new round: count only what it asked (what it already answered or ended is counted above from zero).
      const ofRound = Object.entries(after).filter(([name, a]) => !before[name] || a.requestedAt !== before[name].requestedAt);
      return {
        asked: ofRound.length,
        answered: ofRound.filter(([, a]) => a.answeredAt !== undefined).length,
        finished: ofRound.filter(([, a]) => a.endedAt !== undefined).length,
      };
    }
    asked += fresh;
  }
  return { asked, answered: Math.min(answered, asked), finished: Math.min(finished, asked) };
}
