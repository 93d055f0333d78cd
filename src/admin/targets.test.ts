import { describe, expect, it } from 'vitest';
import { listTargets, readTargets, requireTargets } from './targets';
import { labFixture, recording, sqlError } from './testing';

describe('listTargets (spec §4.1)', () => {
  it('makes exactly one sp_help_targetserver call and maps its columns to camelCase', async () => {
    const f = await labFixture();
    const master = recording(f.master);
    const targets = await listTargets(master);
    expect(master.calls).toEqual([{ proc: 'sp_help_targetserver', params: {} }]);
    expect(targets.map((t) => t.serverName)).toEqual(['LONDON-SQL01', 'NYC-SQL02', 'SEA-SQL03', 'SYD-SQL05', 'TOKYO-SQL04']);
    const nyc = targets.find((t) => t.serverName === 'NYC-SQL02')!;
    expect(Object.keys(nyc)).toEqual([
      'serverId', 'serverName', 'location', 'timeZoneAdjustment', 'enlistDate', 'lastPollDate', 'status',
      'unreadInstructions', 'localTime', 'enlistedByNtUser', 'pollInterval', 'statusFlags',
    ]);
    expect(nyc).toMatchObject({
      location: 'New York, DC2',
      timeZoneAdjustment: -300,
      status: 1,
      unreadInstructions: 0,
      enlistedByNtUser: 'CONTOSO\\svc-sqlagent',
      pollInterval: 60,
      statusFlags: ['normal'],
    });
    expect(nyc.lastPollDate).toEqual(f.masterNow());
    // The target's clock: UTC-5 while the master is at UTC+1.
    expect(nyc.localTime.getTime()).toBe(f.masterNow().getTime() - 6 * 3600_000);
    f.lab.close();
  });

  it('spells out the Offline and Blocked bits (spec §2.2)', async () => {
    const f = await labFixture();
    f.lab.stopAgent('LONDON-SQL01');
    f.lab.failNextInstruction('NYC-SQL02', 'The job step requires a proxy account, however proxy matching is disabled on the target server.');
    await f.master.exec('sp_post_msx_operation', { operation: 'SYNC-TIME', object_type: 'SERVER', specific_target_server: 'NYC-SQL02' });
    await f.scheduler.advance(181_000);
    const byName = new Map((await listTargets(f.master)).map((t) => [t.serverName, t]));
    expect(byName.get('LONDON-SQL01')).toMatchObject({ status: 3, statusFlags: ['offline'] });
    expect(byName.get('NYC-SQL02')).toMatchObject({ status: 5, statusFlags: ['blocked'], unreadInstructions: 1 });
    expect(byName.get('TOKYO-SQL04')).toMatchObject({ status: 1, statusFlags: ['normal'] });
    f.lab.close();
  });
});

describe('requireTargets', () => {
  it('returns the named targets in the order given, matching names as SQL Server does', async () => {
    const f = await labFixture();
    const rows = await requireTargets(f.master, ['tokyo-sql04', 'LONDON-SQL01', 'Tokyo-SQL04']);
    expect(rows.map((t) => t.serverName)).toEqual(['TOKYO-SQL04', 'LONDON-SQL01']);
    f.lab.close();
  });

  it('reads one name on its own, several with the list', async () => {
    const f = await labFixture();
    const one = recording(f.master);
    expect((await requireTargets(one, [' syd-sql05 '])).map((t) => t.serverName)).toEqual(['SYD-SQL05']);
    expect(one.calls).toEqual([{ proc: 'sp_help_targetserver', params: { server_name: 'syd-sql05' } }]);
    const two = recording(f.master);
    await requireTargets(two, ['SYD-SQL05', 'NYC-SQL02']);
    expect(two.calls).toEqual([{ proc: 'sp_help_targetserver', params: {} }]);
    f.lab.close();
  });

  it('lets msdb refuse an unknown name with 14262', async () => {
    const f = await labFixture();
    const e = await sqlError(requireTargets(f.master, ['LONDON-SQL01', 'NOPE']));
    expect({ number: e.number, message: e.message }).toEqual({ number: 14262, message: "The specified @server_name ('NOPE') does not exist." });
    f.lab.close();
  });
});

describe('readTargets', () => {
  it('reads each named target on its own, in order, once, and lets msdb refuse an unknown one', async () => {
    const f = await labFixture();
    const master = recording(f.master);
    const rows = await readTargets(master, ['SYD-SQL05', 'nyc-sql02', ' Syd-Sql05 ']);
    expect(rows.map((t) => t.serverName)).toEqual(['SYD-SQL05', 'NYC-SQL02']);
    expect(master.calls).toEqual([
      { proc: 'sp_help_targetserver', params: { server_name: 'SYD-SQL05' } },
      { proc: 'sp_help_targetserver', params: { server_name: 'nyc-sql02' } },
    ]);
    expect((await sqlError(readTargets(f.master, ['NOPE']))).number).toBe(14262);
    f.lab.close();
  });
});
