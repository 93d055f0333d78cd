import { z } from 'zod';
import { addGroup, addGroupMember, deleteGroup, groupMembers, listGroups, removeGroupMember, renameGroup } from '../../admin/groups';
import { onConnection, serverName, sysname } from '../schemas';
import { method } from '../table';
import type { Core } from './core';

export function groupMethods(core: Core) {
  const m = (id: string) => core.master(id);
  return [
    method('groups.list', 'Target server groups.', z.strictObject(onConnection), (p) => listGroups(m(p.connectionId))),
    method('groups.members', "A group's target servers.", z.strictObject({ ...onConnection, group: sysname }), (p) =>
      groupMembers(m(p.connectionId), p.group),
    ),
    method('groups.add', 'sp_add_targetservergroup.', z.strictObject({ ...onConnection, name: sysname }), (p) => addGroup(m(p.connectionId), p.name)),
    method('groups.rename', 'sp_update_targetservergroup.', z.strictObject({ ...onConnection, name: sysname, newName: sysname }), (p) =>
      renameGroup(m(p.connectionId), p.name, p.newName),
    ),
    method('groups.delete', 'sp_delete_targetservergroup.', z.strictObject({ ...onConnection, name: sysname }), (p) =>
      deleteGroup(m(p.connectionId), p.name),
    ),
    method('groups.addMember', 'sp_add_targetsvrgrp_member.', z.strictObject({ ...onConnection, group: sysname, server: serverName }), (p) =>
      addGroupMember(m(p.connectionId), p.group, p.server),
    ),
    method('groups.removeMember', 'sp_delete_targetsvrgrp_member.', z.strictObject({ ...onConnection, group: sysname, server: serverName }), (p) =>
      removeGroupMember(m(p.connectionId), p.group, p.server),
    ),
  ];
}
