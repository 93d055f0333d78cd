// sp_apply_job_to_targets / sp_remove_job_from_targets: servers and groups, 14240 / 14241.
import { describe, expect, it } from 'vitest';
import type { SqlValue } from '../../executor';
import type { EmbeddedMsdb } from '../master';
import { addJob, targetJobAt } from '../seed';
import { createTestMaster, expectFailsUnchanged } from '../testing';

const JOB = 'AAAAAAAA-0000-4000-8000-000000000001';

async function fixture() {
  const m = await createTestMaster(['TSX1', 'TSX2', 'TSX3', 'TSX4']);
  addJob(m.msdb, { name: 'Nightly ETL', jobId: JOB });
  targetJobAt(m.msdb, JOB, ['TSX1']);
  const call = (proc: string, params: Record<string, SqlValue> = {}) => m.exec.exec(proc, params);
  await call('sp_add_targetservergroup', { name: 'Europe' });
  for (const s of ['TSX2', 'TSX3']) await call('sp_add_targetsvrgrp_member', { group_name: 'Europe', server_name: s });
  return { ...m, call };
}

const servers = (msdb: EmbeddedMsdb) =>
  msdb.db.all<{ server_name: string }>('SELECT s.server_name FROM sysjobservers js JOIN systargetservers s ON s.server_id = js.server_id WHERE js.job_id = ? ORDER BY 1', [JOB]).map((r) => r.server_name);
const rows = (msdb: EmbeddedMsdb) => msdb.db.all<{ operation_code: number; target_server: string }>('SELECT operation_code, target_server FROM sysdownloadlist ORDER BY instance_id').map((r) => `${r.operation_code}:${r.target_server}`);

describe('sp_apply_job_to_targets', () => {
  it('sp_apply_job_to_targets: servers and group members, skipping servers already targeted; INSERT per new server; 14240 counts them', async () => {
    const { msdb, call } = await fixture();
    const r = await call('sp_apply_job_to_targets', { job_id: JOB, target_servers: 'tsx1, TSX4', target_server_groups: 'Europe' });
    expect(r.messages.at(-1)).toEqual({ number: 14240, severity: 10, text: 'Job applied to 3 new servers.' });
    expect(servers(msdb)).toEqual(['TSX1', 'TSX2', 'TSX3', 'TSX4']);
    expect(rows(msdb).sort()).toEqual(['1:TSX2', '1:TSX3', '1:TSX4']);
  });

  it('sp_apply_job_to_targets: no list (14283), unknown group (14262), bad operation (14266), unknown server (14262): nothing changes', async () => {
    const { msdb, call } = await fixture();
    await expectFailsUnchanged(msdb, () => call('sp_apply_job_to_targets', { job_id: JOB }), 14283, 'Specify at least one target server or target server group.');
    await expectFailsUnchanged(msdb, () => call('sp_apply_job_to_targets', { job_id: JOB, target_server_groups: 'Europe,Asia' }), 14262,
      "The specified @target_server_groups ('Asia') does not exist.");
    await expectFailsUnchanged(msdb, () => call('sp_apply_job_to_targets', { job_id: JOB, target_servers: 'TSX2', operation: 'MOVE' }), 14266,
      "The specified '@operation' is invalid (valid values are: APPLY, REMOVE).");
    await expectFailsUnchanged(msdb, () => call('sp_apply_job_to_targets', { job_id: JOB, target_servers: 'TSX2,NOPE' }), 14262,
      "The specified @server_name ('NOPE') does not exist.");
  });

  it('sp_apply_job_to_targets: sysadmin only (15003)', async () => {
    const { msdb } = await fixture();
    await expectFailsUnchanged(msdb, () => msdb.executor({ login: 'app', isSysadmin: false }).exec('sp_apply_job_to_targets', { job_id: JOB, target_servers: 'TSX2' }),
      15003, 'Only members of the sysadmin role can execute this stored procedure.');
  });
});

describe('sp_remove_job_from_targets', () => {
  it('sp_remove_job_from_targets: a group and a server; DELETE per removed server; 14241 counts them', async () => {
    const { msdb, call } = await fixture();
    await call('sp_apply_job_to_targets', { job_id: JOB, target_server_groups: 'Europe' });
    const r = await call('sp_remove_job_from_targets', { job_id: JOB, target_servers: 'TSX1,TSX4', target_server_groups: 'Europe' });
    expect(r.messages.at(-1)).toEqual({ number: 14241, severity: 10, text: 'Job removed from 3 servers.' });
    expect(servers(msdb)).toEqual([]);
    expect(rows(msdb).filter((x) => x.startsWith('3:')).sort()).toEqual(['3:TSX1', '3:TSX2', '3:TSX3']);
  });
});
