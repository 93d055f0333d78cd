// Job actions that are one or a few msdb calls (delete, enable/disable, Script Job as CREATE) and
// the pickers of Job Properties (operators, categories, shared schedules).
import type { MsdbExecutor } from '../msdb/executor';
import { call, firstRecordset, run, runCalls, type CallOutcome, type PlannedCall } from './calls';
import { planCreateJob, readJob, toJobInput, toJobSchedule, type JobSchedule } from './jobDefinition';
import { listJobs, type Job, type JobSelector } from './jobs';
import { jobParams } from './schemas';
import { renderScript } from './script';
import { num, str, strOrNull } from './values';

/** What every job write answers: the calls (what Script shows) and, when run, each outcome. */
export interface PlannedWrite {
  calls: PlannedCall[];
  script: string;
  /** Absent in script mode; stops at the first failure, since later calls depend on earlier ones. */
  outcomes?: CallOutcome[];
  ok: boolean;
}

/** Runs the calls (calls.ts runCalls: stops at the first failure); in script mode runs nothing. */
export async function runPlanned(master: MsdbExecutor, calls: PlannedCall[], scriptOnly: boolean, masterName?: string): Promise<PlannedWrite> {
  const script = renderScript(calls, masterName);
  if (scriptOnly) return { calls, script, ok: true };
  return { calls, script, ...(await runCalls(master, calls)) };
}

export const listAllJobs = (master: MsdbExecutor): Promise<Job[]> => listJobs(master);

export function planDeleteJob(job: JobSelector): PlannedCall[] {
  return [call('sp_delete_job', jobParams(job))];
}

export function planSetEnabled(job: JobSelector, enabled: boolean): PlannedCall[] {
  return [call('sp_update_job', { ...jobParams(job), enabled: enabled ? 1 : 0 })];
}

export async function deleteJob(master: MsdbExecutor, job: JobSelector): Promise<PlannedWrite> {
  return runPlanned(master, planDeleteJob(job), false);
}

export async function setEnabled(master: MsdbExecutor, job: JobSelector, enabled: boolean): Promise<PlannedWrite> {
  return runPlanned(master, planSetEnabled(job, enabled), false);
}

/** Script Job as > CREATE To: the calls that would create the job as it stands (targets included). */
export async function scriptCreateJob(master: MsdbExecutor, job: JobSelector, masterName?: string): Promise<{ calls: PlannedCall[]; script: string }> {
  const def = await readJob(master, job);
  const input = toJobInput(def);
  // A CREATE script makes its own schedules (a shared schedule's id means nothing on another server).
  const schedules = input.schedules.map(({ scheduleId, ...rest }) => {
    void scheduleId;
    return rest;
  });
  const planned = planCreateJob({ ...input, schedules }, def.targets.kind === 'multiserver' ? def.targets.servers : []);
  // A job with no job server yet is scripted without one.
  const calls = def.targets.kind === 'none' ? planned.filter((c) => c.proc !== 'sp_add_jobserver') : planned;
  return { calls, script: renderScript(calls, masterName) };
}

export interface OperatorChoice {
  id: number;
  name: string;
  enabled: boolean;
  emailAddress: string | null;
}

export async function listOperators(master: MsdbExecutor): Promise<OperatorChoice[]> {
  return firstRecordset(await run(master, call('sp_help_operator'))).map((r) => ({
    id: num(r.id),
    name: str(r.name),
    enabled: num(r.enabled) === 1,
    emailAddress: strOrNull(r.email_address),
  }));
}

export interface CategoryChoice {
  categoryId: number;
  /** LOCAL, MULTI-SERVER or NONE, as sp_help_category says. */
  categoryType: string;
  name: string;
}

export async function listCategories(master: MsdbExecutor): Promise<CategoryChoice[]> {
  return firstRecordset(await run(master, call('sp_help_category', { class: 'JOB', suffix: 1 }))).map((r) => ({
    categoryId: num(r.category_id),
    categoryType: str(r.category_type),
    name: str(r.name),
  }));
}

/** A shared schedule to attach (Pick Schedule): the schedule, how many jobs use it and msdb's description of it. */
export interface ScheduleChoice extends JobSchedule {
  /** How many jobs use it. */
  jobCount: number;
  /** msdb's own words for it (sp_help_schedule's schedule_description). */
  description: string;
}

export async function listSchedules(master: MsdbExecutor): Promise<ScheduleChoice[]> {
  return firstRecordset(await run(master, call('sp_help_schedule'))).map((r) => ({
    ...toJobSchedule(r),
    jobCount: num(r.job_count),
    description: str(r.schedule_description),
  }));
}
