import { describe, expect, it } from 'vitest';
import { toMicrosoftVersion } from '../../../msx/version';
import type { SqlValue } from '../../executor';
import type { Caller } from '../context';
import { EmbeddedMsdb } from '../master';
import { addJob, addOperator, setAgentRegistry, targetJobAt } from '../seed';
import { createTestMaster, expectFailsUnchanged, MASTER_IDENTITY, snapshot, testClock } from '../testing';

/** How a target's Agent reaches its master: its service account, a member of TargetServersRole. */
const AGENT: Partial<Caller> = { login: 'CONTOSO\\sqlagent', isSysadmin: false, roles: new Set(['TargetServersRole']), programName: 'SQLAgent - TSX' };

const JOB_MULTI = 'AAAAAAAA-0000-4000-8000-000000000001';
const JOB_TSX2 = 'BBBBBBBB-0000-4000-8000-000000000002';
const JOB_LOCAL = 'CCCCCCCC-0000-4000-8000-000000000003';

/** The master's wall clock in the tests: 2026-11-02 09:00 UTC, one hour east. */
const MASTER_NOW = '2026-11-02 10:00:00.000';

function enlistArgs(over: Record<string, SqlValue> = {}): Record<string, SqlValue> {
  return {
    action: 0,
    servername: ' tsx9 ',
    location: 'Rack 4',
    timezoneadjustment: -300,
    localtime: '2026/11/02 04:00:00',
    ntusername: ' CONTOSO\\sqlsvc ',
    pollinterval: 60,
    tsx_version: toMicrosoftVersion('16.0.4135'),
    ...over,
  };
}

async function master(targets: string[] = ['TSX1', 'TSX2']) {
  const m = await createTestMaster(targets);
  const agent = (proc: string, params: Record<string, SqlValue> = {}) => m.msdb.executor(AGENT).exec(proc, params);
  return { ...m, agent };
}

function target(msdb: EmbeddedMsdb, name: string) {
  return msdb.db.get('SELECT * FROM systargetservers WHERE server_name = ?', [name]);
}

function addDownloadRow(msdb: EmbeddedMsdb, targetName: string, op = 1, status = 0, error: string | null = null, objectType = 1) {
  msdb.db.run(
    `INSERT INTO sysdownloadlist (source_server, operation_code, object_type, object_id, target_server, date_posted, status, error_message)
     VALUES ('MSX01', ?, ?, '00000000-0000-0000-0000-000000000000', ?, '2026-11-02 09:00:00.000', ?, ?)`,
    [op, objectType, targetName, status, error],
  );
}

const MSX_OPERATOR_ROW = { id: 1, name: 'MSXOperator', enabled: 1, email_address: 'dba@contoso.com', pager_address: null, netsend_address: null };

describe('sp_enlist_tsx', () => {
  it('sp_enlist_tsx: action 0 adds the target (upper-cased, status 1, dates = master now) and returns MSXOperator', async () => {
    const { msdb, agent } = await master([]);
    const r = await agent('sp_enlist_tsx', enlistArgs());
    expect(r.returnValue).toBe(0);
    expect(r.recordsets).toEqual([[MSX_OPERATOR_ROW]]);
    expect(target(msdb, 'TSX9')).toEqual({
      server_id: 1, server_name: 'TSX9', location: 'Rack 4', time_zone_adjustment: -300, enlist_date: MASTER_NOW,
      last_poll_date: MASTER_NOW, status: 1, local_time_at_last_poll: '2026-11-02 04:00:00.000', enlisted_by_nt_user: 'CONTOSO\\sqlsvc',
      poll_interval: 60,
    });
    const props = await msdb.executor().exec('sp_get_sqlagent_properties');
    expect(props.recordsets[0][0].sqlagent_type).toBe(3);
  });

  it('sp_enlist_tsx: action 0 deletes rows left for that name by an earlier enlistment, and only those', async () => {
    const { msdb, agent } = await master();
    addDownloadRow(msdb, 'TSX9', 7, 0, null, 2);
    addDownloadRow(msdb, 'TSX1');
    await agent('sp_enlist_tsx', enlistArgs());
    expect(msdb.db.all('SELECT target_server FROM sysdownloadlist')).toEqual([{ target_server: 'TSX1' }]);
  });

  it('sp_enlist_tsx: a sysadmin may call it too; a NULL location is kept as NULL', async () => {
    const { msdb, exec } = await master([]);
    await exec.exec('sp_enlist_tsx', enlistArgs({ location: null }));
    expect(target(msdb, 'TSX9')).toMatchObject({ location: null });
  });

  it('sp_enlist_tsx: the local time is also accepted as datetime text', async () => {
    const { msdb, agent } = await master([]);
    await agent('sp_enlist_tsx', enlistArgs({ localtime: '2026-11-02 04:00:05.250' }));
    expect(target(msdb, 'TSX9')).toMatchObject({ local_time_at_last_poll: '2026-11-02 04:00:05.250' });
  });

  it('sp_enlist_tsx: an @Action other than 1 or 2 enlists, without the version check that only action 0 makes', async () => {
    const { msdb, agent } = await master([]);
    const r = await agent('sp_enlist_tsx', enlistArgs({ action: 5, tsx_version: 0 }));
    expect(r.recordsets).toEqual([[MSX_OPERATOR_ROW]]);
    expect(target(msdb, 'TSX9')).toBeDefined();
  });

  it('sp_enlist_tsx: a caller neither sysadmin nor in TargetServersRole fails 15003', async () => {
    const { msdb } = await master();
    await expectFailsUnchanged(msdb, () => msdb.executor({ login: 'app', isSysadmin: false }).exec('sp_enlist_tsx', enlistArgs()),
      15003, 'Only members of the TargetServersRole role can execute this stored procedure.');
  });

  it('sp_enlist_tsx: a TSX older than 9.0 fails 14306, printing the master version as msdb does (build masked with 0xfff)', async () => {
    const { msdb, agent } = await master();
    const text = 'The target server (TSX) version is not compatible with the master server (MSX) version (16.0.39).';
    await expectFailsUnchanged(msdb, () => agent('sp_enlist_tsx', enlistArgs({ tsx_version: toMicrosoftVersion('8.0.2039') })), 14306, text);
    await expectFailsUnchanged(msdb, () => agent('sp_enlist_tsx', enlistArgs({ tsx_version: null })), 14306, text);
  });

  it('sp_enlist_tsx: a NULL @ServerName fails 14043; a blank one fails 21263', async () => {
    const { msdb, agent } = await master();
    await expectFailsUnchanged(msdb, () => agent('sp_enlist_tsx', enlistArgs({ servername: null })),
      14043, "The parameter '@ServerName' cannot be NULL.");
    await expectFailsUnchanged(msdb, () => agent('sp_enlist_tsx', enlistArgs({ servername: '   ' })),
      21263, "Parameter '@ServerName' cannot be NULL or an empty string.");
  });

  it('sp_enlist_tsx: a NULL @NTUserName fails 14043; a blank one fails 21263', async () => {
    const { msdb, agent } = await master();
    await expectFailsUnchanged(msdb, () => agent('sp_enlist_tsx', enlistArgs({ ntusername: null })),
      14043, "The parameter '@NTUserName' cannot be NULL.");
    await expectFailsUnchanged(msdb, () => agent('sp_enlist_tsx', enlistArgs({ ntusername: ' ' })),
      21263, "Parameter '@NTUserName' cannot be NULL or an empty string.");
  });

  it('sp_enlist_tsx: a master that is itself a TSX (MSXServerName set) fails 14360', async () => {
    const { msdb, agent } = await master();
    setAgentRegistry(msdb, 'MSXServerName', 'BIGMSX');
    await expectFailsUnchanged(msdb, () => agent('sp_enlist_tsx', enlistArgs()), 14360, 'MSX01 is already configured as TSX machine');
  });

  it('sp_enlist_tsx: a master running Express (or a Desktop SKU) fails 14362', async () => {
    for (const edition of ['Express Edition (64-bit)', 'Desktop Engine']) {
      const msdb = await EmbeddedMsdb.create({ identity: { ...MASTER_IDENTITY, edition }, clock: testClock().now });
      addOperator(msdb, 'MSXOperator');
      await expectFailsUnchanged(msdb, () => msdb.executor(AGENT).exec('sp_enlist_tsx', enlistArgs()),
        14362, 'The MSX server must be running the Standard or Enterprise edition of SQL Server');
    }
  });

  it('sp_enlist_tsx: a master without MSXOperator fails 14363 (actions 0 and 2)', async () => {
    const { msdb, agent } = await master();
    msdb.db.run("DELETE FROM sysoperators WHERE name = 'MSXOperator'");
    const text = "The MSX server is not prepared for enlistments [there must be an operator named 'MSXOperator' defined at the MSX]";
    await expectFailsUnchanged(msdb, () => agent('sp_enlist_tsx', enlistArgs()), 14363, text);
    await expectFailsUnchanged(msdb, () => agent('sp_enlist_tsx', enlistArgs({ action: 2, servername: 'TSX1' })), 14363, text);
  });

  it('sp_enlist_tsx: a name already enlisted fails on the unique index (2601)', async () => {
    const { msdb, agent } = await master();
    await expectFailsUnchanged(msdb, () => agent('sp_enlist_tsx', enlistArgs({ servername: 'tsx1' })),
      2601, "Cannot insert duplicate key row in object 'dbo.systargetservers' with unique index 'nc1'. The duplicate key value is (TSX1).");
  });

  it('sp_enlist_tsx: NULL time zone, local time or poll interval fail on the NOT NULL columns (515)', async () => {
    const { msdb, agent } = await master();
    const cases: Array<[string, string]> = [
      ['timezoneadjustment', 'time_zone_adjustment'],
      ['localtime', 'local_time_at_last_poll'],
      ['pollinterval', 'poll_interval'],
    ];
    for (const [param, column] of cases) {
      await expectFailsUnchanged(msdb, () => agent('sp_enlist_tsx', enlistArgs({ [param]: null })), 515,
        `Cannot insert the value NULL into column '${column}', table 'msdb.dbo.systargetservers'; column does not allow nulls. INSERT fails.`);
    }
  });

  it('sp_enlist_tsx: a local time that is not a date fails 241, whatever the action', async () => {
    const { msdb, agent } = await master();
    for (const action of [0, 1, 2]) {
      await expectFailsUnchanged(msdb, () => agent('sp_enlist_tsx', enlistArgs({ action, servername: 'TSX1', localtime: 'yesterday' })),
        241, 'Conversion failed when converting date and/or time from character string.');
    }
  });

  it('sp_enlist_tsx: action 2 updates time zone, poll interval and location, and returns MSXOperator', async () => {
    const { msdb, agent } = await master();
    const r = await agent('sp_enlist_tsx', enlistArgs({ action: 2, servername: 'tsx1', location: 'Room 2', timezoneadjustment: 120, pollinterval: 30, tsx_version: 0 }));
    expect(r.recordsets).toEqual([[MSX_OPERATOR_ROW]]);
    expect(target(msdb, 'TSX1')).toMatchObject({ location: 'Room 2', time_zone_adjustment: 120, poll_interval: 30, enlisted_by_nt_user: 'CONTOSO\\sqlagent' });
  });

  it('sp_enlist_tsx: action 2 with a NULL location keeps the stored one', async () => {
    const { msdb, agent } = await master();
    await agent('sp_enlist_tsx', enlistArgs({ action: 2, servername: 'TSX1', location: 'Room 2' }));
    await agent('sp_enlist_tsx', enlistArgs({ action: 2, servername: 'TSX1', location: null, pollinterval: 45 }));
    expect(target(msdb, 'TSX1')).toMatchObject({ location: 'Room 2', poll_interval: 45 });
  });

  it('sp_enlist_tsx: action 2 for a target that is not enlisted fails 14364', async () => {
    const { msdb, agent } = await master();
    await expectFailsUnchanged(msdb, () => agent('sp_enlist_tsx', enlistArgs({ action: 2 })), 14364, 'The TSX server is not currently enlisted');
  });

  it('sp_enlist_tsx: action 2 with a NULL time zone or poll interval fails 515', async () => {
    const { msdb, agent } = await master();
    await expectFailsUnchanged(msdb, () => agent('sp_enlist_tsx', enlistArgs({ action: 2, servername: 'TSX1', pollinterval: null })), 515,
      "Cannot insert the value NULL into column 'poll_interval', table 'msdb.dbo.systargetservers'; column does not allow nulls. UPDATE fails.");
  });

  it('sp_enlist_tsx: action 1 removes the target, its memberships, job servers and rows, posting no DEFECT', async () => {
    const { msdb, agent, exec } = await master();
    const jobId = addJob(msdb, { name: 'Nightly ETL' });
    targetJobAt(msdb, jobId, ['TSX1', 'TSX2']);
    await exec.exec('sp_add_targetservergroup', { name: 'East' });
    await exec.exec('sp_add_targetsvrgrp_member', { group_name: 'East', server_name: 'TSX1' });
    await exec.exec('sp_add_targetsvrgrp_member', { group_name: 'East', server_name: 'TSX2' });
    addDownloadRow(msdb, 'TSX1');
    addDownloadRow(msdb, 'TSX2');

    const r = await agent('sp_enlist_tsx', enlistArgs({ action: 1, servername: ' tsx1 ', tsx_version: 0 }));
    expect(r.returnValue).toBe(0);
    expect(r.recordsets).toEqual([]);
    expect(msdb.db.all('SELECT server_name FROM systargetservers')).toEqual([{ server_name: 'TSX2' }]);
    expect(msdb.db.all('SELECT server_id FROM systargetservergroupmembers')).toEqual([{ server_id: 2 }]);
    expect(msdb.db.all('SELECT server_id FROM sysjobservers')).toEqual([{ server_id: 2 }]);
    expect(msdb.db.all('SELECT target_server, operation_code FROM sysdownloadlist')).toEqual([{ target_server: 'TSX2', operation_code: 1 }]);
  });

  it('sp_enlist_tsx: action 1 for a name that is no longer a target only deletes its leftover rows', async () => {
    const { msdb, agent } = await master();
    addDownloadRow(msdb, 'TSX9', 7, 0, null, 2);
    addDownloadRow(msdb, 'TSX1');
    await agent('sp_enlist_tsx', enlistArgs({ action: 1 }));
    expect(msdb.db.all('SELECT target_server FROM sysdownloadlist')).toEqual([{ target_server: 'TSX1' }]);
    expect(msdb.db.value('SELECT COUNT(*) FROM systargetservers')).toBe(2);
  });
});

describe('sp_sqlagent_probe_msx', () => {
  it('sp_sqlagent_probe_msx: records the master clock, the target clock, poll interval and time zone', async () => {
    const { msdb, clock, agent } = await master();
    clock.advance(90_000);
    const r = await agent('sp_sqlagent_probe_msx', { server_name: 'tsx1', local_time: '2026/11/02 04:01:33', poll_interval: 120, time_zone_adjustment: -300 });
    expect(r.returnValue).toBe(0);
    expect(r.recordsets).toEqual([[{ bad_enlistment: 0, blocking_instructions: 0, pending_instructions: 0 }]]);
    expect(target(msdb, 'TSX1')).toMatchObject({
      last_poll_date: '2026-11-02 10:01:30.000', local_time_at_last_poll: '2026-11-02 04:01:33.000', poll_interval: 120, time_zone_adjustment: -300,
    });
    expect(target(msdb, 'TSX2')).toMatchObject({ last_poll_date: MASTER_NOW, poll_interval: 60 });
  });

  it('sp_sqlagent_probe_msx: a NULL time zone keeps the stored one', async () => {
    const { msdb, agent } = await master();
    msdb.db.run("UPDATE systargetservers SET time_zone_adjustment = 330 WHERE server_name = 'TSX1'");
    await agent('sp_sqlagent_probe_msx', { server_name: 'TSX1', local_time: '2026/11/02 15:30:00', poll_interval: 60 });
    expect(target(msdb, 'TSX1')).toMatchObject({ time_zone_adjustment: 330, local_time_at_last_poll: '2026-11-02 15:30:00.000' });
  });

  it('sp_sqlagent_probe_msx: counts the target\'s errored rows as blocking and its error-free unread rows as pending', async () => {
    const { msdb, agent } = await master();
    addDownloadRow(msdb, 'TSX1', 1, 1);
    addDownloadRow(msdb, 'TSX1', 4, 0, 'Proxy not found.');
    addDownloadRow(msdb, 'TSX1', 5, 0);
    addDownloadRow(msdb, 'TSX1', 2, 0);
    addDownloadRow(msdb, 'TSX2', 1, 0, 'Proxy not found.');
    const r = await agent('sp_sqlagent_probe_msx', { server_name: 'TSX1', local_time: '2026/11/02 04:00:00', poll_interval: 60 });
    expect(r.recordsets[0]).toEqual([{ bad_enlistment: 0, blocking_instructions: 1, pending_instructions: 2 }]);
  });

  it('sp_sqlagent_probe_msx: a target with no row is badly enlisted and nothing is written', async () => {
    const { msdb, agent } = await master();
    addDownloadRow(msdb, 'TSX9', 1, 0);
    const before = snapshot(msdb);
    const r = await agent('sp_sqlagent_probe_msx', { server_name: 'TSX9', local_time: 'not a time', poll_interval: 60 });
    expect(r.recordsets[0]).toEqual([{ bad_enlistment: 1, blocking_instructions: 0, pending_instructions: 1 }]);
    expect(snapshot(msdb).equals(before)).toBe(true);
  });

  it('sp_sqlagent_probe_msx: a target with no row but a pending DEFECT is not badly enlisted (spec §10 rule 6)', async () => {
    const { msdb, agent } = await master();
    addDownloadRow(msdb, 'TSX9', 7, 0, null, 2);
    const r = await agent('sp_sqlagent_probe_msx', { server_name: 'tsx9', local_time: '2026/11/02 04:00:00', poll_interval: 60 });
    expect(r.recordsets[0]).toEqual([{ bad_enlistment: 0, blocking_instructions: 0, pending_instructions: 1 }]);
  });

  it('sp_sqlagent_probe_msx: a local time that is not YYYY/MM/DD HH:MM:SS fails 241', async () => {
    const { msdb, agent } = await master();
    await expectFailsUnchanged(msdb, () => agent('sp_sqlagent_probe_msx', { server_name: 'TSX1', local_time: '02.11.2026', poll_interval: 60 }),
      241, 'Conversion failed when converting date and/or time from character string.');
  });

  it('sp_sqlagent_probe_msx: a NULL local time or poll interval fails 515', async () => {
    const { msdb, agent } = await master();
    await expectFailsUnchanged(msdb, () => agent('sp_sqlagent_probe_msx', { server_name: 'TSX1', local_time: null, poll_interval: 60 }), 515,
      "Cannot insert the value NULL into column 'local_time_at_last_poll', table 'msdb.dbo.systargetservers'; column does not allow nulls. UPDATE fails.");
    await expectFailsUnchanged(msdb, () => agent('sp_sqlagent_probe_msx', { server_name: 'TSX1', local_time: '2026/11/02 04:00:00', poll_interval: null }), 515,
      "Cannot insert the value NULL into column 'poll_interval', table 'msdb.dbo.systargetservers'; column does not allow nulls. UPDATE fails.");
  });
});

describe('sp_sqlagent_check_msx_version', () => {
  it('sp_sqlagent_check_msx_version: no required version means 7.0.594, which any master meets', async () => {
    const { agent } = await master();
    expect(await agent('sp_sqlagent_check_msx_version')).toEqual({ returnValue: 0, recordsets: [], messages: [] });
  });

  it('sp_sqlagent_check_msx_version: a master at or above the required version passes', async () => {
    const { agent } = await master();
    for (const v of ['16.0.4135', '15.0.2000', '9.0.0']) {
      expect((await agent('sp_sqlagent_check_msx_version', { required_microsoft_version: toMicrosoftVersion(v) })).returnValue).toBe(0);
    }
  });

  it('sp_sqlagent_check_msx_version: a master older than required fails 14541 with both versions as major.minor.build', async () => {
    const { msdb, agent } = await master();
    await expectFailsUnchanged(msdb, () => agent('sp_sqlagent_check_msx_version', { required_microsoft_version: toMicrosoftVersion('17.0.1000') }),
      14541, 'The version of the MSX (16.0.4135) is not recent enough to support this TSX. Version 17.0.1000 or later is required at the MSX.');
    await expectFailsUnchanged(msdb, () => agent('sp_sqlagent_check_msx_version', { required_microsoft_version: toMicrosoftVersion('16.0.4136') }),
      14541, 'The version of the MSX (16.0.4135) is not recent enough to support this TSX. Version 16.0.4136 or later is required at the MSX.');
  });
});

describe('sp_sqlagent_refresh_job', () => {
  async function refreshFixture() {
    const m = await master(['TSX1', 'TSX2', 'TSX3']);
    const { msdb } = m;
    addJob(msdb, { name: 'Nightly ETL', jobId: JOB_MULTI, description: 'Loads the warehouse', steps: [{ name: 'Extract' }, { name: 'Load' }] });
    targetJobAt(msdb, JOB_MULTI, ['TSX1', 'TSX2']);
    addJob(msdb, { name: 'Archive', jobId: JOB_TSX2 });
    targetJobAt(msdb, JOB_TSX2, ['TSX2']);
    addJob(msdb, { name: 'Local cleanup', jobId: JOB_LOCAL });
    msdb.db.run('INSERT INTO sysjobservers (job_id, server_id) VALUES (?, 0)', [JOB_LOCAL]);
    msdb.db.run('UPDATE sysjobservers SET last_run_date = 20261101, last_run_time = 230000 WHERE job_id = ? AND server_id = 1', [JOB_MULTI]);
    return m;
  }

  it('sp_sqlagent_refresh_job: the headers of the jobs targeted at the server, with that server\'s last run', async () => {
    const { agent } = await refreshFixture();
    const r = await agent('sp_sqlagent_refresh_job', { server_name: 'tsx1' });
    expect(r.recordsets).toEqual([[{
      job_id: JOB_MULTI, name: 'Nightly ETL', enabled: 1, start_step_id: 1, owner: 'sa',
      notify_level_eventlog: 2, notify_level_email: 0, notify_level_netsend: 0, notify_level_page: 0,
      notify_email_operator_id: 0, notify_netsend_operator_id: 0, notify_page_operator_id: 0, delete_level: 0,
      has_step: 2, version_number: 1, last_run_date: 20261101, last_run_time: 230000, originating_server: 'MSX01',
      description: 'Loads the warehouse', agent_account: 0, is_system: 0,
    }]]);
  });

  it('sp_sqlagent_refresh_job: every job of a target by name, or just the one asked for', async () => {
    const { agent } = await refreshFixture();
    const all = await agent('sp_sqlagent_refresh_job', { server_name: 'TSX2' });
    expect(all.recordsets[0].map((j) => [j.name, j.last_run_date])).toEqual([['Archive', 0], ['Nightly ETL', 0]]);
    const one = await agent('sp_sqlagent_refresh_job', { server_name: 'TSX2', job_id: JOB_TSX2 });
    expect(one.recordsets[0].map((j) => j.job_id)).toEqual([JOB_TSX2]);
    expect((await agent('sp_sqlagent_refresh_job', { server_name: 'TSX3' })).recordsets).toEqual([[]]);
  });

  it('sp_sqlagent_refresh_job: NULL, (LOCAL) or a name that is not a target mean the local server (id 0)', async () => {
    const { exec } = await refreshFixture();
    for (const serverName of [null, '(local)', 'NOSUCH']) {
      const r = await exec.exec('sp_sqlagent_refresh_job', { server_name: serverName });
      expect(r.recordsets[0].map((j) => j.job_id)).toEqual([JOB_LOCAL]);
    }
  });

  it('sp_sqlagent_refresh_job: a job owned by the Agent account is flagged agent_account = 1', async () => {
    const { msdb, agent } = await refreshFixture();
    msdb.db.run("UPDATE sysjobs SET owner_sid = '0xFFFFFFFF' WHERE job_id = ?", [JOB_TSX2]);
    const r = await agent('sp_sqlagent_refresh_job', { server_name: 'TSX2', job_id: JOB_TSX2 });
    expect(r.recordsets[0][0]).toMatchObject({ agent_account: 1, owner: null });
  });

  it('sp_sqlagent_refresh_job: through sysjobs_view, a login outside TargetServersRole and the agent roles sees none', async () => {
    const { msdb, agent } = await refreshFixture();
    const r = await msdb.executor({ login: 'app', isSysadmin: false }).exec('sp_sqlagent_refresh_job', { server_name: 'TSX1' });
    expect(r.recordsets).toEqual([[]]);
    expect((await agent('sp_sqlagent_refresh_job', { server_name: null })).recordsets).toEqual([[]]);
  });
});
