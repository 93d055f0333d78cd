// The pending instructions of each target, from one sp_help_downloadlist @status = 0: when the
// oldest unread one was posted (for "unread older than its interval") and the error of the one
// that failed (a Blocked target's reason, shown on its row).
import type { DownloadRow } from '../api/types';

export interface FailedInstruction {
  instanceId: number;
  operation: string;
  objectName: string | null;
  error: string;
}

export interface PendingInfo {
  /** Master-clock ms of the oldest pending instruction, by upper-case target name. */
  oldestUnread: ReadonlyMap<string, number>;
  /** The failing instruction's error, by upper-case target name (the first failed one). */
  errors: ReadonlyMap<string, string>;
  failed?: ReadonlyMap<string, FailedInstruction>;
  readAt: number;
}

export function pendingOf(rows: readonly DownloadRow[], readAt: number): PendingInfo {
  const oldestUnread = new Map<string, number>();
  const errors = new Map<string, string>();
  const failed = new Map<string, FailedInstruction>();
  for (const r of rows) {
    if (r.status !== 0) continue;
    const name = r.targetServer.toUpperCase();
    const posted = Date.parse(r.datePosted);
    if (Number.isFinite(posted) && !(posted >= (oldestUnread.get(name) ?? Infinity))) oldestUnread.set(name, posted);
    if (r.errorMessage !== null) {
      const prev = failed.get(name);
      // The target stops at the first failed instruction (lowest instance_id).
      if (!prev || r.instanceId < prev.instanceId) {
        failed.set(name, { instanceId: r.instanceId, operation: r.operation ?? r.operationCode, objectName: r.objectName, error: r.errorMessage });
        errors.set(name, r.errorMessage);
      }
    }
  }
  return { oldestUnread, errors, failed, readAt };
}
