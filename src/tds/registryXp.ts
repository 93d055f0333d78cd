// xp_instance_regread and xp_instance_regwrite on the SQL Server Agent's key, as a DBA types
// them in sqlcmd or tsql (the diagnosis scripts use them): positional arguments, or
// @rootkey / @key / @value_name / @type / @value.
//   EXEC master.dbo.xp_instance_regread N'HKEY_LOCAL_MACHINE',
//        N'SOFTWARE\Microsoft\MSSQLServer\SQLServerAgent', N'MsxEncryptChannelOptions';
//     -> one row (Value, Data) when the value is there, none when it is absent (or not readable:
//        the executor's agentRegistry() reads as msdb does, a denied read is silent)
//   EXEC master.dbo.xp_instance_regwrite N'HKEY_LOCAL_MACHINE',
//        N'SOFTWARE\Microsoft\MSSQLServer\SQLServerAgent', N'AllowDownloadedJobsToMatchProxyName', N'REG_DWORD', 1;
//     -> through executor.setAgentRegistry (simulated targets only; 229 outside sysadmin)
// Only that key and the values the product reads are simulated; anything else is the lab's
// refusal (50000), never a guess. The OUTPUT form needs a declared variable, which only the
// project's own constant batch (agentRegistry.ts) has.
import type { AgentRegistryRead, MsdbExecutor, ProcResult, SqlValue, WritableAgentRegistryValue } from '../msdb/executor';

export type RegistryXp = 'xp_instance_regread' | 'xp_instance_regwrite';

const XP_NAME = /^(?:(?:\[?master\]?\.)?(?:\[?(?:dbo|sys)\]?\.))?\[?(xp_instance_reg(?:read|write))\]?$/i;

/** The extended procedure a name denotes (`xp_instance_regread`, `master.dbo.…`, `master..…`), or undefined. */
export function registryXpName(proc: string): RegistryXp | undefined {
  const m = XP_NAME.exec(proc.trim());
  return m ? (m[1]!.toLowerCase() as RegistryXp) : undefined;
}

export const AGENT_KEY = 'SOFTWARE\\Microsoft\\MSSQLServer\\SQLServerAgent';

const PARAMS = ['rootkey', 'key', 'value_name', 'type', 'value'] as const;

/** A refusal the lab raises itself: error 50000 with its own words, as RAISERROR('...', 16, 1) would. */
export class RegistryXpRefusal extends Error {
  readonly number = 50000;
  readonly severity = 16;
  readonly state = 1;
}

/** By lower-case value name: registry value names compare case-insensitively. */
const READABLE: Record<string, (r: AgentRegistryRead) => string | number | null> = {
  msxservername: (r) => r.msxServerName,
  msxencryptchanneloptions: (r) => r.msxEncryptChannelOptions,
  allowdownloadedjobstomatchproxyname: (r) => r.allowDownloadedJobsToMatchProxyName,
};

const WRITABLE: Record<string, WritableAgentRegistryValue> = {
  msxencryptchanneloptions: 'MsxEncryptChannelOptions',
  allowdownloadedjobstomatchproxyname: 'AllowDownloadedJobsToMatchProxyName',
};

function bind(xp: RegistryXp, args: ReadonlyArray<{ name?: string; value: SqlValue | undefined }>): Partial<Record<(typeof PARAMS)[number], SqlValue>> {
  const out: Partial<Record<(typeof PARAMS)[number], SqlValue>> = {};
  for (const [i, a] of args.entries()) {
    const name = a.name === undefined ? PARAMS[i] : (a.name.replace(/^@/, '').toLowerCase() as (typeof PARAMS)[number]);
    if (!name || !PARAMS.includes(name)) throw new RegistryXpRefusal(`${xp} takes @rootkey, @key, @value_name${xp === 'xp_instance_regwrite' ? ', @type and @value' : ''}.`);
    if (a.value !== undefined) out[name] = a.value;
  }
  return out;
}

const text = (v: SqlValue | undefined) => (typeof v === 'string' ? v.trim() : undefined);

/** Runs the call against the executor; throws RegistryXpRefusal or the executor's SqlServerError. */
export async function runRegistryXp(executor: MsdbExecutor, xp: RegistryXp, args: ReadonlyArray<{ name?: string; value: SqlValue | undefined }>): Promise<ProcResult> {
  const p = bind(xp, args);
  const rootkey = text(p.rootkey);
  const key = text(p.key)?.replace(/^\\+/, '');
  const valueName = text(p.value_name);
  if (rootkey?.toUpperCase() !== 'HKEY_LOCAL_MACHINE' || key?.toUpperCase() !== AGENT_KEY.toUpperCase() || !valueName) {
    throw new RegistryXpRefusal(`The MSX Studio lab simulates only the SQL Server Agent's values under HKEY_LOCAL_MACHINE\\${AGENT_KEY} (${xp} needs the root key, that key and a value name).`);
  }
  if (xp === 'xp_instance_regread') {
    if (p.type !== undefined) throw new RegistryXpRefusal('xp_instance_regread with an OUTPUT variable needs DECLARE, which the lab does not run: call it with three arguments to get a (Value, Data) row.');
    const read = READABLE[valueName.toLowerCase()];
    if (!read) throw new RegistryXpRefusal(`The lab simulates MSXServerName, MsxEncryptChannelOptions and AllowDownloadedJobsToMatchProxyName, not '${valueName}'.`);
    const data = read(await executor.agentRegistry());
    return { returnValue: 0, recordsets: [data === null ? [] : [{ Value: valueName, Data: data }]], messages: [] };
  }
  const name = WRITABLE[valueName.toLowerCase()];
  if (!name) throw new RegistryXpRefusal(`The lab lets xp_instance_regwrite change MsxEncryptChannelOptions and AllowDownloadedJobsToMatchProxyName, not '${valueName}'.`);
  if (text(p.type)?.toUpperCase() !== 'REG_DWORD') throw new RegistryXpRefusal(`${name} is a REG_DWORD.`);
  const value = p.value;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new RegistryXpRefusal(`${name} takes a whole number.`);
  if (!executor.setAgentRegistry) throw new RegistryXpRefusal("This lab server's registry cannot be written: only the lab's target and standalone servers simulate an Agent registry the lab changes.");
  await executor.setAgentRegistry(name, value);
  return { returnValue: 0, recordsets: [], messages: [] };
}
