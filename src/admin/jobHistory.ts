// Job history (spec §2.7): sp_help_jobhistory in full mode, grouped into runs (the step-0 "(Job
// outcome)" row) with their step rows under them. For a multiserver job the rows come from the
// targets and carry the target's name in `server`; @server_name selects one target's rows.
import type { MsdbExecutor } from '../msdb/executor';
import { call, firstRecordset, run, type PlannedCall } from './calls';
import type { JobSelector } from './jobs';
import { jobParams } from './schemas';
import { fromRunDateTime, fromRunDuration, num, str } from './values';

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

/** The one call the history view makes (FULL mode: step rows too; newest first). */
export function jobHistoryCall(job: JobSelector, filter: HistoryFilter = {}): PlannedCall {
  return call('sp_help_jobhistory', { ...jobParams(job), server: filter.server, mode: 'FULL' });
}

function toStep(r: Record<string, unknown>): HistoryStep {
  return {
    instanceId: num(r.instance_id),
    stepId: num(r.step_id),
    stepName: str(r.step_name),
    runStatus: num(r.run_status),
    message: str(r.message),
    runAt: fromRunDateTime(r.run_date, r.run_time),
    durationSeconds: fromRunDuration(r.run_duration),
    sqlMessageId: num(r.sql_message_id),
    sqlSeverity: num(r.sql_severity),
    retriesAttempted: num(r.retries_attempted),
    server: str(r.server),
  };
}

/**
 * Runs, newest first, each with the step rows written before its outcome row on the same server
 * (an Agent writes a run's step rows, then its outcome row). The outcome filter applies to runs,
 * not to step rows, so a failed run still shows the steps that succeeded before the failure.
 */
export async function readJobHistory(master: MsdbExecutor, job: JobSelector, filter: HistoryFilter = {}): Promise<HistoryRun[]> {
  const rows = firstRecordset(await run(master, jobHistoryCall(job, filter)));
  const oldestFirst = [...rows].sort((a, b) => num(a.instance_id) - num(b.instance_id));
  const open = new Map<string, HistoryStep[]>();
  const runs: HistoryRun[] = [];
  for (const r of oldestFirst) {
    const key = `${str(r.job_id).toUpperCase()}|${str(r.server).toUpperCase()}`;
    if (num(r.step_id) !== 0) {
      const list = open.get(key) ?? [];
      list.push(toStep(r));
      open.set(key, list);
      continue;
    }
    runs.push({ ...toStep(r), jobId: str(r.job_id).toUpperCase(), jobName: str(r.job_name), steps: (open.get(key) ?? []).sort((a, b) => a.instanceId - b.instanceId) });
    open.delete(key);
  }
  const filtered = runs.reverse().filter((r) => filter.runStatus === undefined || r.runStatus === filter.runStatus);
  return filter.limit === undefined ? filtered : filtered.slice(0, filter.limit);
}
