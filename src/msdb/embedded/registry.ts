import type { AgentRegistryRead } from '../executor';
import type { Db } from './db';

// The Agent's registry values a real server keeps outside msdb (spec §3.4, §5, §7).
export const REG = {
  MSXServerName: 'MSXServerName',
  DownloadedMaxRows: 'DownloadedMaxRows',
  MSXPollInterval: 'MSXPollInterval',
  AgentStarting: 'AgentStarting',
  MsxEncryptChannelOptions: 'MsxEncryptChannelOptions',
  AllowDownloadedJobsToMatchProxyName: 'AllowDownloadedJobsToMatchProxyName',
} as const;

export function getRegistry(db: Db, name: string): string | null {
  return db.value<string>('SELECT value FROM sim_registry WHERE name = ?', [name]) ?? null;
}

const dword = (v: string | null): number | null => (v === null || !/^-?\d+$/.test(v) ? null : Number(v));

/**
 * The Agent registry values as xp_instance_regread with 'no_output' returns them (executor.ts's
 * AgentRegistryRead). A login outside sysadmin reads nothing: a denied read is silent, as on a
 * real server [inferred: which Agent values a non-sysadmin may read is not documented].
 */
export function readAgentRegistry(db: Db, isSysadmin: boolean): AgentRegistryRead {
  const get = (name: string) => (isSysadmin ? getRegistry(db, name) : null);
  const msx = get(REG.MSXServerName);
  return {
    msxServerName: msx === null || msx.trim() === '' ? null : msx,
    msxEncryptChannelOptions: dword(get(REG.MsxEncryptChannelOptions)),
    allowDownloadedJobsToMatchProxyName: dword(get(REG.AllowDownloadedJobsToMatchProxyName)),
    readAsSysadmin: isSysadmin,
    error: null,
  };
}

export function setRegistry(db: Db, name: string, value: string | number | null): void {
  if (value === null) db.run('DELETE FROM sim_registry WHERE name = ?', [name]);
  else db.run('INSERT INTO sim_registry (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value', [name, String(value)]);
}
