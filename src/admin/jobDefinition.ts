// A job's whole definition as the Job Properties dialog edits it (header, steps, schedules,
// notifications, targets), read with msdb's help procedures and written back with the job
// procedures, in SSMS's fashion: when the steps or schedules of a multiserver job changed, an
// `sp_post_msx_operation 'INSERT', 'JOB', <job id>` goes to the job's targets at the end, because
// the step and schedule procedures do not post by themselves (spec §12, message 14547).
import { z } from 'zod';
import type { MsdbExecutor } from '../msdb/executor';
import { call, firstRecordset, run, runCalls, type CallOutcome, type PlannedCall } from './calls';
import { WorkflowError } from './errors';
import { jobParams, serverName, sysname } from './schemas';
import { renderScript } from './script';
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

/** A schedule row as sp_help_jobschedule and sp_help_schedule return it (the same sysschedules columns). */
export function toJobSchedule(r: Record<string, unknown>): JobSchedule {
  return {
    scheduleId: num(r.schedule_id),
    scheduleUid: str(r.schedule_uid).toUpperCase(),
    name: str(r.schedule_name),
    enabled: num(r.enabled) === 1,
    freqType: num(r.freq_type) as JobScheduleInput['freqType'],
    freqInterval: num(r.freq_interval),
    freqSubdayType: num(r.freq_subday_type) as JobScheduleInput['freqSubdayType'],
    freqSubdayInterval: num(r.freq_subday_interval),
    freqRelativeInterval: num(r.freq_relative_interval),
    freqRecurrenceFactor: num(r.freq_recurrence_factor),
    activeStartDate: num(r.active_start_date),
    activeEndDate: num(r.active_end_date),
    activeStartTime: num(r.active_start_time),
    activeEndTime: num(r.active_end_time),
  };
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

/** sp_help_job shows '(unknown)' where a job names no operator. */
function operatorName(v: unknown): string | null {
  const s = strOrNull(v);
  return s === null || s === '(unknown)' ? null : s;
}

const level = (v: unknown) => Math.min(3, Math.max(0, num(v))) as 0 | 1 | 2 | 3;
const action = (v: unknown) => (Math.min(4, Math.max(1, num(v))) as 1 | 2 | 3 | 4);
const subsystem = (v: unknown): JobStepInput['subsystem'] => {
  const s = str(v).toUpperCase();
  return s === 'CMDEXEC' ? 'CmdExec' : s === 'POWERSHELL' ? 'PowerShell' : 'TSQL';
};

export async function readJob(master: MsdbExecutor, job: { jobId?: string; jobName?: string }): Promise<JobDefinition> {
  // Four round trips: sp_help_job for the header, then steps, schedules and job servers by id.
  const header = firstRecordset(await run(master, call('sp_help_job', jobParams(job))))[0];
  if (!header) throw new WorkflowError('NOT_FOUND', 'The job was not found.');
  // Once the header is read, the id names the job even if it is renamed meanwhile.
  const byId = { jobId: str(header.job_id).toUpperCase() };
  const [steps, schedules, servers] = await Promise.all([
    run(master, call('sp_help_jobstep', jobParams(byId))),
    run(master, call('sp_help_jobschedule', jobParams(byId))),
    run(master, call('sp_help_jobserver', jobParams(byId))),
  ]);
  const serverRows = firstRecordset(servers);
  const targets: JobDefinition['targets'] = serverRows.length === 0
    ? { kind: 'none' }
    : serverRows.some((r) => num(r.server_id) === 0)
      ? { kind: 'local' }
      : { kind: 'multiserver', servers: serverRows.map((r) => str(r.server_name).toUpperCase()) };
  return {
    jobId: byId.jobId,
    name: str(header.name),
    enabled: num(header.enabled) === 1,
    description: strOrNull(header.description),
    owner: strOrNull(header.owner),
    category: strOrNull(header.category),
    startStepId: num(header.start_step_id) || 1,
    originatingServer: strOrNull(header.originating_server),
    dateCreated: dateOrNull(header.date_created),
    dateModified: dateOrNull(header.date_modified),
    versionNumber: num(header.version_number),
    steps: firstRecordset(steps).map((r) => ({
      stepId: num(r.step_id),
      name: str(r.step_name),
      subsystem: subsystem(r.subsystem),
      command: str(r.command),
      databaseName: strOrNull(r.database_name),
      onSuccessAction: action(r.on_success_action),
      onSuccessStepId: num(r.on_success_step_id),
      onFailAction: action(r.on_fail_action),
      onFailStepId: num(r.on_fail_step_id),
      retryAttempts: num(r.retry_attempts),
      retryInterval: num(r.retry_interval),
      lastRunOutcome: r.last_run_outcome === undefined ? null : num(r.last_run_outcome),
    })),
    schedules: firstRecordset(schedules).map(toJobSchedule),
    notifications: {
      eventlogLevel: level(header.notify_level_eventlog ?? 2),
      emailLevel: level(header.notify_level_email),
      emailOperator: operatorName(header.notify_email_operator),
      pageLevel: level(header.notify_level_page),
      pageOperator: operatorName(header.notify_page_operator),
      netsendLevel: level(header.notify_level_netsend),
      netsendOperator: operatorName(header.notify_netsend_operator),
      deleteLevel: level(header.delete_level),
    },
    targets,
  };
}

/** A definition read from the master as the dialog's input (for Script Job as CREATE). */
export function toJobInput(def: JobDefinition): JobInput {
  return {
    name: def.name,
    enabled: def.enabled,
    description: def.description,
    owner: def.owner ?? undefined,
    category: def.category ?? undefined,
    startStepId: def.startStepId,
    steps: def.steps.map((s) => ({
      name: s.name,
      subsystem: s.subsystem,
      command: s.command,
      databaseName: s.databaseName,
      onSuccessAction: s.onSuccessAction,
      onSuccessStepId: s.onSuccessStepId,
      onFailAction: s.onFailAction,
      onFailStepId: s.onFailStepId,
      retryAttempts: s.retryAttempts,
      retryInterval: s.retryInterval,
    })),
    schedules: def.schedules.map(({ scheduleUid, ...s }) => {
      void scheduleUid;
      return s;
    }),
    notifications: def.notifications,
    targets: def.targets.kind === 'multiserver' ? { kind: 'multiserver', servers: def.targets.servers, groups: [] } : { kind: 'local' },
  };
}

type JobKey = { job_id: string } | { job_name: string };

function stepParams(s: JobStepInput): Record<string, string | number | null> {
  const tsql = s.subsystem === 'TSQL';
  return {
    step_name: s.name,
    subsystem: s.subsystem,
    command: s.command,
    ...(tsql ? { database_name: s.databaseName ?? 'master' } : {}),
    on_success_action: s.onSuccessAction,
    on_success_step_id: s.onSuccessAction === 4 ? s.onSuccessStepId : 0,
    on_fail_action: s.onFailAction,
    on_fail_step_id: s.onFailAction === 4 ? s.onFailStepId : 0,
    retry_attempts: s.retryAttempts,
    retry_interval: s.retryInterval,
  };
}

function scheduleParams(s: JobScheduleInput): Record<string, number> {
  return {
    enabled: s.enabled ? 1 : 0,
    freq_type: s.freqType,
    freq_interval: s.freqInterval,
    freq_subday_type: s.freqSubdayType,
    freq_subday_interval: s.freqSubdayInterval,
    freq_relative_interval: s.freqRelativeInterval,
    freq_recurrence_factor: s.freqRecurrenceFactor,
    active_start_date: s.activeStartDate,
    active_end_date: s.activeEndDate,
    active_start_time: s.activeStartTime,
    active_end_time: s.activeEndTime,
  };
}

function notificationParams(n: JobNotifications): Record<string, string | number | null> {
  return {
    notify_level_eventlog: n.eventlogLevel,
    notify_level_email: n.emailOperator ? n.emailLevel : 0,
    notify_level_netsend: n.netsendOperator ? n.netsendLevel : 0,
    notify_level_page: n.pageOperator ? n.pageLevel : 0,
    notify_email_operator_name: n.emailOperator ?? '',
    notify_netsend_operator_name: n.netsendOperator ?? '',
    notify_page_operator_name: n.pageOperator ?? '',
    delete_level: n.deleteLevel,
  };
}

/** sp_apply_job_to_targets / sp_remove_job_from_targets take comma-separated lists of at most 2,048 / 1,024 characters: one call per chunk. */
function serverListCalls(proc: 'sp_apply_job_to_targets' | 'sp_remove_job_from_targets', key: JobKey, servers: readonly string[]): PlannedCall[] {
  const limit = proc === 'sp_apply_job_to_targets' ? 2048 : 1024;
  const calls: PlannedCall[] = [];
  let chunk: string[] = [];
  const flush = () => {
    if (chunk.length) calls.push(call(proc, { ...key, target_servers: chunk.join(',') }));
    chunk = [];
  };
  for (const s of servers) {
    if ([...chunk, s].join(',').length > limit) flush();
    chunk.push(s);
  }
  flush();
  return calls;
}

/** Target servers of a targets choice, groups replaced by their members (read from the master). */
export async function resolveTargetServers(master: MsdbExecutor, targets: JobInput['targets']): Promise<string[]> {
  if (targets.kind === 'local') return [];
  const out = new Set(targets.servers.map((s) => s.toUpperCase()));
  for (const g of targets.groups) {
    for (const r of firstRecordset(await run(master, call('sp_help_targetservergroup', { name: g })))) out.add(str(r.server_name).toUpperCase());
  }
  return [...out];
}

/**
 * The calls that create a job from scratch, in the order the dialog's pages read: the job, its
 * steps, its schedules, then where it runs (sp_add_jobserver posts INSERT to each new target).
 * `servers` are the target servers (groups already expanded).
 */
export function planCreateJob(input: JobInput, servers?: readonly string[]): PlannedCall[] {
  const key = { job_name: input.name };
  const calls: PlannedCall[] = [
    call('sp_add_job', {
      job_name: input.name,
      enabled: input.enabled ? 1 : 0,
      description: input.description ?? undefined,
      category_name: input.category,
      owner_login_name: input.owner,
      // Only what differs from sp_add_job's defaults, so the script reads like a DBA's.
      ...Object.fromEntries(Object.entries(notificationParams(input.notifications)).filter(([k, v]) => v !== (k === 'notify_level_eventlog' ? 2 : k.endsWith('_name') ? '' : 0))),
    }),
  ];
  input.steps.forEach((s, i) => calls.push(call('sp_add_jobstep', { ...key, step_id: i + 1, ...stepParams(s) })));
  if (input.startStepId !== 1) calls.push(call('sp_update_job', { ...key, start_step_id: input.startStepId }));
  for (const s of input.schedules) {
    if (s.scheduleId !== undefined) calls.push(call('sp_attach_schedule', { ...key, schedule_id: s.scheduleId }));
    else calls.push(call('sp_add_jobschedule', { ...key, name: s.name, ...scheduleParams(s) }));
  }
  if (input.targets.kind === 'local') calls.push(call('sp_add_jobserver', { ...key, server_name: '(local)' }));
  else calls.push(...serverListCalls('sp_apply_job_to_targets', key, servers ?? input.targets.servers));
  return calls;
}

function sameStep(a: JobStepInput, b: JobStepInput): boolean {
  return JSON.stringify(stepParams(a)) === JSON.stringify(stepParams(b));
}

function sameSchedule(a: JobScheduleInput, b: JobScheduleInput): boolean {
  return a.name === b.name && JSON.stringify(scheduleParams(a)) === JSON.stringify(scheduleParams(b));
}

export interface UpdatePlan {
  calls: PlannedCall[];
  stepsChanged: boolean;
  schedulesChanged: boolean;
}

/**
 * The calls that turn `current` into `input`: steps (by position: changed ones updated, extra ones
 * added, missing ones deleted from the end; all rebuilt when a rename would collide), schedules
 * (@automatic_post = 0: the INSERT below covers them), the header (sp_update_job with what changed;
 * @automatic_post = 0 when an INSERT follows), the targets, and finally, for a multiserver job whose
 * steps or schedules changed, `sp_post_msx_operation 'INSERT', 'JOB'` to the targets it keeps
 * (new targets get theirs from sp_add_jobserver).
 */
export function planUpdateJob(current: JobDefinition, input: JobInput, servers: readonly string[]): UpdatePlan {
  const key = { job_id: current.jobId };
  const calls: PlannedCall[] = [];
  const old = toJobInput(current);

  // Steps.
  const stepCalls: PlannedCall[] = [];
  const renames = input.steps.slice(0, old.steps.length).map((s, i) => ({ i, from: old.steps[i].name, to: s.name })).filter((r) => r.from !== r.to);
  const keptNames = new Set(old.steps.map((s) => s.name.toUpperCase()));
  const collides = renames.some((r) => keptNames.has(r.to.toUpperCase()));
  if (collides) {
    stepCalls.push(call('sp_delete_jobstep', { ...key, step_id: 0 }));
    input.steps.forEach((s, i) => stepCalls.push(call('sp_add_jobstep', { ...key, step_id: i + 1, ...stepParams(s) })));
  } else {
    const common = Math.min(old.steps.length, input.steps.length);
    for (let i = 0; i < common; i++) {
      if (sameStep(old.steps[i], input.steps[i])) continue;
      const before = stepParams(old.steps[i]);
      const after = stepParams(input.steps[i]);
      const changed: Record<string, string | number | null> = {};
      for (const [k, v] of Object.entries(after)) if (before[k] !== v) changed[k] = v;
      stepCalls.push(call('sp_update_jobstep', { ...key, step_id: i + 1, ...changed }));
    }
    for (let i = old.steps.length - 1; i >= input.steps.length; i--) stepCalls.push(call('sp_delete_jobstep', { ...key, step_id: i + 1 }));
    for (let i = old.steps.length; i < input.steps.length; i++) stepCalls.push(call('sp_add_jobstep', { ...key, step_id: i + 1, ...stepParams(input.steps[i]) }));
  }
  calls.push(...stepCalls);

  // Schedules.
  const scheduleCalls: PlannedCall[] = [];
  const currentById = new Map(current.schedules.map((s) => [s.scheduleId, s]));
  const wanted = new Set(input.schedules.filter((s) => s.scheduleId !== undefined).map((s) => s.scheduleId));
  for (const s of current.schedules) {
    if (!wanted.has(s.scheduleId)) scheduleCalls.push(call('sp_detach_schedule', { ...key, schedule_id: s.scheduleId, delete_unused_schedule: 1, automatic_post: 0 }));
  }
  for (const s of input.schedules) {
    const existing = s.scheduleId === undefined ? undefined : currentById.get(s.scheduleId);
    if (s.scheduleId === undefined) scheduleCalls.push(call('sp_add_jobschedule', { ...key, name: s.name, ...scheduleParams(s), automatic_post: 0 }));
    else if (!existing) scheduleCalls.push(call('sp_attach_schedule', { ...key, schedule_id: s.scheduleId, automatic_post: 0 }));
    else if (!sameSchedule(existing, s)) {
      scheduleCalls.push(call('sp_update_schedule', { schedule_id: s.scheduleId, new_name: s.name, ...scheduleParams(s), automatic_post: 0 }));
    }
  }
  calls.push(...scheduleCalls);

  const definitionChanged = stepCalls.length > 0 || scheduleCalls.length > 0;
  const oldServers = current.targets.kind === 'multiserver' ? current.targets.servers.map((s) => s.toUpperCase()) : [];
  const newServers = input.targets.kind === 'multiserver' ? servers.map((s) => s.toUpperCase()) : [];
  const kept = oldServers.filter((s) => newServers.includes(s));
  const willPostInsert = definitionChanged && kept.length > 0;

  // Header.
  const header: Record<string, string | number | null> = {};
  if (input.name !== current.name) header.new_name = input.name;
  if (input.enabled !== current.enabled) header.enabled = input.enabled ? 1 : 0;
  if ((input.description ?? null) !== (current.description ?? null)) header.description = input.description ?? '';
  if (input.category !== undefined && input.category !== current.category) header.category_name = input.category;
  if (input.owner !== undefined && input.owner.toUpperCase() !== (current.owner ?? '').toUpperCase()) header.owner_login_name = input.owner;
  if (input.startStepId !== current.startStepId || current.startStepId > Math.max(1, input.steps.length)) header.start_step_id = input.startStepId;
  const notifyBefore = notificationParams(current.notifications);
  const notifyAfter = notificationParams(input.notifications);
  for (const [k, v] of Object.entries(notifyAfter)) if (notifyBefore[k] !== v) header[k] = v;
  if (Object.keys(header).length) calls.push(call('sp_update_job', { ...key, ...header, ...(willPostInsert ? { automatic_post: 0 } : {}) }));

  // Targets.
  if (current.targets.kind === 'local' && input.targets.kind === 'multiserver') calls.push(call('sp_delete_jobserver', { ...key, server_name: '(local)' }));
  const removed = oldServers.filter((s) => !newServers.includes(s));
  const added = newServers.filter((s) => !oldServers.includes(s));
  calls.push(...serverListCalls('sp_remove_job_from_targets', key, removed));
  if (input.targets.kind === 'local' && current.targets.kind !== 'local') calls.push(call('sp_add_jobserver', { ...key, server_name: '(local)' }));
  calls.push(...serverListCalls('sp_apply_job_to_targets', key, added));

  // The INSERT SSMS posts after a multiserver job's steps or schedules changed.
  if (willPostInsert) {
    if (added.length === 0) calls.push(call('sp_post_msx_operation', { operation: 'INSERT', object_type: 'JOB', job_id: current.jobId }));
    else for (const s of kept) calls.push(call('sp_post_msx_operation', { operation: 'INSERT', object_type: 'JOB', job_id: current.jobId, specific_target_server: s }));
  }
  return { calls, stepsChanged: stepCalls.length > 0, schedulesChanged: scheduleCalls.length > 0 };
}

/** Cross-field checks the dialog's pages make before anything is sent. */
function checkInput(input: JobInput): void {
  const issues: Array<{ path: string; message: string }> = [];
  const seen = new Set<string>();
  input.steps.forEach((s, i) => {
    const k = s.name.toUpperCase();
    if (seen.has(k)) issues.push({ path: `job.steps.${i}.name`, message: `A step named '${s.name}' already exists.` });
    seen.add(k);
  });
  if (input.steps.length > 0 && input.startStepId > input.steps.length) issues.push({ path: 'job.startStepId', message: `Must be 1..${input.steps.length}.` });
  if (input.targets.kind === 'multiserver') {
    if (input.targets.servers.length === 0 && input.targets.groups.length === 0) {
      issues.push({ path: 'job.targets', message: 'Select at least one target server or target server group.' });
    }
    const n = input.notifications;
    for (const [path, op] of [['emailOperator', n.emailOperator], ['pageOperator', n.pageOperator], ['netsendOperator', n.netsendOperator]] as const) {
      if (op !== null && op.toUpperCase() !== 'MSXOPERATOR') issues.push({ path: `job.notifications.${path}`, message: 'A multiserver job can notify only MSXOperator.' });
    }
  }
  if (issues.length) throw new WorkflowError('INVALID_PARAMS', `Invalid parameters: ${issues.map((i) => `${i.path}: ${i.message.replace(/\.$/, '')}`).join('; ')}.`, issues);
}

export async function saveJob(master: MsdbExecutor, jobId: string | null, input: JobInput, scriptOnly: boolean, masterName?: string): Promise<SaveJobResult> {
  checkInput(input);
  const servers = await resolveTargetServers(master, input.targets);
  let calls: PlannedCall[];
  if (jobId === null) {
    calls = planCreateJob(input, servers);
  } else {
    const current = await readJob(master, { jobId });
    calls = planUpdateJob(current, input, servers).calls;
  }
  const script = renderScript(calls, masterName);
  if (scriptOnly) return { jobId, calls, script, ok: true };
  if (calls.length === 0) return { jobId, calls, script, outcomes: [], ok: true };
  const { outcomes, ok } = await runCalls(master, calls);
  let id = jobId;
  if (id === null && ok) id = str(firstRecordset(await run(master, call('sp_help_job', { job_name: input.name })))[0]?.job_id).toUpperCase() || null;
  return { jobId: id, calls, script, outcomes, ok };
}
