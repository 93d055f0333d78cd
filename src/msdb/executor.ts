// The seam (architecture.md): everything above it runs unchanged against a real master
// (mssql executor) or the simulated msdb (embedded executor).

export type SqlValue = string | number | boolean | Date | null | Uint8Array;

export interface InfoMessage {
  number: number;
  severity: number;
  text: string;
}

export type Recordset = Array<Record<string, unknown>>;

export interface ProcResult {
  returnValue: number;
  recordsets: Recordset[];
  messages: InfoMessage[];
}

/**
 * sqlagent_type of sp_get_sqlagent_properties (spec §1): 1 standalone, 2 TSX, 3 MSX,
 * 0 both conditions true (inconsistent).
 */
// 'unknown': a read the role needs was denied (systargetservers or the Agent's registry; a
// login outside sysadmin), so no role is claimed: a master must not look standalone.
export type AgentRole = 'standalone' | 'msx' | 'tsx' | 'inconsistent' | 'unknown';

export function agentRoleFromType(sqlagentType: number): AgentRole {
  switch (sqlagentType) {
    case 1: return 'standalone';
    case 2: return 'tsx';
    case 3: return 'msx';
    default: return 'inconsistent';
  }
}

export interface ServerInfo {
  serverName: string;
  machineName: string;
  productVersion: string;
  edition: string;
  engineEdition: number;
  isSysadmin: boolean;
  login: string;
  agentRole: AgentRole;
  /** The master this server is enlisted into, when it is a target. */
  msxServerName: string | null;
}

/**
 * The SQL Server Agent registry values that decide how a target talks to its master (spec §7),
 * read as msdb's own sp_get_sqlagent_properties reads them: master.dbo.xp_instance_regread
 * with 'no_output' on HKLM\SOFTWARE\Microsoft\MSSQLServer\SQLServerAgent (the instance's key).
 * null = the read returned nothing: the value is absent (the Agent uses its default) or, for a
 * login outside sysadmin, the read was denied, which looks the same (spec §8: registry reads
 * report failures as messages that 'no_output' silences). readAsSysadmin says which it can be.
 */
/** What the Agent uses when a value is absent (a fresh install writes neither, spec §7). */
export const AGENT_REGISTRY_DEFAULTS = { msxEncryptChannelOptions: 2, allowDownloadedJobsToMatchProxyName: 0 } as const;

export interface AgentRegistryRead {
  msxServerName: string | null;
  msxEncryptChannelOptions: number | null;
  allowDownloadedJobsToMatchProxyName: number | null;
  /** The reading login is sysadmin: null then means absent, not denied. */
  readAsSysadmin: boolean;
  /** SQL Server's error when a read failed outright (caught, the other reads still ran). */
  error: { number: number; message: string } | null;
}

/** The Agent registry values a simulated target lets xp_instance_regwrite change (the lab's faults are made of them). */
export type WritableAgentRegistryValue = 'MsxEncryptChannelOptions' | 'AllowDownloadedJobsToMatchProxyName';

export interface MsdbExecutor {
  /** Runs one msdb procedure with named parameters. Severity >= 11 rejects with SqlServerError. */
  exec(proc: string, params?: Record<string, SqlValue | undefined>): Promise<ProcResult>;
  serverInfo(): Promise<ServerInfo>;
  /** The Agent's registry values (one round trip on a real server). */
  agentRegistry(): Promise<AgentRegistryRead>;
  /**
   * Simulated targets only: xp_instance_regwrite of one Agent value (REG_DWORD), so the fix
   * scripts' regwrite lines run against the lab's TDS endpoints. The console itself never writes
   * a server's registry; a real server's executor has no such method.
   */
  setAgentRegistry?(name: WritableAgentRegistryValue, value: number): Promise<void>;
}

const PROC_NAME = /^(?:(?:\[?msdb\]?\.)?(?:\[?dbo\]?\.))?\[?(sp_[A-Za-z0-9_]+)\]?$/i;

/**
 * Accepts `sp_x`, `dbo.sp_x` or `msdb.dbo.sp_x`, any case (and bracketed parts); returns the
 * bare procedure name in lower case, or undefined when the text is not an msdb procedure name.
 */
export function normalizeProcName(proc: string): string | undefined {
  const m = PROC_NAME.exec(proc.trim());
  return m ? m[1].toLowerCase() : undefined;
}

/** msdb procedures that only read (help, get, enum, verify, check, summaries, the probe): everything else may write. */
const READ_ONLY = /^sp_(help|get|enum|verify|check|multi_server_job_summary|sqlagent_probe_msx)/;

/** A bare lower-case procedure name (normalizeProcName's) that only reads. */
export function isReadOnlyProc(name: string): boolean {
  return READ_ONLY.test(name);
}

/** Parameter names with or without `@`, any case: returns a map keyed by lower-case names without `@`. */
export function normalizeParams(params: Record<string, SqlValue | undefined> | undefined): Map<string, SqlValue> {
  const out = new Map<string, SqlValue>();
  for (const [k, v] of Object.entries(params ?? {})) {
    if (v === undefined) continue;
    out.set(k.replace(/^@/, '').toLowerCase(), v);
  }
  return out;
}
