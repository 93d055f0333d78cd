// MSX_TEST_MASTER: the connection string of a real master for the behavioural contract suite.
// Unset, the suite runs against the embedded master only and says why the real part is skipped.
// The string is parsed at once, so a typo fails loudly instead of skipping quietly; no message
// ever repeats the string (it holds a password).
import { parseConnectionString } from './connectionString';
import { connectSqlServer, type SqlServerSession } from './connector';
import type { SqlServerConnectionDeps } from './connection';
import { describeConnection, type SqlServerConnectionOptions } from './options';

export const TEST_MASTER_ENV = 'MSX_TEST_MASTER';

export type TestMaster =
  | { enabled: true; options: SqlServerConnectionOptions; description: string; connect(deps?: SqlServerConnectionDeps): Promise<SqlServerSession> }
  | { enabled: false; skipReason: string };

export function testMasterFromEnv(env: Record<string, string | undefined> = process.env): TestMaster {
  const text = env[TEST_MASTER_ENV];
  if (text === undefined || text.trim() === '') {
    return {
      enabled: false,
      skipReason: `${TEST_MASTER_ENV} is not set: the contract suite ran against the embedded master only. Set it to a connection string such as "Server=host,1433;User Id=sa;Password=...;Encrypt=Mandatory;TrustServerCertificate=true" to run it against a real master too.`,
    };
  }
  let options: SqlServerConnectionOptions;
  try {
    options = parseConnectionString(text);
  } catch (e) {
    throw new Error(`${TEST_MASTER_ENV} is not a usable connection string: ${(e as Error).message}`, { cause: e });
  }
  const d = describeConnection(options);
  return {
    enabled: true,
    options,
    description: `${String(d.server)} (${String(d.authentication)}${d.login ? `, ${String(d.login)}` : ''})`,
    connect: (deps) => connectSqlServer(options, deps),
  };
}
