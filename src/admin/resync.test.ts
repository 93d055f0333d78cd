import { describe, expect, it } from 'vitest';
import { NIL_GUID } from '../msx/guid';
import { planResync, resync } from './resync';
import { renderScript } from './script';
import { listTargets } from './targets';
import { labFixture, sqlError } from './testing';

describe('resync (spec §4.3)', () => {
  it('plans one call per target, or one ALL call', () => {
    expect(renderScript(planResync(['TSX1']))).toBe("EXEC msdb.dbo.sp_resync_targetserver @server_name = N'TSX1';");
    expect(renderScript(planResync('all'))).toBe("EXEC msdb.dbo.sp_resync_targetserver @server_name = N'ALL';");
  });

  it('re-posts every job to the target, dropping what was pending for it', async () => {
    const f = await labFixture();
    await f.master.exec('sp_post_msx_operation', { operation: 'SET-POLL', object_type: 'SERVER', specific_target_server: 'LONDON-SQL01', value: 600 });
    const [o] = await resync(f.master, ['LONDON-SQL01']);
    expect(o.ok).toBe(true);
    // DELETE all jobs, then INSERT all jobs (one row per job), and the pending SET-POLL is gone.
    expect(f.queue().map((r) => [r.operation_code, r.object_id === NIL_GUID ? 'all' : 'one'])).toEqual([[3, 'all'], [1, 'one'], [1, 'one']]);
    await f.scheduler.advance(60_000);
    const london = (await listTargets(f.master)).find((t) => t.serverName === 'LONDON-SQL01')!;
    expect(london.unreadInstructions).toBe(0);
    expect(f.lab.agent('LONDON-SQL01')!.state.jobs.map((j) => j.name).sort()).toEqual(['Collect wait statistics', 'Nightly DBCC CHECKDB']);
    f.lab.close();
  });

  it('ALL resynchronizes every target in one call', async () => {
    const f = await labFixture();
    const outcomes = await resync(f.master, 'all');
    expect(outcomes).toHaveLength(1);
    const deletes = f.lab.master.db.all<{ target_server: string }>('SELECT target_server FROM sysdownloadlist WHERE operation_code = 3 ORDER BY target_server');
    expect(deletes.map((r) => r.target_server)).toEqual(['LONDON-SQL01', 'NYC-SQL02', 'SEA-SQL03', 'SYD-SQL05', 'TOKYO-SQL04']);
    f.lab.close();
  });

  it('refuses an unknown target with 14262 and changes nothing', async () => {
    const f = await labFixture();
    const before = f.snapshot();
    expect((await sqlError(resync(f.master, ['NOPE']))).number).toBe(14262);
    expect(f.snapshot().equals(before)).toBe(true);
    f.lab.close();
  });
});
