// Job history (spec §2.7): sp_help_jobhistory and sp_purge_jobhistory. On the master, rows of a
// multiserver job come from its targets (uploaded by their agents) and carry the target's name in
// `server`; @server selects one server's rows.
import { fromSqlDatetime, toRunDate, toRunTime } from '../../../msx/datetime';
import type { Args } from '../coerce';
import { trimmed, type ProcContext, type ProcDef } from '../context';
import { callerSid, resolveVisibleJob, visibleJobsClause } from './shared';

interface HistoryRow {
  instance_id: number;
  job_id: string;
  job_name: string;
  step_id: number;
  step_name: string;
  sql_message_id: number;
  sql_severity: number;
  message: string | null;
  run_status: number;
  run_date: number;
  run_time: number;
  run_duration: number;
  retries_attempted: number;
  server: string;
}

/**
 * sp_help_jobhistory. FULL: every row with msdb's columns. SUMMARY (the default): one row per run,
 * the job outcome rows (step 0) with the summary columns. [msdb's summary grouping is not in the
 * spec; outcome rows are what its columns describe] The operator columns are empty: the
 * simulation sends no notifications.
 */
function helpJobHistory(ctx: ProcContext, args: Args) {
  const mode = (trimmed(args.mode) ?? 'SUMMARY').toUpperCase();
  if (mode !== 'SUMMARY' && mode !== 'FULL') ctx.fail(14266, '@mode', 'SUMMARY, FULL');
  const runStatus = args.run_status === null ? null : Number(args.run_status);
  if (runStatus !== null && (runStatus < 0 || runStatus > 5)) ctx.fail(14266, '@run_status', '0..5');
  const jobId = args.job_id as string | null;
  const jobName = trimmed(args.job_name);
  const job = jobId !== null || jobName !== null ? resolveVisibleJob(ctx, jobId, jobName) : null;
  const server = trimmed(args.server);
  const v = visibleJobsClause(ctx);
  const where: string[] = [v.sql];
  const params: Array<string | number | null> = [...v.params];
  const add = (sql: string, value: string | number | null) => {
    if (value === null) return;
    where.push(sql);
    params.push(value);
  };
  add('h.job_id = ?', job?.job_id ?? null);
  add('h.server = ?', server);
  add('h.step_id = ?', args.step_id as number | null);
  add('h.sql_message_id = ?', args.sql_message_id as number | null);
  add('h.sql_severity >= ?', args.sql_severity as number | null);
  add('h.run_date >= ?', args.start_run_date as number | null);
  add('h.run_date <= ?', args.end_run_date as number | null);
  add('h.run_time >= ?', args.start_run_time as number | null);
  add('h.run_time <= ?', args.end_run_time as number | null);
  add('h.run_duration >= ?', args.minimum_run_duration as number | null);
  add('h.run_status = ?', runStatus);
  add('h.retries_attempted >= ?', args.minimum_retries as number | null);
  if (mode === 'SUMMARY') where.push('h.step_id = 0');
  const order = args.oldest_first === 1 ? 'ASC' : 'DESC';
  const rows = ctx.db.all<HistoryRow>(
    `SELECT h.instance_id, h.job_id, j.name AS job_name, h.step_id, h.step_name, h.sql_message_id, h.sql_severity, h.message,
            h.run_status, h.run_date, h.run_time, h.run_duration, h.retries_attempted, h.server
       FROM sysjobhistory h JOIN sysjobs j ON j.job_id = h.job_id
      WHERE ${where.join(' AND ')}
      ORDER BY h.instance_id ${order}`,
    params,
  );
  const recordset = rows.map((r) =>
    mode === 'FULL'
      ? {
        instance_id: r.instance_id, job_id: r.job_id, job_name: r.job_name, step_id: r.step_id, step_name: r.step_name,
        sql_message_id: r.sql_message_id, sql_severity: r.sql_severity, message: r.message, run_status: r.run_status,
        run_date: r.run_date, run_time: r.run_time, run_duration: r.run_duration, operator_emailed: null, operator_netsent: null,
        operator_paged: null, retries_attempted: r.retries_attempted, server: r.server,
      }
      : {
        job_id: r.job_id, job_name: r.job_name, run_status: r.run_status, run_date: r.run_date, run_time: r.run_time,
        run_duration: r.run_duration, operator_emailed: null, operator_netsent: null, operator_paged: null,
        retries_attempted: r.retries_attempted, server: r.server,
      },
  );
  return { returnValue: 0, recordsets: [recordset] };
}

/** sp_purge_jobhistory: one job's rows (its owner, sysadmin or SQLAgentOperatorRole) or every job's (sysadmin or the role); 14226 says how many. */
function purgeJobHistory(ctx: ProcContext, args: Args): number {
  const jobId = args.job_id as string | null;
  const jobName = trimmed(args.job_name);
  const operator = ctx.caller.isSysadmin || ctx.caller.roles.has('SQLAgentOperatorRole');
  let job: { job_id: string } | null = null;
  if (jobId !== null || jobName !== null) {
    const j = resolveVisibleJob(ctx, jobId, jobName);
    if (!operator && j.owner_sid !== callerSid(ctx)) ctx.fail(14392);
    job = j;
  } else if (!operator) {
    ctx.fail(14392);
  }
  // @oldest_date: rows of runs that started before it (the server's clock).
  const oldest = args.oldest_date === null ? null : fromSqlDatetime(String(args.oldest_date)).getTime();
  const before = oldest === null ? null : { date: toRunDate(oldest), time: toRunTime(oldest) };
  const where = ['(? IS NULL OR job_id = ?)'];
  const params: Array<string | number | null> = [job?.job_id ?? null, job?.job_id ?? null];
  if (before) {
    where.push('(run_date < ? OR (run_date = ? AND run_time < ?))');
    params.push(before.date, before.date, before.time);
  }
  const count = Number(ctx.db.value(`SELECT COUNT(*) FROM sysjobhistory WHERE ${where.join(' AND ')}`, params));
  ctx.db.run(`DELETE FROM sysjobhistory WHERE ${where.join(' AND ')}`, params);
  ctx.info(14226, count);
  return 0;
}

export const jobHistoryProcs: ProcDef[] = [
  { name: 'sp_help_jobhistory', handler: helpJobHistory },
  { name: 'sp_purge_jobhistory', handler: purgeJobHistory },
];
