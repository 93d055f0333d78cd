import { describe, expect, it } from 'vitest';
import { NIL_GUID } from '../msx/guid';
import { WorkflowError } from './errors';
import { forceDefection, planForceDefection } from './forceDefection';
import { renderScript } from './script';
import { listTargets } from './targets';
import { labFixture, rejection, sqlError } from './testing';

describe('forceDefection (spec §4.3, §8.1)', () => {
  it('plans sp_delete_targetserver with the list cleared and a DEFECT posted, per target', () => {
    expect(renderScript(planForceDefection(['TSX1', 'TSX2']))).toBe([
      "EXEC msdb.dbo.sp_delete_targetserver @server_name = N'TSX1', @clear_downloadlist = 1, @post_defection = 1;",
      "EXEC msdb.dbo.sp_delete_targetserver @server_name = N'TSX2', @clear_downloadlist = 1, @post_defection = 1;",
    ].join('\n'));
  });

  it('removes the target now; the DEFECT row outlives it and the target defects at its next poll', async () => {
    const f = await labFixture();
    const outcomes = await forceDefection(f.master, ['NYC-SQL02']);
    expect(outcomes).toMatchObject([{ ok: true, returnValue: 0 }]);
    expect((await listTargets(f.master)).map((t) => t.serverName)).not.toContain('NYC-SQL02');
    expect(f.queue().map((r) => [r.target_server, r.operation_code, r.object_id, r.status])).toEqual([['NYC-SQL02', 7, NIL_GUID, 0]]);
    await f.scheduler.advance(60_000);
    expect(f.lab.agent('NYC-SQL02')!.state.msxServerName).toBeNull();
    expect(f.lab.agent('NYC-SQL02')!.state.jobs).toEqual([]);
    f.lab.close();
  });

  it('refuses an unknown target with msdb\'s 14262 before defecting any, and an empty selection outright', async () => {
    const f = await labFixture();
    const before = f.snapshot();
    expect((await sqlError(forceDefection(f.master, ['LONDON-SQL01', 'NOPE']))).number).toBe(14262);
    expect(f.snapshot().equals(before)).toBe(true);
    expect(await rejection(forceDefection(f.master, []))).toBeInstanceOf(WorkflowError);
    f.lab.close();
  });
});
