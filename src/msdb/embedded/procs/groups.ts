// Target server groups (spec §2.3, §4.3): named sets of targets that sp_apply_job_to_targets
// accepts as a comma-separated list, which is why names may not contain commas.
import type { Args } from '../coerce';
import type { ProcContext, ProcDef } from '../context';
import { requireSysadmin } from './shared';

const GROUPS_TABLE = 'msdb.dbo.systargetservergroups';

/** LTRIM(RTRIM(x)): the group procedures trim but, unlike most, keep '' as a name. */
function trimOnly(v: string | number | null): string | null {
  return v === null ? null : String(v).trim();
}

function groupId(ctx: ProcContext, name: string | null): number | undefined {
  return name === null ? undefined : ctx.db.value<number>('SELECT servergroup_id FROM systargetservergroups WHERE name = ?', [name]);
}

function targetId(ctx: ProcContext, name: string | null): number | undefined {
  return name === null ? undefined : ctx.db.value<number>('SELECT server_id FROM systargetservers WHERE server_name = ?', [name]);
}

function addTargetServerGroup(ctx: ProcContext, args: Args): number {
  requireSysadmin(ctx);
  const name = trimOnly(args.name);
  if (groupId(ctx, name) !== undefined) ctx.fail(14261, '@name', name);
  if (name?.includes(',')) ctx.fail(14289, '@name', ',');
  // NULL passes both tests in T-SQL and then fails on the NOT NULL column.
  if (name === null) ctx.fail(515, 'name', GROUPS_TABLE, 'INSERT');
  ctx.db.run('INSERT INTO systargetservergroups (name) VALUES (?)', [name]);
  return 0;
}

function updateTargetServerGroup(ctx: ProcContext, args: Args): number {
  requireSysadmin(ctx);
  const name = trimOnly(args.name);
  const newName = trimOnly(args.new_name);
  const id = groupId(ctx, name);
  if (id === undefined) ctx.fail(14262, '@name', name);
  // Compared case-insensitively, so a change of case alone is refused as "already exists", as in msdb.
  if (groupId(ctx, newName) !== undefined) ctx.fail(14261, '@new_name', newName);
  if (newName?.includes(',')) ctx.fail(14289, '@new_name', ',');
  if (newName === null) ctx.fail(515, 'name', GROUPS_TABLE, 'UPDATE');
  ctx.db.run('UPDATE systargetservergroups SET name = ? WHERE servergroup_id = ?', [newName, id]);
  return 0;
}

function deleteTargetServerGroup(ctx: ProcContext, args: Args): number {
  requireSysadmin(ctx);
  const name = trimOnly(args.name);
  const id = groupId(ctx, name);
  if (id === undefined) ctx.fail(14262, '@name', name);
  ctx.db.run('DELETE FROM systargetservergroupmembers WHERE servergroup_id = ?', [id]);
  ctx.db.run('DELETE FROM systargetservergroups WHERE servergroup_id = ?', [id]);
  return 0;
}

/** The checks both member procedures make, in msdb's order: group, then server. */
function resolveMembership(ctx: ProcContext, args: Args) {
  // No role check in msdb's body: EXECUTE permission guards these (229, procs/permissions.ts).
  const groupName = trimOnly(args.group_name);
  const serverName = trimOnly(args.server_name)?.toUpperCase() ?? null;
  const gid = groupId(ctx, groupName);
  if (gid === undefined) ctx.fail(14262, '@group_name', groupName);
  const sid = targetId(ctx, serverName);
  if (sid === undefined) ctx.fail(14262, '@server_name', serverName);
  const isMember = ctx.db.value('SELECT 1 FROM systargetservergroupmembers WHERE servergroup_id = ? AND server_id = ?', [gid, sid]) !== undefined;
  return { groupName, serverName, gid, sid, isMember };
}

function addTargetServerGroupMember(ctx: ProcContext, args: Args): number {
  const m = resolveMembership(ctx, args);
  if (m.isMember) ctx.fail(14263, m.serverName, m.groupName);
  ctx.db.run('INSERT INTO systargetservergroupmembers (servergroup_id, server_id) VALUES (?, ?)', [m.gid, m.sid]);
  return 0;
}

function deleteTargetServerGroupMember(ctx: ProcContext, args: Args): number {
  const m = resolveMembership(ctx, args);
  if (!m.isMember) ctx.fail(14264, m.serverName, m.groupName);
  ctx.db.run('DELETE FROM systargetservergroupmembers WHERE servergroup_id = ? AND server_id = ?', [m.gid, m.sid]);
  return 0;
}

/** Without a name: every group. With one: its members. Rows come in the clustered indexes' order. */
function helpTargetServerGroup(ctx: ProcContext, args: Args) {
  // No role check either: EXECUTE permission guards it (229, procs/permissions.ts).
  const name = trimOnly(args.name);
  if (name === null) {
    const groups = ctx.db.all('SELECT servergroup_id, name FROM systargetservergroups ORDER BY name');
    return { returnValue: 0, recordsets: [groups] };
  }
  const id = groupId(ctx, name);
  if (id === undefined) ctx.fail(14262, '@name', name);
  const members = ctx.db.all(
    `SELECT t.server_id, t.server_name
     FROM systargetservergroupmembers m JOIN systargetservers t ON t.server_id = m.server_id
     WHERE m.servergroup_id = ?
     ORDER BY t.server_id`,
    [id],
  );
  return { returnValue: 0, recordsets: [members] };
}

export const groupsProcs: ProcDef[] = [
  { name: 'sp_add_targetservergroup', handler: addTargetServerGroup },
  { name: 'sp_update_targetservergroup', handler: updateTargetServerGroup },
  { name: 'sp_delete_targetservergroup', handler: deleteTargetServerGroup },
  { name: 'sp_add_targetsvrgrp_member', handler: addTargetServerGroupMember },
  { name: 'sp_delete_targetsvrgrp_member', handler: deleteTargetServerGroupMember },
  { name: 'sp_help_targetservergroup', handler: helpTargetServerGroup },
];
