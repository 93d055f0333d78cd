// What the methods need from the host: the connections, the lab, and how to open either.
import type { Lab } from '../../lab/lab';
import type { MsdbExecutor } from '../../msdb/executor';
import type { ConnectionInfo, ConnectionRegistry, SqlServerConnectOptions } from '../connections';

export const LAB_CONNECTION_ID = 'lab';

export interface Core {
  connections: ConnectionRegistry;
  lab(): Lab;
  openLab(): Promise<ConnectionInfo>;
  connectSqlServer(opts: SqlServerConnectOptions): Promise<ConnectionInfo>;
  /** The connection's msdb; NOT_CONNECTED when it is not open. */
  master(connectionId: string): MsdbExecutor;
}
