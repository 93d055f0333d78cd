import { describe, expect, it } from 'vitest';
import { SqlServerError } from '../../msx/errors';
import { createTestMaster, snapshot } from './testing';

describe('embedded msdb executor', () => {
  it('accepts sp_x, dbo.sp_x and msdb.dbo.sp_x in any case', async () => {
    const { exec } = await createTestMaster();
    for (const name of ['sp_get_sqlagent_properties', 'dbo.sp_get_sqlagent_properties', 'MSDB.DBO.SP_GET_SQLAGENT_PROPERTIES']) {
      const r = await exec.exec(name, {});
      expect(r.recordsets[0][0].sqlagent_type).toBe(1);
    }
  });

  it('unknown procedure fails with 2812', async () => {
    const { exec } = await createTestMaster();
    await expect(exec.exec('sp_no_such_thing')).rejects.toMatchObject({ number: 2812, severity: 16 });
    await expect(exec.exec('xp_cmdshell')).rejects.toMatchObject({ number: 2812 });
  });

  it('unknown parameter fails with 8145 and changes nothing', async () => {
    const { msdb, exec } = await createTestMaster(['TSX1']);
    const before = snapshot(msdb);
    const err = await exec.exec('sp_get_sqlagent_properties', { '@bogus': 1 }).catch((e) => e);
    expect(err).toBeInstanceOf(SqlServerError);
    expect(err.number).toBe(8145);
    expect(err.message).toBe('@bogus is not a parameter for procedure sp_get_sqlagent_properties.');
    expect(snapshot(msdb).equals(before)).toBe(true);
  });

  it('reports the agent role: standalone, then MSX once a target exists', async () => {
    const standalone = await createTestMaster();
    expect((await standalone.exec.serverInfo()).agentRole).toBe('standalone');
    const master = await createTestMaster(['TSX1']);
    const info = await master.exec.serverInfo();
    expect(info).toMatchObject({ agentRole: 'msx', serverName: 'MSX01', isSysadmin: true, login: 'sa' });
    const pleb = await master.msdb.executor({ login: 'app', isSysadmin: false }).serverInfo();
    expect(pleb).toMatchObject({ isSysadmin: false, login: 'app' });
  });
});
