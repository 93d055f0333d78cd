// A job's whole definition as the Job Properties dialog edits it (header, steps, schedules,
// notifications, targets), read with msdb's help procedures and written back with the job
// procedures, in SSMS's fashion: when the steps or schedules of a multiserver job changed, an
// `sp_post_msx_operation 'INSERT', 'JOB', <job id>` goes to the job's targets at the end, because
// the step and schedule procedures do not post by themselves (spec §12, message 14547).
import { z } from 'zod';
import type { MsdbExecutor } from '../msdb/executor';
import { call, firstRecordset, run, type CallOutcome, type PlannedCall } from './calls';
import { WorkflowError } from './errors';
import { jobParams, serverName, sysname } from './schemas';
import { dateOrNull, num, str, strOrNull } from './values';

/** on_success_action / on_fail_action: 1 quit reporting success, 2 quit reporting failure, 3 next step, 4 go to step. */
export const STEP_ACTIONS = [1, 2, 3, 4] as const;
/** notify_level_*: 0 never, 1 on success, 2 on failure, 3 on completion. */
export const NOTIFY_LEVELS = [0, 1, 2, 3] as const;
/** The subsystems the step dialog offers (a target runs TSQL, CmdExec and PowerShell alike in the lab). */
export const SUBSYSTEMS = ['TSQL', 'CmdExec', 'PowerShell'] as const;

const stepAction = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
const notifyLevel = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]);

export const jobStepSchema = z
  .strictObject({
    name: sysname,
    subsystem: z.enum(SUBSYSTEMS).default('TSQL'),
    command: z.string().max(100_000).default(''),
    /** TSQL only; null for other subsystems. */
    databaseName: sysname.nullable().default('master'),
    onSuccessAction: stepAction.default(1),
    /** Used when onSuccessAction is 4: the 1-based step to go to. */
    onSuccessStepId: z.number().int().min(0).default(0),
    onFailAction: stepAction.default(2),
    onFailStepId: z.number().int().min(0).default(0),
    retryAttempts: z.number().int().min(0).max(9999).default(0),
    /** Minutes. */
    retryInterval: z.number().int().min(0).max(9999).default(0),
  });

export const jobScheduleSchema = z.strictObject({
  /** An existing schedule (picked or already attached); absent for a new one. */
  scheduleId: z.number().int().positive().optional(),
  name: sysname,
  enabled: z.boolean().default(true),
  /** 1 once, 4 daily, 8 weekly, 16 monthly, 32 monthly relative, 64 Agent start, 128 idle. */
  freqType: z.union([z.literal(1), z.literal(4), z.literal(8), z.literal(16), z.literal(32), z.literal(64), z.literal(128)]).default(4),
  freqInterval: z.number().int().min(0).default(1),
  /** 1 at the time, 2 seconds, 4 minutes, 8 hours. */
  freqSubdayType: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(4), z.literal(8)]).default(1),
  freqSubdayInterval: z.number().int().min(0).default(0),
  freqRelativeInterval: z.number().int().min(0).default(0),
  freqRecurrenceFactor: z.number().int().min(0).default(0),
  /** yyyymmdd */
  activeStartDate: z.number().int().min(19900101).max(99991231).default(20000101),
  activeEndDate: z.number().int().min(19900101).max(99991231).default(99991231),
  /** hhmmss */
  activeStartTime: z.number().int().min(0).max(235959).default(0),
  activeEndTime: z.number().int().min(0).max(235959).default(235959),
});

export const jobNotificationsSchema = z.strictObject({
  eventlogLevel: notifyLevel.default(2),
  emailLevel: notifyLevel.default(0),
  emailOperator: sysname.nullable().default(null),
  pageLevel: notifyLevel.default(0),
  pageOperator: sysname.nullable().default(null),
  netsendLevel: notifyLevel.default(0),
  netsendOperator: sysname.nullable().default(null),
  /** Automatically delete the job: 0 never, 1 on success, 2 on failure, 3 on completion. */
  deleteLevel: notifyLevel.default(0),
});

/** "Target local server", or "Target multiple servers" with servers and/or target server groups checked. */
export const jobTargetsSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('local') }),
  z.strictObject({
    kind: z.literal('multiserver'),
    servers: z.array(serverName).max(10_000).default([]),
    /** Each group stands for its members at the time of saving (sp_help_targetservergroup @name). */
    groups: z.array(sysname).max(1_000).default([]),
  }),
]);

/** What the Job Properties dialog sends on OK (or Script). */
export const jobInputSchema = z.strictObject({
  name: sysname,
  enabled: z.boolean().default(true),
  description: z.string().max(512).nullable().default(null),
  /** Login name; the caller's login when absent on a new job. */
  owner: sysname.optional(),
  /** Category name; msdb's default for the job's kind when absent. */
  category: sysname.optional(),
  /** 1-based index into steps. */
  startStepId: z.number().int().min(1).default(1),
  steps: z.array(jobStepSchema).max(1_000).default([]),
  schedules: z.array(jobScheduleSchema).max(100).default([]),
  notifications: jobNotificationsSchema.prefault({}),
  targets: jobTargetsSchema.default({ kind: 'local' }),
});

export type JobInput = z.output<typeof jobInputSchema>;
export type JobStepInput = z.output<typeof jobStepSchema>;
export type JobScheduleInput = z.output<typeof jobScheduleSchema>;
export type JobNotifications = z.output<typeof jobNotificationsSchema>;

export interface JobStep extends JobStepInput {
  stepId: number;
  /** The subsystem as msdb stores it (for display). */
  lastRunOutcome: number | null;
}

export interface JobSchedule extends Omit<JobScheduleInput, 'scheduleId'> {
  scheduleId: number;
  scheduleUid: string;
}

/** A job as it stands on the master (jobs.get). */
export interface JobDefinition {
  jobId: string;
  name: string;
  enabled: boolean;
  description: string | null;
  owner: string | null;
  category: string | null;
  startStepId: number;
  originatingServer: string | null;
  dateCreated: Date | null;
  dateModified: Date | null;
  versionNumber: number;
  steps: JobStep[];
  schedules: JobSchedule[];
  notifications: JobNotifications;
  /** local: runs on the master; multiserver: the targets (sysjobservers) it is assigned to. */
  targets: { kind: 'local' } | { kind: 'multiserver'; servers: string[] } | { kind: 'none' };
}

/** jobs.save's answer: the calls in order (what Script shows), and when run, each one's outcome. */
export interface SaveJobResult {
  jobId: string | null;
  calls: PlannedCall[];
  script: string;
  /** Absent in script mode. Stops at the first failure (later calls depend on earlier ones). */
  outcomes?: CallOutcome[];
  ok: boolean;
}

export const NOT_IMPLEMENTED = (what: string): never => {
  throw new WorkflowError('BAD_REQUEST', `NOT_IMPLEMENTED: ${what}`);
};

export async function readJob(master: MsdbExecutor, job: { jobId?: string; jobName?: string }): Promise<JobDefinition> {
  void master; void job; void call; void firstRecordset; void run; void jobParams; void dateOrNull; void num; void str; void strOrNull;
  return NOT_IMPLEMENTED('readJob');
}

/** A definition read from the master as the dialog's input (for Script Job as CREATE). */
export function toJobInput(def: JobDefinition): JobInput {
  void def;
  return NOT_IMPLEMENTED('toJobInput');
}

/** The calls that create a job from scratch; `existing` carries uids of schedules to reuse. */
export function planCreateJob(input: JobInput, existing: readonly JobSchedule[] = []): PlannedCall[] {
  void input; void existing;
  return NOT_IMPLEMENTED('planCreateJob');
}

export async function saveJob(master: MsdbExecutor, jobId: string | null, input: JobInput, scriptOnly: boolean, masterName?: string): Promise<SaveJobResult> {
  void master; void jobId; void input; void scriptOnly; void masterName;
  return NOT_IMPLEMENTED('saveJob');
}
