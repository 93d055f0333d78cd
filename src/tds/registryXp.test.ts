import { describe, expect, it } from 'vitest';
import type { AgentRegistryRead, MsdbExecutor, WritableAgentRegistryValue } from '../msdb/executor';
import { registryXpName, runRegistryXp } from './registryXp';

const KEY = 'SOFTWARE\\Microsoft\\MSSQLServer\\SQLServerAgent';
const pos = (...values: Array<string | number>) => values.map((value) => ({ value }));

function fake(read: Partial<AgentRegistryRead> = {}, writable = true) {
  const writes: Array<[WritableAgentRegistryValue, number]> = [];
  const exec: MsdbExecutor = {
    exec: async () => ({ returnValue: 0, recordsets: [], messages: [] }),
    serverInfo: async () => {
      throw new Error('not used');
    },
    agentRegistry: async () => ({ msxServerName: 'MSX01', msxEncryptChannelOptions: null, allowDownloadedJobsToMatchProxyName: 0, readAsSysadmin: true, error: null, ...read }),
    ...(writable ? { setAgentRegistry: async (n: WritableAgentRegistryValue, v: number) => void writes.push([n, v]) } : {}),
  };
  return { exec, writes };
}

describe('registryXpName', () => {
  it('knows the two procedures in the spellings DBAs type, and nothing else', () => {
    for (const s of ['xp_instance_regread', 'master.dbo.xp_instance_regread', 'MASTER.SYS.XP_INSTANCE_REGREAD', '[master].[dbo].[xp_instance_regread]']) expect(registryXpName(s)).toBe('xp_instance_regread');
    expect(registryXpName('master.dbo.xp_instance_regwrite')).toBe('xp_instance_regwrite');
    for (const s of ['xp_regread', 'msdb.dbo.xp_instance_regread', 'sp_instance_regread', 'xp_instance_regdeletevalue']) expect(registryXpName(s)).toBeUndefined();
  });
});

describe('runRegistryXp', () => {
  it('regread: a (Value, Data) row for a value that is there, none for an absent one; named parameters work too', async () => {
    const { exec } = fake();
    expect((await runRegistryXp(exec, 'xp_instance_regread', pos('HKEY_LOCAL_MACHINE', KEY, 'msxservername'))).recordsets).toEqual([[{ Value: 'msxservername', Data: 'MSX01' }]]);
    expect((await runRegistryXp(exec, 'xp_instance_regread', pos('HKEY_LOCAL_MACHINE', KEY, 'MsxEncryptChannelOptions'))).recordsets).toEqual([[]]);
    const named = [
      { name: '@rootkey', value: 'HKEY_LOCAL_MACHINE' },
      { name: '@key', value: KEY },
      { name: '@value_name', value: 'AllowDownloadedJobsToMatchProxyName' },
    ];
    expect((await runRegistryXp(exec, 'xp_instance_regread', named)).recordsets).toEqual([[{ Value: 'AllowDownloadedJobsToMatchProxyName', Data: 0 }]]);
  });

  it('regwrite: a REG_DWORD of a value the lab simulates, through the executor', async () => {
    const { exec, writes } = fake();
    await runRegistryXp(exec, 'xp_instance_regwrite', pos('HKEY_LOCAL_MACHINE', KEY, 'AllowDownloadedJobsToMatchProxyName', 'REG_DWORD', 1));
    expect(writes).toEqual([['AllowDownloadedJobsToMatchProxyName', 1]]);
  });

  it('refuses, with error 50000 and why, and writes nothing: another key, another value, a wrong type, a server without a simulated registry, OUTPUT', async () => {
    const { exec, writes } = fake();
    const refusal = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as { number: number; message: string });
    expect(await refusal(runRegistryXp(exec, 'xp_instance_regread', pos('HKEY_CURRENT_USER', KEY, 'MSXServerName')))).toMatchObject({ number: 50000, message: expect.stringContaining('simulates only') });
    expect(await refusal(runRegistryXp(exec, 'xp_instance_regread', pos('HKEY_LOCAL_MACHINE', KEY, 'MSXPollInterval')))).toMatchObject({ number: 50000 });
    expect(await refusal(runRegistryXp(exec, 'xp_instance_regread', pos('HKEY_LOCAL_MACHINE', KEY, 'MSXServerName', 'x')))).toMatchObject({ message: expect.stringContaining('DECLARE') });
    expect(await refusal(runRegistryXp(exec, 'xp_instance_regwrite', pos('HKEY_LOCAL_MACHINE', KEY, 'MSXServerName', 'REG_SZ', 'X')))).toMatchObject({ number: 50000 });
    expect(await refusal(runRegistryXp(exec, 'xp_instance_regwrite', pos('HKEY_LOCAL_MACHINE', KEY, 'MsxEncryptChannelOptions', 'REG_SZ', 1)))).toMatchObject({ message: 'MsxEncryptChannelOptions is a REG_DWORD.' });
    expect(await refusal(runRegistryXp(exec, 'xp_instance_regwrite', pos('HKEY_LOCAL_MACHINE', KEY, 'MsxEncryptChannelOptions', 'REG_DWORD', 'one')))).toMatchObject({ number: 50000 });
    expect(await refusal(runRegistryXp(fake({}, false).exec, 'xp_instance_regwrite', pos('HKEY_LOCAL_MACHINE', KEY, 'MsxEncryptChannelOptions', 'REG_DWORD', 1)))).toMatchObject({ number: 50000 });
    expect(writes).toEqual([]);
  });
});
