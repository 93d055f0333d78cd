import { fromSqlDatetime } from '../../../msx/datetime';
import { NIL_GUID } from '../../../msx/guid';
import { computeStatus, isOffline } from '../../../msx/status';
import { trimmed, type ProcContext, type ProcDef } from '../context';
import { requireSysadmin } from './shared';

interface StoredTarget {
  server_id: number;
  server_name: string;
  location: string | null;
  time_zone_adjustment: number;
  enlist_date: string;
  last_poll_date: string;
  status: number;
  local_time_at_last_poll: string;
  enlisted_by_nt_user: string;
  poll_interval: number;
  unread_instructions: number;
  blocked: number;
}

/** Truncates to the second: DATEDIFF(ss, a, b) counts second boundaries crossed. */
function wholeSecondMs(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

const TARGETS_SQL = `SELECT t.*,
       (SELECT COUNT(*) FROM sysdownloadlist d WHERE d.target_server = t.server_name AND d.status = 0) AS unread_instructions,
       EXISTS (SELECT 1 FROM sysdownloadlist d WHERE d.target_server = t.server_name AND d.error_message IS NOT NULL) AS blocked
     FROM systargetservers t`;

/** sp_help_targetserver (spec §4.1): stored columns plus computed status, unread count and local time. */
function helpTargetServer(ctx: ProcContext, args: Record<string, string | number | null>) {
  // Only trimmed and upper-cased: an empty name is not NULL and so is "unknown", as in SQL Server.
  const name = args.server_name === null ? null : String(args.server_name).trim().toUpperCase();
  if (name !== null && !ctx.db.value('SELECT 1 FROM systargetservers WHERE server_name = ?', [name])) {
    ctx.fail(14262, '@server_name', name);
  }
  // Two statements, not `? IS NULL OR name = ?`: with a name, SQLite then seeks the unique index
  // instead of scanning every target (a live grid re-reads single rows a thousand times a second).
  const rows = name === null ? ctx.db.all<StoredTarget>(`${TARGETS_SQL} ORDER BY t.server_name`) : ctx.db.all<StoredTarget>(`${TARGETS_SQL} WHERE t.server_name = ?`, [name]);
  // Dates are parsed once each and handed out as Date objects (what withDates makes): a list of
  // 10,000 targets is read on every open of Manage Target Servers.
  const nowWhole = wholeSecondMs(ctx.nowMs);
  const recordset = rows.map((t) => {
    const lastPoll = fromSqlDatetime(t.last_poll_date);
    const lastPollWhole = wholeSecondMs(lastPoll.getTime());
    const elapsedMs = nowWhole - lastPollWhole;
    const offline = isOffline(lastPollWhole, nowWhole, t.poll_interval);
    return {
      server_id: t.server_id,
      server_name: t.server_name,
      location: t.location,
      time_zone_adjustment: t.time_zone_adjustment,
      enlist_date: fromSqlDatetime(t.enlist_date),
      last_poll_date: lastPoll,
      status: computeStatus(t.status, offline, t.blocked === 1),
      unread_instructions: t.unread_instructions,
      // The target's clock now: its reading at the last poll plus the time since (spec §4.1).
      local_time: new Date(fromSqlDatetime(t.local_time_at_last_poll).getTime() + elapsedMs),
      enlisted_by_nt_user: t.enlisted_by_nt_user,
      poll_interval: t.poll_interval,
    };
  });
  return { returnValue: 0, recordsets: [recordset] };
}

/** sp_resync_targetserver (spec §4.3): drop the target's queue, then re-post every job to it. */
function resyncTargetServer(ctx: ProcContext, args: Record<string, string | number | null>): number {
  requireSysadmin(ctx);
  const name = args.server_name === null ? null : String(args.server_name).trim();
  if (name !== null && name.toUpperCase() === 'ALL') {
    // TRUNCATE TABLE: the rows go and the identity restarts.
    ctx.db.run('DELETE FROM sysdownloadlist');
    ctx.db.run("DELETE FROM sqlite_sequence WHERE name = 'sysdownloadlist'");
    ctx.call('sp_post_msx_operation', { operation: 'DELETE', object_type: 'JOB', job_id: NIL_GUID, specific_target_server: null });
    ctx.call('sp_post_msx_operation', { operation: 'INSERT', object_type: 'JOB', job_id: NIL_GUID, specific_target_server: null });
    return 0;
  }
  if (name === null || !ctx.db.value('SELECT 1 FROM systargetservers WHERE server_name = ?', [name])) {
    ctx.fail(14262, '@server_name', name);
  }
  ctx.db.run('DELETE FROM sysdownloadlist WHERE target_server = ?', [name]);
  ctx.call('sp_post_msx_operation', { operation: 'DELETE', object_type: 'JOB', job_id: NIL_GUID, specific_target_server: name });
  ctx.call('sp_post_msx_operation', { operation: 'INSERT', object_type: 'JOB', job_id: NIL_GUID, specific_target_server: name });
  return 0;
}

/** sp_delete_targetserver (spec §4.3): the DEFECT row is posted before the target row goes, and outlives it. */
function deleteTargetServer(ctx: ProcContext, args: Record<string, string | number | null>): number {
  const name = trimmed(args.server_name)?.toUpperCase() ?? null;
  const serverId = name === null
    ? undefined
    : ctx.db.value<number>('SELECT server_id FROM systargetservers WHERE server_name = ?', [name]);
  if (serverId === undefined) ctx.fail(14262, '@server_name', name);

  if (args.clear_downloadlist === 1) ctx.db.run('DELETE FROM sysdownloadlist WHERE target_server = ?', [name]);
  if (args.post_defection === 1) {
    ctx.call('sp_post_msx_operation', { operation: 'DEFECT', object_type: 'SERVER', job_id: NIL_GUID, specific_target_server: name });
  }
  ctx.db.run('DELETE FROM systargetservers WHERE server_id = ?', [serverId]);
  ctx.db.run('DELETE FROM systargetservergroupmembers WHERE server_id = ?', [serverId]);
  ctx.db.run('DELETE FROM sysjobservers WHERE server_id = ?', [serverId]);
  return 0;
}

export const targetServersProcs: ProcDef[] = [
  { name: 'sp_help_targetserver', handler: helpTargetServer },
  { name: 'sp_resync_targetserver', handler: resyncTargetServer },
  { name: 'sp_delete_targetserver', handler: deleteTargetServer },
];
