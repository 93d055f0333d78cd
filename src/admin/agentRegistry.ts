// A target's SQL Server Agent registry values, read on the target's own connection (a lab
// server, a registered server, or an open connection to it) the way msdb reads them, and what
// they mean for its link to this master (spec §7, dba-field-notes §1): which master it believes
// it is enlisted into, how it encrypts the channel, whether downloaded job steps may use proxies.
import { AGENT_REGISTRY_DEFAULTS, type AgentRegistryRead, type MsdbExecutor } from '../msdb/executor';
import { readOnTarget } from './onTarget';

const REGISTRY_DEFAULTS = AGENT_REGISTRY_DEFAULTS;

/**
 * What the values say about this target and this master, worst first:
 * - notEnlisted: MSXServerName is empty, yet the master lists the target (it defected, or was
 *   never told; the master's row is left over: Force Defection or sp_delete_targetserver);
 * - otherMaster: MSXServerName names another master (the master's row is an orphan);
 * - encryptionOff: 0, the master–target channel (job definitions, outcomes) is not encrypted;
 * - maybeDenied: read by a login outside sysadmin, so an absent value may be a denied read.
 * The defaults (2: validate the master's certificate; 0: no proxy matching) are not findings:
 * each value's meaning is shown beside it, and a diagnosis points at the one that matters.
 */
export type RegistryFinding = 'notEnlisted' | 'otherMaster' | 'encryptionOff' | 'maybeDenied';

export interface TargetAgentRegistry {
  server: string;
  /** null when read; why not otherwise ('notRegistered': no connection to the target). */
  unknown: null | 'notRegistered' | 'unreachable';
  /** The error's text when the target's connection or the read failed. */
  reason?: string;
  read?: AgentRegistryRead;
  /** What the Agent uses: the value, or its default when absent. */
  effective?: { msxEncryptChannelOptions: number; allowDownloadedJobsToMatchProxyName: number };
  findings: RegistryFinding[];
}

const sameServer = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();

/** The findings for one read, for a target the master `masterName` lists. */
export function registryFindings(read: AgentRegistryRead, masterName: string): RegistryFinding[] {
  const out: RegistryFinding[] = [];
  // A denied read is silent: only a sysadmin's empty value surely means "not enlisted".
  if (read.msxServerName === null) {
    if (read.readAsSysadmin) out.push('notEnlisted');
  } else if (!sameServer(read.msxServerName, masterName)) {
    out.push('otherMaster');
  }
  if ((read.msxEncryptChannelOptions ?? REGISTRY_DEFAULTS.msxEncryptChannelOptions) === 0) out.push('encryptionOff');
  if (!read.readAsSysadmin) out.push('maybeDenied');
  return out;
}

/** One target's Agent registry through its own connection (undefined: none to it). */
export async function readTargetRegistry(
  server: string,
  masterName: string,
  connect: (server: string) => MsdbExecutor | undefined | Promise<MsdbExecutor | undefined>,
): Promise<TargetAgentRegistry> {
  const r = await readOnTarget(server, connect, (exec) => exec.agentRegistry());
  if (!('value' in r)) return { server, ...r, findings: [] };
  const read = r.value;
  return {
    server,
    unknown: null,
    read,
    effective: {
      msxEncryptChannelOptions: read.msxEncryptChannelOptions ?? REGISTRY_DEFAULTS.msxEncryptChannelOptions,
      allowDownloadedJobsToMatchProxyName: read.allowDownloadedJobsToMatchProxyName ?? REGISTRY_DEFAULTS.allowDownloadedJobsToMatchProxyName,
    },
    findings: registryFindings(read, masterName),
  };
}
