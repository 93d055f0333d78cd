// Proxies on the simulated master (spec §7): sp_add_proxy, and job steps that run as one
// (sp_add_jobstep / sp_update_jobstep @proxy_name, @proxy_id), with msdb's refusals.
import { describe, expect, it } from 'vitest';
import { addJob } from '../seed';
import { createTestMaster, expectFailsUnchanged } from '../testing';

async function fixture() {
  const m = await createTestMaster(['TSX1']);
  addJob(m.msdb, { name: 'Copy files', steps: [{ name: 'Prepare' }] });
  const proxyOf = (step: number) => m.msdb.db.value<number | null>("SELECT s.proxy_id FROM sysjobsteps s JOIN sysjobs j ON j.job_id = s.job_id WHERE j.name = 'Copy files' AND s.step_id = ?", [step]);
  const idOf = (name: string) => m.msdb.db.value<number>('SELECT proxy_id FROM sysproxies WHERE name = ?', [name]);
  return { ...m, proxyOf, idOf };
}

describe('sp_add_proxy', () => {
  it('adds a proxy; a name in use (any case) is 14261; a credential is required; sysadmin only (15003)', async () => {
    const { msdb, exec, idOf } = await fixture();
    await exec.exec('sp_add_proxy', { proxy_name: 'ETL', credential_name: 'EtlCredential', description: 'Copies files' });
    expect(msdb.db.get('SELECT name, credential_name, enabled, description FROM sysproxies')).toEqual({ name: 'ETL', credential_name: 'EtlCredential', enabled: 1, description: 'Copies files' });
    expect(idOf('ETL')).toBe(1);
    await expectFailsUnchanged(msdb, () => exec.exec('sp_add_proxy', { proxy_name: 'etl', credential_name: 'x' }), 14261, "The specified @proxy_name ('etl') already exists.");
    await expectFailsUnchanged(msdb, () => exec.exec('sp_add_proxy', { proxy_name: 'Other' }), 14043, "The parameter '@credential_name' cannot be NULL.");
    const e = await expectFailsUnchanged(msdb, () => msdb.executor({ login: 'labuser', isSysadmin: false }).exec('sp_add_proxy', { proxy_name: 'P', credential_name: 'c' }), 15003, 'Only members of the sysadmin role can execute this stored procedure.');
    expect(e.procName).toBe('sp_add_proxy');
  });
});

describe('job steps that run as a proxy', () => {
  it('sp_add_jobstep keeps the proxy by name or id; an unknown one is 14262; a T-SQL step cannot have one (14517)', async () => {
    const { msdb, exec, proxyOf, idOf } = await fixture();
    await exec.exec('sp_add_proxy', { proxy_name: 'ETL', credential_name: 'c' });
    await expectFailsUnchanged(msdb, () => exec.exec('sp_add_jobstep', { job_name: 'Copy files', step_name: 'Copy', subsystem: 'CmdExec', command: 'robocopy', proxy_name: 'Nope' }), 14262, "The specified @proxy_name ('Nope') does not exist.");
    await expectFailsUnchanged(msdb, () => exec.exec('sp_add_jobstep', { job_name: 'Copy files', step_name: 'Copy', subsystem: 'CmdExec', command: 'robocopy', proxy_id: 99 }), 14262, "The specified @proxy_id ('99') does not exist.");
    await expectFailsUnchanged(msdb, () => exec.exec('sp_add_jobstep', { job_name: 'Copy files', step_name: 'Copy', command: 'SELECT 1', proxy_name: 'ETL' }), 14517, 'A proxy account is not allowed for a Transact-SQL subsystem.');
    await exec.exec('sp_add_jobstep', { job_name: 'Copy files', step_name: 'Copy', subsystem: 'CmdExec', command: 'robocopy', proxy_name: 'etl' });
    await exec.exec('sp_add_jobstep', { job_name: 'Copy files', step_name: 'Copy again', subsystem: 'CmdExec', command: 'robocopy', proxy_id: idOf('ETL') });
    expect([proxyOf(1), proxyOf(2), proxyOf(3)]).toEqual([null, idOf('ETL'), idOf('ETL')]);
    const steps = (await exec.exec('sp_help_jobstep', { job_name: 'Copy files' })).recordsets[0];
    expect(steps.map((s) => s.proxy_id)).toEqual([null, idOf('ETL'), idOf('ETL')]);
  });

  it('sp_update_jobstep changes the proxy when one is given and keeps it otherwise', async () => {
    const { msdb, exec, proxyOf, idOf } = await fixture();
    await exec.exec('sp_add_proxy', { proxy_name: 'ETL', credential_name: 'c' });
    await exec.exec('sp_add_proxy', { proxy_name: 'Reports', credential_name: 'c' });
    await exec.exec('sp_add_jobstep', { job_name: 'Copy files', step_name: 'Copy', subsystem: 'CmdExec', command: 'robocopy', proxy_name: 'ETL' });
    await exec.exec('sp_update_jobstep', { job_name: 'Copy files', step_id: 2, proxy_name: 'Reports' });
    expect(proxyOf(2)).toBe(idOf('Reports'));
    await exec.exec('sp_update_jobstep', { job_name: 'Copy files', step_id: 2, command: 'robocopy /mir' });
    expect(proxyOf(2)).toBe(idOf('Reports'));
    await expectFailsUnchanged(msdb, () => exec.exec('sp_update_jobstep', { job_name: 'Copy files', step_id: 2, proxy_name: 'Nope' }), 14262, "The specified @proxy_name ('Nope') does not exist.");
    await expectFailsUnchanged(msdb, () => exec.exec('sp_update_jobstep', { job_name: 'Copy files', step_id: 2, subsystem: 'TSQL' }), 14517, 'A proxy account is not allowed for a Transact-SQL subsystem.');
  });
});
