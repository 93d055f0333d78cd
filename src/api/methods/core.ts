// What the methods need from the host: the connections, the lab, and how to open either.
import type { ServerDescription } from '../../admin/serverInfo';
import type { Lab } from '../../lab/lab';
import type { LabTdsSwitch } from '../../lab/tds';
import type { MsdbExecutor } from '../../msdb/executor';
import type { AuditLog } from '../auditLog';
import type { ConnectionInfo, ConnectionRegistry, SqlServerConnectOptions } from '../connections';
import type { RegisteredTargets } from '../registeredTargets';
import type { ConnectionStore } from '../savedConnections';

export const LAB_CONNECTION_ID = 'lab';

/** Who the lab's master connection logs in as (connections.openLab). */
export interface LabLogin {
  login?: string;
  /** Default true. false opens the lab as a login outside sysadmin (spec §3.2's silent no-op). */
  sysadmin?: boolean;
}

/** connections.test's answer: the server as it described itself, and how long connecting took. */
export interface ConnectionTestResult extends ServerDescription {
  /** SQL Server's error number when the Agent role could not be read (229: not sysadmin); null otherwise. */
  agentRoleError: number | null;
  elapsedMs: number;
}

export interface Core {
  connections: ConnectionRegistry;
  lab(): Lab;
  /** Opens the lab's master (as `as`, when given and different from the open one). */
  openLab(as?: LabLogin): Promise<ConnectionInfo>;
  connectSqlServer(opts: SqlServerConnectOptions): Promise<ConnectionInfo>;
  testSqlServer(opts: SqlServerConnectOptions): Promise<ConnectionTestResult>;
  /** Saved connections and registered targets (connections.json + the SecretStore). */
  saved: ConnectionStore;
  registeredTargets: RegisteredTargets;
  /** Opens a lab server other than the master as connection 'lab:<SERVER>' (the master: openLab). */
  openLabServer(server: string): Promise<ConnectionInfo>;
  /** The app's data folder (runbook plans are saved under it unless a path is chosen). */
  dataDir(): string;
  /** The connection's msdb; NOT_CONNECTED when it is not open. Its writes are recorded in `audit`. */
  master(connectionId: string): MsdbExecutor;
  /** The lab's TDS endpoints (lab/tds.ts), where the host offers them. */
  labTds?: LabTdsSwitch;
  /** What this console sent (auditLog.ts). */
  audit: AuditLog;
}
