import { describe, expect, it } from 'vitest';
import { createTestLab } from '../lab/testing';

const SECOND = 1000;

describe("a simulated target's own msdb", () => {
  it("sp_sqlagent_notify @op_type = 'P' makes the target poll at once", async () => {
    const { lab, scheduler, target } = await createTestLab();
    await scheduler.advance(3 * SECOND);
    const before = ((await target('LONDON-SQL01')).last_poll_date as Date).getTime();
    const r = await lab.targetExecutor('LONDON-SQL01')!.exec('msdb.dbo.sp_sqlagent_notify', { '@op_type': 'P' });
    expect(r).toEqual({ returnValue: 0, recordsets: [], messages: [] });
    await scheduler.settle();
    expect(((await target('LONDON-SQL01')).last_poll_date as Date).getTime()).toBeGreaterThan(before);
  });

  it('sp_sqlagent_notify: an op type outside J, S, A, G, D, P, L, T, M fails 14266 and nothing happens', async () => {
    const { lab } = await createTestLab();
    const before = JSON.stringify(lab.agent('NYC-SQL02')!.state);
    await expect(lab.targetExecutor('NYC-SQL02')!.exec('sp_sqlagent_notify', { op_type: 'X' })).rejects.toMatchObject({
      number: 14266,
      message: "The specified '@op_type' is invalid (valid values are: J, S, A, G, D, P, L, T, M).",
    });
    expect(JSON.stringify(lab.agent('NYC-SQL02')!.state)).toBe(before);
  });

  it('sp_sqlagent_notify: a caller without sysadmin gets 14260', async () => {
    const { lab } = await createTestLab();
    const exec = lab.targetExecutor('NYC-SQL02', { login: 'app', isSysadmin: false })!;
    await expect(exec.exec('sp_sqlagent_notify', { op_type: 'P' })).rejects.toMatchObject({
      number: 14260,
      message: 'You do not have sufficient permission to run this command. Contact your system administrator.',
    });
  });

  it('sp_sqlagent_notify: a stopped Agent cannot be notified (22022) and does not poll', async () => {
    const { lab, scheduler, target } = await createTestLab();
    lab.stopAgent('SEA-SQL03');
    const before = ((await target('SEA-SQL03')).last_poll_date as Date).getTime();
    await expect(lab.targetExecutor('SEA-SQL03')!.exec('sp_sqlagent_notify', { op_type: 'P' })).rejects.toMatchObject({ number: 22022 });
    await scheduler.settle();
    expect(((await target('SEA-SQL03')).last_poll_date as Date).getTime()).toBe(before);
  });

  it('sp_sqlagent_notify: other op types are accepted and do not poll', async () => {
    const { lab, scheduler, events } = await createTestLab();
    events.length = 0;
    await lab.targetExecutor('SEA-SQL03')!.exec('sp_sqlagent_notify', { op_type: 'J' });
    await scheduler.settle();
    expect(events.filter((e) => e.type === 'target.polled')).toHaveLength(0);
  });

  it('sp_get_sqlagent_properties: a target reports sqlagent_type 2 and its MSX', async () => {
    const { lab } = await createTestLab();
    const r = await lab.targetExecutor('TOKYO-SQL04')!.exec('sp_get_sqlagent_properties');
    expect(r.recordsets[0][0]).toMatchObject({ sqlagent_type: 2, msx_server_name: 'MSX01' });
    expect(await lab.targetExecutor('TOKYO-SQL04')!.serverInfo()).toMatchObject({ agentRole: 'tsx', msxServerName: 'MSX01' });
  });

  it('sp_msx_defect: defects, deletes the MSX jobs (14227) and the master forgets the target', async () => {
    const { lab, targets } = await createTestLab();
    const r = await lab.targetExecutor('LONDON-SQL01')!.exec('sp_msx_defect');
    expect(r.messages).toEqual([{ number: 14227, severity: 10, text: "Server defected from MSX 'MSX01'. 2 job(s) deleted." }]);
    expect(lab.agent('LONDON-SQL01')!.state.jobs).toHaveLength(0);
    expect((await targets()).map((t) => t.server_name)).not.toContain('LONDON-SQL01');
  });

  it('sp_msx_defect: not enlisted fails 14298', async () => {
    const { lab } = await createTestLab();
    await lab.targetExecutor('LONDON-SQL01')!.exec('sp_msx_defect');
    await expect(lab.targetExecutor('LONDON-SQL01')!.exec('sp_msx_defect')).rejects.toMatchObject({
      number: 14298,
      message: 'This server is not currently enlisted into an MSX.',
    });
  });

  it('sp_msx_defect: master unreachable and not forced returns 1 and changes nothing', async () => {
    const { lab } = await createTestLab();
    lab.cutLink('NYC-SQL02');
    const before = JSON.stringify(lab.agent('NYC-SQL02')!.state.jobs);
    const r = await lab.targetExecutor('NYC-SQL02')!.exec('sp_msx_defect', { forced_defection: 0 });
    expect(r.returnValue).toBe(1);
    expect(lab.agent('NYC-SQL02')!.state.msxServerName).toBe('MSX01');
    expect(JSON.stringify(lab.agent('NYC-SQL02')!.state.jobs)).toBe(before);
  });

  it('sp_msx_defect @forced_defection = 1: defects locally even when the master cannot be told (14217)', async () => {
    const { lab, targets } = await createTestLab();
    lab.cutLink('NYC-SQL02');
    const r = await lab.targetExecutor('NYC-SQL02')!.exec('sp_msx_defect', { forced_defection: 1 });
    expect(r.messages.map((m) => m.number)).toEqual([14227, 14217]);
    expect(lab.agent('NYC-SQL02')!.state.msxServerName).toBeNull();
    // The master still lists it: the DBA must run sp_delete_targetserver there.
    expect((await targets()).map((t) => t.server_name)).toContain('NYC-SQL02');
  });

  it('sp_msx_enlist: re-enlists a defected target (14229) and the master lists it again', async () => {
    const { lab, targets } = await createTestLab();
    const exec = lab.targetExecutor('SYD-SQL05')!;
    await exec.exec('sp_msx_defect');
    const r = await exec.exec('sp_msx_enlist', { msx_server_name: 'MSX01', location: 'Sydney, rebuilt' });
    expect(r.messages).toEqual([{ number: 14229, severity: 10, text: "Server enlisted into MSX 'MSX01'." }]);
    const row = (await targets()).find((t) => t.server_name === 'SYD-SQL05')!;
    expect(row.location).toBe('Sydney, rebuilt');
  });

  it('sp_msx_enlist: into itself fails 14297; already enlisted elsewhere fails 14296', async () => {
    const { lab } = await createTestLab();
    const exec = lab.targetExecutor('SYD-SQL05')!;
    await expect(exec.exec('sp_msx_enlist', { msx_server_name: 'SYD-SQL05' })).rejects.toMatchObject({ number: 14297 });
    await expect(exec.exec('sp_msx_enlist', { msx_server_name: 'OTHERMSX' })).rejects.toMatchObject({
      number: 14296,
      message: "This server is already enlisted into MSX 'MSX01'.",
    });
  });

  it('sp_msx_enlist and sp_msx_defect: non-sysadmin gets 15003', async () => {
    const { lab } = await createTestLab();
    const exec = lab.targetExecutor('SYD-SQL05', { login: 'app', isSysadmin: false })!;
    await expect(exec.exec('sp_msx_defect')).rejects.toMatchObject({ number: 15003 });
    await expect(exec.exec('sp_msx_enlist', { msx_server_name: 'MSX01' })).rejects.toMatchObject({ number: 15003 });
  });

  it('unknown procedures and parameters fail as SQL Server does (2812, 8145)', async () => {
    const { lab } = await createTestLab();
    const exec = lab.targetExecutor('SYD-SQL05')!;
    await expect(exec.exec('sp_help_targetserver')).rejects.toMatchObject({ number: 2812 });
    await expect(exec.exec('sp_sqlagent_notify', { op_type: 'P', bogus: 1 })).rejects.toMatchObject({ number: 8145 });
  });

  it("sp_help_job on a target reports its copy: the version it downloaded, 'Jobs from MSX', its schedules; an unknown job fails 14262", async () => {
    const { lab, sa, scheduler } = await createTestLab();
    await scheduler.advance(SECOND);
    await sa.exec('sp_add_jobschedule', { job_name: 'Collect wait statistics', name: 'Every 15 minutes', freq_type: 4, freq_interval: 1, freq_subday_type: 4, freq_subday_interval: 15 });
    const target = lab.targetExecutor('NYC-SQL02')!;
    const before = (await target.exec('sp_help_job', { job_name: 'Collect wait statistics' })).recordsets[0][0];
    expect(before).toMatchObject({ name: 'Collect wait statistics', version_number: 1, category: 'Jobs from MSX', originating_server: 'MSX01', has_schedule: 0, type: 1 });
    await scheduler.advance(3 * 60 * SECOND);
    const after = (await target.exec('sp_help_job', { job_name: 'Collect wait statistics' })).recordsets[0][0];
    expect(after).toMatchObject({ version_number: 2, has_schedule: 1 });
    await expect(target.exec('sp_help_job', { job_name: 'Nope' })).rejects.toMatchObject({ number: 14262, message: "The specified @job_name ('Nope') does not exist." });
  });
});
