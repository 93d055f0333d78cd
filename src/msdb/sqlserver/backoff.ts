// Reconnect timing after a dropped connection: exponential, capped, bounded in attempts, with
// jitter so that several consoles (or several registered targets) that lost the same server do
// not all knock on it in the same instant when it comes back.

export interface BackoffPolicy {
  /** Delay before the first attempt, before jitter. */
  baseMs: number;
  /** No delay grows beyond this. */
  maxMs: number;
  /** After this many failed attempts the connection reports 'error' and stops trying. */
  maxAttempts: number;
}

/** About 1, 2, 4, 8, 16, 30, 30, 30 s: a server restart (a minute or two) is ridden out. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 30_000, maxAttempts: 8 };

/**
 * The delay before attempt `attempt` (1-based): min(maxMs, baseMs * 2^(attempt-1)), then "equal
 * jitter": a uniform pick in [d/2, d], so a delay is never less than half its nominal value.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const n = Math.max(1, Math.floor(attempt));
  const nominal = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(n - 1, 30));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(nominal / 2 + (nominal / 2) * r);
}
