// Seed 004's corrective action on the lab: the plan keeps what defection loses; defect every
// target, then enlist them again from the saved plan, and the master is as it was.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestLab } from '../../lab/testing';
import { capturePlan, defaultPlanPath, defectAll, listPlans, loadPlan, reenlist, savePlan, type RunbookPlan } from './runbook';

const MINUTE = 60_000;

async function labWithPlan() {
  const t = await createTestLab();
  const connect = (s: string) => t.lab.serverExecutor(s);
  const plan = await capturePlan(t.sa, connect, new Date(Date.UTC(2026, 11, 5, 5, 30)));
  return { ...t, connect, plan };
}

/** What the comparison looks at: the plan's targets without the version (a runbook upgrades between halves). */
const kept = (p: RunbookPlan) => ({ groups: p.groups, targets: p.targets.map(({ productVersion: _v, ...t }) => t) });

describe('the runbook plan', () => {
  it("keeps each target's location, poll interval, group memberships and multiserver jobs, and every group", async () => {
    const { plan } = await labWithPlan();
    expect(plan).toMatchObject({ format: 'msx-studio.runbook', version: 1, master: 'MSX01', masterVersion: '16.0.4135.4', createdAt: '2026-12-05T05:30:00.000Z', groups: ['Production'] });
    expect(plan.targets.find((t) => t.server === 'SYD-SQL05')).toEqual({
      server: 'SYD-SQL05',
      location: 'Sydney, reporting',
      pollInterval: 10,
      productVersion: '16.0.4135.4',
      groups: [],
      jobs: ['Nightly DBCC CHECKDB'],
    });
    expect(plan.targets.find((t) => t.server === 'LONDON-SQL01')).toMatchObject({ groups: ['Production'], jobs: ['Collect wait statistics', 'Nightly DBCC CHECKDB'] });
  });

  it('is saved as JSON under the chosen folder and read back the same; a file out of shape is refused with what is wrong', async () => {
    const { plan } = await labWithPlan();
    const folder = mkdtempSync(join(tmpdir(), 'msx-runbook-'));
    const path = savePlan(plan, defaultPlanPath(folder, plan));
    expect(path).toBe(join(folder, 'MSX01-20261205T053000.msxplan.json'));
    expect(loadPlan(path)).toEqual(plan);
    expect(listPlans(folder)).toEqual([{ path, master: 'MSX01', createdAt: plan.createdAt, targets: 5 }]);
    const bad = join(folder, 'bad.msxplan.json');
    writeFileSync(bad, JSON.stringify({ ...plan, targets: [{ ...plan.targets[0], pollInterval: 5 }] }));
    expect(() => loadPlan(bad)).toThrow(/targets\.0\.pollInterval/);
    writeFileSync(bad, 'not json');
    expect(() => loadPlan(bad)).toThrow(/not a plan file/);
    expect(listPlans(folder)).toHaveLength(1);
  });
});

describe('defect all, then enlist again', () => {
  it('script mode shows each step on its server and changes nothing', async () => {
    const { lab, sa, connect, plan, targets } = await labWithPlan();
    const r = await defectAll(plan, 'MSX01', connect, true);
    expect(r).toMatchObject({ ran: false, ok: true });
    expect(r.steps.map((s) => [s.action, s.server])).toEqual(plan.targets.map((t) => ['defect', t.server]));
    expect(r.script.split('\n').slice(0, 2)).toEqual(['-- On LONDON-SQL01:', 'EXEC msdb.dbo.sp_msx_defect;']);
    const re = await reenlist(plan, sa, 'MSX01', connect, true);
    expect(re.script).toContain("-- On SYD-SQL05:\nEXEC msdb.dbo.sp_msx_enlist @msx_server_name = N'MSX01', @location = N'Sydney, reporting';");
    expect(re.script).toContain("EXEC msdb.dbo.sp_post_msx_operation @operation = N'SET-POLL', @object_type = N'SERVER', @specific_target_server = N'SYD-SQL05', @value = 10;");
    expect(re.script).toContain("EXEC msdb.dbo.sp_add_targetsvrgrp_member @group_name = N'Production', @server_name = N'LONDON-SQL01';");
    expect(re.script).toContain("EXEC msdb.dbo.sp_add_jobserver @job_name = N'Collect wait statistics', @server_name = N'SEA-SQL03';");
    expect(await targets()).toHaveLength(5);
    expect(lab.agent('SYD-SQL05')!.state.msxServerName).toBe('MSX01');
  });

  it('restores the same targets, locations, poll intervals, groups and job assignments (compared before and after)', async () => {
    const { lab, sa, connect, plan, targets, scheduler } = await labWithPlan();
    const folder = mkdtempSync(join(tmpdir(), 'msx-runbook-'));
    const path = savePlan(plan, defaultPlanPath(folder, plan));

    const down = await defectAll(plan, 'MSX01', connect);
    expect(down.ok).toBe(true);
    expect(down.steps.map((s) => s.outcome?.messages[0]?.number)).toEqual([14227, 14227, 14227, 14227, 14227]);
    expect(await targets()).toEqual([]);
    // The group outlives its members; simulate a master rebuilt by the upgrade: it is gone too.
    await sa.exec('sp_delete_targetservergroup', { name: 'Production' });

    // ... the master is upgraded here; nothing is remembered but the file.
    const up = await reenlist(loadPlan(path), sa, 'MSX01', connect);
    expect(up.steps.filter((s) => !s.outcome?.ok).map((s) => s.outcome)).toEqual([]);
    expect(up.ok).toBe(true);
    expect(up.steps[0]).toMatchObject({ action: 'addGroup', server: 'MSX01' });

    // SET-POLL reaches SYD-SQL05 at its next poll; the master learns the interval at the one after.
    await scheduler.advance(3 * MINUTE);
    const after = await capturePlan(sa, connect, new Date(plan.createdAt));
    expect(kept(after)).toEqual(kept(plan));
    expect(lab.agent('LONDON-SQL01')!.state.jobs.map((j) => j.name).sort()).toEqual(['Collect wait statistics', 'Nightly DBCC CHECKDB']);
  });

  it('a target that cannot be reached does not stop the others; its steps on the master wait for its enlistment', async () => {
    const { lab, sa, connect, plan } = await labWithPlan();
    await defectAll(plan, 'MSX01', connect);
    lab.cutLink('TOKYO-SQL04');
    const up = await reenlist(plan, sa, 'MSX01', connect);
    expect(up.ok).toBe(false);
    const tokyo = up.steps.filter((s) => s.call.params.server_name === 'TOKYO-SQL04' || s.server === 'TOKYO-SQL04');
    expect(tokyo[0].outcome).toMatchObject({ ok: false, error: { number: 22022 } });
    expect(tokyo.slice(1).every((s) => s.outcome === null && /did not succeed/.test(s.skipped ?? ''))).toBe(true);
    expect(up.steps.filter((s) => s.server === 'NYC-SQL02')[0].outcome).toMatchObject({ ok: true });
  });

  it('a plan made for another master is refused before anything runs', async () => {
    const { sa, connect, plan } = await labWithPlan();
    await expect(reenlist({ ...plan, master: 'OTHERMSX' }, sa, 'MSX01', connect)).rejects.toThrow("This plan was made for master 'OTHERMSX', not 'MSX01'.");
  });
});
