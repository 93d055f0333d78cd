import { describe, expect, it } from 'vitest';
import type { SqlValue } from '../../executor';
import type { EmbeddedMsdb } from '../master';
import { createTestMaster, expectExecuteDenied, expectFailsUnchanged } from '../testing';

const PLEB = { login: 'app', isSysadmin: false };

/** Targets TSX1..TSX3; group "East" holds TSX1 and TSX2, "West" holds TSX3. */
async function fixture() {
  const m = await createTestMaster(['TSX1', 'TSX2', 'TSX3']);
  const call = (proc: string, params: Record<string, SqlValue> = {}) => m.exec.exec(proc, params);
  await call('sp_add_targetservergroup', { name: 'East' });
  await call('sp_add_targetservergroup', { name: 'West' });
  await call('sp_add_targetsvrgrp_member', { group_name: 'East', server_name: 'TSX1' });
  await call('sp_add_targetsvrgrp_member', { group_name: 'East', server_name: 'TSX2' });
  await call('sp_add_targetsvrgrp_member', { group_name: 'West', server_name: 'TSX3' });
  return { ...m, call };
}

function groups(msdb: EmbeddedMsdb) {
  return msdb.db.all('SELECT servergroup_id, name FROM systargetservergroups ORDER BY servergroup_id');
}

function members(msdb: EmbeddedMsdb) {
  return msdb.db.all<{ name: string; server_name: string }>(
    `SELECT g.name, t.server_name FROM systargetservergroupmembers m
     JOIN systargetservergroups g ON g.servergroup_id = m.servergroup_id
     JOIN systargetservers t ON t.server_id = m.server_id
     ORDER BY g.name, t.server_name`,
  );
}

describe('sp_add_targetservergroup', () => {
  it('sp_add_targetservergroup: adds a group under its trimmed name', async () => {
    const { msdb, exec } = await createTestMaster();
    const r = await exec.exec('sp_add_targetservergroup', { name: '  Branch offices ' });
    expect(r.returnValue).toBe(0);
    expect(r.messages).toEqual([]);
    expect(groups(msdb)).toEqual([{ servergroup_id: 1, name: 'Branch offices' }]);
  });

  it('sp_add_targetservergroup: a non-sysadmin caller fails 15003', async () => {
    const { msdb } = await createTestMaster();
    await expectFailsUnchanged(msdb, () => msdb.executor(PLEB).exec('sp_add_targetservergroup', { name: 'East' }),
      15003, 'Only members of the sysadmin role can execute this stored procedure.');
  });

  it('sp_add_targetservergroup: an existing name, in any case, fails 14261', async () => {
    const { msdb, call } = await fixture();
    const e = await expectFailsUnchanged(msdb, () => call('sp_add_targetservergroup', { name: ' EAST ' }),
      14261, "The specified @name ('EAST') already exists.");
    expect(e.procName).toBe('sp_add_targetservergroup');
  });

  it('sp_add_targetservergroup: a name with a comma fails 14289', async () => {
    const { msdb, exec } = await createTestMaster();
    await expectFailsUnchanged(msdb, () => exec.exec('sp_add_targetservergroup', { name: 'East,West' }),
      14289, "@name cannot contain ',' characters.");
  });

  it('sp_add_targetservergroup: the existence check comes before the comma check', async () => {
    const { msdb, exec } = await createTestMaster();
    msdb.db.run("INSERT INTO systargetservergroups (name) VALUES ('A,B')");
    await expectFailsUnchanged(msdb, () => exec.exec('sp_add_targetservergroup', { name: 'A,B' }),
      14261, "The specified @name ('A,B') already exists.");
  });

  it('sp_add_targetservergroup: a NULL name fails on the NOT NULL column (515)', async () => {
    const { msdb, exec } = await createTestMaster();
    await expectFailsUnchanged(msdb, () => exec.exec('sp_add_targetservergroup', { name: null }),
      515, "Cannot insert the value NULL into column 'name', table 'msdb.dbo.systargetservergroups'; column does not allow nulls. INSERT fails.");
  });

  it('sp_add_targetservergroup: a blank name is trimmed to an empty name and kept, as msdb does', async () => {
    const { msdb, exec } = await createTestMaster();
    await exec.exec('sp_add_targetservergroup', { name: '   ' });
    expect(groups(msdb)).toEqual([{ servergroup_id: 1, name: '' }]);
  });
});

describe('sp_update_targetservergroup', () => {
  it('sp_update_targetservergroup: renames the group and keeps its members', async () => {
    const { msdb, call } = await fixture();
    const r = await call('sp_update_targetservergroup', { name: ' east ', new_name: ' North-East ' });
    expect(r.returnValue).toBe(0);
    expect(groups(msdb)).toEqual([{ servergroup_id: 1, name: 'North-East' }, { servergroup_id: 2, name: 'West' }]);
    expect(members(msdb).filter((m) => m.name === 'North-East').map((m) => m.server_name)).toEqual(['TSX1', 'TSX2']);
  });

  it('sp_update_targetservergroup: a non-sysadmin caller fails 15003', async () => {
    const { msdb } = await fixture();
    await expectFailsUnchanged(msdb, () => msdb.executor(PLEB).exec('sp_update_targetservergroup', { name: 'East', new_name: 'X' }),
      15003, 'Only members of the sysadmin role can execute this stored procedure.');
  });

  it('sp_update_targetservergroup: an unknown group fails 14262', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_update_targetservergroup', { name: 'South', new_name: 'X' }),
      14262, "The specified @name ('South') does not exist.");
  });

  it('sp_update_targetservergroup: a new name that exists fails 14261, even the same name in another case', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_update_targetservergroup', { name: 'East', new_name: 'West' }),
      14261, "The specified @new_name ('West') already exists.");
    await expectFailsUnchanged(msdb, () => call('sp_update_targetservergroup', { name: 'East', new_name: 'EAST' }),
      14261, "The specified @new_name ('EAST') already exists.");
  });

  it('sp_update_targetservergroup: a new name with a comma fails 14289', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_update_targetservergroup', { name: 'East', new_name: 'East,1' }),
      14289, "@new_name cannot contain ',' characters.");
  });

  it('sp_update_targetservergroup: a NULL new name fails on the NOT NULL column (515)', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_update_targetservergroup', { name: 'East', new_name: null }),
      515, "Cannot insert the value NULL into column 'name', table 'msdb.dbo.systargetservergroups'; column does not allow nulls. UPDATE fails.");
  });
});

describe('sp_delete_targetservergroup', () => {
  it('sp_delete_targetservergroup: removes the group and its memberships, not the targets or other groups', async () => {
    const { msdb, call } = await fixture();
    const r = await call('sp_delete_targetservergroup', { name: ' EAST ' });
    expect(r.returnValue).toBe(0);
    expect(groups(msdb)).toEqual([{ servergroup_id: 2, name: 'West' }]);
    expect(members(msdb)).toEqual([{ name: 'West', server_name: 'TSX3' }]);
    expect(msdb.db.value('SELECT COUNT(*) FROM systargetservers')).toBe(3);
    expect(msdb.db.value('SELECT COUNT(*) FROM systargetservergroupmembers')).toBe(1);
  });

  it('sp_delete_targetservergroup: a non-sysadmin caller fails 15003', async () => {
    const { msdb } = await fixture();
    await expectFailsUnchanged(msdb, () => msdb.executor(PLEB).exec('sp_delete_targetservergroup', { name: 'East' }),
      15003, 'Only members of the sysadmin role can execute this stored procedure.');
  });

  it('sp_delete_targetservergroup: an unknown group fails 14262', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_delete_targetservergroup', { name: 'South' }),
      14262, "The specified @name ('South') does not exist.");
    await expectFailsUnchanged(msdb, () => call('sp_delete_targetservergroup', { name: null }),
      14262, "The specified @name ('(null)') does not exist.");
  });
});

describe('sp_add_targetsvrgrp_member', () => {
  it('sp_add_targetsvrgrp_member: adds a target, named in any case, to a group', async () => {
    const { msdb, call } = await fixture();
    const r = await call('sp_add_targetsvrgrp_member', { group_name: ' West ', server_name: ' tsx1 ' });
    expect(r.returnValue).toBe(0);
    expect(members(msdb).filter((m) => m.name === 'West').map((m) => m.server_name)).toEqual(['TSX1', 'TSX3']);
  });

  it('sp_add_targetsvrgrp_member: a target may belong to several groups', async () => {
    const { msdb, call } = await fixture();
    await call('sp_add_targetsvrgrp_member', { group_name: 'West', server_name: 'TSX2' });
    expect(members(msdb).filter((m) => m.server_name === 'TSX2').map((m) => m.name)).toEqual(['East', 'West']);
  });

  it('sp_add_targetsvrgrp_member: a non-sysadmin caller without EXECUTE permission fails 229, before any check', async () => {
    const { msdb } = await fixture();
    await expectExecuteDenied(msdb,
      () => msdb.executor(PLEB).exec('sp_add_targetsvrgrp_member', { group_name: 'South', server_name: 'TSX1' }), 'sp_add_targetsvrgrp_member');
  });

  it('sp_add_targetsvrgrp_member: a non-sysadmin granted EXECUTE adds the member (msdb checks no role)', async () => {
    const { msdb } = await fixture();
    const granted = msdb.executor({ ...PLEB, executeGranted: new Set(['sp_add_targetsvrgrp_member']) });
    await granted.exec('sp_add_targetsvrgrp_member', { group_name: 'West', server_name: 'TSX1' });
    expect(members(msdb)).toContainEqual({ name: 'West', server_name: 'TSX1' });
  });

  it('sp_add_targetsvrgrp_member: an unknown group fails 14262, checked before the server', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_add_targetsvrgrp_member', { group_name: 'South', server_name: 'NOPE' }),
      14262, "The specified @group_name ('South') does not exist.");
  });

  it('sp_add_targetsvrgrp_member: an unknown target fails 14262 with the upper-cased name', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_add_targetsvrgrp_member', { group_name: 'West', server_name: 'tsx9' }),
      14262, "The specified @server_name ('TSX9') does not exist.");
  });

  it('sp_add_targetsvrgrp_member: a target already in the group fails 14263', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_add_targetsvrgrp_member', { group_name: 'east', server_name: 'tsx1' }),
      14263, "Target server 'TSX1' is already a member of group 'east'.");
  });
});

describe('sp_delete_targetsvrgrp_member', () => {
  it('sp_delete_targetsvrgrp_member: removes the target from that group only', async () => {
    const { msdb, call } = await fixture();
    await call('sp_add_targetsvrgrp_member', { group_name: 'West', server_name: 'TSX1' });
    const r = await call('sp_delete_targetsvrgrp_member', { group_name: 'East', server_name: 'tsx1' });
    expect(r.returnValue).toBe(0);
    expect(members(msdb)).toEqual([
      { name: 'East', server_name: 'TSX2' },
      { name: 'West', server_name: 'TSX1' },
      { name: 'West', server_name: 'TSX3' },
    ]);
  });

  it('sp_delete_targetsvrgrp_member: a non-sysadmin caller without EXECUTE permission fails 229', async () => {
    const { msdb } = await fixture();
    await expectExecuteDenied(msdb,
      () => msdb.executor(PLEB).exec('sp_delete_targetsvrgrp_member', { group_name: 'East', server_name: 'TSX1' }), 'sp_delete_targetsvrgrp_member');
  });

  it('sp_delete_targetsvrgrp_member: an unknown group fails 14262', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_delete_targetsvrgrp_member', { group_name: 'South', server_name: 'TSX1' }),
      14262, "The specified @group_name ('South') does not exist.");
  });

  it('sp_delete_targetsvrgrp_member: an unknown target fails 14262', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_delete_targetsvrgrp_member', { group_name: 'East', server_name: 'TSX9' }),
      14262, "The specified @server_name ('TSX9') does not exist.");
  });

  it('sp_delete_targetsvrgrp_member: a target not in the group fails 14264', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_delete_targetsvrgrp_member', { group_name: 'West', server_name: 'tsx1' }),
      14264, "Target server 'TSX1' is not a member of group 'West'.");
  });
});

describe('sp_help_targetservergroup', () => {
  it('sp_help_targetservergroup: without a name lists every group by name', async () => {
    const { call } = await fixture();
    await call('sp_add_targetservergroup', { name: 'Central' });
    const r = await call('sp_help_targetservergroup');
    expect(r.recordsets).toEqual([[
      { servergroup_id: 3, name: 'Central' },
      { servergroup_id: 1, name: 'East' },
      { servergroup_id: 2, name: 'West' },
    ]]);
  });

  it('sp_help_targetservergroup: with a name lists the members (server_id, server_name)', async () => {
    const { call } = await fixture();
    const r = await call('sp_help_targetservergroup', { name: ' east ' });
    expect(r.recordsets).toEqual([[{ server_id: 1, server_name: 'TSX1' }, { server_id: 2, server_name: 'TSX2' }]]);
  });

  it('sp_help_targetservergroup: an empty group has no member rows', async () => {
    const { call } = await fixture();
    await call('sp_add_targetservergroup', { name: 'Central' });
    const r = await call('sp_help_targetservergroup', { name: 'Central' });
    expect(r.recordsets).toEqual([[]]);
  });

  it('sp_help_targetservergroup: an unknown group fails 14262', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_help_targetservergroup', { name: 'South' }),
      14262, "The specified @name ('South') does not exist.");
  });

  it('sp_help_targetservergroup: a non-sysadmin caller without EXECUTE permission fails 229 (not 15003, not rows)', async () => {
    const { msdb } = await fixture();
    await expectExecuteDenied(msdb, () => msdb.executor(PLEB).exec('sp_help_targetservergroup', {}), 'sp_help_targetservergroup');
    const granted = msdb.executor({ ...PLEB, executeGranted: new Set(['sp_help_targetservergroup']) });
    expect((await granted.exec('sp_help_targetservergroup', {})).recordsets[0].map((g) => g.name)).toEqual(['East', 'West']);
  });
});
