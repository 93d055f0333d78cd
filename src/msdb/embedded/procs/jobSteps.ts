// Job steps (spec §12): sp_add_jobstep, sp_update_jobstep, sp_delete_jobstep, sp_help_jobstep.
// Validation follows msdb's sp_add_jobstep / sp_add_jobstep_internal / sp_verify_jobstep order.
// Each change bumps the job's version. None of them posts anything: for a multiserver job they
// raise informational 14547 ("…until an INSERT for the job is posted using sp_post_msx_operation"),
// as SQL Server 2017 and later do; the targets keep the old steps until an INSERT is posted.
import type { Args } from '../coerce';
import { trimmed, type ProcContext, type ProcDef } from '../context';
import {
  bumpJobVersion,
  databaseExists,
  isMultiserverJob,
  postOrRemind,
  resolveVisibleJob,
  verifyJobProcCaller,
  callerSid,
} from './shared';
import { resolveProxyId } from './proxies';

/** sp_enum_sqlagent_subsystems on a SQL Server 2022 instance. */
export const SUBSYSTEMS = ['ActiveScripting', 'CmdExec', 'Snapshot', 'LogReader', 'Distribution', 'Merge', 'QueueReader',
  'ANALYSISQUERY', 'ANALYSISCOMMAND', 'SSIS', 'PowerShell', 'TSQL'];
const REPLICATION = ['DISTRIBUTION', 'SNAPSHOT', 'LOGREADER', 'MERGE', 'QUEUEREADER'];

interface StepValues {
  stepName: string;
  /** Only when the name changes (sp_update_jobstep passes NULL otherwise, so its own name is no duplicate). */
  newStepName: string | null;
  subsystem: string;
  command: string | null;
  onSuccessAction: number;
  onSuccessStepId: number;
  onFailAction: number;
  onFailStepId: number;
  databaseName: string | null;
  databaseUserName: string | null;
  retryAttempts: number;
  retryInterval: number;
  osRunPriority: number;
  flags: number;
  outputFileName: string | null;
  /** sysproxies.proxy_id the step runs as, or null. */
  proxyId: number | null;
}

function canonicalSubsystem(ctx: ProcContext, subsystem: string): string {
  const s = subsystem.toUpperCase() === 'DTS' ? 'SSIS' : subsystem;
  const found = SUBSYSTEMS.find((x) => x.toUpperCase() === s.toUpperCase());
  if (!found) ctx.fail(14234, '@subsystem', 'sp_enum_sqlagent_subsystems');
  return found;
}

/** sp_verify_jobstep, in msdb's order; returns the database names it settles (NULL for CmdExec, master by default for TSQL). */
function verifyJobStep(ctx: ProcContext, jobId: string, stepId: number, v: StepValues): { subsystem: string; databaseName: string | null; databaseUserName: string | null } {
  const maxStep = Number(ctx.db.value('SELECT COALESCE(MAX(step_id), 0) FROM sysjobsteps WHERE job_id = ?', [jobId]));
  if (stepId < 1 || stepId > maxStep + 1) ctx.fail(14266, '@step_id', `1..${maxStep + 1}`);
  const subsystem = canonicalSubsystem(ctx, v.subsystem);
  if (v.proxyId !== null && subsystem === 'TSQL') ctx.fail(14517);
  if (v.outputFileName !== null && !ctx.caller.isSysadmin) ctx.fail(14582);
  if (v.newStepName !== null && ctx.db.value('SELECT 1 FROM sysjobsteps WHERE job_id = ? AND step_name = ?', [jobId, v.newStepName]) !== undefined) {
    ctx.fail(14261, '@step_name', v.newStepName);
  }
  if (![1, 2, 3, 4].includes(v.onSuccessAction)) ctx.fail(14266, '@on_success_action', '1, 2, 3, 4');
  if (v.onSuccessAction === 4 && (v.onSuccessStepId < 1 || v.onSuccessStepId === stepId)) ctx.fail(14235, '@on_success_step', stepId);
  if (![1, 2, 3, 4].includes(v.onFailAction)) ctx.fail(14266, '@on_failure_action', '1, 2, 3, 4');
  if (v.onFailAction === 4 && (v.onFailStepId < 1 || v.onFailStepId === stepId)) ctx.fail(14235, '@on_failure_step', stepId);
  // Forward references are allowed, with a warning, so a flow can be built in one pass.
  if (v.onSuccessAction === 4 && v.onSuccessStepId > maxStep) ctx.info(14236, '@on_success_step_id');
  if (v.onFailAction === 4 && v.onFailStepId > maxStep) ctx.info(14236, '@on_fail_step_id');
  if (![-15, -1, 0, 1, 15].includes(v.osRunPriority)) ctx.fail(14266, '@os_run_priority', '-15, -1, 0, 1, 15');
  if (v.flags < 0 || v.flags > 114) ctx.fail(14266, '@flags', '0..114');
  const upper = subsystem.toUpperCase();
  if ((v.flags & 4) !== 0 && upper !== 'TSQL') ctx.fail(14545, '@flags', subsystem);
  if ((v.flags & 8) !== 0 && (v.flags & 16) !== 0) ctx.fail(14545, '@flags', subsystem);
  if ((v.flags & 64) !== 0 && upper !== 'CMDEXEC') ctx.fail(14545, '@flags', subsystem);

  let databaseName = v.databaseName;
  let databaseUserName = v.databaseUserName;
  if (upper === 'CMDEXEC') {
    databaseName = null;
    databaseUserName = null;
  }
  if (upper !== 'TSQL') databaseUserName = null;
  if (upper === 'TSQL') {
    databaseName = databaseName ?? 'master';
    if (!databaseExists(databaseName)) ctx.fail(14262, '@database_name', databaseName);
    if (ctx.caller.isSysadmin) {
      if (databaseUserName !== null && isMultiserverJob(ctx, jobId)) ctx.fail(14542, 'database_user_name');
    } else {
      databaseUserName = null;
    }
  }
  return { subsystem, databaseName, databaseUserName };
}

function int(v: string | number | null, dflt: number): number {
  return v === null ? dflt : Number(v);
}

/** sp_add_jobstep: inserts at @step_id (default: after the last), renumbering later steps and their go-to references. */
function addJobStep(ctx: ProcContext, args: Args): number {
  const subsystemArg = trimmed(args.subsystem) ?? 'TSQL';
  if (REPLICATION.includes(subsystemArg.toUpperCase()) && !ctx.caller.isSysadmin) ctx.fail(14260);
  if (trimmed(args.database_user_name) !== null && !ctx.caller.isSysadmin) ctx.fail(14583);
  verifyJobProcCaller(ctx, args.job_id as string | null);
  const job = resolveVisibleJob(ctx, args.job_id as string | null, trimmed(args.job_name));
  if (!ctx.caller.isSysadmin && callerSid(ctx) !== job.owner_sid) ctx.fail(14525);

  const maxStep = Number(ctx.db.value('SELECT COALESCE(MAX(step_id), 0) FROM sysjobsteps WHERE job_id = ?', [job.job_id]));
  const stepId = args.step_id === null ? maxStep + 1 : Number(args.step_id);
  const stepName = trimmed(args.step_name);
  if (stepName === null) ctx.fail(14043, '@step_name');
  const proxyId = resolveProxyId(ctx, args) ?? null;
  const checked = verifyJobStep(ctx, job.job_id, stepId, {
    stepName,
    newStepName: stepName,
    subsystem: subsystemArg,
    command: args.command as string | null,
    onSuccessAction: int(args.on_success_action, 1),
    onSuccessStepId: int(args.on_success_step_id, 0),
    onFailAction: int(args.on_fail_action, 2),
    onFailStepId: int(args.on_fail_step_id, 0),
    databaseName: trimmed(args.database_name),
    databaseUserName: trimmed(args.database_user_name),
    retryAttempts: int(args.retry_attempts, 0),
    retryInterval: int(args.retry_interval, 0),
    osRunPriority: int(args.os_run_priority, 0),
    flags: int(args.flags, 0),
    outputFileName: trimmed(args.output_file_name),
    proxyId,
  });

  bumpJobVersion(ctx, job.job_id);
  if (stepId <= maxStep) {
    // Renumber from the end so (job_id, step_id) stays unique at every row.
    ctx.db.run('UPDATE sysjobsteps SET step_id = -(step_id + 1) WHERE job_id = ? AND step_id >= ?', [job.job_id, stepId]);
    ctx.db.run('UPDATE sysjobsteps SET step_id = -step_id WHERE job_id = ? AND step_id < 0', [job.job_id]);
    ctx.db.run('UPDATE sysjobsteps SET on_success_step_id = on_success_step_id + 1 WHERE job_id = ? AND on_success_step_id >= ?', [job.job_id, stepId]);
    ctx.db.run('UPDATE sysjobsteps SET on_fail_step_id = on_fail_step_id + 1 WHERE job_id = ? AND on_fail_step_id >= ?', [job.job_id, stepId]);
  }
  ctx.db.run(
    `INSERT INTO sysjobsteps (job_id, step_id, step_name, subsystem, command, database_name, database_user_name,
       on_success_action, on_success_step_id, on_fail_action, on_fail_step_id, retry_attempts, retry_interval, proxy_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [job.job_id, stepId, stepName, checked.subsystem, args.command, checked.databaseName, checked.databaseUserName,
      int(args.on_success_action, 1), int(args.on_success_step_id, 0), int(args.on_fail_action, 2), int(args.on_fail_step_id, 0),
      int(args.retry_attempts, 0), int(args.retry_interval, 0), proxyId],
  );
  postOrRemind(ctx, job.job_id, false);
  return 0;
}

interface StepRow {
  step_id: number;
  step_name: string;
  subsystem: string;
  command: string | null;
  database_name: string | null;
  database_user_name: string | null;
  on_success_action: number;
  on_success_step_id: number;
  on_fail_action: number;
  on_fail_step_id: number;
  retry_attempts: number;
  retry_interval: number;
  proxy_id: number | null;
}

/** sp_update_jobstep: the parameters given replace the step's values; the step id and job are not updatable. */
function updateJobStep(ctx: ProcContext, args: Args): number {
  const subsystemArg = trimmed(args.subsystem);
  if (subsystemArg !== null && REPLICATION.includes(subsystemArg.toUpperCase()) && !ctx.caller.isSysadmin) ctx.fail(14260);
  const job = resolveVisibleJob(ctx, args.job_id as string | null, trimmed(args.job_name));
  if (!ctx.caller.isSysadmin && callerSid(ctx) !== job.owner_sid) ctx.fail(14525);
  const stepId = Number(args.step_id);
  const x = ctx.db.get<StepRow>('SELECT * FROM sysjobsteps WHERE job_id = ? AND step_id = ?', [job.job_id, stepId]);
  if (!x) ctx.fail(14262, '@step_id', String(stepId));
  verifyJobProcCaller(ctx, job.job_id);

  const stepName = trimmed(args.step_name) ?? x.step_name;
  const text = (k: string, current: string | null): string | null => {
    if (args[k] === null) return current;
    const t = String(args[k]).trim();
    return t === '' ? null : t;
  };
  const values: StepValues = {
    stepName,
    newStepName: stepName !== x.step_name ? stepName : null,
    subsystem: subsystemArg ?? x.subsystem,
    command: text('command', x.command),
    onSuccessAction: int(args.on_success_action, x.on_success_action),
    onSuccessStepId: int(args.on_success_step_id, x.on_success_step_id),
    onFailAction: int(args.on_fail_action, x.on_fail_action),
    onFailStepId: int(args.on_fail_step_id, x.on_fail_step_id),
    databaseName: text('database_name', x.database_name),
    databaseUserName: text('database_user_name', x.database_user_name),
    retryAttempts: int(args.retry_attempts, x.retry_attempts),
    retryInterval: int(args.retry_interval, x.retry_interval),
    osRunPriority: int(args.os_run_priority, 0),
    flags: int(args.flags, 0),
    outputFileName: text('output_file_name', null),
    proxyId: resolveProxyId(ctx, args) ?? x.proxy_id,
  };
  const checked = verifyJobStep(ctx, job.job_id, stepId, values);
  bumpJobVersion(ctx, job.job_id);
  ctx.db.run(
    `UPDATE sysjobsteps SET step_name = ?, subsystem = ?, command = ?, database_name = ?, database_user_name = ?,
       on_success_action = ?, on_success_step_id = ?, on_fail_action = ?, on_fail_step_id = ?, retry_attempts = ?, retry_interval = ?,
       proxy_id = ?
     WHERE job_id = ? AND step_id = ?`,
    [stepName, checked.subsystem, values.command, checked.databaseName, checked.databaseUserName, values.onSuccessAction,
      values.onSuccessStepId, values.onFailAction, values.onFailStepId, values.retryAttempts, values.retryInterval, values.proxyId, job.job_id, stepId],
  );
  postOrRemind(ctx, job.job_id, false);
  return 0;
}

/** sp_delete_jobstep: one step (later ones move up, go-to references follow) or, with @step_id = 0, all of them. */
function deleteJobStep(ctx: ProcContext, args: Args): number {
  const job = resolveVisibleJob(ctx, args.job_id as string | null, trimmed(args.job_name));
  verifyJobProcCaller(ctx, job.job_id);
  if (!ctx.caller.isSysadmin && callerSid(ctx) !== job.owner_sid) ctx.fail(14525);
  const maxStep = Number(ctx.db.value('SELECT COALESCE(MAX(step_id), 0) FROM sysjobsteps WHERE job_id = ?', [job.job_id]));
  const stepId = Number(args.step_id);
  // msdb builds the range from message 14201 ("0 (all steps) .. ") and the highest step id.
  if (stepId < 0 || stepId > maxStep) ctx.fail(14266, '@step_id', `0 (all steps) .. ${maxStep}`);
  if (stepId === 0) {
    ctx.db.run('DELETE FROM sysjobsteps WHERE job_id = ?', [job.job_id]);
  } else {
    const j = job.job_id;
    ctx.db.run('DELETE FROM sysjobsteps WHERE job_id = ? AND step_id = ?', [j, stepId]);
    ctx.db.run('UPDATE sysjobsteps SET step_id = step_id - 1 WHERE job_id = ? AND step_id > ?', [j, stepId]);
    ctx.db.run('UPDATE sysjobsteps SET on_success_step_id = on_success_step_id - 1 WHERE job_id = ? AND on_success_step_id > ?', [j, stepId]);
    ctx.db.run('UPDATE sysjobsteps SET on_fail_step_id = on_fail_step_id - 1 WHERE job_id = ? AND on_fail_step_id > ?', [j, stepId]);
    ctx.db.run('UPDATE sysjobsteps SET on_success_step_id = 0, on_success_action = 1 WHERE job_id = ? AND on_success_step_id = ?', [j, stepId]);
    ctx.db.run('UPDATE sysjobsteps SET on_fail_step_id = 0, on_fail_action = 2 WHERE job_id = ? AND on_fail_step_id = ?', [j, stepId]);
  }
  bumpJobVersion(ctx, job.job_id);
  postOrRemind(ctx, job.job_id, false);
  return 0;
}

/**
 * sp_help_jobstep: msdb's columns in its order. The simulation does not keep flags, the
 * CmdExec success code, the replication server, the run priority, the output file or per-step
 * last-run figures; those columns carry msdb's defaults.
 */
function helpJobStep(ctx: ProcContext, args: Args) {
  const job = resolveVisibleJob(ctx, args.job_id as string | null, trimmed(args.job_name));
  const stepId = args.step_id === null ? null : Number(args.step_id);
  const stepName = trimmed(args.step_name);
  if (stepId !== null && ctx.db.value('SELECT 1 FROM sysjobsteps WHERE job_id = ? AND step_id = ?', [job.job_id, stepId]) === undefined) {
    ctx.fail(14262, '@step_id', String(stepId));
  }
  if (stepName !== null && ctx.db.value('SELECT 1 FROM sysjobsteps WHERE job_id = ? AND step_name = ?', [job.job_id, stepName]) === undefined) {
    ctx.fail(14262, '@step_name', stepName);
  }
  const rows = ctx.db.all<StepRow>(
    `SELECT * FROM sysjobsteps WHERE job_id = ? AND (? IS NULL OR step_id = ?) AND (? IS NULL OR step_name = ?) ORDER BY step_id`,
    [job.job_id, stepId, stepId, stepName, stepName],
  );
  return {
    returnValue: 0,
    recordsets: [
      rows.map((r) => ({
        step_id: r.step_id,
        step_name: r.step_name,
        subsystem: r.subsystem,
        command: r.command,
        flags: 0,
        cmdexec_success_code: 0,
        on_success_action: r.on_success_action,
        on_success_step_id: r.on_success_step_id,
        on_fail_action: r.on_fail_action,
        on_fail_step_id: r.on_fail_step_id,
        server: null,
        database_name: r.database_name,
        database_user_name: r.database_user_name,
        retry_attempts: r.retry_attempts,
        retry_interval: r.retry_interval,
        os_run_priority: 0,
        output_file_name: null,
        last_run_outcome: 0,
        last_run_duration: 0,
        last_run_retries: 0,
        last_run_date: 0,
        last_run_time: 0,
        proxy_id: r.proxy_id,
      })),
    ],
  };
}

export const jobStepsProcs: ProcDef[] = [
  { name: 'sp_add_jobstep', handler: addJobStep },
  { name: 'sp_update_jobstep', handler: updateJobStep },
  { name: 'sp_delete_jobstep', handler: deleteJobStep },
  { name: 'sp_help_jobstep', handler: helpJobStep },
];
