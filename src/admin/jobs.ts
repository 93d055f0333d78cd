// Jobs as the console sees them: every job of the server (sp_help_job), the multiserver jobs with
// their queue and failure counts (sp_multi_server_job_summary), a job's targets with each one's
// last run (sp_help_jobserver), and start/stop on chosen targets (sp_start_job / sp_stop_job,
// which post START / STOP rows: nothing runs on the master, spec §4.3).
import type { MsdbExecutor } from '../msdb/executor';
import { attemptEach, call, firstRecordset, run, type CallOutcome, type PlannedCall } from './calls';
import { parseOrThrow } from './errors';
import { jobParams, serverList } from './schemas';
import { requireTargets } from './targets';
import { date, dateOrNull, fromRunDateTime, fromRunDuration, num, str, strOrNull } from './values';

export type JobSelector = { jobId?: string; jobName?: string };

/** sp_help_job's type column: 1 local, 2 multiserver, 0 no job server yet. */
export type JobKind = 'local' | 'multiserver' | 'none';

export interface Job {
  jobId: string;
  name: string;
  enabled: boolean;
  description: string | null;
  category: string | null;
  owner: string | null;
  originatingServer: string | null;
  dateCreated: Date | null;
  dateModified: Date | null;
  versionNumber: number;
  kind: JobKind;
  multiserver: boolean;
}

export interface MultiserverJob {
  jobId: string;
  jobName: string;
  enabled: boolean;
  categoryName: string;
  targetServers: number;
  pendingDownloadInstructions: number;
  downloadErrors: number;
  executionFailures: number;
}

/** sysjobservers.last_run_outcome (spec §2.5). */
export const RUN_OUTCOME_TEXT: Record<number, string> = {
  0: 'Failed',
  1: 'Succeeded',
  2: 'Retry',
  3: 'Canceled',
  4: 'In progress',
  5: 'Unknown',
};

export interface JobTarget {
  serverId: number;
  serverName: string;
  enlistDate: Date;
  lastPollDate: Date;
  /** yyyymmdd / hhmmss / hhmmss as msdb keeps them (0 = never run). */
  lastRunDate: number;
  lastRunTime: number;
  lastRunDuration: number;
  lastRunOutcome: number;
  lastOutcomeMessage: string | null;
  /** The same run on the target's clock, as a Date; null when it never ran. */
  lastRunAt: Date | null;
  lastRunDurationSeconds: number;
  lastRunOutcomeText: string;
}

const KIND: Record<number, JobKind> = { 0: 'none', 1: 'local', 2: 'multiserver' };

export async function listJobs(exec: MsdbExecutor): Promise<Job[]> {
  return firstRecordset(await run(exec, call('sp_help_job'))).map((r) => {
    const kind = KIND[num(r.type)] ?? 'none';
    return {
      jobId: str(r.job_id).toUpperCase(),
      name: str(r.name),
      enabled: num(r.enabled) === 1,
      description: strOrNull(r.description),
      category: strOrNull(r.category),
      owner: strOrNull(r.owner),
      originatingServer: strOrNull(r.originating_server),
      dateCreated: dateOrNull(r.date_created),
      dateModified: dateOrNull(r.date_modified),
      versionNumber: num(r.version_number),
      kind,
      multiserver: kind === 'multiserver',
    };
  });
}

export async function listMultiserverJobs(master: MsdbExecutor): Promise<MultiserverJob[]> {
  return firstRecordset(await run(master, call('sp_multi_server_job_summary'))).map((r) => ({
    jobId: str(r.job_id).toUpperCase(),
    jobName: str(r.job_name),
    enabled: num(r.enabled) === 1,
    categoryName: str(r.category_name),
    targetServers: num(r.target_servers),
    pendingDownloadInstructions: num(r.pending_download_instructions),
    downloadErrors: num(r.download_errors),
    executionFailures: num(r.execution_failures),
  }));
}

export function jobTargetsCall(job: JobSelector): PlannedCall {
  return call('sp_help_jobserver', { ...jobParams(job), show_last_run_details: 1 });
}

export async function jobTargets(master: MsdbExecutor, job: JobSelector): Promise<JobTarget[]> {
  return firstRecordset(await run(master, jobTargetsCall(job))).map((r) => {
    const outcome = num(r.last_run_outcome);
    return {
      serverId: num(r.server_id),
      serverName: str(r.server_name),
      enlistDate: date(r.enlist_date),
      lastPollDate: date(r.last_poll_date),
      lastRunDate: num(r.last_run_date),
      lastRunTime: num(r.last_run_time),
      lastRunDuration: num(r.last_run_duration),
      lastRunOutcome: outcome,
      lastOutcomeMessage: strOrNull(r.last_outcome_message),
      lastRunAt: fromRunDateTime(r.last_run_date, r.last_run_time),
      lastRunDurationSeconds: fromRunDuration(r.last_run_duration),
      lastRunOutcomeText: RUN_OUTCOME_TEXT[outcome] ?? String(outcome),
    };
  });
}

/** No servers: one call, every target of the job. Servers: one call per target. */
function planJobAction(proc: 'sp_start_job' | 'sp_stop_job', job: JobSelector, servers?: readonly string[], stepName?: string): PlannedCall[] {
  const step = stepName === undefined ? {} : { step_name: stepName };
  if (servers === undefined) return [call(proc, { ...jobParams(job), ...step })];
  return parseOrThrow(serverList, servers).map((s) => call(proc, { ...jobParams(job), server_name: s, ...step }));
}

/** Start Job (at Step): @step_name names the step a target starts its copy at. */
export const planStartJob = (job: JobSelector, servers?: readonly string[], stepName?: string) => planJobAction('sp_start_job', job, servers, stepName);
export const planStopJob = (job: JobSelector, servers?: readonly string[]) => planJobAction('sp_stop_job', job, servers);

async function jobAction(master: MsdbExecutor, calls: PlannedCall[], servers?: readonly string[]): Promise<CallOutcome[]> {
  if (servers !== undefined) await requireTargets(master, servers);
  return attemptEach(master, calls);
}

export async function startJob(master: MsdbExecutor, job: JobSelector, servers?: readonly string[], stepName?: string): Promise<CallOutcome[]> {
  return jobAction(master, planStartJob(job, servers, stepName), servers);
}

export async function stopJob(master: MsdbExecutor, job: JobSelector, servers?: readonly string[]): Promise<CallOutcome[]> {
  return jobAction(master, planStopJob(job, servers), servers);
}
