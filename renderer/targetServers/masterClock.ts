// The master's wall clock, for "last polled 12s ago". sp_help_targetserver's dates are the
// master's wall clock and nothing in msdb's answer says what time it is there now. Time zones
// are whole quarter hours, and in a live fleet the newest last_poll_date is seconds old, so the
// master's offset from this machine's clock is that newest poll, less a minute of clock drift,
// rounded up to the quarter hour. It holds while some target polled within the last 14 minutes.

const QUARTER_HOUR_MS = 15 * 60_000;
const DRIFT_MS = 60_000;

/** Master wall-clock ms ≈ Date.now() + this; null when no target has ever polled. */
export function estimateMasterOffset(lastPollWallMs: Iterable<number>, clientNowMs: number): number | null {
  let newest = -Infinity;
  for (const ms of lastPollWallMs) if (ms > newest) newest = ms;
  if (!Number.isFinite(newest)) return null;
  // "+ 0" turns -0 into 0.
  return Math.ceil((newest - clientNowMs - DRIFT_MS) / QUARTER_HOUR_MS) * QUARTER_HOUR_MS + 0;
}

/** sp_help_targetserver sets the Offline bit after 3 intervals without a probe (spec §2.2). */
export const OFFLINE_AFTER_INTERVALS = 3;
/** A target that has missed a poll is shown as late once this many intervals have passed. */
export const LATE_AFTER_INTERVALS = 2;

export type PollAgeState = 'ok' | 'late' | 'overdue';

export function pollAgeState(ageMs: number, pollIntervalSeconds: number): PollAgeState {
  const interval = pollIntervalSeconds * 1000;
  if (ageMs > OFFLINE_AFTER_INTERVALS * interval) return 'overdue';
  if (ageMs > LATE_AFTER_INTERVALS * interval) return 'late';
  return 'ok';
}
