// Schedules (spec §3.1, §12): sp_add_schedule, sp_attach_schedule, sp_detach_schedule,
// sp_update_schedule, sp_add_jobschedule, sp_help_jobschedule, sp_help_schedule. A change to a
// multiserver job's schedules bumps the job's version; with @automatic_post = 1 (the default) the
// procedure posts the INSERT itself — attach and detach post INSERT JOB for the job, update posts
// INSERT SCHEDULE (an INSERT JOB for every multiserver job using it) — and with 0 it raises 14547.
import { newGuid } from '../../../msx/guid';
import { toRunDate } from '../../../msx/datetime';
import type { Args } from '../coerce';
import { trimmed, withDates, type ProcContext, type ProcDef } from '../context';
import { bumpJobVersion, callerSid, isMultiserverJob, postOrRemind, resolveVisibleJob, type JobRow } from './shared';

export const FREQ_TYPES = [1, 4, 8, 16, 32, 64, 128];

interface ScheduleValues {
  enabled: number;
  freqType: number;
  freqInterval: number;
  freqSubdayType: number;
  freqSubdayInterval: number;
  freqRelativeInterval: number;
  freqRecurrenceFactor: number;
  activeStartDate: number;
  activeEndDate: number;
  activeStartTime: number;
  activeEndTime: number;
}

interface ScheduleRow {
  schedule_id: number;
  schedule_uid: string;
  name: string;
  owner_sid: string;
  enabled: number;
  freq_type: number;
  freq_interval: number;
  freq_subday_type: number;
  freq_subday_interval: number;
  freq_relative_interval: number;
  freq_recurrence_factor: number;
  active_start_date: number;
  active_end_date: number;
  active_start_time: number;
  active_end_time: number;
  date_created: string;
}

/**
 * sp_verify_schedule, the checks the simulation makes in msdb's order: enabled, frequency type,
 * sub-day type for the recurring types, then the active dates and times. Start-up and idle
 * schedules ignore every other field (msdb zeroes them). The checks of intervals per frequency
 * type that msdb also makes are reduced to "at least 1" for daily, weekly and monthly
 * schedules. [simulation's choice where msdb's exact ranges are not in the spec]
 */
function verifySchedule(ctx: ProcContext, v: ScheduleValues): ScheduleValues {
  if (v.enabled !== 0 && v.enabled !== 1) ctx.fail(14266, '@enabled', '0, 1');
  if (!FREQ_TYPES.includes(v.freqType)) ctx.fail(14266, '@freq_type', '1, 4, 8, 16, 32, 64, 128');
  const out = { ...v };
  if (v.freqType === 64 || v.freqType === 128) {
    Object.assign(out, { freqInterval: 0, freqSubdayType: 0, freqSubdayInterval: 0, freqRelativeInterval: 0, freqRecurrenceFactor: 0 });
  } else if (v.freqType === 1) {
    Object.assign(out, { freqInterval: 0, freqSubdayType: 0, freqSubdayInterval: 0, freqRelativeInterval: 0, freqRecurrenceFactor: 0 });
  } else {
    if (![1, 2, 4, 8].includes(v.freqSubdayType)) ctx.fail(14266, '@freq_subday_type', '0x1, 0x2, 0x4, 0x8');
    if (v.freqInterval < 1) ctx.fail(14266, '@freq_interval', '1..');
  }
  if (v.activeStartDate < 19900101 || v.activeStartDate > 99991231) ctx.fail(14266, '@active_start_date', '19900101..99991231');
  if (v.activeEndDate < 19900101 || v.activeEndDate > 99991231) ctx.fail(14266, '@active_end_date', '19900101..99991231');
  if (v.activeStartTime < 0 || v.activeStartTime > 235959) ctx.fail(14266, '@active_start_time', '000000..235959');
  if (v.activeEndTime < 0 || v.activeEndTime > 235959) ctx.fail(14266, '@active_end_time', '000000..235959');
  return out;
}

const int = (v: string | number | null, dflt: number): number => (v === null ? dflt : Number(v));

function valuesFromArgs(ctx: ProcContext, args: Args, freqTypeDefault: number, x?: ScheduleRow): ScheduleValues {
  return {
    enabled: int(args.enabled, x?.enabled ?? 1),
    freqType: int(args.freq_type, x?.freq_type ?? freqTypeDefault),
    freqInterval: int(args.freq_interval, x?.freq_interval ?? 0),
    freqSubdayType: int(args.freq_subday_type, x?.freq_subday_type ?? 0),
    freqSubdayInterval: int(args.freq_subday_interval, x?.freq_subday_interval ?? 0),
    freqRelativeInterval: int(args.freq_relative_interval, x?.freq_relative_interval ?? 0),
    freqRecurrenceFactor: int(args.freq_recurrence_factor, x?.freq_recurrence_factor ?? 0),
    // NULL start date: today on the server's clock.
    activeStartDate: int(args.active_start_date, x?.active_start_date ?? toRunDate(ctx.nowMs)),
    activeEndDate: int(args.active_end_date, x?.active_end_date ?? 99991231),
    activeStartTime: int(args.active_start_time, x?.active_start_time ?? 0),
    activeEndTime: int(args.active_end_time, x?.active_end_time ?? 235959),
  };
}

function ownerSidFor(ctx: ProcContext, login: string | null): string {
  if (login === null) return callerSid(ctx) ?? '0x01';
  const sid = ctx.db.value<string>('SELECT sid FROM sim_logins WHERE name = ?', [login]);
  if (sid === undefined) ctx.fail(14262, '@owner_login_name', login);
  return sid;
}

function insertSchedule(ctx: ProcContext, name: string, ownerSid: string, v: ScheduleValues): number {
  ctx.db.run(
    `INSERT INTO sysschedules (schedule_uid, originating_server_id, name, owner_sid, enabled, freq_type, freq_interval, freq_subday_type,
       freq_subday_interval, freq_relative_interval, freq_recurrence_factor, active_start_date, active_end_date, active_start_time,
       active_end_time, date_created, date_modified, version_number)
     VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
    [newGuid(() => Math.random()), name, ownerSid, v.enabled, v.freqType, v.freqInterval, v.freqSubdayType, v.freqSubdayInterval,
      v.freqRelativeInterval, v.freqRecurrenceFactor, v.activeStartDate, v.activeEndDate, v.activeStartTime, v.activeEndTime, ctx.now, ctx.now],
  );
  return ctx.db.lastInsertId();
}

/** sp_add_schedule: a shared schedule, attached to no job yet. */
function addSchedule(ctx: ProcContext, args: Args): number {
  const name = trimmed(args.schedule_name);
  if (name === null) ctx.fail(14043, '@schedule_name');
  const owner = ownerSidFor(ctx, trimmed(args.owner_login_name));
  const v = verifySchedule(ctx, valuesFromArgs(ctx, args, 0));
  insertSchedule(ctx, name, owner, v);
  return 0;
}

/** sp_verify_schedule_identifiers: exactly one of id / name (14373), a unique name (14371), an existing schedule (14262). */
function resolveSchedule(ctx: ProcContext, idArg: string | number | null, nameArg: string | number | null, nameParam = '@schedule_name'): ScheduleRow {
  const name = trimmed(nameArg);
  const id = idArg === null ? null : Number(idArg);
  if ((id === null) === (name === null)) ctx.fail(14373, '@schedule_id', nameParam);
  if (name !== null) {
    const rows = ctx.db.all<ScheduleRow>('SELECT * FROM sysschedules WHERE name = ?', [name]);
    if (rows.length > 1) ctx.fail(14371, name, '@schedule_id', nameParam);
    if (rows.length === 0) ctx.fail(14262, nameParam, name);
    return rows[0];
  }
  const row = ctx.db.get<ScheduleRow>('SELECT * FROM sysschedules WHERE schedule_id = ?', [id]);
  if (!row) ctx.fail(14262, '@schedule_id', String(id));
  return row;
}

function requireJobOwnership(ctx: ProcContext, job: JobRow): void {
  if (!ctx.caller.isSysadmin && callerSid(ctx) !== job.owner_sid) ctx.fail(14525);
}

function attach(ctx: ProcContext, job: JobRow, schedule: ScheduleRow, automaticPost: boolean): void {
  if (!ctx.caller.isSysadmin && schedule.owner_sid !== job.owner_sid) ctx.fail(14377);
  // Attaching a schedule twice: msdb's own number for it is not in the spec; 14261 says what happened.
  if (ctx.db.value('SELECT 1 FROM sysjobschedules WHERE job_id = ? AND schedule_id = ?', [job.job_id, schedule.schedule_id]) !== undefined) {
    ctx.fail(14261, '@schedule_name', schedule.name);
  }
  ctx.db.run('INSERT INTO sysjobschedules (schedule_id, job_id) VALUES (?, ?)', [schedule.schedule_id, job.job_id]);
  bumpJobVersion(ctx, job.job_id);
  postOrRemind(ctx, job.job_id, automaticPost);
}

/** sp_attach_schedule. */
function attachSchedule(ctx: ProcContext, args: Args): number {
  const job = resolveVisibleJob(ctx, args.job_id as string | null, trimmed(args.job_name));
  const schedule = resolveSchedule(ctx, args.schedule_id, args.schedule_name);
  requireJobOwnership(ctx, job);
  attach(ctx, job, schedule, args.automatic_post !== 0);
  return 0;
}

/** sp_detach_schedule: @delete_unused_schedule = 1 also deletes a schedule no job uses any more. */
function detachSchedule(ctx: ProcContext, args: Args): number {
  const job = resolveVisibleJob(ctx, args.job_id as string | null, trimmed(args.job_name));
  const schedule = resolveSchedule(ctx, args.schedule_id, args.schedule_name);
  requireJobOwnership(ctx, job);
  if (ctx.db.value('SELECT 1 FROM sysjobschedules WHERE job_id = ? AND schedule_id = ?', [job.job_id, schedule.schedule_id]) === undefined) {
    ctx.fail(14374, schedule.name, job.name);
  }
  ctx.db.run('DELETE FROM sysjobschedules WHERE job_id = ? AND schedule_id = ?', [job.job_id, schedule.schedule_id]);
  if (args.delete_unused_schedule === 1 && ctx.db.value('SELECT 1 FROM sysjobschedules WHERE schedule_id = ?', [schedule.schedule_id]) === undefined) {
    ctx.db.run('DELETE FROM sysschedules WHERE schedule_id = ?', [schedule.schedule_id]);
  }
  bumpJobVersion(ctx, job.job_id);
  postOrRemind(ctx, job.job_id, args.automatic_post !== 0);
  return 0;
}

/** sp_update_schedule: every job using the schedule moves to a new version; multiserver ones get INSERT (SCHEDULE) or 14547. */
function updateSchedule(ctx: ProcContext, args: Args): number {
  const x = resolveSchedule(ctx, args.schedule_id, args.name, '@name');
  if (!ctx.caller.isSysadmin && callerSid(ctx) !== x.owner_sid) ctx.fail(14525);
  const newName = trimmed(args.new_name) ?? x.name;
  const ownerLogin = trimmed(args.owner_login_name);
  if (ownerLogin !== null && !ctx.caller.isSysadmin) ctx.fail(14242);
  const owner = ownerLogin === null ? x.owner_sid : ownerSidFor(ctx, ownerLogin);
  const v = verifySchedule(ctx, valuesFromArgs(ctx, args, 0, x));
  ctx.db.run(
    `UPDATE sysschedules SET name = ?, owner_sid = ?, enabled = ?, freq_type = ?, freq_interval = ?, freq_subday_type = ?,
       freq_subday_interval = ?, freq_relative_interval = ?, freq_recurrence_factor = ?, active_start_date = ?, active_end_date = ?,
       active_start_time = ?, active_end_time = ?, date_modified = ?, version_number = version_number + 1
     WHERE schedule_id = ?`,
    [newName, owner, v.enabled, v.freqType, v.freqInterval, v.freqSubdayType, v.freqSubdayInterval, v.freqRelativeInterval,
      v.freqRecurrenceFactor, v.activeStartDate, v.activeEndDate, v.activeStartTime, v.activeEndTime, ctx.now, x.schedule_id],
  );
  const jobs = ctx.db.all<{ job_id: string }>('SELECT job_id FROM sysjobschedules WHERE schedule_id = ?', [x.schedule_id]);
  for (const j of jobs) bumpJobVersion(ctx, j.job_id);
  if (jobs.some((j) => isMultiserverJob(ctx, j.job_id))) {
    if (args.automatic_post !== 0) ctx.call('sp_post_msx_operation', { operation: 'INSERT', object_type: 'SCHEDULE', schedule_uid: x.schedule_uid });
    else ctx.info(14547, 'INSERT', 'sp_post_msx_operation');
  }
  return 0;
}

/** sp_add_jobschedule: sp_add_schedule (owned by the job's owner) and sp_attach_schedule in one call. */
function addJobSchedule(ctx: ProcContext, args: Args): number {
  const job = resolveVisibleJob(ctx, args.job_id as string | null, trimmed(args.job_name));
  requireJobOwnership(ctx, job);
  const name = trimmed(args.name);
  if (name === null) ctx.fail(14043, '@name');
  const v = verifySchedule(ctx, valuesFromArgs(ctx, args, 1));
  const id = insertSchedule(ctx, name, job.owner_sid, v);
  attach(ctx, job, ctx.db.get<ScheduleRow>('SELECT * FROM sysschedules WHERE schedule_id = ?', [id])!, args.automatic_post !== 0);
  return 0;
}

const DESCRIPTION_NOT_REQUESTED = '(Description not requested.)';

function pad6(n: number): string {
  const s = String(n).padStart(6, '0');
  return `${s.slice(0, 2)}:${s.slice(2, 4)}:${s.slice(4)}`;
}

/** A short English description (sp_get_schedule_description's idea, not its exact wording). */
export function describeSchedule(r: Pick<ScheduleRow, 'freq_type' | 'freq_interval' | 'freq_subday_type' | 'freq_subday_interval' | 'active_start_time'>): string {
  const at = `at ${pad6(r.active_start_time)}`;
  const subday = r.freq_subday_type === 2 ? `every ${r.freq_subday_interval} second(s)` : r.freq_subday_type === 4
    ? `every ${r.freq_subday_interval} minute(s)` : r.freq_subday_type === 8 ? `every ${r.freq_subday_interval} hour(s)` : at;
  switch (r.freq_type) {
    case 1: return `Once ${at}`;
    case 4: return `Every ${r.freq_interval === 1 ? 'day' : `${r.freq_interval} days`} ${subday}`;
    case 8: return `Every week (days mask ${r.freq_interval}) ${subday}`;
    case 16: return `Every month on day ${r.freq_interval} ${subday}`;
    case 32: return `Every month (relative) ${subday}`;
    case 64: return 'Start automatically when SQL Server Agent starts';
    case 128: return 'Start whenever the CPUs become idle';
    default: return '';
  }
}

function scheduleColumns(r: ScheduleRow, includeDescription: boolean) {
  return {
    schedule_id: r.schedule_id,
    schedule_name: r.name,
    enabled: r.enabled,
    freq_type: r.freq_type,
    freq_interval: r.freq_interval,
    freq_subday_type: r.freq_subday_type,
    freq_subday_interval: r.freq_subday_interval,
    freq_relative_interval: r.freq_relative_interval,
    freq_recurrence_factor: r.freq_recurrence_factor,
    active_start_date: r.active_start_date,
    active_end_date: r.active_end_date,
    active_start_time: r.active_start_time,
    active_end_time: r.active_end_time,
    date_created: r.date_created,
    schedule_description: includeDescription ? describeSchedule(r) : DESCRIPTION_NOT_REQUESTED,
  };
}

/** sp_help_jobschedule: the job's schedules (or one of them), with next run and job count. */
function helpJobSchedule(ctx: ProcContext, args: Args) {
  const job = resolveVisibleJob(ctx, args.job_id as string | null, trimmed(args.job_name));
  const name = trimmed(args.schedule_name);
  const id = args.schedule_id === null ? null : Number(args.schedule_id);
  const rows = ctx.db.all<ScheduleRow & { next_run_date: number; next_run_time: number; job_count: number }>(
    `SELECT s.*, js.next_run_date, js.next_run_time, (SELECT COUNT(*) FROM sysjobschedules c WHERE c.schedule_id = s.schedule_id) AS job_count
       FROM sysjobschedules js JOIN sysschedules s ON s.schedule_id = js.schedule_id
      WHERE js.job_id = ? AND (? IS NULL OR s.name = ?) AND (? IS NULL OR s.schedule_id = ?)
      ORDER BY s.schedule_id`,
    [job.job_id, name, name, id, id],
  );
  if (name !== null && rows.length === 0) ctx.fail(14262, '@schedule_name', name);
  if (id !== null && rows.length === 0) ctx.fail(14262, '@schedule_id', String(id));
  const include = args.include_description === 1;
  return {
    returnValue: 0,
    recordsets: [rows.map((r) => withDates({
      ...scheduleColumns(r, include),
      next_run_date: r.next_run_date,
      next_run_time: r.next_run_time,
      schedule_uid: r.schedule_uid,
      job_count: r.job_count,
    }, ['date_created']))],
  };
}

/** sp_help_schedule: every schedule (or one; or only attached ones), with how many jobs use each. */
function helpSchedule(ctx: ProcContext, args: Args) {
  const name = trimmed(args.schedule_name);
  const id = args.schedule_id === null ? null : Number(args.schedule_id);
  if (id !== null || name !== null) resolveSchedule(ctx, id, name);
  const attachedOnly = args.attached_schedules_only === 1;
  const rows = ctx.db.all<ScheduleRow & { job_count: number }>(
    `SELECT s.*, (SELECT COUNT(*) FROM sysjobschedules c WHERE c.schedule_id = s.schedule_id) AS job_count
       FROM sysschedules s
      WHERE (? IS NULL OR s.schedule_id = ?) AND (? IS NULL OR s.name = ?)
      ORDER BY s.schedule_id`,
    [id, id, name, name],
  ).filter((r) => !attachedOnly || r.job_count > 0);
  const include = args.include_description === 1;
  return {
    returnValue: 0,
    recordsets: [rows.map((r) => {
      const { schedule_id, ...rest } = scheduleColumns(r, include);
      return withDates({ schedule_id, schedule_uid: r.schedule_uid, ...rest, job_count: r.job_count }, ['date_created']);
    })],
  };
}

export const schedulesProcs: ProcDef[] = [
  { name: 'sp_add_schedule', handler: addSchedule },
  { name: 'sp_attach_schedule', handler: attachSchedule },
  { name: 'sp_detach_schedule', handler: detachSchedule },
  { name: 'sp_update_schedule', handler: updateSchedule },
  { name: 'sp_add_jobschedule', handler: addJobSchedule },
  { name: 'sp_help_jobschedule', handler: helpJobSchedule },
  { name: 'sp_help_schedule', handler: helpSchedule },
];
