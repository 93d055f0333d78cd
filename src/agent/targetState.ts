// Everything a simulated target server holds: what a real one keeps in its own msdb and the
// Agent's registry, plus the agent's own progress. Plain data, so the lab can save it.
import { AGENT_REGISTRY_DEFAULTS } from '../msdb/executor';
import type { JobDefinition, JobOutcome, OperatorCopy } from './masterLink';

export interface LocalJob extends JobDefinition {
  /** 1 = "Jobs from MSX" for every downloaded job (spec §2.6). */
  categoryId: number;
}

export interface RunningJob {
  jobId: string;
  startedAt: number; // scheduler time, UTC ms
  endsAt: number;
  /** Decided when the run starts, so a reopened lab finishes it the same way. */
  outcome: JobOutcome;
}

export interface TargetSpec {
  name: string;
  location: string | null;
  /** Minutes east of UTC (minus the Windows Bias). */
  timeZoneMinutes: number;
  productVersion: string;
  edition: string;
  /** MSXPollInterval the target enlists with. */
  pollInterval: number;
  /** The Agent's service account, recorded as enlisted_by_nt_user. */
  serviceAccount: string;
  /** PLATFORM(): sp_msx_enlist refuses a server not on Windows NT (14540). Default Windows. */
  platform?: 'Windows' | 'Linux';
}

export interface AgentLogLine {
  at: number; // target wall clock
  severity: 'info' | 'warning' | 'error';
  text: string;
}

/**
 * The Agent registry values (HKLM\SOFTWARE\Microsoft\MSSQLServer\SQLServerAgent, per instance)
 * that decide how a target talks to its master (spec §7). null = the value is absent, and the
 * Agent then uses its default: MsxEncryptChannelOptions 2 (encrypt and validate the master's
 * certificate), AllowDownloadedJobsToMatchProxyName 0 (downloaded steps cannot use a proxy).
 * MSXServerName and MSXPollInterval are TargetState.msxServerName and pollInterval.
 */
export interface AgentRegistryValues {
  msxEncryptChannelOptions: number | null;
  allowDownloadedJobsToMatchProxyName: number | null;
}

/** A lab target as first built: the defaults a fresh install has (both values absent). */
export const DEFAULT_AGENT_REGISTRY: AgentRegistryValues = { msxEncryptChannelOptions: null, allowDownloadedJobsToMatchProxyName: null };

export interface TargetState {
  spec: TargetSpec;
  /** The Agent service is running. */
  running: boolean;
  /** Registry MSXServerName; null when not enlisted. */
  msxServerName: string | null;
  /** Registry MSXPollInterval, seconds. */
  pollInterval: number;
  /** sqlagent_info DateEnlisted (yyyymmdd). */
  dateEnlisted: string | null;
  /** How far this server's clock is off, ms (SYNC-TIME puts it right). */
  clockSkewMs: number;
  /** Downloaded jobs. Each entry is immutable (replaced on change), so copies can be shared. */
  jobs: LocalJob[];
  operators: OperatorCopy[];
  /** Outcomes not yet uploaded because the master could not be reached, oldest first. */
  spool: JobOutcome[];
  runningJobs: RunningJob[];
  nextPollAt: number | null;
  /** Scheduler time of the last probe the master answered. */
  lastProbeAt: number | null;
  /** The lab's "fail next instruction" fault: the message to write as error_message. */
  failNext: string | null;
  /** Absent in lab files saved before the registry was simulated: DEFAULT_AGENT_REGISTRY then. */
  registry?: AgentRegistryValues;
  /**
   * A lab fact, not a registry value: the target trusts the master's certificate (its issuer is
   * trusted there and it is issued to the master's name). Absent = true.
   */
  trustsMasterCertificate?: boolean;
  /** The SQL Server Agent proxies this target has (sysproxies.name on the target). Absent = none. */
  proxies?: string[];
  rng: number;
  log: AgentLogLine[];
}

export function newTargetState(spec: TargetSpec, rngSeed: number): TargetState {
  return {
    spec,
    running: true,
    msxServerName: null,
    pollInterval: spec.pollInterval,
    dateEnlisted: null,
    clockSkewMs: 0,
    jobs: [],
    operators: [],
    spool: [],
    runningJobs: [],
    nextPollAt: null,
    lastProbeAt: null,
    failNext: null,
    registry: { ...DEFAULT_AGENT_REGISTRY },
    rng: rngSeed,
    log: [],
  };
}

/** A target's registry values, DEFAULT_AGENT_REGISTRY for a lab file saved before they were kept. */
export function registryOf(state: TargetState): AgentRegistryValues {
  return state.registry ?? DEFAULT_AGENT_REGISTRY;
}

/** What the Agent uses: the value, or its default when absent (spec §7). */
export function effectiveRegistry(state: TargetState): { msxEncryptChannelOptions: number; allowDownloadedJobsToMatchProxyName: number } {
  const r = registryOf(state);
  return {
    msxEncryptChannelOptions: r.msxEncryptChannelOptions ?? AGENT_REGISTRY_DEFAULTS.msxEncryptChannelOptions,
    allowDownloadedJobsToMatchProxyName: r.allowDownloadedJobsToMatchProxyName ?? AGENT_REGISTRY_DEFAULTS.allowDownloadedJobsToMatchProxyName,
  };
}
