// Each target's version, read from the target's own connection (a lab server, a registered
// server, or an open connection to it): the master's tables do not record it (spec §2.1).
import { formatVersion, parseProductVersion, productName } from '../../msx/version';
import type { MsdbExecutor } from '../../msdb/executor';
import { readOnTarget } from '../onTarget';
import { listTargets } from '../targets';
import type { ServerConnections } from './steps';

export interface ServerVersion {
  server: string;
  /** SERVERPROPERTY('ProductVersion'): '15.0.4375.4'; null when it could not be read. */
  productVersion: string | null;
  /** 'SQL Server 2019'. */
  productName: string | null;
  /** 'SQL Server 2019 (15.0.4375)', as Target Server Status shows it. */
  display: string | null;
  major: number | null;
  /** null when known; why it is unknown otherwise ('notRegistered': no connection to the target). */
  unknown: null | 'notRegistered' | 'unreachable';
  /** The error's text when the target's connection failed. */
  reason?: string;
}

/** 'SQL Server 2019 (15.0.4375)'. */
export function versionDisplay(productVersion: string): string {
  const v = parseProductVersion(productVersion);
  return `${productName(v.major)} (${formatVersion(v)})`;
}

export function knownVersion(server: string, productVersion: string): ServerVersion {
  const v = parseProductVersion(productVersion);
  return { server, productVersion, productName: productName(v.major), display: versionDisplay(productVersion), major: v.major, unknown: null };
}

/** One server's version through its own connection. */
export async function readVersion(server: string, connect: ServerConnections): Promise<ServerVersion> {
  const r = await readOnTarget(server, connect, async (exec) => (await exec.serverInfo()).productVersion);
  if ('value' in r) return knownVersion(server, r.value);
  return { server, productVersion: null, productName: null, display: null, major: null, ...r };
}

/** Every target of the master, with its version where its own connection can be reached. */
export async function targetVersions(master: MsdbExecutor, connect: ServerConnections): Promise<ServerVersion[]> {
  const targets = await listTargets(master);
  const out: ServerVersion[] = [];
  for (const t of targets) out.push(await readVersion(t.serverName, connect));
  return out;
}
