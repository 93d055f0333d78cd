import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../i18n/locales/en.json';
import type { JobStatusRead } from '../api/types';
import { byJob, filterStatusRows, statusRows, syncText } from './statusRows';
import { durationText, historyRows } from './historyRows';

const t = ((key: string, o?: Record<string, unknown>) =>
  String(key.split('.').reduce<unknown>((x, k) => (x as Record<string, unknown>)[k], en)).replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(o?.[k]))) as unknown as TFunction;

const target = (server: string, sync: 'inSync' | 'notPosted' | 'waiting' | 'failed') => ({
  server,
  lastRunOutcome: 1,
  lastRunOutcomeText: 'Succeeded',
  lastRunAt: null,
  lastRunDurationSeconds: 0,
  lastOutcomeMessage: null,
  pendingInstructions: sync === 'waiting' ? 1 : 0,
  failedInstructions: sync === 'failed' ? 1 : 0,
  sync,
  error: null,
  lastInsertPosted: null,
});

const read = {
  roundTrips: 3,
  jobs: [
    { jobId: 'A', jobName: 'Nightly', enabled: true, category: 'x', dateModified: null, versionNumber: 4, targets: [target('LONDON', 'inSync'), target('NYC', 'notPosted')], counts: { inSync: 1, notPosted: 1, waiting: 0, failed: 0 } },
    { jobId: 'B', jobName: 'Waits', enabled: true, category: 'x', dateModified: null, versionNumber: 1, targets: [target('LONDON', 'failed')], counts: { inSync: 0, notPosted: 0, waiting: 0, failed: 1 } },
  ],
} as unknown as JobStatusRead;

describe('status rows', () => {
  it('one row per job and target, filtered by job, state and text', () => {
    const rows = statusRows(read);
    expect(rows.map((r) => r.key)).toEqual(['A|LONDON', 'A|NYC', 'B|LONDON']);
    expect(filterStatusRows(rows, { jobId: 'A', sync: null, text: '' })).toHaveLength(2);
    expect(filterStatusRows(rows, { jobId: null, sync: 'failed', text: '' }).map((r) => r.key)).toEqual(['B|LONDON']);
    expect(filterStatusRows(rows, { jobId: null, sync: null, text: 'nyc' }).map((r) => r.key)).toEqual(['A|NYC']);
    expect(filterStatusRows(rows, { jobId: null, sync: null, text: '' })).toBe(rows);
  });

  it('groups chosen rows by job for one call each', () => {
    expect(byJob(statusRows(read))).toEqual([
      { jobId: 'A', jobName: 'Nightly', servers: ['LONDON', 'NYC'] },
      { jobId: 'B', jobName: 'Waits', servers: ['LONDON'] },
    ]);
  });

  it("says which version a target's own copy runs", () => {
    const [london] = statusRows(read);
    expect(syncText(t, london!, undefined)).toBe('In sync');
    expect(syncText(t, london!, { server: 'LONDON', state: 'read', versionNumber: 3, masterVersionNumber: 4, message: null })).toBe('In sync · runs version 3, master has 4');
    expect(syncText(t, london!, { server: 'LONDON', state: 'notRegistered', versionNumber: null, masterVersionNumber: 4, message: null })).toBe('In sync · not registered: its copy cannot be read');
  });
});

describe('history rows', () => {
  const step = (instanceId: number, stepId: number) => ({ instanceId, stepId, stepName: `s${stepId}`, runStatus: 1, message: 'm', runAt: null, durationSeconds: 1, sqlMessageId: 0, sqlSeverity: 0, retriesAttempted: 0, server: 'LONDON' });
  const runs = [{ ...step(3, 0), jobId: 'A', jobName: 'Nightly', steps: [step(1, 1), step(2, 2)] }];
  it('puts each run first with its steps under it, and folds a collapsed run', () => {
    expect(historyRows(runs as never).map((r) => `${r.kind}${r.stepId}`)).toEqual(['run0', 'step1', 'step2']);
    expect(historyRows(runs as never, new Set(['r3']))).toHaveLength(1);
  });
  it('shows durations as hh:mm:ss with unbounded hours', () => {
    expect(durationText(0)).toBe('00:00:00');
    expect(durationText(3725)).toBe('01:02:05');
    expect(durationText(30 * 3600)).toBe('30:00:00');
  });
});
