import { describe, expect, it } from 'vitest';
import { agentLabel, serverInfo } from './serverInfo';
import { labFixture } from './testing';

describe('serverInfo', () => {
  it('describes the lab master with the names SSMS shows', async () => {
    const f = await labFixture();
    expect(await serverInfo(f.master)).toEqual({
      serverName: 'MSX01',
      machineName: 'MSX01',
      productVersion: '16.0.4135.4',
      edition: 'Enterprise Edition (64-bit)',
      engineEdition: 3,
      isSysadmin: true,
      login: 'sa',
      agentRole: 'msx',
      msxServerName: null,
      label: 'MSX01 (SQL Server 16.0.4135 - sa)',
      productName: 'SQL Server 2022',
      agentLabel: 'SQL Server Agent (MSX)',
    });
    expect(await serverInfo(f.lab.targetExecutor('SEA-SQL03')!)).toMatchObject({ productName: 'SQL Server 2019', agentRole: 'tsx', msxServerName: 'MSX01' });
    f.lab.close();
  });

  it('names the Agent node by role', () => {
    expect(agentLabel('standalone', null)).toBe('SQL Server Agent');
    expect(agentLabel('inconsistent', 'MSX01')).toBe('SQL Server Agent');
    expect(agentLabel('tsx', 'MSX01')).toBe('SQL Server Agent (TSX: MSX01)');
  });
});
