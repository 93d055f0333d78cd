// The contract suite (suite.ts) against every master this machine can have, and a real one when
// MSX_TEST_MASTER names it:
//   embedded       the lab's simulated msdb, called directly
//   mssql (fake)   the mssql executor, over a fake driver whose "server" is the same simulated
//                  msdb: typed RPC parameters, recordsets, messages and errors as mssql carries them
//   over TDS       the lab serving TDS on loopback, reached through a connection string and the
//                  mssql executor exactly as a real master is: runs in every run
//   real master    MSX_TEST_MASTER (a connection string); optionally MSX_TEST_MASTER_NONSYSADMIN,
//                  the same master as a login outside sysadmin and granted nothing in msdb.
//                  Skipped, saying so, when unset.
import { describe, it } from 'vitest';
import { VirtualScheduler } from '../../agent/scheduler';
import { Lab } from '../../lab/lab';
import { defaultScenario } from '../../lab/scenario';
import { LabTds } from '../../lab/tds';
import { newTdsPassword } from '../../lab/tdsOptions';
import { connectSqlServer } from '../../msdb/sqlserver/connector';
import { parseConnectionString } from '../../msdb/sqlserver/connectionString';
import { openOver } from '../../msdb/sqlserver/testSupport';
import { testMasterFromEnv, TEST_MASTER_ENV } from '../../msdb/sqlserver/testMaster';
import { createSelfSignedCertificate } from '../../tds';
import { adminContractSuite } from './suite';

const NON_SYSADMIN_ENV = 'MSX_TEST_MASTER_NONSYSADMIN';
const UNKNOWN = 'MSXSTUDIO-NO-SUCH-TSX';
const LAB_TARGETS = ['LONDON-SQL01', 'NYC-SQL02', 'SEA-SQL03', 'SYD-SQL05', 'TOKYO-SQL04'];

async function newLab(): Promise<Lab> {
  return Lab.create(defaultScenario(), { scheduler: new VirtualScheduler() });
}

adminContractSuite('admin contract: embedded master', async () => {
  const lab = await newLab();
  return {
    master: lab.executor(),
    target: (name) => lab.targetExecutor(name),
    fixtures: { unknownTarget: UNKNOWN, expectedTargets: LAB_TARGETS, nonSysadminMaster: lab.executor({ login: 'app', isSysadmin: false }) },
    close: () => lab.close(),
  };
});

adminContractSuite('admin contract: mssql executor over a fake driver backed by the embedded master', async () => {
  const lab = await newLab();
  const master = await openOver(lab.executor());
  const pleb = await openOver(lab.executor({ login: 'app', isSysadmin: false }), 'app');
  const targets = new Map<string, Awaited<ReturnType<typeof openOver>>>();
  return {
    master: master.executor,
    // Each target behind its own fake connection, opened on first use like a registered target.
    target: async (name) => {
      const inner = lab.targetExecutor(name);
      if (!inner) return undefined;
      const key = name.toUpperCase();
      if (!targets.has(key)) targets.set(key, await openOver(inner));
      return targets.get(key)!.executor;
    },
    fixtures: {
      unknownTarget: UNKNOWN,
      expectedTargets: LAB_TARGETS,
      nonSysadminMaster: pleb.executor,
      wireRequests: () => master.driver.sent.length,
    },
    close: async () => {
      for (const c of [master, pleb, ...targets.values()]) await c.connection.close();
      lab.close();
    },
  };
});

// The real-master path on the wire, in every run: the lab serves TDS on loopback and the suite
// reaches it the way it reaches a real master named by MSX_TEST_MASTER (a connection string,
// parsed and opened by the project's mssql executor); the non-sysadmin half logs in as labuser.
// Force Poll signals each target through its own TDS endpoint, as a registered target.
adminContractSuite('admin contract: real master over TDS (the lab on loopback, mssql executor)', async () => {
  const lab = await newLab();
  const password = newTdsPassword();
  const tds = await LabTds.start(lab, { port: 0, password, generated: true, tls: createSelfSignedCertificate() });
  const port = (server: string) => tds.status.endpoints.find((e) => e.server.toUpperCase() === server.toUpperCase())?.port;
  const connectionString = (server: string, login: string) =>
    `Server=127.0.0.1,${port(server)};User Id=${login};Password=${password};Encrypt=Mandatory;TrustServerCertificate=true`;
  const master = testMasterFromEnv({ [TEST_MASTER_ENV]: connectionString('MSX01', 'sa') });
  if (!master.enabled) throw new Error(master.skipReason);
  const session = await master.connect();
  const pleb = await connectSqlServer(parseConnectionString(connectionString('MSX01', 'labuser')));
  const targets = new Map<string, Awaited<ReturnType<typeof connectSqlServer>>>();
  return {
    master: session.executor,
    target: async (name) => {
      if (port(name) === undefined) return undefined;
      const key = name.toUpperCase();
      if (!targets.has(key)) targets.set(key, await connectSqlServer(parseConnectionString(connectionString(name, 'sa'))));
      return targets.get(key)!.executor;
    },
    fixtures: { unknownTarget: UNKNOWN, expectedTargets: LAB_TARGETS, nonSysadminMaster: pleb.executor },
    close: async () => {
      for (const c of [session, pleb, ...targets.values()]) await c.close();
      await tds.close();
      lab.close();
    },
  };
});

const real = testMasterFromEnv();
if (real.enabled) {
  adminContractSuite(`admin contract: real master ${real.description}`, async () => {
    const session = await real.connect();
    const plebText = process.env[NON_SYSADMIN_ENV];
    const pleb = plebText ? await connectSqlServer(parseConnectionString(plebText)) : undefined;
    return {
      master: session.executor,
      // The suite has no target connections on a real fleet: Force Poll reports notRegistered.
      target: () => undefined,
      fixtures: {
        unknownTarget: UNKNOWN,
        ...(pleb
          ? { nonSysadminMaster: pleb.executor }
          : { nonSysadminSkipReason: `${NON_SYSADMIN_ENV} is not set: set it to a connection string for the same master as a login outside sysadmin to run this part.` }),
      },
      close: async () => {
        await pleb?.close();
        await session.close();
      },
    };
  });
} else {
  describe.skip(`admin contract: real master: skipped, ${real.skipReason}`, () => {
    it(`runs when ${TEST_MASTER_ENV} is set`, () => undefined);
  });
}
