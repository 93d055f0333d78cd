// Drift: does each target run what the master holds? Read over MsdbExecutor only, so it works on
// a real master (docs/real-master.md, "Multiserver job status and drift").
import type { MsdbExecutor } from '../msdb/executor';
import type { PlannedCall } from './calls';
import type { TargetResolver } from './forcePoll';
import { NOT_IMPLEMENTED } from './jobDefinition';

/**
 * inSync: the last INSERT (or the assignment) posted to the target was downloaded and nothing
 * changed on the master since. notPosted: the job changed on the master after the last INSERT
 * posted to that target. waiting: an INSERT/UPDATE/DELETE for the job is queued and unread.
 * failed: the target's download of a row for the job errored (blocks every later row).
 */
export type SyncState = 'inSync' | 'notPosted' | 'waiting' | 'failed';

export interface JobTargetStatus {
  server: string;
  /** sysjobservers for this target: last run. */
  lastRunOutcome: number;
  lastRunOutcomeText: string;
  lastRunAt: Date | null;
  lastRunDurationSeconds: number;
  lastOutcomeMessage: string | null;
  /** Unread rows for this job and target (any operation). */
  pendingInstructions: number;
  /** Errored rows for this job and target. */
  failedInstructions: number;
  sync: SyncState;
  /** For failed: the row's error_message, its instance_id, and what to do. */
  error: { instanceId: number; message: string; fix: string } | null;
  /** date_posted of the newest INSERT for this job and target still in sysdownloadlist (null: none kept). */
  lastInsertPosted: Date | null;
}

export interface JobStatus {
  jobId: string;
  jobName: string;
  enabled: boolean;
  category: string;
  dateModified: Date | null;
  versionNumber: number;
  targets: JobTargetStatus[];
  /** Counts per sync state, for the summary row. */
  counts: Record<SyncState, number>;
}

export interface StatusRead {
  jobs: JobStatus[];
  /** Procedure calls the read made on the master (round trips). */
  roundTrips: number;
}

/** A target's own copy of a job (its own sp_help_job), where the target can be reached. */
export interface TargetCopy {
  server: string;
  /** reachable: read from the target; notRegistered: no connection to it; unreachable/failed: the read failed. */
  state: 'read' | 'notRegistered' | 'unreachable' | 'failed';
  /** The version of the copy the target runs; null when it has no copy (or could not be read). */
  versionNumber: number | null;
  masterVersionNumber: number;
  message: string | null;
}

export async function readJobStatus(master: MsdbExecutor, jobIds?: readonly string[]): Promise<StatusRead> {
  void master; void jobIds;
  return NOT_IMPLEMENTED('readJobStatus');
}

export function planSynchronize(jobId: string, servers: readonly string[]): PlannedCall[] {
  void jobId; void servers;
  return NOT_IMPLEMENTED('planSynchronize');
}

export async function readTargetCopies(master: MsdbExecutor, jobId: string, servers: readonly string[], resolve: TargetResolver): Promise<TargetCopy[]> {
  void master; void jobId; void servers; void resolve;
  return NOT_IMPLEMENTED('readTargetCopies');
}
