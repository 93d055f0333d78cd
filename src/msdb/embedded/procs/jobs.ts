// Jobs themselves (spec §2.6, §4.3, §12): sp_add_job, sp_update_job, sp_delete_job, and
// sp_help_category for the category picker. Validation follows msdb's sp_verify_job order; each
// change bumps sysjobs.version_number and date_modified. For a multiserver job, sp_update_job posts
// UPDATE (INSERT for an auto-deleting job) and sp_delete_job posts DELETE to every target.
import { newGuid } from '../../../msx/guid';
import type { Args } from '../coerce';
import { trimmed, type ProcContext, type ProcDef } from '../context';
import {
  callerSid,
  isMultiserverJob,
  requireOwnerOrSysadmin,
  resolveVisibleJob,
  verifyJobProcCaller,
} from './shared';

const MSX_OPERATOR = 'MSXOperator';
const NOTIFY_LEVELS = '0, 1, 2, 3';

interface JobFields {
  name: string;
  enabled: number;
  description: string | null;
  start_step_id: number;
  category_id: number;
  owner_sid: string;
  notify_level_eventlog: number;
  notify_level_email: number;
  notify_level_netsend: number;
  notify_level_page: number;
  notify_email_operator_id: number;
  notify_netsend_operator_id: number;
  notify_page_operator_id: number;
  delete_level: number;
}

interface VerifyInput {
  jobId: string | null;
  name: string;
  enabled: number;
  startStepId: number;
  categoryName: string | null;
  ownerSid: string | null;
  ownerLoginName: string | null;
  levels: { eventlog: number; email: number; netsend: number; page: number };
  operators: { email: string | null; netsend: string | null; page: string | null };
  deleteLevel: number;
}

function operatorId(ctx: ProcContext, name: string | null, param: string): number {
  if (name === null) return 0;
  const id = ctx.db.value<number>('SELECT id FROM sysoperators WHERE name = ?', [name]);
  if (id === undefined) ctx.fail(14234, param, 'sp_help_operator');
  return id;
}

/**
 * sp_verify_job: the new values, in msdb's order. A level without its operator becomes 0 (msdb
 * returns it so through an OUTPUT parameter). A multiserver job may notify only MSXOperator (14221).
 */
function verifyJob(ctx: ProcContext, v: VerifyInput): JobFields {
  const duplicate = ctx.db.value<string>('SELECT job_id FROM sysjobs WHERE name = ? AND (? IS NULL OR job_id <> ?)', [v.name, v.jobId, v.jobId]);
  if (duplicate !== undefined) ctx.fail(14261, '@job_name', v.name);
  if (v.enabled !== 0 && v.enabled !== 1) ctx.fail(14266, '@enabled', '0, 1');
  if (v.jobId !== null) {
    const maxStep = Number(ctx.db.value('SELECT COALESCE(MAX(step_id), 0) FROM sysjobsteps WHERE job_id = ?', [v.jobId]));
    if (v.startStepId < 1 || v.startStepId > Math.max(maxStep, 1)) ctx.fail(14266, '@start_step_id', `1..${Math.max(maxStep, 1)}`);
  } else if (v.startStepId < 1) {
    ctx.fail(14266, '@start_step_id', '1..');
  }
  const categoryName = v.categoryName ?? '[Uncategorized (Local)]';
  const categoryId = ctx.db.value<number>('SELECT category_id FROM syscategories WHERE name = ? AND category_class = 1', [categoryName]);
  if (categoryId === undefined) ctx.fail(14234, '@category_name', 'sp_help_category');
  if (v.ownerSid === null) ctx.fail(14234, '@owner_login_name', 'sp_helplogins');
  const levels: Array<[string, number]> = [
    ['@notify_level_eventlog', v.levels.eventlog],
    ['@notify_level_email', v.levels.email],
    ['@notify_level_netsend', v.levels.netsend],
    ['@notify_level_page', v.levels.page],
  ];
  for (const [param, level] of levels) if (level < 0 || level > 3) ctx.fail(14266, param, NOTIFY_LEVELS);
  const email = operatorId(ctx, v.operators.email, '@notify_email_operator_name');
  const netsend = operatorId(ctx, v.operators.netsend, '@notify_netsend_operator_name');
  const page = operatorId(ctx, v.operators.page, '@notify_page_operator_name');
  if (v.jobId !== null && isMultiserverJob(ctx, v.jobId)) {
    const named = [v.operators.email, v.operators.netsend, v.operators.page].filter((n): n is string => n !== null);
    if (named.some((n) => n.toUpperCase() !== MSX_OPERATOR.toUpperCase())) ctx.fail(14221, MSX_OPERATOR);
  }
  if (v.deleteLevel < 0 || v.deleteLevel > 3) ctx.fail(14266, '@delete_level', NOTIFY_LEVELS);
  return {
    name: v.name,
    enabled: v.enabled,
    description: null,
    start_step_id: v.startStepId,
    category_id: categoryId,
    owner_sid: v.ownerSid,
    notify_level_eventlog: v.levels.eventlog,
    notify_level_email: email ? v.levels.email : 0,
    notify_level_netsend: netsend ? v.levels.netsend : 0,
    notify_level_page: page ? v.levels.page : 0,
    notify_email_operator_id: email,
    notify_netsend_operator_id: netsend,
    notify_page_operator_id: page,
    delete_level: v.deleteLevel,
  };
}

function sidOfLogin(ctx: ProcContext, login: string): string | null {
  if (login === '$(SQLAgentAccount)' && ctx.caller.isSysadmin) return '0xFFFFFFFF';
  return ctx.db.value<string>('SELECT sid FROM sim_logins WHERE name = ?', [login]) ?? null;
}

const num = (v: string | number | null, dflt: number): number => (v === null ? dflt : Number(v));

/** sp_add_job: a new local job with no job server yet (sp_add_jobserver makes it run somewhere). */
function addJob(ctx: ProcContext, args: Args): number {
  const name = trimmed(args.job_name);
  if (name === null) ctx.fail(14043, '@job_name');
  const ownerLogin = trimmed(args.owner_login_name) ?? ctx.caller.login;
  // Only a sysadmin can create a job for someone else. [msdb's exact number here is not in the spec; 14242 is its ownership message]
  if (!ctx.caller.isSysadmin && ownerLogin.toUpperCase() !== ctx.caller.login.toUpperCase()) ctx.fail(14242);
  let categoryName = trimmed(args.category_name);
  if (categoryName === null && args.category_id !== null) {
    categoryName = ctx.db.value<string>('SELECT name FROM syscategories WHERE category_id = ? AND category_class = 1', [args.category_id]) ?? null;
    if (categoryName === null) ctx.fail(14262, '@category_id', args.category_id);
  }
  const fields = verifyJob(ctx, {
    jobId: null,
    name,
    enabled: num(args.enabled, 1),
    startStepId: num(args.start_step_id, 1),
    categoryName,
    ownerSid: sidOfLogin(ctx, ownerLogin),
    ownerLoginName: ownerLogin,
    levels: {
      eventlog: num(args.notify_level_eventlog, 2),
      email: num(args.notify_level_email, 0),
      netsend: num(args.notify_level_netsend, 0),
      page: num(args.notify_level_page, 0),
    },
    operators: {
      email: trimmed(args.notify_email_operator_name),
      netsend: trimmed(args.notify_netsend_operator_name),
      page: trimmed(args.notify_page_operator_name),
    },
    deleteLevel: num(args.delete_level, 0),
  });
  // @job_id is an OUTPUT parameter in msdb; a value passed in is used as the new job's id (the
  // simulation's choice: msdb keeps it for the Agent creating MSX jobs on a target).
  const jobId = (args.job_id as string | null) ?? newGuid(() => Math.random());
  if (ctx.db.value('SELECT 1 FROM sysjobs WHERE job_id = ?', [jobId]) !== undefined) ctx.fail(14261, '@job_id', jobId);
  ctx.db.run(
    `INSERT INTO sysjobs (job_id, originating_server_id, name, enabled, description, start_step_id, category_id, owner_sid,
       notify_level_eventlog, notify_level_email, notify_level_netsend, notify_level_page, notify_email_operator_id,
       notify_netsend_operator_id, notify_page_operator_id, delete_level, date_created, date_modified, version_number)
     VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
    [jobId, fields.name, fields.enabled, trimmed(args.description), fields.start_step_id, fields.category_id, fields.owner_sid,
      fields.notify_level_eventlog, fields.notify_level_email, fields.notify_level_netsend, fields.notify_level_page,
      fields.notify_email_operator_id, fields.notify_netsend_operator_id, fields.notify_page_operator_id, fields.delete_level,
      ctx.now, ctx.now],
  );
  return 0;
}

interface CurrentJob extends JobFields {
  job_id: string;
  category_name: string;
  email_name: string | null;
  netsend_name: string | null;
  page_name: string | null;
}

/** sp_update_job: only the parameters given change; the job's version moves on; a multiserver job posts UPDATE. */
function updateJob(ctx: ProcContext, args: Args): number {
  const job = resolveVisibleJob(ctx, args.job_id as string | null, trimmed(args.job_name));
  const given = (k: string) => args[k] !== null;
  const enableOnly = given('enabled') && ['new_name', 'description', 'start_step_id', 'category_name', 'owner_login_name',
    'notify_level_eventlog', 'notify_level_email', 'notify_level_netsend', 'notify_level_page', 'notify_email_operator_name',
    'notify_netsend_operator_name', 'notify_page_operator_name', 'delete_level'].every((k) => !given(k));
  const x = ctx.db.get<CurrentJob>(
    `SELECT j.*, c.name AS category_name, o1.name AS email_name, o2.name AS netsend_name, o3.name AS page_name
       FROM sysjobs j JOIN syscategories c ON c.category_id = j.category_id
       LEFT JOIN sysoperators o1 ON o1.id = j.notify_email_operator_id
       LEFT JOIN sysoperators o2 ON o2.id = j.notify_netsend_operator_id
       LEFT JOIN sysoperators o3 ON o3.id = j.notify_page_operator_id
      WHERE j.job_id = ?`,
    [job.job_id],
  )!;
  verifyJobProcCaller(ctx, job.job_id);
  if (!ctx.caller.isSysadmin && job.owner_sid !== callerSid(ctx) && !(enableOnly && ctx.caller.roles.has('SQLAgentOperatorRole'))) ctx.fail(14525);
  const multiserverCategory = ctx.db.value('SELECT 1 FROM syscategories WHERE category_id = ? AND category_class = 1 AND category_type = 2', [x.category_id]);
  if (multiserverCategory !== undefined && !ctx.caller.isSysadmin) ctx.fail(14396);

  const ownerLogin = trimmed(args.owner_login_name);
  if (!ctx.caller.isSysadmin && ownerLogin !== null) ctx.fail(14242);
  const ownerSid = ownerLogin === null ? x.owner_sid : sidOfLogin(ctx, ownerLogin);
  if (ownerLogin !== null && isMultiserverJob(ctx, job.job_id)) {
    const sysadmin = ownerSid !== null && (ownerSid.toLowerCase() === '0xffffffff'
      || ctx.db.value<number>('SELECT is_sysadmin FROM sim_logins WHERE sid = ?', [ownerSid]) === 1);
    if (!sysadmin) ctx.fail(14543, ctx.db.value<string>('SELECT name FROM sim_logins WHERE sid = ?', [x.owner_sid]) ?? null, 'sysadmin');
  }

  const text = (k: string, current: string | null): string | null => {
    if (args[k] === null) return current;
    const t = String(args[k]).trim();
    return t === '' ? null : t;
  };
  const newName = trimmed(args.new_name) ?? x.name;
  const fields = verifyJob(ctx, {
    jobId: job.job_id,
    name: newName,
    enabled: num(args.enabled, x.enabled),
    startStepId: num(args.start_step_id, x.start_step_id),
    categoryName: text('category_name', x.category_name),
    ownerSid,
    ownerLoginName: ownerLogin,
    levels: {
      eventlog: num(args.notify_level_eventlog, x.notify_level_eventlog),
      email: num(args.notify_level_email, x.notify_level_email),
      netsend: num(args.notify_level_netsend, x.notify_level_netsend),
      page: num(args.notify_level_page, x.notify_level_page),
    },
    operators: {
      email: text('notify_email_operator_name', x.email_name),
      netsend: text('notify_netsend_operator_name', x.netsend_name),
      page: text('notify_page_operator_name', x.page_name),
    },
    deleteLevel: num(args.delete_level, x.delete_level),
  });
  ctx.db.run(
    `UPDATE sysjobs SET name = ?, enabled = ?, description = ?, start_step_id = ?, category_id = ?, owner_sid = ?,
       notify_level_eventlog = ?, notify_level_email = ?, notify_level_netsend = ?, notify_level_page = ?,
       notify_email_operator_id = ?, notify_netsend_operator_id = ?, notify_page_operator_id = ?, delete_level = ?,
       version_number = version_number + 1, date_modified = ?
     WHERE job_id = ?`,
    [fields.name, fields.enabled, text('description', x.description), fields.start_step_id, fields.category_id, fields.owner_sid,
      fields.notify_level_eventlog, fields.notify_level_email, fields.notify_level_netsend, fields.notify_level_page,
      fields.notify_email_operator_id, fields.notify_netsend_operator_id, fields.notify_page_operator_id, fields.delete_level,
      ctx.now, job.job_id],
  );
  // An auto-deleting job (or one that stops being one) goes to the targets whole again.
  const post = (operation: string) => ctx.call('sp_post_msx_operation', { operation, object_type: 'JOB', job_id: job.job_id });
  if (fields.delete_level !== 0 || (x.delete_level === 1 && fields.delete_level === 0)) post('INSERT');
  else if (args.automatic_post !== 0) post('UPDATE');
  return 0;
}

/**
 * sp_delete_job: a multiserver job first loses its pending non-DELETE rows (they would fail on
 * targets that no longer have the job) and gets DELETE posted to every target, while its job
 * servers still exist; then the job goes with its steps, schedules' attachments, job servers and
 * (by default) history. Schedules no other job uses are deleted too (@delete_unused_schedule = 1).
 */
function deleteJob(ctx: ProcContext, args: Args): number {
  const origin = trimmed(args.originating_server);
  const jobName = trimmed(args.job_name);
  const jobId = args.job_id as string | null;
  if (origin !== null && jobId === null && jobName === null) {
    // Every job from one originating server (what a defecting target does): the simulated master has none but its own.
    if (origin.toUpperCase() !== ctx.server.serverName.toUpperCase()) ctx.fail(14268, origin);
    return 0;
  }
  const job = resolveVisibleJob(ctx, jobId, jobName);
  verifyJobProcCaller(ctx, job.job_id);
  requireOwnerOrSysadmin(ctx, job);

  if (isMultiserverJob(ctx, job.job_id)) {
    ctx.db.run('DELETE FROM sysdownloadlist WHERE object_id = ? AND operation_code <> 3 AND status = 0', [job.job_id]);
    ctx.call('sp_post_msx_operation', { operation: 'DELETE', object_type: 'JOB', job_id: job.job_id });
  }
  const scheduleIds = ctx.db.all<{ schedule_id: number }>('SELECT schedule_id FROM sysjobschedules WHERE job_id = ?', [job.job_id]);
  ctx.db.run('DELETE FROM sysjobschedules WHERE job_id = ?', [job.job_id]);
  if (args.delete_unused_schedule !== 0) {
    for (const { schedule_id } of scheduleIds) {
      if (ctx.db.value('SELECT 1 FROM sysjobschedules WHERE schedule_id = ?', [schedule_id]) === undefined) {
        ctx.db.run('DELETE FROM sysschedules WHERE schedule_id = ?', [schedule_id]);
      }
    }
  }
  if (args.delete_history !== 0) ctx.db.run('DELETE FROM sysjobhistory WHERE job_id = ?', [job.job_id]);
  ctx.db.run('DELETE FROM sysjobsteps WHERE job_id = ?', [job.job_id]);
  ctx.db.run('DELETE FROM sysjobservers WHERE job_id = ?', [job.job_id]);
  ctx.db.run('DELETE FROM sysjobs WHERE job_id = ?', [job.job_id]);
  return 0;
}

const CATEGORY_TYPES: Record<number, string> = { 1: 'LOCAL', 2: 'MULTI-SERVER', 3: 'NONE' };
const CATEGORY_CLASSES: Record<string, number> = { JOB: 1, ALERT: 2, OPERATOR: 3 };

/** sp_help_category: categories of one class (JOB by default); @suffix = 1 names the type (LOCAL, MULTI-SERVER, NONE). */
function helpCategory(ctx: ProcContext, args: Args) {
  const cls = (trimmed(args.class) ?? 'JOB').toUpperCase();
  const classId = CATEGORY_CLASSES[cls];
  if (classId === undefined) ctx.fail(14266, '@class', 'JOB, ALERT, OPERATOR');
  const type = trimmed(args.type)?.toUpperCase() ?? null;
  const typeId = type === null ? null : Object.entries(CATEGORY_TYPES).find(([, n]) => n === type)?.[0];
  if (typeId === undefined) ctx.fail(14266, '@type', 'LOCAL, MULTI-SERVER, NONE');
  const name = trimmed(args.name);
  const rows = ctx.db.all<{ category_id: number; category_type: number; name: string }>(
    `SELECT category_id, category_type, name FROM syscategories
      WHERE category_class = ? AND (? IS NULL OR category_type = ?) AND (? IS NULL OR name = ?) ORDER BY category_type, name`,
    [classId, typeId === null ? null : Number(typeId), typeId === null ? null : Number(typeId), name, name],
  );
  if (name !== null && rows.length === 0) ctx.fail(14262, '@name', name);
  const suffix = args.suffix === 1;
  return {
    returnValue: 0,
    recordsets: [rows.map((r) => ({ category_id: r.category_id, category_type: suffix ? CATEGORY_TYPES[r.category_type] : r.category_type, name: r.name }))],
  };
}

export const jobsProcs: ProcDef[] = [
  { name: 'sp_add_job', handler: addJob },
  { name: 'sp_update_job', handler: updateJob },
  { name: 'sp_delete_job', handler: deleteJob },
  { name: 'sp_help_category', handler: helpCategory },
];
