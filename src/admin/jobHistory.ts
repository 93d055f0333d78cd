// Job history (spec §2.7): sp_help_jobhistory in full mode, grouped into runs (the step-0 "(Job
// outcome)" row) with their step rows under them. For a multiserver job the rows come from the
// targets and carry the target's name in `server`; @server_name selects one target's rows.
import type { MsdbExecutor } from '../msdb/executor';
import { NOT_IMPLEMENTED } from './jobDefinition';
import type { JobSelector } from './jobs';

export interface HistoryStep {
  instanceId: number;
  stepId: number;
  stepName: string;
  /** 0 failed, 1 succeeded, 2 retry, 3 canceled, 4 in progress. */
  runStatus: number;
  message: string;
  runAt: Date | null;
  durationSeconds: number;
  sqlMessageId: number;
  sqlSeverity: number;
  retriesAttempted: number;
  server: string;
}

export interface HistoryRun extends HistoryStep {
  jobId: string;
  jobName: string;
  /** The step rows of this run, in step order (rows between the previous outcome row and this one). */
  steps: HistoryStep[];
}

export interface HistoryFilter {
  /** One target's rows (sp_help_jobhistory @server_name). */
  server?: string;
  /** Only runs with this outcome (sp_help_jobhistory @run_status). */
  runStatus?: 0 | 1 | 2 | 3 | 4;
  /** Newest runs first; at most this many. */
  limit?: number;
}

export async function readJobHistory(master: MsdbExecutor, job: JobSelector, filter: HistoryFilter = {}): Promise<HistoryRun[]> {
  void master; void job; void filter;
  return NOT_IMPLEMENTED('readJobHistory');
}
