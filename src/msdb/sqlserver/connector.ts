// The factories the API layer injects. src/api defines `SqlServerConnector { connect(opts) }`
// (src/api/connections.ts); createSqlServerConnector() matches it structurally, because src/msdb
// sits below src/api and does not import from it (a test checks the match at compile time).
import { InvalidConnectionOptions, SqlServerConnection, type ConnectionStateListener, type SqlServerConnectionDeps } from './connection';
import { SqlServerExecutor } from './executor';
import type { EncryptOption, SqlServerAuthentication, SqlServerConnectionOptions } from './options';
import type { SqlServerInfo } from './serverInfo';

export interface SqlServerSession {
  executor: SqlServerExecutor;
  /** Current state and its changes ('open' | 'reconnecting' | 'error' | 'closed'). */
  connection: SqlServerConnection;
  /** The API forwards these as `connection` events. */
  onState(listener: ConnectionStateListener): () => void;
  close(): Promise<void>;
}

export interface SqlServerSessionWithInfo extends SqlServerSession {
  info: SqlServerInfo;
}

function session(connection: SqlServerConnection): SqlServerSession {
  return {
    executor: new SqlServerExecutor(connection),
    connection,
    onState: (listener) => connection.onState(listener),
    close: () => connection.close(),
  };
}

/**
 * Connects and reads the server's identity: the login, then the one serverInfo batch. Rejects
 * with InvalidConnectionOptions (field issues), ConnectionFailure (kind + hint), or
 * SqlServerError if the server refused the information batch itself.
 */
export async function connectSqlServer(options: SqlServerConnectionOptions, deps: SqlServerConnectionDeps = {}): Promise<SqlServerSessionWithInfo> {
  const s = session(await SqlServerConnection.open(options, deps));
  let info: SqlServerInfo;
  try {
    info = await s.executor.serverInfo();
  } catch (e) {
    await s.connection.close();
    throw e;
  }
  return { ...s, info };
}

/** The Connect dialog's Test button: connect, read the server's identity, disconnect. */
export async function testSqlServerConnection(options: SqlServerConnectionOptions, deps: SqlServerConnectionDeps = {}): Promise<SqlServerInfo> {
  const s = await connectSqlServer(options, deps);
  await s.close();
  return s.info;
}

/**
 * What src/api's connections.connectSqlServer passes today (server, sql|windows, login,
 * password, encrypt as a boolean, trustServerCertificate), plus the fields the Connect dialog
 * of issue 5 adds; all of those are optional so today's shape is accepted as it is.
 */
export interface ApiConnectOptions {
  server: string;
  authentication: SqlServerAuthentication['type'];
  login?: string;
  password?: string;
  /** Windows (NTLM): the domain; or give the login as DOMAIN\user. */
  domain?: string;
  /** true = Mandatory, false = Optional, or the SSMS choice itself. */
  encrypt: boolean | EncryptOption;
  trustServerCertificate: boolean;
  hostNameInCertificate?: string;
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Microsoft Entra. */
  clientId?: string;
  clientSecret?: string;
  tenantId?: string;
}

/** The API's flat options as this executor's options. Throws InvalidConnectionOptions for what cannot work. */
export function toConnectionOptions(o: ApiConnectOptions): SqlServerConnectionOptions {
  const login = o.login ?? '';
  const password = o.password ?? '';
  let authentication: SqlServerAuthentication;
  switch (o.authentication) {
    case 'sql':
      authentication = { type: 'sql', login, password };
      break;
    case 'windows': {
      // There is no SSPI single sign-on in this client: Windows Authentication is NTLM with
      // explicit credentials, the domain given apart or as DOMAIN\user.
      const slash = login.indexOf('\\');
      const domain = o.domain ?? (slash > 0 ? login.slice(0, slash) : '');
      const user = o.domain === undefined && slash > 0 ? login.slice(slash + 1) : login;
      if (!domain || !user) {
        throw new InvalidConnectionOptions([
          { path: 'login', message: 'Windows Authentication connects with NTLM here: enter the login as DOMAIN\\user, with its password.' },
        ]);
      }
      authentication = { type: 'windows', domain, login: user, password };
      break;
    }
    case 'entra-password':
      authentication = { type: 'entra-password', login, password, clientId: o.clientId ?? '' };
      if (o.tenantId) authentication.tenantId = o.tenantId;
      break;
    case 'entra-service-principal':
      authentication = { type: 'entra-service-principal', clientId: o.clientId ?? login, clientSecret: o.clientSecret ?? password, tenantId: o.tenantId ?? '' };
      break;
    case 'entra-default':
      authentication = o.clientId ? { type: 'entra-default', clientId: o.clientId } : { type: 'entra-default' };
      break;
    default:
      throw new InvalidConnectionOptions([{ path: 'authentication', message: 'Choose an authentication type.' }]);
  }
  const options: SqlServerConnectionOptions = {
    server: o.server,
    authentication,
    encrypt: typeof o.encrypt === 'boolean' ? (o.encrypt ? 'Mandatory' : 'Optional') : o.encrypt,
    trustServerCertificate: o.trustServerCertificate,
  };
  if (o.hostNameInCertificate) options.hostNameInCertificate = o.hostNameInCertificate;
  if (o.connectTimeoutMs !== undefined) options.connectTimeoutMs = o.connectTimeoutMs;
  if (o.requestTimeoutMs !== undefined) options.requestTimeoutMs = o.requestTimeoutMs;
  return options;
}

/**
 * The connector for src/api: `connect(opts)` opens the pool (one login) and returns the executor
 * and close(); the API reads serverInfo itself right after, so this does not read it too. The
 * session also offers onState, for forwarding 'reconnecting' / 'error' as connection events.
 * `test(opts)` is the Connect dialog's Test button (testSqlServerConnection).
 */
export function createSqlServerConnector(deps: Omit<SqlServerConnectionDeps, 'onState'> = {}): {
  connect(opts: ApiConnectOptions): Promise<SqlServerSession>;
  test(opts: ApiConnectOptions): Promise<SqlServerInfo>;
} {
  return {
    connect: async (opts) => session(await SqlServerConnection.open(toConnectionOptions(opts), deps)),
    test: (opts) => testSqlServerConnection(toConnectionOptions(opts), deps),
  };
}
