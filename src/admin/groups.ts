// Target server groups (spec §2.3, §4.3): named sets of targets. Each action is one msdb call;
// msdb does the checking (14261 exists, 14262 unknown, 14263/14264 membership, 14289 comma).
import type { MsdbExecutor } from '../msdb/executor';
import { call, firstRecordset, run, type PlannedCall } from './calls';
import { num, str } from './values';

export interface TargetServerGroup {
  servergroupId: number;
  name: string;
}

export interface TargetServerGroupMember {
  serverId: number;
  serverName: string;
}

/** What a write returned: the return code and SQL Server's informational messages. */
export interface WriteResult {
  returnValue: number;
  messages: Array<{ number: number; severity: number; text: string }>;
}

export const groupCalls = {
  list: (): PlannedCall => call('sp_help_targetservergroup'),
  members: (name: string): PlannedCall => call('sp_help_targetservergroup', { name }),
  add: (name: string): PlannedCall => call('sp_add_targetservergroup', { name }),
  rename: (name: string, newName: string): PlannedCall => call('sp_update_targetservergroup', { name, new_name: newName }),
  remove: (name: string): PlannedCall => call('sp_delete_targetservergroup', { name }),
  addMember: (group: string, server: string): PlannedCall => call('sp_add_targetsvrgrp_member', { group_name: group, server_name: server }),
  removeMember: (group: string, server: string): PlannedCall =>
    call('sp_delete_targetsvrgrp_member', { group_name: group, server_name: server }),
};

async function write(exec: MsdbExecutor, c: PlannedCall): Promise<WriteResult> {
  const r = await run(exec, c);
  return { returnValue: r.returnValue, messages: r.messages };
}

export async function listGroups(master: MsdbExecutor): Promise<TargetServerGroup[]> {
  return firstRecordset(await run(master, groupCalls.list())).map((r) => ({ servergroupId: num(r.servergroup_id), name: str(r.name) }));
}

export async function groupMembers(master: MsdbExecutor, group: string): Promise<TargetServerGroupMember[]> {
  return firstRecordset(await run(master, groupCalls.members(group))).map((r) => ({ serverId: num(r.server_id), serverName: str(r.server_name) }));
}

export const addGroup = (master: MsdbExecutor, name: string) => write(master, groupCalls.add(name));
export const renameGroup = (master: MsdbExecutor, name: string, newName: string) => write(master, groupCalls.rename(name, newName));
export const deleteGroup = (master: MsdbExecutor, name: string) => write(master, groupCalls.remove(name));
export const addGroupMember = (master: MsdbExecutor, group: string, server: string) => write(master, groupCalls.addMember(group, server));
export const removeGroupMember = (master: MsdbExecutor, group: string, server: string) => write(master, groupCalls.removeMember(group, server));
