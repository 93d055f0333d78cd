// The mssql (tedious) side of the executor seam: connect to a real master or target.
export {
  connectSqlServer,
  createSqlServerConnector,
  testSqlServerConnection,
  toConnectionOptions,
  type ApiConnectOptions,
  type SqlServerSession,
  type SqlServerSessionWithInfo,
} from './connector';
export {
  SqlServerConnection,
  InvalidConnectionOptions,
  type ConnectionState,
  type ConnectionStateEvent,
  type ConnectionStateListener,
  type SqlServerConnectionDeps,
} from './connection';
export { SqlServerExecutor, type ExecOptions } from './executor';
export { ConnectionFailure, isConnectionFailure, SqlServerCallError, type ConnectionFailureKind } from './errors';
export {
  APPLICATION_NAME,
  describeConnection,
  validateConnectionOptions,
  type AuthenticationType,
  type EncryptOption,
  type OptionIssue,
  type SqlServerAuthentication,
  type SqlServerConnectionOptions,
} from './options';
export { parseServerName, type ServerAddress, type ServerNameResult } from './serverName';
export { parseConnectionString, redactConnectionString, ConnectionStringError } from './connectionString';
export type { SqlServerInfo } from './serverInfo';
export { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
export { testMasterFromEnv, TEST_MASTER_ENV, type TestMaster } from './testMaster';
