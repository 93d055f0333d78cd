// signatures.ts is true to msdb: names as msdb spells them, types as it declares them, and the
// embedded msdb and the mssql executor both honour them.
import { describe, expect, it } from 'vitest';
import { createTestLab } from '../lab/testing';
import { toMicrosoftVersion } from '../msx/version';
import { createTestMaster, failureOf, snapshot } from './embedded/testing';
import { PROC_SIGNATURES, typeName } from './signatures';
import { bindRpcParameters, sqlTypeName } from './sqlserver/params';

const decl = (proc: string) => PROC_SIGNATURES[proc].map((d) => `@${d.name} ${typeName(d.type)}${d.default === undefined ? '' : ` = ${String(d.default)}`}`);

describe('signatures true to msdb', () => {
  it('sp_enlist_tsx: mixed-case names and @LocalTime datetime, as msdb declares them', () => {
    expect(decl('sp_enlist_tsx')).toEqual([
      '@Action int',
      '@ServerName sysname',
      '@Location nvarchar(200)',
      '@TimeZoneAdjustment int',
      '@LocalTime datetime',
      '@NTUserName nvarchar(100)',
      '@PollInterval int',
      '@TSX_Version int = 0',
    ]);
  });

  it('sp_enlist_tsx: the mssql executor sends msdb\'s spelling (a case-sensitive server needs it) and a datetime for @LocalTime', () => {
    const bound = bindRpcParameters('sp_enlist_tsx', { action: 0, servername: 'TSX9', localtime: '2026-11-02 04:00:00' });
    expect(bound.map((p) => [p.name, sqlTypeName(p.type)])).toEqual([
      ['Action', 'Int'],
      ['ServerName', 'NVarChar(128)'],
      ['LocalTime', 'DateTime'],
    ]);
    expect(bound[2].value).toEqual(new Date(Date.UTC(2026, 10, 2, 4, 0, 0)));
  });

  it('sp_enlist_tsx: any case binds in the embedded msdb; a @LocalTime that is no date fails 241 at binding, before any check', async () => {
    const { msdb } = await createTestMaster(['TSX1']);
    const agent = msdb.executor({ login: 'CONTOSO\\sqlagent', isSysadmin: false, roles: new Set(['TargetServersRole']), programName: 'SQLAgent - TSX' });
    const args = { '@Action': 0, '@ServerName': 'TSX9', '@Location': 'Rack 4', '@TimeZoneAdjustment': 0, '@LocalTime': '2026/11/02 04:00:00', '@NTUserName': 'CONTOSO\\sqlsvc', '@PollInterval': 60, '@TSX_Version': toMicrosoftVersion('16.0.4135') };
    await agent.exec('sp_enlist_tsx', args);
    expect(msdb.db.value('SELECT local_time_at_last_poll FROM systargetservers WHERE server_name = ?', ['TSX9'])).toBe('2026-11-02 04:00:00.000');
    const before = snapshot(msdb);
    const e = await failureOf(msdb.executor({ login: 'app', isSysadmin: false }).exec('sp_enlist_tsx', { ...args, '@LocalTime': 'soon' }));
    expect([e.number, e.message]).toEqual([241, 'Conversion failed when converting date and/or time from character string.']);
    expect(snapshot(msdb).equals(before)).toBe(true);
  });

  it('sp_sqlagent_notify takes @wmi_namespace nvarchar(128) and @wmi_query nvarchar(512)', async () => {
    expect(decl('sp_sqlagent_notify').slice(-2)).toEqual(['@wmi_namespace nvarchar(128) = null', '@wmi_query nvarchar(512) = null']);
    const { lab } = await createTestLab();
    const r = await lab.targetExecutor('LONDON-SQL01')!.exec('sp_sqlagent_notify', { op_type: 'P', wmi_namespace: null, wmi_query: null });
    expect(r.returnValue).toBe(0);
    lab.close();
  });

  it("sp_help_job takes every filter msdb declares; the list's call with none is unchanged", async () => {
    expect(decl('sp_help_job')).toEqual([
      '@job_id uniqueidentifier = null',
      '@job_name sysname = null',
      '@job_aspect varchar(9) = null',
      '@job_type varchar(12) = null',
      '@owner_login_name sysname = null',
      '@subsystem nvarchar(40) = null',
      '@category_name sysname = null',
      '@enabled tinyint = null',
      '@execution_status int = null',
      '@date_comparator char(1) = null',
      '@date_created datetime = null',
      '@date_last_modified datetime = null',
      '@description nvarchar(512) = null',
    ]);
    const { exec } = await createTestMaster();
    const nulls = Object.fromEntries(PROC_SIGNATURES.sp_help_job.map((d) => [d.name, null]));
    await expect(exec.exec('sp_help_job', nulls)).resolves.toMatchObject({ returnValue: 0 });
    expect(bindRpcParameters('sp_help_job', { date_comparator: '>' }).map((p) => sqlTypeName(p.type))).toEqual(['Char(1)']);
  });

  it("sp_get_sqlagent_properties: a server not enlisted anywhere reports msx_server_name '' (not NULL), master and target alike", async () => {
    const { exec } = await createTestMaster(['TSX1']);
    expect((await exec.exec('sp_get_sqlagent_properties')).recordsets[0][0]).toMatchObject({ msx_server_name: '', sqlagent_type: 3 });
    expect((await exec.serverInfo()).msxServerName).toBeNull();
    const { lab } = await createTestLab();
    await lab.targetExecutor('SYD-SQL05')!.exec('sp_msx_defect');
    expect((await lab.targetExecutor('SYD-SQL05')!.exec('sp_get_sqlagent_properties')).recordsets[0][0]).toMatchObject({ msx_server_name: '', sqlagent_type: 1 });
    lab.close();
  });
});
