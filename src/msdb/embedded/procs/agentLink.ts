// The procedures a target's Agent runs on its master (spec §5, §6): enlist/defect/update through
// sp_enlist_tsx, then on every poll a version check, a probe, and job header refreshes.
import { fromProbeLocalTime, toSqlDatetime } from '../../../msx/datetime';
import { OBJECT_TYPES, OPERATION_CODES } from '../../../msx/operations';
import { formatVersion, fromMicrosoftVersion, toMicrosoftVersion } from '../../../msx/version';
import type { Args } from '../coerce';
import type { ProcContext, ProcDef } from '../context';
import { getRegistry, REG } from '../registry';
import { isAgentAccountSid, loginNameBySid, originatingServer, visibleJobsClause } from './shared';

const TARGETS_TABLE = 'msdb.dbo.systargetservers';
/** 7.0.594, what sp_sqlagent_check_msx_version requires when the target names no version. */
const DEFAULT_REQUIRED_MSX_VERSION = 0x07000252;

const ENLIST = 0;
const DEFECT = 1;
const UPDATE = 2;

/**
 * A target's clock as sent: 'YYYY/MM/DD HH:MM:SS' (style 111), or the ISO-like text a datetime
 * parameter also takes. undefined when SQL Server's conversion would fail (241).
 */
function parseTargetTime(text: string): string | undefined {
  const probe = fromProbeLocalTime(text);
  if (probe !== undefined) return toSqlDatetime(probe);
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?\s*$/.exec(text);
  if (!m) return undefined;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], m[7] ? +m[7].padEnd(3, '0') : 0);
  return Number.isNaN(ms) ? undefined : toSqlDatetime(ms);
}

function msxOperatorRow(ctx: ProcContext) {
  return ctx.db.get('SELECT id, name, enabled, email_address, pager_address, netsend_address FROM sysoperators WHERE name = ?', ['MSXOperator']);
}

function targetExists(ctx: ProcContext, upperName: string): boolean {
  return ctx.db.value('SELECT 1 FROM systargetservers WHERE server_name = ?', [upperName]) !== undefined;
}

/** sp_enlist_tsx (spec §5): what xp_msx_enlist asks of the master for a target. */
function enlistTsx(ctx: ProcContext, args: Args) {
  // @LocalTime is a datetime parameter in msdb: a bad value fails at binding, before the procedure runs.
  const localTimeText = args.localtime as string | null;
  const localTime = localTimeText === null ? null : parseTargetTime(localTimeText);
  if (localTime === undefined) ctx.fail(241);

  if (!ctx.caller.isSysadmin && !ctx.caller.roles.has('TargetServersRole')) ctx.fail(15003, 'TargetServersRole');

  let action = args.action as number | null;
  const tsxVersion = (args.tsx_version as number | null) ?? 0;
  // Only enlistment checks the version, and it runs before an odd @Action is read as "enlist".
  if (action === ENLIST && fromMicrosoftVersion(tsxVersion).major < 9) {
    const msx = fromMicrosoftVersion(toMicrosoftVersion(ctx.server.productVersion));
    // msdb masks the build with 0xfff, so 16.0.4135 prints as 16.0.39.
    ctx.fail(14306, msx.major, msx.minor, msx.build & 0xfff);
  }

  const rawName = args.servername as string | null;
  if (rawName === null) ctx.fail(14043, '@ServerName');
  const serverName = rawName.trim().toUpperCase();
  if (serverName === '') ctx.fail(21263, '@ServerName');
  if (action !== DEFECT && action !== UPDATE) action = ENLIST;

  if (action === ENLIST) {
    const rawUser = args.ntusername as string | null;
    if (rawUser === null) ctx.fail(14043, '@NTUserName');
    const ntUser = rawUser.trim();
    if (ntUser === '') ctx.fail(21263, '@NTUserName');
    if ((getRegistry(ctx.db, REG.MSXServerName) ?? '').trim() !== '') ctx.fail(14360, ctx.server.serverName);
    // PLATFORM() flags a desktop SKU; Express has no Agent at all [inferred].
    if (/Desktop|Express/i.test(ctx.server.edition)) ctx.fail(14362);
    if (!msxOperatorRow(ctx)) ctx.fail(14363);

    // What the INSERT itself refuses: NULLs in NOT NULL columns (in column order), then a second row for the name.
    if (args.timezoneadjustment === null) ctx.fail(515, 'time_zone_adjustment', TARGETS_TABLE, 'INSERT');
    if (localTime === null) ctx.fail(515, 'local_time_at_last_poll', TARGETS_TABLE, 'INSERT');
    if (args.pollinterval === null) ctx.fail(515, 'poll_interval', TARGETS_TABLE, 'INSERT');
    if (targetExists(ctx, serverName)) ctx.fail(2601, 'dbo.systargetservers', 'nc1', `(${serverName})`);

    ctx.db.run(
      `INSERT INTO systargetservers (server_name, location, time_zone_adjustment, enlist_date, last_poll_date, status,
         local_time_at_last_poll, enlisted_by_nt_user, poll_interval)
       VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)`,
      [serverName, args.location, args.timezoneadjustment, ctx.now, ctx.now, localTime, ntUser, args.pollinterval],
    );
    // Rows left from an earlier enlistment under this name (a DEFECT that outlived its target).
    ctx.db.run('DELETE FROM sysdownloadlist WHERE target_server = ?', [serverName]);
  }

  if (action === UPDATE) {
    if (!msxOperatorRow(ctx)) ctx.fail(14363);
    if (!targetExists(ctx, serverName)) ctx.fail(14364);
    if (args.timezoneadjustment === null) ctx.fail(515, 'time_zone_adjustment', TARGETS_TABLE, 'UPDATE');
    if (args.pollinterval === null) ctx.fail(515, 'poll_interval', TARGETS_TABLE, 'UPDATE');
    ctx.db.run(
      `UPDATE systargetservers SET location = COALESCE(?, location), time_zone_adjustment = ?, poll_interval = ?
       WHERE server_name = ?`,
      [args.location, args.timezoneadjustment, args.pollinterval, serverName],
    );
  }

  if (action === DEFECT) {
    if (targetExists(ctx, serverName)) {
      ctx.call('sp_delete_targetserver', { server_name: serverName, post_defection: 0 });
    } else {
      ctx.db.run('DELETE FROM sysdownloadlist WHERE target_server = ?', [serverName]);
    }
    return { returnValue: 0 };
  }

  const operator = msxOperatorRow(ctx);
  return { returnValue: 0, recordsets: [operator ? [operator] : []] };
}

/** sp_sqlagent_probe_msx (spec §6): the target says it is alive; the master says what is waiting. */
function probeMsx(ctx: ProcContext, args: Args) {
  const serverName = args.server_name === null ? null : String(args.server_name).toUpperCase();
  const exists = serverName !== null && targetExists(ctx, serverName);

  if (exists) {
    const text = args.local_time as string | null;
    const localTime = text === null ? null : parseTargetTime(text);
    if (localTime === undefined) ctx.fail(241);
    if (localTime === null) ctx.fail(515, 'local_time_at_last_poll', TARGETS_TABLE, 'UPDATE');
    if (args.poll_interval === null) ctx.fail(515, 'poll_interval', TARGETS_TABLE, 'UPDATE');
    ctx.db.run(
      `UPDATE systargetservers
       SET last_poll_date = ?, local_time_at_last_poll = ?, poll_interval = ?, time_zone_adjustment = COALESCE(?, time_zone_adjustment)
       WHERE server_name = ?`,
      [ctx.now, localTime, args.poll_interval, args.time_zone_adjustment, serverName],
    );
  }

  // A target with no row is badly enlisted, unless a DEFECT is waiting for it (spec §10 rule 6).
  const defectPending = ctx.db.value(
    'SELECT 1 FROM sysdownloadlist WHERE target_server = ? AND operation_code = ? AND object_type = ?',
    [serverName, OPERATION_CODES.DEFECT, OBJECT_TYPES.SERVER],
  ) !== undefined;
  const count = (where: string) =>
    Number(ctx.db.value(`SELECT COUNT(*) FROM sysdownloadlist WHERE target_server = ? AND ${where}`, [serverName]));
  const row = {
    bad_enlistment: !exists && !defectPending ? 1 : 0,
    blocking_instructions: count('error_message IS NOT NULL'),
    pending_instructions: count('error_message IS NULL AND status = 0'),
  };
  return { returnValue: 0, recordsets: [[row]] };
}

/** major.minor.build of an @@microsoftversion value, as msdb formats it for 14541. */
function versionText(microsoftVersion: number): string {
  return formatVersion(fromMicrosoftVersion(microsoftVersion));
}

/** sp_sqlagent_check_msx_version (spec §6): runs on the master; fails when the master is older than required. */
function checkMsxVersion(ctx: ProcContext, args: Args): number {
  const required = (args.required_microsoft_version as number | null) ?? DEFAULT_REQUIRED_MSX_VERSION;
  const own = toMicrosoftVersion(ctx.server.productVersion);
  if (own < required) ctx.fail(14541, versionText(own), versionText(required));
  return 0;
}

interface RefreshRow {
  job_id: string;
  name: string;
  enabled: number;
  start_step_id: number;
  owner_sid: string;
  notify_level_eventlog: number;
  notify_level_email: number;
  notify_level_netsend: number;
  notify_level_page: number;
  notify_email_operator_id: number;
  notify_netsend_operator_id: number;
  notify_page_operator_id: number;
  delete_level: number;
  has_step: number;
  version_number: number;
  last_run_date: number;
  last_run_time: number;
  originating_server_id: number;
  description: string | null;
}

/**
 * sp_sqlagent_refresh_job (spec §6): the headers of the jobs targeted at one server, with that
 * server's last run. A name that is not a target (or NULL / '(LOCAL)') means this server, id 0.
 */
function refreshJob(ctx: ProcContext, args: Args) {
  const given = args.server_name as string | null;
  const serverName = (given === null || given.toUpperCase() === '(LOCAL)' ? ctx.server.serverName : given).toUpperCase();
  const serverId = ctx.db.value<number>('SELECT server_id FROM systargetservers WHERE server_name = ?', [serverName]) ?? 0;
  const jobId = args.job_id as string | null;
  const v = visibleJobsClause(ctx);
  const rows = ctx.db.all<RefreshRow>(
    `SELECT j.job_id, j.name, j.enabled, j.start_step_id, j.owner_sid, j.notify_level_eventlog, j.notify_level_email,
       j.notify_level_netsend, j.notify_level_page, j.notify_email_operator_id, j.notify_netsend_operator_id,
       j.notify_page_operator_id, j.delete_level,
       (SELECT COUNT(*) FROM sysjobsteps s WHERE s.job_id = j.job_id) AS has_step,
       j.version_number, js.last_run_date, js.last_run_time, j.originating_server_id, j.description
     FROM sysjobservers js JOIN sysjobs j ON j.job_id = js.job_id
     WHERE js.server_id = ? AND ${jobId === null ? '1 = 1' : 'js.job_id = ?'} AND ${v.sql}
     ORDER BY j.name, j.job_id`,
    // One job: its (job_id, server_id) key, not every job of the server (a target downloading 200
    // jobs asks 200 times).
    jobId === null ? [serverId, ...v.params] : [serverId, jobId, ...v.params],
  );
  const recordset = rows.map((r) => ({
    job_id: r.job_id,
    name: r.name,
    enabled: r.enabled,
    start_step_id: r.start_step_id,
    owner: loginNameBySid(ctx, r.owner_sid),
    notify_level_eventlog: r.notify_level_eventlog,
    notify_level_email: r.notify_level_email,
    notify_level_netsend: r.notify_level_netsend,
    notify_level_page: r.notify_level_page,
    notify_email_operator_id: r.notify_email_operator_id,
    notify_netsend_operator_id: r.notify_netsend_operator_id,
    notify_page_operator_id: r.notify_page_operator_id,
    delete_level: r.delete_level,
    has_step: r.has_step,
    version_number: r.version_number,
    last_run_date: r.last_run_date,
    last_run_time: r.last_run_time,
    originating_server: originatingServer(ctx, r.originating_server_id),
    description: r.description,
    agent_account: isAgentAccountSid(r.owner_sid) ? 1 : 0,
    is_system: 0,
  }));
  return { returnValue: 0, recordsets: [recordset] };
}

export const agentLinkProcs: ProcDef[] = [
  { name: 'sp_enlist_tsx', handler: enlistTsx },
  { name: 'sp_sqlagent_probe_msx', handler: probeMsx },
  { name: 'sp_sqlagent_check_msx_version', handler: checkMsxVersion },
  { name: 'sp_sqlagent_refresh_job', handler: refreshJob },
];
