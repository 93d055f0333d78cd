import { describe, expect, it } from 'vitest';
import { parseServerName } from './serverName';

const ok = (s: string) => {
  const r = parseServerName(s);
  if (!r.ok) throw new Error(r.error);
  return r.address;
};
const err = (s: string) => {
  const r = parseServerName(s);
  if (r.ok) throw new Error(`accepted ${s}`);
  return r.error;
};

describe('parseServerName', () => {
  it('host: the default instance on 1433', () => {
    expect(ok('MSX01')).toEqual({ host: 'MSX01', port: 1433, display: 'MSX01' });
    expect(ok('  msx01.corp.example ')).toEqual({ host: 'msx01.corp.example', port: 1433, display: 'msx01.corp.example' });
    expect(ok('10.0.0.5')).toMatchObject({ host: '10.0.0.5', port: 1433 });
  });

  it('host,port', () => {
    expect(ok('MSX01,14330')).toEqual({ host: 'MSX01', port: 14330, display: 'MSX01,14330' });
    expect(ok('tcp:MSX01,1433')).toMatchObject({ host: 'MSX01', port: 1433 });
  });

  it('host\\instance (resolved by SQL Server Browser)', () => {
    expect(ok('MSX01\\SQL2022')).toEqual({ host: 'MSX01', instanceName: 'SQL2022', display: 'MSX01\\SQL2022' });
  });

  it('host\\instance,port: the port wins, no Browser lookup', () => {
    expect(ok('MSX01\\SQL2022,50123')).toEqual({ host: 'MSX01', port: 50123, display: 'MSX01\\SQL2022,50123' });
  });

  it('local shorthands and IPv6', () => {
    expect(ok('.')).toMatchObject({ host: 'localhost', port: 1433 });
    expect(ok('(local)\\SQLEXPRESS')).toMatchObject({ host: 'localhost', instanceName: 'SQLEXPRESS' });
    expect(ok('[::1],1433')).toEqual({ host: '::1', port: 1433, display: '[::1],1433' });
    expect(ok('MSX01\\MSSQLSERVER')).toMatchObject({ host: 'MSX01', port: 1433 });
  });

  it('says what is wrong', () => {
    expect(err('')).toMatch(/Enter a server name/);
    expect(err('MSX01,')).toMatch(/port.*1 to 65535/);
    expect(err('MSX01,0')).toMatch(/1 to 65535/);
    expect(err('MSX01,70000')).toMatch(/1 to 65535/);
    expect(err('MSX01,abc')).toMatch(/number/);
    expect(err('MSX01\\')).toMatch(/instance name after the backslash/);
    expect(err('MSX01\\1bad')).toMatch(/not a valid instance name/);
    expect(err('MSX01\\WAYTOOLONGINSTANCENAME')).toMatch(/at most 16/);
    expect(err('MSX 01')).toMatch(/spaces/);
    expect(err('Server=MSX01;User Id=sa')).toMatch(/not a connection string/);
    expect(err('np:\\\\MSX01\\pipe\\sql\\query')).toMatch(/Named pipes/);
    expect(err('lpc:MSX01')).toMatch(/Shared memory/);
    expect(err(',1433')).toMatch(/host name/);
    expect(err('bad_host!')).toMatch(/not a valid host name/);
  });
});
