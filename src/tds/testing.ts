// Fixtures for the TDS server's tests (imported by *.test.ts only): a server over an embedded
// master with MSXOperator and targets, with a sysadmin login and one that is not.
import { createTestMaster } from '../msdb/embedded/testing';
import { createTdsServer, type TdsServerOptions } from './server';

export const SA_PASSWORD = 'Lab#Pass1;x';
export const OPERATOR_LOGIN = 'msx_operator';

export async function startLabServer(extra: Partial<TdsServerOptions> = {}, targets: string[] = ['TSX1', 'TSX2', 'TSX3']) {
  const master = await createTestMaster(targets);
  const logs: string[] = [];
  const server = await createTdsServer({
    port: 0,
    logins: [
      { name: 'sa', password: SA_PASSWORD, executor: master.exec, database: 'msdb' },
      { name: OPERATOR_LOGIN, password: SA_PASSWORD, executor: master.msdb.executor({ login: OPERATOR_LOGIN, isSysadmin: false }), database: 'msdb' },
    ],
    log: (l) => logs.push(l),
    ...extra,
  });
  return { ...master, server, logs };
}
