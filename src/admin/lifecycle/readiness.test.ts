// The upgrade-order rules (seed 004, spec §7) as pure functions, then read from the lab.
import { describe, expect, it } from 'vitest';
import { createTestLab } from '../../lab/testing';
import { assessReadiness, readReadiness, ruleMasterMostRecent, ruleSsisSameOrNewer, ruleSupportedVersions, ruleUpgradeTargetsFirst } from './readiness';
import { knownVersion, type ServerVersion } from './versions';

const v = (server: string, version: string) => knownVersion(server, version);
const unknown = (server: string): ServerVersion => ({ server, productVersion: null, productName: null, display: null, major: null, unknown: 'notRegistered' });
const MSX = v('MSX01', '16.0.4135.4');

describe('seed 004: upgrade all target servers before the master', () => {
  it('names each target below the master as one to upgrade first, with the corrective action', () => {
    const r = ruleUpgradeTargetsFirst(MSX, [v('LONDON-SQL01', '16.0.4135.4'), v('SEA-SQL03', '15.0.4375.4')], null);
    expect(r).toMatchObject({ id: 'upgradeTargetsFirst', verdict: 'fail', servers: ['SEA-SQL03'] });
    expect(r.source).toMatchObject({ kind: 'seed', name: 'Seed 004' });
    expect(r.source.quote).toMatch(/defect all target servers and enlist them again after the upgrade/);
    expect(r.finding).toBe("SEA-SQL03 is below MSX01's version (SQL Server 2022 (16.0.4135)): upgrade it before upgrading MSX01.");
    expect(r.action).toMatch(/^Upgrade SEA-SQL03 first\. If that cannot be done, defect every target from MSX01/);
  });

  it('against a planned version, every target below it blocks', () => {
    const r = ruleUpgradeTargetsFirst(MSX, [v('A', '16.0.1000.6'), v('B', '17.0.1000.7')], 17);
    expect(r).toMatchObject({ verdict: 'fail', servers: ['A'] });
  });

  it('passes when every target is at the master version; unknown when a version cannot be read', () => {
    expect(ruleUpgradeTargetsFirst(MSX, [v('A', '16.0.1000.6')], null).verdict).toBe('pass');
    expect(ruleUpgradeTargetsFirst(MSX, [v('A', '16.0.1000.6'), unknown('B')], null).verdict).toBe('unknown');
  });
});

describe('spec §7: the current documentation', () => {
  it('the master should be the most recent version: a newer target fails the rule', () => {
    const r = ruleMasterMostRecent(MSX, [v('NEW', '17.0.1000.7'), v('OLD', '15.0.2000.5')]);
    expect(r).toMatchObject({ verdict: 'fail', servers: ['NEW'] });
    expect(r.source).toMatchObject({ kind: 'docs', name: 'Spec §7 (current documentation)' });
    expect(ruleMasterMostRecent(MSX, [v('OLD', '15.0.2000.5')]).verdict).toBe('pass');
  });

  it('the current and two previous versions are supported: older targets are outside the window', () => {
    const r = ruleSupportedVersions(MSX, [v('OK14', '14.0.3465.1'), v('OLD13', '13.0.6300.2'), v('OLD12', '12.0.6024.0')]);
    expect(r).toMatchObject({ verdict: 'fail', servers: ['OLD13', 'OLD12'], action: 'Upgrade OLD13, OLD12 to 14.0 or later.' });
    expect(ruleSupportedVersions(MSX, [v('OK14', '14.0.3465.1')]).verdict).toBe('pass');
  });

  it('SSIS steps need targets at the master version or newer: fails for those that run them, warns when that is not known', () => {
    const targets = [v('SEA-SQL03', '15.0.4375.4'), v('PAR-SQL07', '14.0.3465.1'), v('NYC-SQL02', '16.0.4135.4')];
    expect(ruleSsisSameOrNewer(MSX, targets, ['sea-sql03'])).toMatchObject({ verdict: 'fail', servers: ['SEA-SQL03'] });
    expect(ruleSsisSameOrNewer(MSX, targets, [])).toMatchObject({ verdict: 'pass', servers: [] });
    expect(ruleSsisSameOrNewer(MSX, targets)).toMatchObject({ verdict: 'warn', servers: ['SEA-SQL03', 'PAR-SQL07'] });
  });
});

describe('assessReadiness', () => {
  it('collects the verdicts: which targets to upgrade first, outside the window, newer, unknown', () => {
    const r = assessReadiness({ master: MSX, targets: [v('SEA-SQL03', '15.0.4375.4'), v('OLD', '12.0.6024.0'), v('NEW', '17.0.1000.7'), unknown('REMOTE')] });
    expect(r).toMatchObject({ upgradeFirst: ['SEA-SQL03', 'OLD'], outsideWindow: ['OLD'], newerThanMaster: ['NEW'], unknown: ['REMOTE'], ready: false });
    expect(r.rules.map((x) => x.id)).toEqual(['upgradeTargetsFirst', 'masterMostRecent', 'supportedVersions', 'ssisSameOrNewer']);
    expect(assessReadiness({ master: MSX, targets: [v('A', '16.0.4135.4')] }).ready).toBe(true);
  });
});

describe('readReadiness on the lab', () => {
  it('reads each target version from its own connection and names SEA-SQL03 as the target to upgrade before MSX01', async () => {
    const { lab, sa } = await createTestLab();
    const r = await readReadiness(sa, (s) => lab.serverExecutor(s));
    expect(r.master).toMatchObject({ server: 'MSX01', display: 'SQL Server 2022 (16.0.4135)' });
    expect(r.targets.find((t) => t.server === 'SEA-SQL03')).toMatchObject({ display: 'SQL Server 2019 (15.0.4375)', major: 15 });
    expect(r.upgradeFirst).toEqual(['SEA-SQL03']);
    expect(r.outsideWindow).toEqual([]);
    expect(r.ready).toBe(false);
  });

  it('a target without a connection is unknown, not guessed', async () => {
    const { sa } = await createTestLab();
    const r = await readReadiness(sa, () => undefined);
    expect(r.unknown).toHaveLength(5);
    expect(r.targets[0]).toMatchObject({ productVersion: null, unknown: 'notRegistered' });
    expect(r.rules[0].verdict).toBe('unknown');
  });
});
