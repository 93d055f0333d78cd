// The jobs-JxT scenario (issue 10's benchmark): J multiserver jobs on every one of T targets,
// built in bulk to the same state one download per INSERT would leave.
import { describe, expect, it } from 'vitest';
import { readJobStatus } from '../admin/jobSync';
import { scenarioByName } from './scenario';
import { createTestLab } from './testing';

describe('jobs-JxT scenario', () => {
  it('jobs-3x4 names 3 jobs on all 4 targets; existing names still parse', () => {
    const s = scenarioByName('jobs-3x4')!;
    expect([s.name, s.jobs.length, s.targets.length, s.bulkAssign]).toEqual(['jobs-3x4', 3, 4, true]);
    expect(s.jobs.every((j) => j.targets === 'all')).toBe(true);
    expect(scenarioByName('fleet-10')?.name).toBe('fleet-10-10');
    expect(scenarioByName('default')?.bulkAssign).toBeUndefined();
  });

  it('a bulk-built lab: every target holds a copy of every job, no row is pending, every pair is in sync', async () => {
    const { lab, sa } = await createTestLab({ scenario: scenarioByName('jobs-3x4')! });
    for (const name of lab.targetNames()) expect(lab.agent(name)!.state.jobs.map((j) => [j.name, j.versionNumber, j.steps.length]).sort()).toEqual([
      ['Fleet job 001', 1, 2], ['Fleet job 002', 1, 2], ['Fleet job 003', 1, 2],
    ]);
    expect(lab.master.db.value('SELECT COUNT(*) FROM sysdownloadlist WHERE status = 0')).toBe(0);
    const read = await readJobStatus(sa);
    expect(read.jobs.map((j) => j.counts.inSync)).toEqual([4, 4, 4]);
    expect(read.roundTrips).toBe(5);
  });
});
