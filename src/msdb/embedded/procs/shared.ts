// Pieces several simulated procedures share, each mirroring a step msdb's own code repeats.
import { OBJECT_TYPES, OPERATION_CODES, type OperationName } from '../../../msx/operations';
import type { ProcContext } from '../context';

export interface TargetRow {
  server_id: number;
  server_name: string;
  poll_interval: number;
  time_zone_adjustment: number;
}

export interface JobRow {
  job_id: string;
  name: string;
  originating_server_id: number;
  category_id: number;
  owner_sid: string;
  delete_level: number;
}

/** 15003 unless the caller is sysadmin. */
export function requireSysadmin(ctx: ProcContext): void {
  if (!ctx.caller.isSysadmin) ctx.fail(15003, 'sysadmin');
}

export function targetByName(ctx: ProcContext, name: string): TargetRow | undefined {
  return ctx.db.get<TargetRow>(
    'SELECT server_id, server_name, poll_interval, time_zone_adjustment FROM systargetservers WHERE server_name = ?',
    [name.toUpperCase()],
  );
}

export function targetCount(ctx: ProcContext): number {
  return Number(ctx.db.value('SELECT COUNT(*) FROM systargetservers'));
}

/**
 * sp_verify_job_identifiers: exactly one of job id / job name (14294), a unique name (14293),
 * an existing job (14262). Names as the procedures pass them: '@job_name', '@job_id'.
 */
export function resolveJob(ctx: ProcContext, jobId: string | null, jobName: string | null): JobRow {
  const name = jobName?.trim() || null;
  if ((jobId === null) === (name === null)) ctx.fail(14294, '@job_id', '@job_name');
  const cols = 'job_id, name, originating_server_id, category_id, owner_sid, delete_level';
  if (name !== null) {
    const rows = ctx.db.all<JobRow>(`SELECT ${cols} FROM sysjobs WHERE name = ?`, [name]);
    if (rows.length > 1) ctx.fail(14293, name, '@job_id', '@job_name');
    if (rows.length === 0) ctx.fail(14262, '@job_name', name);
    return rows[0];
  }
  const row = ctx.db.get<JobRow>(`SELECT ${cols} FROM sysjobs WHERE job_id = ?`, [jobId]);
  if (!row) ctx.fail(14262, '@job_id', jobId);
  return row;
}

export interface PostRow {
  operation: OperationName;
  objectType: 'JOB' | 'SERVER';
  objectId: string;
  target: string;
  deletedObjectName?: string | null;
}

/** Inserts one sysdownloadlist row; source_server is the master's machine name (spec §2.4). */
const INSERT_DOWNLOAD_ROWS = `INSERT INTO sysdownloadlist
  (source_server, operation_code, object_type, object_id, target_server, date_posted, deleted_object_name) VALUES `;
const ROW_PLACEHOLDERS = '(?, ?, ?, ?, ?, ?, ?)';
/** Rows per statement: posting to 10,000 targets is 20 statements instead of 10,000 calls into sql.js. */
const CHUNK = 500;
const CHUNK_SQL = INSERT_DOWNLOAD_ROWS + Array(CHUNK).fill(ROW_PLACEHOLDERS).join(', ');

function rowValues(ctx: ProcContext, row: PostRow): Array<string | number | null> {
  return [
    ctx.server.machineName,
    OPERATION_CODES[row.operation],
    OBJECT_TYPES[row.objectType],
    row.objectId,
    row.target.toUpperCase(),
    ctx.now,
    row.deletedObjectName ?? null,
  ];
}

export function insertDownloadRow(ctx: ProcContext, row: PostRow): void {
  ctx.db.run(INSERT_DOWNLOAD_ROWS + ROW_PLACEHOLDERS, rowValues(ctx, row));
}

/** Inserts rows in the given order (instance_id follows it), in fixed-size chunks. */
export function insertDownloadRows(ctx: ProcContext, rows: readonly PostRow[]): void {
  let i = 0;
  for (; i + CHUNK <= rows.length; i += CHUNK) {
    ctx.db.run(CHUNK_SQL, rows.slice(i, i + CHUNK).flatMap((r) => rowValues(ctx, r)));
  }
  for (; i < rows.length; i++) insertDownloadRow(ctx, rows[i]);
}

/** SUSER_SID() for the caller; undefined for a login the simulated server does not know. */
export function callerSid(ctx: ProcContext): string | undefined {
  return ctx.db.value<string>('SELECT sid FROM sim_logins WHERE name = ?', [ctx.caller.login]);
}

/** SQLAGENT_SUSER_SNAME(sid): the login name, or null for an unknown SID. */
export function loginNameBySid(ctx: ProcContext, sid: string): string | null {
  return ctx.db.value<string>('SELECT name FROM sim_logins WHERE sid = ?', [sid]) ?? null;
}

/** IS_MEMBER for the agent roles; SQLAgentOperatorRole is a member of SQLAgentReaderRole. */
export function isAgentReader(ctx: ProcContext): boolean {
  return ctx.caller.roles.has('SQLAgentReaderRole') || ctx.caller.roles.has('SQLAgentOperatorRole');
}

/**
 * sysjobs_view's row filter over sysjobs aliased `j`: sysadmin, agent readers and the owner see a
 * job; TargetServersRole members (target agents) see the multiserver ones.
 */
export function visibleJobsClause(ctx: ProcContext): { sql: string; params: string[] } {
  if (ctx.caller.isSysadmin || isAgentReader(ctx)) return { sql: '1 = 1', params: [] };
  const tsx = ctx.caller.roles.has('TargetServersRole')
    ? ' OR EXISTS (SELECT 1 FROM sysjobservers vjs WHERE vjs.job_id = j.job_id AND vjs.server_id <> 0)'
    : '';
  return { sql: `(j.owner_sid = ?${tsx})`, params: [callerSid(ctx) ?? ''] };
}

/** resolveJob through sysjobs_view: a job the caller cannot see does not exist for it (14262). */
export function resolveVisibleJob(ctx: ProcContext, jobId: string | null, jobName: string | null): JobRow {
  const job = resolveJob(ctx, jobId, jobName);
  const v = visibleJobsClause(ctx);
  if (!ctx.db.value(`SELECT 1 FROM sysjobs j WHERE j.job_id = ? AND ${v.sql}`, [job.job_id, ...v.params])) {
    if (jobName?.trim()) ctx.fail(14262, '@job_name', jobName.trim());
    ctx.fail(14262, '@job_id', jobId);
  }
  return job;
}

/** sysjobs_view.originating_server: this server for 0, else the sysoriginatingservers row. */
export function originatingServer(ctx: ProcContext, originatingServerId: number): string | null {
  if (originatingServerId === 0) return ctx.server.serverName.toUpperCase();
  return ctx.db.value<string>('SELECT originating_server FROM sysoriginatingservers WHERE originating_server_id = ?', [originatingServerId]) ?? null;
}

/** The SID msdb gives the Agent service account (0xFFFFFFFF), which counts as sysadmin. */
export function isAgentAccountSid(sid: string): boolean {
  return sid.toLowerCase() === '0xffffffff';
}

/** Whether the job has any remote (target) job server: a multiserver job. */
export function isMultiserverJob(ctx: ProcContext, jobId: string): boolean {
  return ctx.db.value('SELECT 1 FROM sysjobservers WHERE job_id = ? AND server_id <> 0', [jobId]) !== undefined;
}

/** Every change to a job, its steps or its schedules: version_number + 1, date_modified = GETDATE(). */
export function bumpJobVersion(ctx: ProcContext, jobId: string): void {
  ctx.db.run('UPDATE sysjobs SET version_number = version_number + 1, date_modified = ? WHERE job_id = ?', [ctx.now, jobId]);
}

/**
 * sp_verify_jobproc_caller: a job that came from an MSX (its originating server is a master) may
 * be changed only by the Agent itself (14274, spec §2.6). A NULL job id passes, as in msdb.
 */
export function verifyJobProcCaller(ctx: ProcContext, jobId: string | null): void {
  if (jobId === null) return;
  const fromMaster = ctx.db.value(
    `SELECT 1 FROM sysjobs j JOIN sysoriginatingservers o ON o.originating_server_id = j.originating_server_id
      WHERE j.job_id = ? AND o.master_server = 1`,
    [jobId],
  );
  if (fromMaster !== undefined && !/^SQLAgent/i.test(ctx.caller.programName)) ctx.fail(14274);
}

/** Readers and operators see every job but may change only their own (14525); sysadmin may change any. */
export function requireOwnerOrSysadmin(ctx: ProcContext, job: JobRow): void {
  if (!ctx.caller.isSysadmin && job.owner_sid !== callerSid(ctx)) ctx.fail(14525);
}

/**
 * After a step or schedule change: a multiserver job's targets learn of it only from an INSERT.
 * With @automatic_post = 1 (the schedule procedures) the INSERT is posted; otherwise, and always
 * for the step procedures, informational 14547 reminds the caller to post it (spec §12).
 */
export function postOrRemind(ctx: ProcContext, jobId: string, automaticPost: boolean): void {
  if (!isMultiserverJob(ctx, jobId)) return;
  if (automaticPost) ctx.call('sp_post_msx_operation', { operation: 'INSERT', object_type: 'JOB', job_id: jobId });
  else ctx.info(14547, 'INSERT', 'sp_post_msx_operation');
}

/** Databases the simulated server has: DB_ID() is NULL for any other name (14262 '@database_name'). */
export const SIMULATED_DATABASES = ['master', 'model', 'msdb', 'tempdb', 'DBAdmin'];

export function databaseExists(name: string): boolean {
  return SIMULATED_DATABASES.some((d) => d.toLowerCase() === name.toLowerCase());
}
