import type { Db } from './db';

// The Agent's registry values a real server keeps outside msdb (spec §3.4, §5, §7).
export const REG = {
  MSXServerName: 'MSXServerName',
  DownloadedMaxRows: 'DownloadedMaxRows',
  MSXPollInterval: 'MSXPollInterval',
  AgentStarting: 'AgentStarting',
} as const;

export function getRegistry(db: Db, name: string): string | null {
  return db.value<string>('SELECT value FROM sim_registry WHERE name = ?', [name]) ?? null;
}

export function setRegistry(db: Db, name: string, value: string | number | null): void {
  if (value === null) db.run('DELETE FROM sim_registry WHERE name = ?', [name]);
  else db.run('INSERT INTO sim_registry (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value', [name, String(value)]);
}
