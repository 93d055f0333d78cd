import { describe, expect, it } from 'vitest';
import { downloadListCall, listDownloadList } from './downloadList';
import { renderCall } from './script';
import { labFixture, sqlError } from './testing';

async function fixture() {
  const f = await labFixture();
  const post = (operation: string, target: string | null, value?: number) =>
    f.master.exec('sp_post_msx_operation', { operation, object_type: 'SERVER', specific_target_server: target, value });
  await post('SET-POLL', 'NYC-SQL02', 120);
  await post('SYNC-TIME', 'TOKYO-SQL04');
  f.lab.stopAgent('SEA-SQL03');
  await post('SET-POLL', 'SEA-SQL03', 30);
  return f;
}

describe('listDownloadList (spec §4.2)', () => {
  it('passes every filter as msdb\'s parameters', () => {
    expect(renderCall(downloadListCall({
      jobName: 'Nightly', operation: 'START', objectType: 'JOB', objectName: 'Nightly', targetServer: 'TSX1', hasError: true, status: 0,
      datePosted: new Date(Date.UTC(2026, 10, 2, 10, 0, 0)),
    }))).toBe(
      "EXEC msdb.dbo.sp_help_downloadlist @job_name = N'Nightly', @operation = N'START', @object_type = N'JOB', @object_name = N'Nightly', " +
        "@target_server = N'TSX1', @has_error = 1, @status = 0, @date_posted = '2026-11-02T10:00:00.000';",
    );
    expect(renderCall(downloadListCall({ hasError: false }))).toBe('EXEC msdb.dbo.sp_help_downloadlist;');
  });

  it('maps rows to camelCase, with the operation name and the encoded value decoded', async () => {
    const f = await fixture();
    const rows = await listDownloadList(f.master, { status: 0 });
    expect(rows.map((r) => [r.targetServer, r.operationCode, r.operation, r.value, r.objectName, r.status])).toEqual([
      ['NYC-SQL02', '9 (SET-POLL)', 'SET-POLL', 120, 'NYC-SQL02', 0],
      ['TOKYO-SQL04', '8 (SYNC-TIME)', 'SYNC-TIME', 480, 'TOKYO-SQL04', 0],
      ['SEA-SQL03', '9 (SET-POLL)', 'SET-POLL', 30, 'SEA-SQL03', 0],
    ]);
    expect(Object.keys(rows[0])).toEqual([
      'instanceId', 'sourceServer', 'operationCode', 'operation', 'objectName', 'objectId', 'value', 'targetServer',
      'errorMessage', 'datePosted', 'dateDownloaded', 'status',
    ]);
    expect(rows[0]).toMatchObject({ sourceServer: 'MSX01', errorMessage: null, dateDownloaded: null, datePosted: f.masterNow() });
    f.lab.close();
  });

  it('filters by target, operation, status, error and date posted', async () => {
    const f = await fixture();
    f.lab.failNextInstruction('NYC-SQL02', 'Proxy not found.');
    await f.scheduler.advance(60_000);
    expect((await listDownloadList(f.master, { targetServer: 'sea-sql03' })).map((r) => r.operation)).toContain('SET-POLL');
    expect((await listDownloadList(f.master, { operation: 'SYNC-TIME' })).map((r) => [r.targetServer, r.status])).toEqual([['TOKYO-SQL04', 1]]);
    const errored = await listDownloadList(f.master, { hasError: true });
    expect(errored.map((r) => [r.targetServer, r.errorMessage, r.status])).toEqual([['NYC-SQL02', 'Proxy not found.', 0]]);
    expect(await listDownloadList(f.master, { datePosted: new Date(f.masterNow().getTime() + 1000) })).toEqual([]);
    expect((await listDownloadList(f.master, { status: 1, operation: 'SYNC-TIME' }))[0].dateDownloaded).toBeInstanceOf(Date);
    f.lab.close();
  });

  it('passes msdb\'s own refusals through with their numbers', async () => {
    const f = await fixture();
    expect((await sqlError(listDownloadList(f.master, { objectType: 'JOB' }))).number).toBe(14272);
    expect((await sqlError(listDownloadList(f.master, { targetServer: 'NOPE' }))).number).toBe(14262);
    expect((await sqlError(listDownloadList(f.master, { jobName: 'No such job' }))).number).toBe(14262);
    f.lab.close();
  });
});
