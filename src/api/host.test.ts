import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualScheduler } from '../agent/scheduler';
import { fleetScenario } from '../lab/scenario';
import { createApiHost } from './host';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const pendingSetPolls = async (host: Awaited<ReturnType<typeof createApiHost>>) => {
  const r = await host.dispatch('downloadList.list', { connectionId: 'lab', operation: 'SET-POLL', status: 0 });
  if ('error' in r) throw new Error(r.error.message);
  return (r.result as Array<{ targetServer: string; value: number }>).map((i) => [i.targetServer, i.value]);
};

describe('createApiHost', () => {
  it('keeps the lab in its file: a post is there after a restart, and --fresh starts over', async () => {
    dir = mkdtempSync(join(tmpdir(), 'msx-host-'));
    const labFile = join(dir, 'lab.msxlab');
    const first = await createApiHost({ scheduler: new VirtualScheduler(), labFile });
    first.lab().stopAgent('NYC-SQL02');
    await first.dispatch('targets.postInstruction', { connectionId: 'lab', instruction: { type: 'SET-POLL', pollInterval: 300, recipients: ['NYC-SQL02'] } });
    await first.close();

    const second = await createApiHost({ scheduler: new VirtualScheduler(), labFile });
    expect(await pendingSetPolls(second)).toEqual([['NYC-SQL02', 300]]);
    expect(second.lab().agent('NYC-SQL02')!.state.running).toBe(false);
    await second.close();

    const fresh = await createApiHost({ scheduler: new VirtualScheduler(), labFile, fresh: true });
    expect(await pendingSetPolls(fresh)).toEqual([]);
    expect(fresh.lab().agent('NYC-SQL02')!.state.running).toBe(true);
    await fresh.close();
  });

  it('builds the lab from the scenario it is given', async () => {
    const host = await createApiHost({ scheduler: new VirtualScheduler(), scenario: fleetScenario(3) });
    const r = await host.dispatch('targets.list', { connectionId: 'lab' });
    expect('result' in r && (r.result as Array<{ serverName: string }>).map((t) => t.serverName)).toEqual(['TSX00001', 'TSX00002', 'TSX00003']);
    await host.close();
  });

  it('refuses a file that is not a lab, with a message fit to print', async () => {
    dir = mkdtempSync(join(tmpdir(), 'msx-host-'));
    const labFile = join(dir, 'notes.txt');
    writeFileSync(labFile, 'hello');
    await expect(createApiHost({ scheduler: new VirtualScheduler(), labFile })).rejects.toThrow('Not an MSX Studio lab file.');
  });

  it('runs on real time by default and stops its timers on close', async () => {
    const host = await createApiHost();
    const r = await host.dispatch('connections.list', {});
    expect(r).toMatchObject({ result: [{ id: 'lab', agentRole: 'msx' }] });
    const stop = host.onEvent(() => undefined);
    stop();
    await host.close();
    await host.close();
  });
});
