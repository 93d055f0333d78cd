// The lifecycle through the dispatcher, as the wizards drive it: each lab server its own
// connection; Make this a Target, Add Target Servers, Defect (normal, then forced when the master
// cannot be told), Make this a Master; the runbook's two halves with the plan file between them.
import { describe, expect, it } from 'vitest';
import type { LifecycleResult } from '../admin/lifecycle/steps';
import type { DefectResult } from '../admin/lifecycle/defect';
import type { RunbookPlan } from '../admin/lifecycle/runbook';
import { hostFixture } from './testing';

const lab = { connectionId: 'lab' };
const names = (rows: Array<{ serverName: string }>) => rows.map((r) => r.serverName);

describe('the lifecycle through the API', () => {
  it('a standalone server becomes a target of MSX01 and polls it; a cut link fails the enlistment with the reason and changes nothing', async () => {
    const f = await hostFixture();
    await f.ok('connections.openLabServer', { server: 'BOS-SQL06' });
    const bos = { connectionId: 'lab:BOS-SQL06' };

    const script = await f.ok<LifecycleResult>('enlist.makeTarget', { ...bos, master: 'MSX01', location: 'Boston', script: true });
    expect(script).toMatchObject({ ran: false, steps: [{ outcome: null }] });
    expect(names(await f.ok('targets.list', lab))).not.toContain('BOS-SQL06');

    f.lab().cutLink('BOS-SQL06');
    const cut = await f.ok<LifecycleResult>('enlist.makeTarget', { ...bos, master: 'MSX01', location: 'Boston' });
    expect(cut.ok).toBe(false);
    expect(cut.steps[0].outcome).toMatchObject({ ok: false, error: { number: 22022, message: expect.stringContaining('The enlist operation failed (reason: ') } });
    expect(names(await f.ok('targets.list', lab))).not.toContain('BOS-SQL06');

    f.lab().restoreLink('BOS-SQL06');
    const r = await f.ok<LifecycleResult>('enlist.makeTarget', { ...bos, master: 'MSX01', location: 'Boston' });
    expect(r.ok).toBe(true);
    const row = (await f.ok<Array<{ serverName: string; lastPollDate: string }>>('targets.list', { ...lab, servers: ['BOS-SQL06'] }))[0];
    await f.scheduler.advance(61_000);
    const later = (await f.ok<Array<{ lastPollDate: Date }>>('targets.list', { ...lab, servers: ['BOS-SQL06'] }))[0];
    expect(later.lastPollDate.getTime()).toBeGreaterThan(new Date(row.lastPollDate).getTime());
    expect(await f.ok('lab.servers')).toEqual(expect.arrayContaining([expect.objectContaining({ server: 'BOS-SQL06', role: 'target', connectionId: 'lab:BOS-SQL06' })]));
    await f.close();
  });

  it('defect: normal when the master cannot be told says so and changes nothing; forced then completes on the master', async () => {
    const f = await hostFixture();
    await f.ok('connections.openLabServer', { server: 'NYC-SQL02' });
    const nyc = { connectionId: 'lab:NYC-SQL02' };
    await f.ok('lab.stopMaster', { server: 'MSX01' });
    const normal = await f.ok<DefectResult>('defect.normal', nyc);
    expect(normal).toMatchObject({ ok: false, masterUnreachable: true });
    expect(await f.ok('connections.serverInfo', nyc)).toMatchObject({ agentRole: 'tsx' });

    const forced = await f.ok<DefectResult>('defect.forced', nyc);
    expect(forced.steps[0].outcome).toMatchObject({ ok: true, messages: [{ number: 14227 }, { number: 14217 }] });
    // The console reaches MSX01 itself, so the master-side clean-up ran too.
    expect(forced.steps[1]).toMatchObject({ action: 'deleteTargetServer', server: 'MSX01', outcome: { ok: true } });
    expect(names(await f.ok('targets.list', lab))).not.toContain('NYC-SQL02');
    expect(await f.ok('connections.serverInfo', nyc)).toMatchObject({ agentRole: 'standalone', agentLabel: 'SQL Server Agent' });
    expect((await f.fails('defect.normal', nyc)).code).toBe('BAD_REQUEST');
    await f.close();
  });

  it('a defection reaches the master as soon as the target tells it; Add Target Servers enlists it again through its own connection', async () => {
    const f = await hostFixture();
    await f.ok('connections.openLabServer', { server: 'TOKYO-SQL04' });
    await f.ok('defect.normal', { connectionId: 'lab:TOKYO-SQL04' });
    expect(names(await f.ok('targets.list', lab))).not.toContain('TOKYO-SQL04');
    const r = await f.ok<LifecycleResult>('enlist.addTargets', { ...lab, targets: [{ server: 'TOKYO-SQL04', location: 'Tokyo, Otemachi' }, { server: 'NOWHERE-SQL99' }] });
    expect(r.steps[0].outcome).toMatchObject({ ok: true });
    expect(r.steps[1]).toMatchObject({ outcome: null, skipped: expect.stringContaining("No connection to 'NOWHERE-SQL99'") });
    expect(names(await f.ok('targets.list', lab))).toContain('TOKYO-SQL04');
    await f.close();
  });

  it('Make this a Master: MSXOperator, then the chosen servers enlist into it; its targets are listed on its own connection', async () => {
    const f = await hostFixture();
    await f.ok('connections.openLabServer', { server: 'PAR-SQL07' });
    const par = { connectionId: 'lab:PAR-SQL07' };
    const r = await f.ok<LifecycleResult>('enlist.makeMaster', { ...par, operator: { email: 'dba@contoso.com' }, targets: [{ server: 'BOS-SQL06', location: 'Boston' }] });
    expect(r.steps.map((s) => [s.action, s.server, s.outcome?.ok])).toEqual([
      ['addOperator', 'PAR-SQL07', true],
      ['enlist', 'BOS-SQL06', true],
    ]);
    expect(names(await f.ok('targets.list', par))).toEqual(['BOS-SQL06']);
    expect(await f.ok('connections.serverInfo', par)).toMatchObject({ agentRole: 'msx', agentLabel: 'SQL Server Agent (MSX)' });
    // A second Make this a Master fails at its first step (14261), and the enlistments wait for it.
    const again = await f.ok<LifecycleResult>('enlist.makeMaster', { ...par, operator: { email: 'x@contoso.com' }, targets: [{ server: 'SEA-SQL03' }] });
    expect(again.steps[0].outcome).toMatchObject({ ok: false, error: { number: 14261 } });
    expect(again.steps[1]).toMatchObject({ outcome: null });
    await f.close();
  });

  it('the runbook: capture, save, defect all, read the file back, enlist again: the same targets, locations, intervals, groups and jobs', async () => {
    const f = await hostFixture();
    const plan = await f.ok<RunbookPlan>('runbook.capture', lab);
    const { path } = await f.ok<{ path: string }>('runbook.save', { plan });
    expect((await f.ok<LifecycleResult>('runbook.defectAll', { ...lab, plan })).ok).toBe(true);
    expect(await f.ok('targets.list', lab)).toEqual([]);
    const loaded = await f.ok<RunbookPlan>('runbook.load', { path });
    expect((await f.ok<LifecycleResult>('runbook.reenlist', { ...lab, plan: loaded })).ok).toBe(true);
    await f.scheduler.advance(180_000);
    const after = await f.ok<RunbookPlan>('runbook.capture', lab);
    const kept = (p: RunbookPlan) => ({ groups: p.groups, targets: p.targets.map(({ productVersion: _v, ...t }) => t) });
    expect(kept(after)).toEqual(kept(plan));
    await f.close();
  });
});
