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

export interface MsdbExecutor {
  /** Runs one msdb procedure with named parameters. Severity >= 11 rejects with SqlServerError. */
  exec(proc: string, params?: Record<string, SqlValue | undefined>): Promise<ProcResult>;
  serverInfo(): Promise<ServerInfo>;
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

/** Parameter names with or without `@`, any case: returns a map keyed by lower-case names without `@`. */
export function normalizeParams(params: Record<string, SqlValue | undefined> | undefined): Map<string, SqlValue> {
  const out = new Map<string, SqlValue>();
  for (const [k, v] of Object.entries(params ?? {})) {
    if (v === undefined) continue;
    out.set(k.replace(/^@/, '').toLowerCase(), v);
  }
  return out;
}
