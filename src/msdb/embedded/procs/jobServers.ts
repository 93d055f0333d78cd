// Job servers (spec §2.5, §4.3): which servers a job runs on. A job is local (one server_id 0
// row) or multiserver (one row per target); the master never runs a multiserver job itself, it
// posts instructions for the targets.
import { toRunDate, toRunTime } from '../../../msx/datetime';
import {
  CATEGORY_UNCATEGORIZED_LOCAL,
  CATEGORY_UNCATEGORIZED_MULTISERVER,
  RUN_OUTCOME,
} from '../../../msx/operations';
import type { Args } from '../coerce';
import { trimmed, withDates, type ProcContext, type ProcDef } from '../context';
import {
  callerSid,
  isAgentAccountSid,
  loginNameBySid,
  originatingServer,
  resolveVisibleJob,
  visibleJobsClause,
  type JobRow,
} from './shared';

/** systargetservers_view's row for the local server carries this fixed date. */
const LOCAL_SERVER_DATE = '1998-11-13 00:00:00.000';

const MSX_OPERATOR = 'MSXOperator';

/** NULL and '(LOCAL)' in any case mean this server; names compare upper-cased. */
function jobServerName(ctx: ProcContext, raw: string | null): string {
  const name = raw === null ? '(LOCAL)' : raw.trim().toUpperCase();
  return name === '(LOCAL)' ? ctx.server.serverName.toUpperCase() : name;
}

function isLocalName(ctx: ProcContext, upperName: string): boolean {
  return upperName === ctx.server.serverName.toUpperCase();
}

function targetIdByName(ctx: ProcContext, upperName: string): number | undefined {
  return ctx.db.value<number>('SELECT server_id FROM systargetservers WHERE server_name = ?', [upperName]);
}

/** Whether the job has a job server: any, one server id, or any remote one. */
function hasJobServers(ctx: ProcContext, jobId: string, server: number | 'any' | 'remote' = 'any'): boolean {
  const where = server === 'any' ? '1 = 1' : server === 'remote' ? 'server_id <> 0' : 'server_id = ?';
  const params = typeof server === 'number' ? [jobId, server] : [jobId];
  return ctx.db.value(`SELECT 1 FROM sysjobservers WHERE job_id = ? AND ${where}`, params) !== undefined;
}

function post(ctx: ProcContext, operation: string, jobId: string, target: string | null): number {
  return ctx.call('sp_post_msx_operation', { operation, object_type: 'JOB', job_id: jobId, specific_target_server: target }).returnValue ?? 0;
}

/** Only the owner, sysadmin and SQLAgentOperatorRole may start or stop a job (14393). */
function requireStartStopRight(ctx: ProcContext, job: JobRow): void {
  if (job.owner_sid !== callerSid(ctx) && !ctx.caller.isSysadmin && !ctx.caller.roles.has('SQLAgentOperatorRole')) {
    ctx.fail(14393);
  }
}

function ownerIsSysadmin(ctx: ProcContext, ownerSid: string): boolean {
  if (isAgentAccountSid(ownerSid)) return true;
  return ctx.db.value<number>('SELECT is_sysadmin FROM sim_logins WHERE sid = ?', [ownerSid]) === 1;
}

/** sp_add_jobserver (spec §4.3): the checks in msdb's order, then the row, the category, the post. */
function addJobServer(ctx: ProcContext, args: Args): number {
  const serverName = jobServerName(ctx, args.server_name as string | null);
  const job = resolveVisibleJob(ctx, args.job_id as string | null, args.job_name as string | null);

  let serverId = 0;
  if (!isLocalName(ctx, serverName)) {
    if (!ctx.caller.isSysadmin) ctx.fail(14398);
    if (!ownerIsSysadmin(ctx, job.owner_sid)) ctx.fail(14544, loginNameBySid(ctx, job.owner_sid), 'sysadmin');
    const userStep = ctx.db.value(
      "SELECT 1 FROM sysjobsteps WHERE job_id = ? AND subsystem = 'TSQL' COLLATE NOCASE AND database_user_name IS NOT NULL",
      [job.job_id],
    );
    if (userStep !== undefined) ctx.fail(14542, 'database_user_name');
    const id = targetIdByName(ctx, serverName);
    if (id === undefined) ctx.fail(14262, '@server_name', serverName);
    serverId = id;
  }

  if (hasJobServers(ctx, job.job_id, serverId)) ctx.fail(14269, job.name, serverName);

  const isLocalJob = hasJobServers(ctx, job.job_id, 0);
  const isMultiserverJob = !isLocalJob && hasJobServers(ctx, job.job_id, 'remote');
  // msdb raises these two with texts that read the other way round; the numbers are msdb's.
  if (serverId === 0 && isMultiserverJob) ctx.fail(14290);
  if (serverId !== 0 && isLocalJob) ctx.fail(14291);

  // Checked only once the job already has targets; without an MSXOperator the comparison is NULL and passes.
  if (isMultiserverJob) {
    const msxOperatorId = ctx.db.value<number>('SELECT id FROM sysoperators WHERE name = ?', [MSX_OPERATOR]);
    const foreign = msxOperatorId !== undefined && ctx.db.value(
      `SELECT 1 FROM sysjobs WHERE job_id = ? AND (
         (notify_email_operator_id <> 0 AND notify_email_operator_id <> ?) OR
         (notify_page_operator_id <> 0 AND notify_page_operator_id <> ?) OR
         (notify_netsend_operator_id <> 0 AND notify_netsend_operator_id <> ?))`,
      [job.job_id, msxOperatorId, msxOperatorId, msxOperatorId],
    ) !== undefined;
    if (foreign) ctx.fail(14221, MSX_OPERATOR);
  }

  ctx.db.run(
    `INSERT INTO sysjobservers (job_id, server_id, last_run_outcome, last_outcome_message, last_run_date, last_run_time, last_run_duration)
     VALUES (?, ?, ?, NULL, 0, 0, 0)`,
    [job.job_id, serverId, RUN_OUTCOME.UNKNOWN],
  );

  // Re-categorize by the category's type (1 local, 2 multiserver), as msdb does (spec §2.6).
  const categoryType = ctx.db.value<number>('SELECT category_type FROM syscategories WHERE category_id = ?', [job.category_id]);
  if (serverId === 0 && categoryType === 2) {
    ctx.db.run('UPDATE sysjobs SET category_id = ? WHERE job_id = ?', [CATEGORY_UNCATEGORIZED_LOCAL, job.job_id]);
  }
  if (serverId !== 0 && categoryType === 1) {
    ctx.db.run('UPDATE sysjobs SET category_id = ? WHERE job_id = ?', [CATEGORY_UNCATEGORIZED_MULTISERVER, job.job_id]);
  }

  // For the local server sp_post_msx_operation is a silent no-op.
  return args.automatic_post === 1 ? post(ctx, 'INSERT', job.job_id, serverName) : 0;
}

/**
 * sp_delete_jobserver (spec §4.3). The DELETE is posted while the row still exists, so the target
 * is still "assigned". The category stays as it is: msdb keeps a job with no targets multiserver,
 * which is why sp_multi_server_job_summary lists such jobs.
 */
function deleteJobServer(ctx: ProcContext, args: Args): number {
  if (args.server_name === null) ctx.fail(14043, '@server_name');
  const serverName = jobServerName(ctx, args.server_name as string);
  const job = resolveVisibleJob(ctx, args.job_id as string | null, args.job_name as string | null);

  let serverId = 0;
  if (!isLocalName(ctx, serverName)) {
    const id = targetIdByName(ctx, serverName);
    if (id === undefined) ctx.fail(14262, '@server_name', serverName);
    serverId = id;
  }
  if (!hasJobServers(ctx, job.job_id, serverId)) ctx.fail(14270, job.name, serverName);

  const rc = post(ctx, 'DELETE', job.job_id, serverName);
  ctx.db.run('DELETE FROM sysjobservers WHERE job_id = ? AND server_id = ?', [job.job_id, serverId]);
  return rc;
}

/** sp_help_jobserver: the job's servers through systargetservers_view (which adds the local server as 0). */
function helpJobServer(ctx: ProcContext, args: Args) {
  const job = resolveVisibleJob(ctx, args.job_id as string | null, args.job_name as string | null);
  const details = args.show_last_run_details !== 0;
  // The local server (id 0) is a CASE rather than a UNION, so the join uses systargetservers' key
  // (a UNION made a job on 1,000 targets compare a million pairs).
  const rows = ctx.db.all(
    `SELECT js.server_id,
       CASE WHEN js.server_id = 0 THEN ? ELSE t.server_name END AS server_name,
       CASE WHEN js.server_id = 0 THEN ? ELSE t.enlist_date END AS enlist_date,
       CASE WHEN js.server_id = 0 THEN ? ELSE t.last_poll_date END AS last_poll_date${details
      ? ', js.last_run_date, js.last_run_time, js.last_run_duration, js.last_run_outcome, js.last_outcome_message'
      : ''}
     FROM sysjobservers js
     LEFT JOIN systargetservers t ON t.server_id = js.server_id
     WHERE js.job_id = ?
     ORDER BY js.server_id`,
    [ctx.server.serverName, LOCAL_SERVER_DATE, LOCAL_SERVER_DATE, job.job_id],
  );
  return { returnValue: 0, recordsets: [rows.map((r) => withDates(r, ['enlist_date', 'last_poll_date']))] };
}

interface StepRow {
  step_id: number;
  step_name: string;
  on_success_action: number;
}

/**
 * A local job on the simulated master runs at once and succeeds: each step from the start step
 * on, following "go to the next step" until a "quit" action, then the job outcome row.
 */
function runLocalJob(ctx: ProcContext, job: JobRow, startStepId: number | null): void {
  const steps = ctx.db.all<StepRow>('SELECT step_id, step_name, on_success_action FROM sysjobsteps WHERE job_id = ? ORDER BY step_id', [job.job_id]);
  const runDate = toRunDate(ctx.nowMs);
  const runTime = toRunTime(ctx.nowMs);
  const server = ctx.server.serverName;
  const history = `INSERT INTO sysjobhistory (job_id, step_id, step_name, message, run_status, run_date, run_time, run_duration, server)
                   VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)`;
  const first = startStepId ?? ctx.db.value<number>('SELECT start_step_id FROM sysjobs WHERE job_id = ?', [job.job_id]) ?? 1;
  let index = steps.findIndex((s) => s.step_id === first);
  let last: StepRow | undefined;
  let outcome: number = RUN_OUTCOME.SUCCEEDED;
  while (index >= 0 && index < steps.length) {
    last = steps[index];
    ctx.db.run(history, [job.job_id, last.step_id, last.step_name, 'Executed as user: NT SERVICE\\SQLSERVERAGENT. The step succeeded.',
      RUN_OUTCOME.SUCCEEDED, runDate, runTime, server]);
    if (last.on_success_action === 2) outcome = RUN_OUTCOME.FAILED;
    if (last.on_success_action !== 3 && last.on_success_action !== 4) break;
    index++;
  }
  const verdict = outcome === RUN_OUTCOME.SUCCEEDED ? 'The job succeeded.' : 'The job failed.';
  const lastStep = last ? `  The last step to run was step ${last.step_id} (${last.step_name}).` : '';
  const message = `${verdict}  The Job was invoked by User ${ctx.caller.login}.${lastStep}`;
  ctx.db.run(history, [job.job_id, 0, '(Job outcome)', message, outcome, runDate, runTime, server]);
  ctx.db.run(
    `UPDATE sysjobservers SET last_run_outcome = ?, last_outcome_message = ?, last_run_date = ?, last_run_time = ?, last_run_duration = 0
     WHERE job_id = ? AND server_id = 0`,
    [outcome, message, runDate, runTime, job.job_id],
  );
}

/** sp_start_job (spec §4.3): a local job runs here; a multiserver job gets START rows for its targets. */
function startJob(ctx: ProcContext, args: Args): number {
  const serverName = trimmed(args.server_name)?.toUpperCase() ?? null;
  const stepName = trimmed(args.step_name);
  const job = resolveVisibleJob(ctx, args.job_id as string | null, trimmed(args.job_name));
  requireStartStopRight(ctx, job);
  if (!hasJobServers(ctx, job.job_id)) ctx.fail(14256, job.name, job.job_id);

  if (hasJobServers(ctx, job.job_id, 0)) {
    let stepId: number | null = null;
    if (stepName !== null) {
      stepId = ctx.db.value<number>('SELECT step_id FROM sysjobsteps WHERE job_id = ? AND step_name = ?', [job.job_id, stepName]) ?? null;
      if (stepId === null) ctx.fail(14262, '@step_name', stepName);
    }
    runLocalJob(ctx, job, stepId);
    if (args.output_flag === 1) ctx.info(14243, job.name);
    return 0;
  }

  if (!ctx.caller.isSysadmin) ctx.fail(14397);
  if (serverName !== null && targetIdByName(ctx, serverName) === undefined) ctx.fail(14262, '@server_name', serverName);
  if (stepName !== null && ctx.db.value('SELECT 1 FROM sysjobsteps WHERE job_id = ? AND step_name = ?', [job.job_id, stepName]) === undefined) {
    ctx.fail(14262, '@step_name', stepName);
  }
  // An auto-deleting job may already be gone from the targets: send it again first.
  if (job.delete_level !== 0) post(ctx, 'INSERT', job.job_id, serverName);
  const before = ctx.db.value<number>('SELECT MAX(instance_id) FROM sysdownloadlist') ?? 0;
  const rc = post(ctx, 'START', job.job_id, serverName);
  // Start Job at Step on targets: the simulation carries the step name on its START rows (in
  // deleted_object_name, which START rows leave empty) and a simulated target starts its copy
  // there. [simulation's choice: msdb's START row has no step column; how a real TSX learns the
  // step is not in the spec]
  if (stepName !== null) {
    ctx.db.run('UPDATE sysdownloadlist SET deleted_object_name = ? WHERE instance_id > ? AND operation_code = ? AND object_id = ?',
      [stepName, before, 4, job.job_id]);
  }
  return rc;
}

/** sp_stop_job (spec §4.3): one job (local: cancelled here; multiserver: STOP rows), or every job from one origin. */
function stopJob(ctx: ProcContext, args: Args): number {
  const jobName = trimmed(args.job_name);
  const jobId = args.job_id as string | null;
  const origin = trimmed(args.originating_server)?.toUpperCase() ?? null;
  const serverName = trimmed(args.server_name)?.toUpperCase() ?? null;
  if ([jobName, jobId, origin].filter((v) => v !== null).length !== 1) ctx.fail(14232);

  if (origin !== null) {
    const v = visibleJobsClause(ctx);
    const jobs = ctx.db.all<{ originating_server_id: number }>(`SELECT j.originating_server_id FROM sysjobs j WHERE ${v.sql}`, v.params)
      .filter((j) => originatingServer(ctx, j.originating_server_id)?.toUpperCase() === origin);
    if (jobs.length === 0) ctx.fail(14268, origin);
    if (!ctx.caller.isSysadmin && !ctx.caller.roles.has('SQLAgentOperatorRole')) ctx.fail(14393);
    // Nothing runs long on the simulated master, so every cancel request is accepted.
    ctx.info(14253, jobs.length, jobs.length);
    return 0;
  }

  const job = resolveVisibleJob(ctx, jobId, jobName);
  if (!hasJobServers(ctx, job.job_id)) ctx.fail(14257, job.name, job.job_id);
  requireStartStopRight(ctx, job);

  if (hasJobServers(ctx, job.job_id, 0)) {
    ctx.info(14254, job.name);
    return 0;
  }
  if (!ctx.caller.isSysadmin) ctx.fail(14397);
  if (serverName !== null && targetIdByName(ctx, serverName) === undefined) ctx.fail(14262, '@server_name', serverName);
  return post(ctx, 'STOP', job.job_id, serverName);
}

/** sp_multi_server_job_summary (spec §4.3): every job in a multiserver category, targets or not. */
function multiServerJobSummary(ctx: ProcContext, args: Args) {
  const jobId = args.job_id as string | null;
  const jobName = args.job_name as string | null;
  const job = jobId !== null || jobName !== null ? resolveVisibleJob(ctx, jobId, jobName) : null;
  const rows = ctx.db.all(
    `SELECT j.job_id, j.name AS job_name, j.enabled, c.name AS category_name,
       (SELECT COUNT(*) FROM sysjobservers js WHERE js.job_id = j.job_id) AS target_servers,
       (SELECT COUNT(*) FROM sysdownloadlist d WHERE d.object_id = j.job_id AND d.status = 0) AS pending_download_instructions,
       (SELECT COUNT(*) FROM sysdownloadlist d WHERE d.object_id = j.job_id AND d.error_message IS NOT NULL) AS download_errors,
       (SELECT COUNT(*) FROM sysjobservers js WHERE js.job_id = j.job_id AND js.last_run_date <> 0 AND js.last_run_outcome <> 1)
         AS execution_failures
     FROM sysjobs j JOIN syscategories c ON c.category_id = j.category_id
     WHERE c.category_class = 1 AND c.category_type = 2 AND (? IS NULL OR j.job_id = ?)
     ORDER BY j.name`,
    [job?.job_id ?? null, job?.job_id ?? null],
  );
  return { returnValue: 0, recordsets: [rows] };
}

interface HelpJobRow {
  job_id: string;
  originating_server_id: number;
  name: string;
  enabled: number;
  description: string | null;
  start_step_id: number;
  category: string | null;
  owner_sid: string;
  notify_level_eventlog: number;
  notify_level_email: number;
  notify_level_netsend: number;
  notify_level_page: number;
  notify_email_operator: string | null;
  notify_netsend_operator: string | null;
  notify_page_operator: string | null;
  delete_level: number;
  date_created: string;
  date_modified: string;
  version_number: number;
  has_step: number;
  has_schedule: number;
  has_target: number;
  has_local: number;
}

/**
 * sp_help_job, reduced to the job header columns the console needs (a subset of the real list, in
 * its order; the notify columns name the operator, '(unknown)' for none, as msdb's do). type: 1 local, 2 multiserver, 0 no job servers, as the docs define it.
 */
function helpJob(ctx: ProcContext, args: Args) {
  const jobId = args.job_id as string | null;
  const jobName = args.job_name as string | null;
  const job = jobId !== null || jobName !== null ? resolveVisibleJob(ctx, jobId, jobName) : null;
  const v = visibleJobsClause(ctx);
  const rows = ctx.db.all<HelpJobRow>(
    `SELECT j.job_id, j.originating_server_id, j.name, j.enabled, j.description, j.start_step_id, c.name AS category, j.owner_sid,
       j.notify_level_eventlog, j.notify_level_email, j.notify_level_netsend, j.notify_level_page,
       (SELECT name FROM sysoperators o WHERE o.id = j.notify_email_operator_id) AS notify_email_operator,
       (SELECT name FROM sysoperators o WHERE o.id = j.notify_netsend_operator_id) AS notify_netsend_operator,
       (SELECT name FROM sysoperators o WHERE o.id = j.notify_page_operator_id) AS notify_page_operator,
       j.delete_level, j.date_created, j.date_modified, j.version_number,
       (SELECT COUNT(*) FROM sysjobsteps s WHERE s.job_id = j.job_id) AS has_step,
       (SELECT COUNT(*) FROM sysjobschedules s WHERE s.job_id = j.job_id) AS has_schedule,
       (SELECT COUNT(*) FROM sysjobservers s WHERE s.job_id = j.job_id) AS has_target,
       EXISTS (SELECT 1 FROM sysjobservers s WHERE s.job_id = j.job_id AND s.server_id = 0) AS has_local
     FROM sysjobs j LEFT JOIN syscategories c ON c.category_id = j.category_id
     WHERE ${v.sql} AND (? IS NULL OR j.job_id = ?)
     ORDER BY j.name`,
    [...v.params, job?.job_id ?? null, job?.job_id ?? null],
  );
  const recordset = rows.map((r) =>
    withDates(
      {
        job_id: r.job_id,
        originating_server: originatingServer(ctx, r.originating_server_id),
        name: r.name,
        enabled: r.enabled,
        description: r.description,
        start_step_id: r.start_step_id,
        category: r.category,
        owner: loginNameBySid(ctx, r.owner_sid),
        notify_level_eventlog: r.notify_level_eventlog,
        notify_level_email: r.notify_level_email,
        notify_level_netsend: r.notify_level_netsend,
        notify_level_page: r.notify_level_page,
        notify_email_operator: r.notify_email_operator ?? '(unknown)',
        notify_netsend_operator: r.notify_netsend_operator ?? '(unknown)',
        notify_page_operator: r.notify_page_operator ?? '(unknown)',
        delete_level: r.delete_level,
        date_created: r.date_created,
        date_modified: r.date_modified,
        version_number: r.version_number,
        has_step: r.has_step,
        has_schedule: r.has_schedule,
        has_target: r.has_target,
        type: r.has_target === 0 ? 0 : r.has_local ? 1 : 2,
      },
      ['date_created', 'date_modified'],
    ),
  );
  return { returnValue: 0, recordsets: [recordset] };
}

export const jobServersProcs: ProcDef[] = [
  { name: 'sp_add_jobserver', handler: addJobServer },
  { name: 'sp_delete_jobserver', handler: deleteJobServer },
  { name: 'sp_help_jobserver', handler: helpJobServer },
  { name: 'sp_start_job', handler: startJob },
  { name: 'sp_stop_job', handler: stopJob },
  { name: 'sp_multi_server_job_summary', handler: multiServerJobSummary },
  { name: 'sp_help_job', handler: helpJob },
];
