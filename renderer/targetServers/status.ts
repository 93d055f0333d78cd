// sp_help_targetserver's status (spec §2.2, the code's and SMO's meaning): bit 2 Offline (no probe
// for 3 intervals), bit 4 Blocked (a download failed); neither means Normal. They combine.
export type StatusPart = 'normal' | 'offline' | 'blocked';

export const STATUS_OFFLINE = 2;
export const STATUS_BLOCKED = 4;

export function statusParts(status: number): StatusPart[] {
  const parts: StatusPart[] = [];
  if (status & STATUS_OFFLINE) parts.push('offline');
  if (status & STATUS_BLOCKED) parts.push('blocked');
  return parts.length ? parts : ['normal'];
}

/** Sorting by status: worst first when descending (blocked, then offline). */
export function statusRank(status: number): number {
  return (status & STATUS_BLOCKED ? 2 : 0) + (status & STATUS_OFFLINE ? 1 : 0);
}
