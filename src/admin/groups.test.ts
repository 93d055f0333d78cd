import { describe, expect, it } from 'vitest';
import { addGroup, addGroupMember, deleteGroup, groupMembers, listGroups, removeGroupMember, renameGroup } from './groups';
import { labFixture, sqlError } from './testing';

describe('target server groups (spec §2.3, §4.3)', () => {
  it('lists the groups and a group\'s members', async () => {
    const f = await labFixture();
    expect(await listGroups(f.master)).toEqual([{ servergroupId: 1, name: 'Production' }]);
    expect((await groupMembers(f.master, 'Production')).map((m) => m.serverName)).toEqual(['LONDON-SQL01', 'NYC-SQL02', 'TOKYO-SQL04']);
    f.lab.close();
  });

  it('adds, renames, fills, empties and deletes a group', async () => {
    const f = await labFixture();
    expect(await addGroup(f.master, 'Reporting')).toEqual({ returnValue: 0, messages: [] });
    await addGroupMember(f.master, 'Reporting', 'syd-sql05');
    await renameGroup(f.master, 'Reporting', 'Reports');
    expect((await listGroups(f.master)).map((g) => g.name)).toEqual(['Production', 'Reports']);
    expect(await groupMembers(f.master, 'Reports')).toEqual([{ serverId: expect.any(Number), serverName: 'SYD-SQL05' }]);
    await removeGroupMember(f.master, 'Reports', 'SYD-SQL05');
    expect(await groupMembers(f.master, 'Reports')).toEqual([]);
    await deleteGroup(f.master, 'Reports');
    expect((await listGroups(f.master)).map((g) => g.name)).toEqual(['Production']);
    f.lab.close();
  });

  it('passes msdb\'s refusals through: comma 14289, exists 14261, unknown 14262, member 14263 / 14264', async () => {
    const f = await labFixture();
    const before = f.snapshot();
    expect((await sqlError(addGroup(f.master, 'A,B'))).number).toBe(14289);
    expect((await sqlError(addGroup(f.master, 'production'))).number).toBe(14261);
    expect((await sqlError(renameGroup(f.master, 'Nope', 'X'))).number).toBe(14262);
    expect((await sqlError(addGroupMember(f.master, 'Production', 'LONDON-SQL01'))).number).toBe(14263);
    expect((await sqlError(removeGroupMember(f.master, 'Production', 'SYD-SQL05'))).number).toBe(14264);
    expect((await sqlError(groupMembers(f.master, 'Nope'))).number).toBe(14262);
    expect(f.snapshot().equals(before)).toBe(true);
    f.lab.close();
  });
});
