// Spec §5 on the lab: sp_msx_enlist and sp_msx_defect on a lab server's own connection, what each
// writes on the target and on the master, an enlistment that crosses the simulated network like a
// poll does, a standalone server made a master, and forced defection completed on the master.
import { describe, expect, it } from 'vitest';
import type { TargetSpec } from '../agent/targetState';
import { Lab } from './lab';
import { defaultScenario, type Scenario } from './scenario';
import { createTestLab } from './testing';

const SECOND = 1000;

/** The default lab with its standalone servers replaced by these. */
function withStandalones(...specs: Array<Partial<TargetSpec> & { name: string }>): Scenario {
  const s = defaultScenario();
  return {
    ...s,
    standalones: specs.map((t) => ({
      location: null,
      timeZoneMinutes: 0,
      productVersion: '15.0.4430.1',
      edition: 'Enterprise Edition (64-bit)',
      pollInterval: 60,
      serviceAccount: 'CONTOSO\\svc-sqlagent',
      ...t,
    })),
  };
}

describe('the default lab has servers to enlist', () => {
  it('lists MSX01 first, its five targets, and two standalone servers at different versions (2016 or later)', async () => {
    const { lab } = await createTestLab();
    const servers = lab.servers();
    expect(servers.map((s) => [s.name, s.role])).toEqual([
      ['MSX01', 'master'],
      ['LONDON-SQL01', 'target'],
      ['NYC-SQL02', 'target'],
      ['SEA-SQL03', 'target'],
      ['TOKYO-SQL04', 'target'],
      ['SYD-SQL05', 'target'],
      ['BOS-SQL06', 'standalone'],
      ['PAR-SQL07', 'standalone'],
    ]);
    const standalones = servers.filter((s) => s.role === 'standalone');
    expect(new Set(standalones.map((s) => s.productVersion.split('.')[0])).size).toBe(2);
    for (const s of standalones) expect(Number(s.productVersion.split('.')[0])).toBeGreaterThanOrEqual(13);
    // Standalone servers are not targets: the lab panel and the master list only the five.
    expect(lab.targetNames()).toEqual(['LONDON-SQL01', 'NYC-SQL02', 'SEA-SQL03', 'TOKYO-SQL04', 'SYD-SQL05']);
  });

  it('each standalone server is its own connection: plain SQL Server Agent, sqlagent_type 1, an empty MSX name', async () => {
    const { lab } = await createTestLab();
    const bos = lab.serverExecutor('bos-sql06')!;
    expect(await bos.serverInfo()).toMatchObject({ serverName: 'BOS-SQL06', agentRole: 'standalone', msxServerName: null, productVersion: '15.0.4430.1' });
    const r = await bos.exec('sp_get_sqlagent_properties');
    expect(r.recordsets[0][0]).toMatchObject({ sqlagent_type: 1, msx_server_name: '' });
    // Its own msdb answers the master-side procedures: no targets yet.
    expect((await bos.exec('sp_help_targetserver')).recordsets[0]).toEqual([]);
    expect(lab.serverExecutor('NOPE')).toBeUndefined();
  });

  it('a lab file saved before the standalone servers existed opens, and gains them as first built', async () => {
    const { lab, file, scheduler } = await createTestLab({ file: true });
    // Rewrite the file as an older version wrote it: no standalone servers, no msdb images.
    const doc = lab.document();
    const old = { ...doc, targets: doc.targets.filter((t) => !['BOS-SQL06', 'PAR-SQL07'].includes(t.spec.name)) };
    delete (old as { servers?: unknown }).servers;
    const { writeFileAtomic, LabEncoder } = await import('./persistence');
    const { scenarioByName } = await import('./scenario');
    writeFileAtomic(file!, new LabEncoder(scenarioByName).encodeChunks(old, lab.master.db.export()));
    lab.close();
    const reopened = await Lab.open(file!, { scheduler });
    expect(reopened.servers().filter((s) => s.role === 'standalone').map((s) => s.name)).toEqual(['BOS-SQL06', 'PAR-SQL07']);
    expect(reopened.targetNames()).toHaveLength(5);
    reopened.close();
  });
});

describe('sp_msx_enlist (spec §5), in its validation order', () => {
  it('rule 1: a caller outside sysadmin gets 15003 before any other check (even on a Linux Express server)', async () => {
    const { lab } = await createTestLab({ scenario: withStandalones({ name: 'LNX-SQL09', platform: 'Linux', edition: 'Express Edition (64-bit)' }) });
    const exec = lab.serverExecutor('LNX-SQL09', { login: 'app', isSysadmin: false })!;
    await expect(exec.exec('sp_msx_enlist', { msx_server_name: 'MSX01' })).rejects.toMatchObject({
      number: 15003,
      message: 'Only members of the sysadmin role can execute this stored procedure.',
    });
  });

  it('rule 2: a server not on Windows NT fails 14540, before the edition is looked at', async () => {
    const { lab } = await createTestLab({ scenario: withStandalones({ name: 'LNX-SQL09', platform: 'Linux', edition: 'Express Edition (64-bit)' }) });
    await expect(lab.serverExecutor('LNX-SQL09')!.exec('sp_msx_enlist', { msx_server_name: 'MSX01' })).rejects.toMatchObject({
      number: 14540,
      message: 'Only a SQL Server running on Microsoft Windows NT can be enlisted into an MSX.',
    });
  });

  it('rule 3: a Desktop or Express edition fails 14539', async () => {
    const { lab } = await createTestLab({ scenario: withStandalones({ name: 'EXP-SQL09', edition: 'Express Edition (64-bit)' }) });
    await expect(lab.serverExecutor('EXP-SQL09')!.exec('sp_msx_enlist', { msx_server_name: 'MSX01' })).rejects.toMatchObject({ number: 14539 });
    expect(lab.agent('EXP-SQL09')!.state.msxServerName).toBeNull();
  });

  it('rule 4: an MSX cannot enlist (14299), checked before enlisting into itself', async () => {
    const { lab } = await createTestLab();
    await expect(lab.executor().exec('sp_msx_enlist', { msx_server_name: 'MSX01' })).rejects.toMatchObject({
      number: 14299,
      message: "Server 'MSX01' is an MSX. Cannot enlist one MSX into another MSX.",
    });
    // A standalone server made a master answers the same.
    const bos = lab.serverExecutor('BOS-SQL06')!;
    await bos.exec('sp_add_operator', { name: 'MSXOperator', email_address: 'dba@contoso.com' });
    await lab.serverExecutor('PAR-SQL07')!.exec('sp_msx_enlist', { msx_server_name: 'BOS-SQL06' });
    await expect(bos.exec('sp_msx_enlist', { msx_server_name: 'BOS-SQL06' })).rejects.toMatchObject({ number: 14299 });
  });

  it('rule 5: enlisting into itself fails 14297', async () => {
    const { lab } = await createTestLab();
    await expect(lab.serverExecutor('PAR-SQL07')!.exec('sp_msx_enlist', { msx_server_name: 'par-sql07' })).rejects.toMatchObject({
      number: 14297,
      message: 'Cannot enlist into the local machine.',
    });
  });

  it('rule 6: a server enlisted into another MSX fails 14296 naming it', async () => {
    const { lab } = await createTestLab();
    await expect(lab.serverExecutor('SEA-SQL03')!.exec('sp_msx_enlist', { msx_server_name: 'BOS-SQL06' })).rejects.toMatchObject({
      number: 14296,
      message: "This server is already enlisted into MSX 'MSX01'.",
    });
  });

  it('writes on both sides: 14229; the target knows its MSX and polls it; the master has its row (upper-case, location, poll interval 60 by default)', async () => {
    const { lab, scheduler, target, events } = await createTestLab();
    events.length = 0;
    const r = await lab.serverExecutor('BOS-SQL06')!.exec('msdb.dbo.sp_msx_enlist', { '@msx_server_name': 'msx01', '@location': 'Boston, DC1' });
    expect(r).toEqual({ returnValue: 0, recordsets: [], messages: [{ number: 14229, severity: 10, text: "Server enlisted into MSX 'MSX01'." }] });
    const state = lab.agent('BOS-SQL06')!.state;
    expect(state).toMatchObject({ msxServerName: 'MSX01', pollInterval: 60 });
    expect(state.dateEnlisted).toMatch(/^\d{8}$/);
    expect(state.operators.map((o) => o.name)).toEqual(['MSXOperator']);
    expect(await target('BOS-SQL06')).toMatchObject({ server_name: 'BOS-SQL06', location: 'Boston, DC1', poll_interval: 60, time_zone_adjustment: -300, enlisted_by_nt_user: 'CONTOSO\\svc-sqlagent' });
    expect(await lab.serverExecutor('BOS-SQL06')!.serverInfo()).toMatchObject({ agentRole: 'tsx', msxServerName: 'MSX01' });
    expect(lab.servers().find((s) => s.name === 'BOS-SQL06')!.role).toBe('target');
    expect(lab.targetNames()).toContain('BOS-SQL06');
    // Live views of MSX01 learn of the new row.
    expect(events).toContainEqual({ type: 'master.changed', proc: 'sp_enlist_tsx' });
    // It polls on its interval from now on.
    const enlisted = (await target('BOS-SQL06')).last_poll_date.getTime();
    await scheduler.advance(61 * SECOND);
    expect((await target('BOS-SQL06')).last_poll_date.getTime()).toBeGreaterThan(enlisted);
  });

  it('a NULL location is replaced by a description the server generates', async () => {
    const { lab, target } = await createTestLab();
    await lab.serverExecutor('PAR-SQL07')!.exec('sp_msx_enlist', { msx_server_name: 'MSX01' });
    expect((await target('PAR-SQL07')).location).toMatch(/^PAR-SQL07: /);
  });

  it('a new target downloads the multiserver jobs it is then given', async () => {
    const { lab, sa, scheduler } = await createTestLab();
    await lab.serverExecutor('PAR-SQL07')!.exec('sp_msx_enlist', { msx_server_name: 'MSX01', location: 'Paris' });
    await sa.exec('sp_add_jobserver', { job_name: 'Nightly DBCC CHECKDB', server_name: 'PAR-SQL07' });
    await lab.serverExecutor('PAR-SQL07')!.exec('sp_sqlagent_notify', { op_type: 'P' });
    await scheduler.settle();
    expect(lab.agent('PAR-SQL07')!.state.jobs.map((j) => j.name)).toEqual(['Nightly DBCC CHECKDB']);
  });

  it('over a cut link the enlistment fails as the Agent reports it (22022, reason) and nothing is written on either side', async () => {
    const { lab, targets } = await createTestLab();
    lab.cutLink('BOS-SQL06');
    const before = JSON.stringify(lab.agent('BOS-SQL06')!.state);
    await expect(lab.serverExecutor('BOS-SQL06')!.exec('sp_msx_enlist', { msx_server_name: 'MSX01', location: 'Boston' })).rejects.toMatchObject({
      number: 22022,
      message: expect.stringMatching(/^SQLServerAgent Error: The enlist operation failed \(reason: A network-related or instance-specific error/),
    });
    expect(JSON.stringify(lab.agent('BOS-SQL06')!.state)).toBe(before);
    expect((await targets()).map((t) => t.server_name)).not.toContain('BOS-SQL06');
    lab.restoreLink('BOS-SQL06');
    await lab.serverExecutor('BOS-SQL06')!.exec('sp_msx_enlist', { msx_server_name: 'MSX01', location: 'Boston' });
    expect((await targets()).map((t) => t.server_name)).toContain('BOS-SQL06');
  });

  it('a stopped master, or a master name the network does not know, fails the same way', async () => {
    const { lab, targets } = await createTestLab();
    lab.setMasterRunning('MSX01', false);
    await expect(lab.serverExecutor('BOS-SQL06')!.exec('sp_msx_enlist', { msx_server_name: 'MSX01' })).rejects.toMatchObject({ number: 22022 });
    await expect(lab.serverExecutor('BOS-SQL06')!.exec('sp_msx_enlist', { msx_server_name: 'NOSUCHMSX' })).rejects.toMatchObject({ number: 22022 });
    expect(lab.agent('BOS-SQL06')!.state.msxServerName).toBeNull();
    lab.setMasterRunning('MSX01', true);
    expect((await targets()).map((t) => t.server_name)).not.toContain('BOS-SQL06');
  });

  it("the master's refusal (no MSXOperator: 14363) reaches the target as the enlist failure's reason", async () => {
    const { lab } = await createTestLab();
    await expect(lab.serverExecutor('PAR-SQL07')!.exec('sp_msx_enlist', { msx_server_name: 'BOS-SQL06' })).rejects.toMatchObject({
      number: 22022,
      message: expect.stringContaining("there must be an operator named 'MSXOperator' defined at the MSX"),
    });
    expect(lab.servers().find((s) => s.name === 'BOS-SQL06')!.role).toBe('standalone');
  });
});

describe('a standalone server made a master', () => {
  it('MSXOperator through sp_add_operator, then a target enlists into it, polls it and downloads its jobs', async () => {
    const { lab, scheduler } = await createTestLab({ file: true });
    const bos = lab.serverExecutor('BOS-SQL06')!;
    await bos.exec('sp_add_operator', { name: 'MSXOperator', email_address: 'dba@contoso.com', pager_address: null, netsend_address: 'DBA-PC' });
    await expect(bos.exec('sp_add_operator', { name: 'msxoperator' })).rejects.toMatchObject({ number: 14261 });
    const r = await lab.serverExecutor('PAR-SQL07')!.exec('sp_msx_enlist', { msx_server_name: 'BOS-SQL06', location: 'Paris' });
    expect(r.messages[0]).toMatchObject({ number: 14229, text: "Server enlisted into MSX 'BOS-SQL06'." });
    expect(await bos.serverInfo()).toMatchObject({ agentRole: 'msx' });
    expect((await bos.exec('sp_get_sqlagent_properties')).recordsets[0][0]).toMatchObject({ sqlagent_type: 3 });
    expect(lab.agent('PAR-SQL07')!.state.operators[0]).toMatchObject({ name: 'MSXOperator', email_address: 'dba@contoso.com', netsend_address: 'DBA-PC' });
    const rows = (await bos.exec('sp_help_targetserver')).recordsets[0];
    expect(rows).toEqual([expect.objectContaining({ server_name: 'PAR-SQL07', location: 'Paris' })]);
    expect(lab.servers().filter((s) => ['BOS-SQL06', 'PAR-SQL07'].includes(s.name)).map((s) => s.role)).toEqual(['master', 'target']);
    // It polls its new master.
    const enlisted = (rows[0].last_poll_date as Date).getTime();
    await scheduler.advance(61 * SECOND);
    const polled = (await bos.exec('sp_help_targetserver', { server_name: 'PAR-SQL07' })).recordsets[0][0];
    expect((polled.last_poll_date as Date).getTime()).toBeGreaterThan(enlisted);
    // The new master's msdb is kept in the lab file.
    lab.close();
    const reopened = await Lab.open(lab.file!, { scheduler });
    expect((await reopened.serverExecutor('BOS-SQL06')!.exec('sp_help_targetserver')).recordsets[0]).toHaveLength(1);
    expect(reopened.servers().find((s) => s.name === 'BOS-SQL06')!.role).toBe('master');
    reopened.close();
  });
});

describe('sp_msx_defect (spec §5)', () => {
  it('not enlisted: 14298', async () => {
    const { lab } = await createTestLab();
    await expect(lab.serverExecutor('BOS-SQL06')!.exec('sp_msx_defect')).rejects.toMatchObject({ number: 14298 });
    await expect(lab.executor().exec('sp_msx_defect')).rejects.toMatchObject({ number: 14298 });
  });

  it('normal: 14227 on the target, which forgets its MSX, jobs and poll interval; the master drops its row, memberships and job servers', async () => {
    const { lab, sa, targets } = await createTestLab();
    const r = await lab.serverExecutor('SYD-SQL05')!.exec('sp_msx_defect');
    expect(r.returnValue).toBe(0);
    expect(r.messages).toEqual([{ number: 14227, severity: 10, text: "Server defected from MSX 'MSX01'. 1 job(s) deleted." }]);
    expect(lab.agent('SYD-SQL05')!.state).toMatchObject({ msxServerName: null, dateEnlisted: null, pollInterval: 60, jobs: [] });
    expect(lab.agent('SYD-SQL05')!.state.operators.map((o) => o.name)).not.toContain('MSXOperator');
    expect((await targets()).map((t) => t.server_name)).not.toContain('SYD-SQL05');
    const servers = (await sa.exec('sp_help_jobserver', { job_name: 'Nightly DBCC CHECKDB' })).recordsets[0].map((s) => s.server_name);
    expect(servers).not.toContain('SYD-SQL05');
    // Its node is plain SQL Server Agent now.
    expect(await lab.serverExecutor('SYD-SQL05')!.serverInfo()).toMatchObject({ agentRole: 'standalone' });
  });

  it('group memberships go with the target row', async () => {
    const { lab, sa } = await createTestLab();
    await lab.serverExecutor('NYC-SQL02')!.exec('sp_msx_defect');
    const members = (await sa.exec('sp_help_targetservergroup', { name: 'Production' })).recordsets[0].map((m) => m.server_name);
    expect(members).toEqual(['LONDON-SQL01', 'TOKYO-SQL04']);
  });

  it('master unreachable, not forced: returns 1 and nothing changes on either side', async () => {
    const { lab, targets } = await createTestLab();
    lab.setMasterRunning('MSX01', false);
    const r = await lab.serverExecutor('TOKYO-SQL04')!.exec('sp_msx_defect');
    expect(r.returnValue).toBe(1);
    expect(lab.agent('TOKYO-SQL04')!.state.msxServerName).toBe('MSX01');
    expect((await targets()).map((t) => t.server_name)).toContain('TOKYO-SQL04');
  });

  it('forced over a cut link: 14227 and 14217; the master keeps the row until sp_delete_targetserver @post_defection = 0, which posts no DEFECT', async () => {
    const { lab, sa, targets } = await createTestLab();
    lab.cutLink('SEA-SQL03');
    const r = await lab.serverExecutor('SEA-SQL03')!.exec('sp_msx_defect', { forced_defection: 1 });
    expect(r.messages).toEqual([
      { number: 14227, severity: 10, text: "Server defected from MSX 'MSX01'. 2 job(s) deleted." },
      {
        number: 14217,
        severity: 10,
        text: "SQLServerAgent on 'SEA-SQL03' has performed a forced defection of TSX server 'SEA-SQL03'. Run sp_delete_targetserver at the MSX in order to complete the defection.",
      },
    ]);
    expect(lab.agent('SEA-SQL03')!.state.msxServerName).toBeNull();
    expect((await targets()).map((t) => t.server_name)).toContain('SEA-SQL03');
    await sa.exec('sp_delete_targetserver', { server_name: 'SEA-SQL03', post_defection: 0 });
    expect((await targets()).map((t) => t.server_name)).not.toContain('SEA-SQL03');
    expect(lab.master.db.all('SELECT operation_code FROM sysdownloadlist WHERE target_server = ?', ['SEA-SQL03'])).toEqual([]);
    // The server can be enlisted again once its link is back.
    lab.restoreLink('SEA-SQL03');
    await lab.serverExecutor('SEA-SQL03')!.exec('sp_msx_enlist', { msx_server_name: 'MSX01', location: 'Seattle' });
    expect((await targets()).map((t) => t.server_name)).toContain('SEA-SQL03');
  });
});
