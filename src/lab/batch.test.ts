// Lab.batch(): several writes, one write of the lab file (each save writes the whole file).
import { describe, expect, it, vi } from 'vitest';
import { VirtualScheduler } from '../agent/scheduler';
import { applyFault, LAB_PROXY_JOB } from './faults';
import { Lab } from './lab';
import * as persistence from './persistence';
import { createTestLab } from './testing';

vi.mock('./persistence', async (original) => {
  const actual = await original<typeof import('./persistence')>();
  return { ...actual, writeFileAtomic: vi.fn(actual.writeFileAtomic) };
});

describe('Lab.batch', () => {
  it('the proxy fault (master procedures, then the target settings) writes the lab file once, with all it set', async () => {
    const { lab, file } = await createTestLab({ file: true });
    const writes = vi.mocked(persistence.writeFileAtomic);
    writes.mockClear();
    await lab.batch(() => applyFault(lab, 'proxyNotFound', 'SEA-SQL03'));
    expect(writes).toHaveBeenCalledTimes(1);
    // Without a batch each write saves on its own.
    writes.mockClear();
    lab.setRegistry('SEA-SQL03', { msxEncryptChannelOptions: 1 });
    lab.setProxies('SEA-SQL03', ['OtherProxy']);
    expect(writes).toHaveBeenCalledTimes(2);
    lab.close();
    const reopened = await Lab.open(file!, { scheduler: new VirtualScheduler() });
    expect(reopened.describe(reopened.agent('SEA-SQL03')!)).toMatchObject({ registry: { msxEncryptChannelOptions: 1, allowDownloadedJobsToMatchProxyName: 1 }, proxies: ['OtherProxy'] });
    expect(reopened.master.db.value('SELECT COUNT(*) FROM sysjobs WHERE name = ?', [LAB_PROXY_JOB])).toBe(1);
    reopened.close();
  });

  it('a batch that fails still saves what it did before failing', async () => {
    const { lab, file } = await createTestLab({ file: true });
    await expect(
      lab.batch(async () => {
        lab.setRegistry('NYC-SQL02', { allowDownloadedJobsToMatchProxyName: 1 });
        throw new Error('stopped halfway');
      }),
    ).rejects.toThrow('stopped halfway');
    // Read from the file while the lab is still open (closing would save it anyway).
    const reopened = await Lab.open(file!, { scheduler: new VirtualScheduler() });
    expect(reopened.describe(reopened.agent('NYC-SQL02')!).registry).toMatchObject({ allowDownloadedJobsToMatchProxyName: 1 });
    reopened.close();
    lab.close();
  });
});
