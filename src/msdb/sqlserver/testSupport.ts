// Shared set-up for this folder's tests: a connection over the fake driver.
import { SqlServerConnection, type SqlServerConnectionDeps } from './connection';
import { SqlServerExecutor } from './executor';
import { FakeDriver, type FakeResponse, type SentRequest } from './fakeMssql';
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
