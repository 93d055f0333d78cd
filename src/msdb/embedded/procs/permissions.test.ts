// EXECUTE permission on the procedures msdb guards by nothing else (spec §8 "Permissions").
import { describe, expect, it } from 'vitest';
import { createTestMaster, expectExecuteDenied } from '../testing';
import { EXECUTE_PERMISSION_ONLY } from './permissions';

const PLEB = { login: 'app', isSysadmin: false };

/** One call per guarded procedure, with arguments that would succeed for sysadmin. */
const CALLS: Record<string, Record<string, string | number>> = {
  sp_help_targetserver: { server_name: 'TSX1' },
  sp_help_downloadlist: { target_server: 'TSX1' },
  sp_help_targetservergroup: {},
  sp_add_targetsvrgrp_member: { group_name: 'East', server_name: 'TSX2' },
  sp_delete_targetsvrgrp_member: { group_name: 'East', server_name: 'TSX1' },
  sp_delete_targetserver: { server_name: 'TSX2' },
};

async function fixture() {
  const m = await createTestMaster(['TSX1', 'TSX2']);
  await m.exec.exec('sp_add_targetservergroup', { name: 'East' });
  await m.exec.exec('sp_add_targetsvrgrp_member', { group_name: 'East', server_name: 'TSX1' });
  return m;
}

describe('EXECUTE permission (229)', () => {
  it('covers exactly the procedures whose bodies check no role', () => {
    expect([...EXECUTE_PERMISSION_ONLY].sort()).toEqual(Object.keys(CALLS).sort());
  });

  for (const [proc, args] of Object.entries(CALLS)) {
    it(`${proc}: a login outside sysadmin without a grant gets 229 naming msdb.dbo.${proc}, and nothing changes`, async () => {
      const { msdb } = await fixture();
      await expectExecuteDenied(msdb, () => msdb.executor(PLEB).exec(`msdb.dbo.${proc}`, args), proc);
    });

    it(`${proc}: a login granted EXECUTE on it runs it; sysadmin needs no grant`, async () => {
      const { msdb } = await fixture();
      const granted = msdb.executor({ ...PLEB, executeGranted: new Set([proc]) });
      await expect(granted.exec(proc, args)).resolves.toMatchObject({ returnValue: 0 });
      const again = await fixture();
      await expect(again.exec.exec(proc, args)).resolves.toMatchObject({ returnValue: 0 });
    });
  }

  it('is checked before the parameters are bound: a missing or unknown parameter still answers 229', async () => {
    const { msdb } = await fixture();
    const pleb = msdb.executor(PLEB);
    await expectExecuteDenied(msdb, () => pleb.exec('sp_delete_targetserver', {}), 'sp_delete_targetserver');
    await expectExecuteDenied(msdb, () => pleb.exec('sp_help_targetserver', { no_such: 1 }), 'sp_help_targetserver');
  });

  it('a grant on one procedure does not open another', async () => {
    const { msdb } = await fixture();
    const reader = msdb.executor({ ...PLEB, executeGranted: new Set(['sp_help_targetserver']) });
    expect((await reader.exec('sp_help_targetserver')).recordsets[0].map((r) => r.server_name)).toEqual(['TSX1', 'TSX2']);
    await expectExecuteDenied(msdb, () => reader.exec('sp_help_downloadlist'), 'sp_help_downloadlist');
  });

  it("a target's Agent login (TargetServersRole) is refused the reads too; its own procedures are not guarded this way", async () => {
    const { msdb } = await fixture();
    const agent = { login: 'CONTOSO\\svc-sqlagent', isSysadmin: false, roles: new Set(['TargetServersRole']), programName: 'SQLAgent - TSX' };
    await expectExecuteDenied(msdb, async () => msdb.execSync(agent, 'sp_help_targetserver'), 'sp_help_targetserver');
    expect(msdb.execSync(agent, 'sp_sqlagent_check_msx_version', {}).returnValue).toBe(0);
  });

  it('the procedures that check a role themselves still answer 15003 (sp_resync_targetserver)', async () => {
    const { msdb } = await fixture();
    await expect(msdb.executor(PLEB).exec('sp_resync_targetserver', { server_name: 'TSX1' })).rejects.toMatchObject({ number: 15003 });
  });
});
