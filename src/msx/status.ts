// Target server status bits, with the meaning sp_help_targetserver's code and SMO give them
// (spec §2.2), not the docs page's.

export const STATUS_NORMAL = 1;
export const STATUS_OFFLINE = 2;
export const STATUS_BLOCKED = 4;

/** Offline once no probe has been seen for more than 3 × poll_interval seconds. */
export const OFFLINE_AFTER_INTERVALS = 3;

/** Truncates to the second: DATEDIFF(ss, a, b) counts second boundaries crossed. */
const wholeSecond = (ms: number) => Math.floor(ms / 1000) * 1000;

/**
 * sp_help_targetserver's rule: Offline when more than 3 × poll_interval seconds have passed since
 * the last probe, counted as DATEDIFF(ss, last_poll_date, GETDATE()) counts them (whole seconds).
 * The lab's own status events use this very function, so an event and a read agree.
 */
export function isOffline(lastPollMs: number, nowMs: number, pollIntervalSeconds: number): boolean {
  return wholeSecond(nowMs) - wholeSecond(lastPollMs) > OFFLINE_AFTER_INTERVALS * pollIntervalSeconds * 1000;
}

/** The first instant isOffline holds (on the same clock as lastPollMs). */
export function offlineAt(lastPollMs: number, pollIntervalSeconds: number): number {
  return wholeSecond(lastPollMs) + (OFFLINE_AFTER_INTERVALS * pollIntervalSeconds + 1) * 1000;
}

export function computeStatus(stored: number, offline: boolean, blocked: boolean): number {
  return stored | (offline ? STATUS_OFFLINE : 0) | (blocked ? STATUS_BLOCKED : 0);
}

export type StatusFlag = 'normal' | 'offline' | 'blocked';

export function statusFlags(status: number): StatusFlag[] {
  const flags: StatusFlag[] = [];
  if (status & STATUS_OFFLINE) flags.push('offline');
  if (status & STATUS_BLOCKED) flags.push('blocked');
  if (flags.length === 0) flags.push('normal');
  return flags;
}
