// Shared set-up for this folder's tests: a connection over the fake driver.
import { SqlServerConnection, type SqlServerConnectionDeps } from './connection';
import { SqlServerExecutor } from './executor';
import { SqlServerError } from '../../msx/errors';
import type { MsdbExecutor, SqlValue } from '../executor';
import { FakeDriver, sqlError, type FakeResponse, type SentRequest } from './fakeMssql';
import type { SqlServerConnectionOptions } from './options';

export const SA_OPTIONS: SqlServerConnectionOptions = {
  server: 'MSX01,1433',
  authentication: { type: 'sql', login: 'sa', password: 'Secret#1;x' },
  encrypt: 'Mandatory',
  trustServerCertificate: true,
  connectTimeoutMs: 5000,
  requestTimeoutMs: 20000,
};

export const SERVER_INFO_ROW = {
  server_name: 'MSX01',
  machine_name: 'MSX01',
  product_version: '16.0.4135.4',
  edition: 'Enterprise Edition (64-bit)',
  engine_edition: 3,
  is_sysadmin: 1,
  login_name: 'sa',
  msx_server_name: null,
  target_count: 3,
  sqlagent_type: 3,
  role_error: null,
};

/** Answers the serverInfo batch with SERVER_INFO_ROW and procedures with `proc(req)`. */
export function responder(proc: (req: SentRequest) => FakeResponse | Promise<FakeResponse> = () => ({})) {
  return (req: SentRequest) => (req.kind === 'query' ? { recordsets: [[{ ...SERVER_INFO_ROW }]] } : proc(req));
}

export interface OpenFakeOptions {
  /** Answers procedure calls (the serverInfo batch is answered with SERVER_INFO_ROW). */
  proc?: (req: SentRequest) => FakeResponse | Promise<FakeResponse>;
  options?: SqlServerConnectionOptions;
  deps?: Omit<SqlServerConnectionDeps, 'driver'>;
  driver?: FakeDriver;
}

export async function openFake(o: OpenFakeOptions = {}): Promise<{ driver: FakeDriver; connection: SqlServerConnection; executor: SqlServerExecutor }> {
  const driver = o.driver ?? new FakeDriver();
  driver.responder = responder(o.proc);
  const connection = await SqlServerConnection.open(o.options ?? SA_OPTIONS, { ...o.deps, driver });
  return { driver, connection, executor: new SqlServerExecutor(connection) };
}

/** `{ name: 'TYPE' }` of what was sent, for compact assertions. */
export function typesOf(req: SentRequest): Record<string, string> {
  return Object.fromEntries(req.params.map((p) => [p.name, p.type]));
}

export function valuesOf(req: SentRequest): Record<string, unknown> {
  return Object.fromEntries(req.params.map((p) => [p.name, p.value]));
}

const SQLAGENT_TYPE = { standalone: 1, tsx: 2, msx: 3, inconsistent: 0 } as const;

/**
 * A fake mssql whose "server" is another MsdbExecutor (the embedded msdb): each RPC is handed to
 * it with the parameters exactly as the mssql executor typed them, and its answer comes back the
 * way mssql delivers one (recordsets, 'info' messages, RequestError with SQL Server's number).
 * Everything the executor sends is still recorded in `driver.sent`. So the mssql executor's whole
 * path runs against msdb's real behaviour, where no SQL Server is available.
 */
export function driverOver(server: MsdbExecutor): FakeDriver {
  const driver = new FakeDriver();
  driver.responder = async (req) => {
    if (req.kind === 'query') {
      const i = await server.serverInfo();
      return {
        recordsets: [
          [
            {
              server_name: i.serverName,
              machine_name: i.machineName,
              product_version: i.productVersion,
              edition: i.edition,
              engine_edition: i.engineEdition,
              is_sysadmin: i.isSysadmin ? 1 : 0,
              login_name: i.login,
              msx_server_name: i.msxServerName,
              target_count: null,
              sqlagent_type: i.agentRole === 'unknown' ? null : SQLAGENT_TYPE[i.agentRole],
              role_error: i.agentRole === 'unknown' ? 229 : null,
            },
          ],
        ],
      };
    }
    const proc = (req.procedure ?? '').replace(/^msdb\.dbo\./, '');
    try {
      const r = await server.exec(proc, Object.fromEntries(req.params.map((p) => [p.name, p.value as SqlValue])));
      return { returnValue: r.returnValue, recordsets: r.recordsets, info: r.messages.map((m) => ({ number: m.number, class: m.severity, message: m.text })) };
    } catch (e) {
      if (!(e instanceof SqlServerError)) throw e;
      const extra: { state: number; procName?: string; lineNumber?: number } = { state: e.state };
      if (e.procName !== undefined) extra.procName = e.procName;
      if (e.lineNumber !== undefined) extra.lineNumber = e.lineNumber;
      return { error: sqlError(e.number, e.severity, e.message, extra) };
    }
  };
  return driver;
}

/** An mssql executor (over driverOver) on `server`, connected as `login`. */
export async function openOver(server: MsdbExecutor, login = 'sa'): Promise<{ driver: FakeDriver; connection: SqlServerConnection; executor: SqlServerExecutor }> {
  const driver = driverOver(server);
  const connection = await SqlServerConnection.open({ ...SA_OPTIONS, authentication: { type: 'sql', login, password: 'Secret#1;x' } }, { driver });
  return { driver, connection, executor: new SqlServerExecutor(connection) };
}
