import { describe, expect, it } from 'vitest';
import { parseServerName } from './serverName';

describe('Server name', () => {
  it('accepts host, host,port and host\\instance as SSMS does', () => {
    expect(parseServerName('MSX01')).toEqual({ host: 'MSX01' });
    expect(parseServerName(' sql01.contoso.com,1433 ')).toEqual({ host: 'sql01.contoso.com', port: 1433 });
    expect(parseServerName('SQL01\\PROD')).toEqual({ host: 'SQL01', instance: 'PROD' });
    expect(parseServerName('tcp:10.0.0.5\\SQL2022,14330')).toEqual({ host: '10.0.0.5', instance: 'SQL2022', port: 14330 });
    expect(parseServerName('.')).toEqual({ host: '.' });
    expect(parseServerName('(local)\\SQLEXPRESS')).toEqual({ host: '(local)', instance: 'SQLEXPRESS' });
    expect(parseServerName('[::1],1433')).toEqual({ host: '[::1]', port: 1433 });
  });

  it('says what is wrong', () => {
    expect(parseServerName('   ')).toBe('required');
    expect(parseServerName('sql01,')).toBe('port');
    expect(parseServerName('sql01,70000')).toBe('port');
    expect(parseServerName('sql01,abc')).toBe('port');
    expect(parseServerName('sql01\\')).toBe('instance');
    expect(parseServerName('sql01\\9LIVES')).toBe('instance');
    expect(parseServerName('sql01\\AVERYLONGINSTANCENAME')).toBe('instance');
    expect(parseServerName('bad host')).toBe('host');
    expect(parseServerName('-sql01')).toBe('host');
  });
});
