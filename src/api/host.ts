// The API host: the lab, the connections, the method table, the dispatcher and the event stream,
// put together once. Browser mode and the Electron shell both serve exactly this.
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describeServer } from '../admin/serverInfo';
import { RealScheduler, type Scheduler } from '../agent/scheduler';
import { Lab } from '../lab/lab';
import { defaultScenario, type Scenario } from '../lab/scenario';
import { labCertificate, LabTdsSwitch } from '../lab/tds';
import type { LabTdsOptions } from '../lab/tdsOptions';
import type { TlsCredentials } from '../tds';
import type { MsdbExecutor, ServerInfo } from '../msdb/executor';
import { READ_PROCS } from '../msdb/embedded/procs/permissions';
import { createSqlServerConnector } from '../msdb/sqlserver/connector';
import { userDataDir } from '../lab/paths';
import { ApiFailure } from './errors';
import { labConnectionId } from './methods/labServers';
import { connectOptionsOf } from './connectFields';
import { ConnectionRegistry, type ConnectionInfo, type SqlServerConnectOptions, type SqlServerConnector } from './connections';
import type { ApiHost } from './contract';
import { AUDIT_FILE_NAME, AuditLog, auditedExecutor } from './auditLog';
import { createDispatcher } from './dispatcher';
import { DEFAULT_REFRESH_MS, EventHub } from './events';
import { buildMethods, LAB_CONNECTION_ID, type Core } from './methods';
import type { LabLogin } from './methods/core';
import { RegisteredTargets } from './registeredTargets';
import { ConnectionStore, CONNECTIONS_FILE_NAME } from './savedConnections';
import { memorySecretStore, type SecretStore } from './secrets';

export interface ApiHostOptions {
  /** Time for the lab and the refresh ticks; a RealScheduler unless given (tests pass a VirtualScheduler). */
  scheduler?: Scheduler;
  /** Where the lab is saved; without it the lab lives in memory only. */
  labFile?: string;
  /** Start the lab file over from the scenario. */
  fresh?: boolean;
  scenario?: Scenario;
  /** How connections.connectSqlServer reaches a real server: the mssql executor unless given. */
  sqlServerConnector?: SqlServerConnector;
  /**
   * Saved connections and registered targets (connections.json). Default: beside the lab file,
   * which by default is in the user's data folder; in memory when there is no lab file either.
   */
  connectionsFile?: string;
  /** The audit log (JSON lines); by default audit.jsonl beside the connections file or the lab file; none without either. */
  auditFile?: string;
  /**
   * Where saved passwords go. The desktop app passes one backed by Electron's safeStorage; the
   * default keeps them in memory for the session (browser mode: see savedConnections.ts).
   */
  secretStore?: SecretStore;
  /** Refresh ticks for live views, ms; 0 turns them off. */
  refreshIntervalMs?: number;
  /** Start the lab's TDS endpoints at once (--tds); the lab panel's switch can also turn them on. */
  tds?: LabTdsOptions;
  /** TLS for the TDS endpoints (a certificate kept beside the lab file); none: encryption not offered. */
  tdsTls?: () => Promise<TlsCredentials | undefined>;
  /** The app's data folder (runbook plans); default: the lab file's folder, else the user's data folder. */
  dataDir?: string;
}

export type ApiHostInstance = ApiHost & {
  close(): Promise<void>;
  lab(): Lab;
  /** The lab's TDS endpoints (on with --tds or the lab panel's switch). */
  labTds: LabTdsSwitch;
  /** Every method's name and one-line summary. */
  methods(): Array<{ name: string; summary: string }>;
};

function need(exec: MsdbExecutor | undefined, server: string): MsdbExecutor {
  if (!exec) throw new ApiFailure('NOT_CONNECTED', `The lab has no server named '${server}' any more (was the lab reset?).`);
  return exec;
}

async function openLab(opts: ApiHostOptions, scheduler: Scheduler): Promise<Lab> {
  const scenario = opts.scenario ?? defaultScenario();
  if (!opts.labFile) return Lab.create(scenario, { scheduler });
  if (opts.fresh && existsSync(opts.labFile)) rmSync(opts.labFile);
  return Lab.openOrCreate(opts.labFile, scenario, { scheduler });
}

export async function createApiHost(opts: ApiHostOptions = {}): Promise<ApiHostInstance> {
  const ownScheduler = opts.scheduler ? undefined : new RealScheduler();
  const scheduler = opts.scheduler ?? ownScheduler!;
  const connector = opts.sqlServerConnector ?? createSqlServerConnector();

  let lab: Lab;
  try {
    lab = await openLab(opts, scheduler);
  } catch (e) {
    ownScheduler?.dispose();
    throw e;
  }

  let saved: ConnectionStore;
  try {
    const connectionsFile = opts.connectionsFile ?? (opts.labFile ? join(dirname(opts.labFile), CONNECTIONS_FILE_NAME) : undefined);
    saved = new ConnectionStore(connectionsFile, opts.secretStore ?? memorySecretStore());
  } catch (e) {
    lab.close();
    ownScheduler?.dispose();
    throw e;
  }
  const registeredTargets = new RegisteredTargets(saved, connector);
  const dataDir = opts.connectionsFile ? dirname(opts.connectionsFile) : opts.labFile ? dirname(opts.labFile) : undefined;
  const audit = new AuditLog(opts.auditFile ?? (dataDir ? join(dataDir, AUDIT_FILE_NAME) : undefined));

  const events = new EventHub(scheduler, opts.refreshIntervalMs ?? DEFAULT_REFRESH_MS, () => registry.ids());
  const registry = new ConnectionRegistry((e) => events.emit(e), () => scheduler.now());

  // Who the lab connection logs in as: sysadmin sa unless openLab asked for another login.
  const SA: { login: string; isSysadmin: boolean; executeGranted?: ReadonlySet<string> } = { login: 'sa', isSysadmin: true };
  let labCaller = SA;
  const labCallerOf = (as: LabLogin) => {
    const isSysadmin = as.sysadmin ?? true;
    // msx_viewer is a monitoring login: granted EXECUTE on msdb's read procedures, as a DBA does
    // for one (without the grant they answer 229), so the lists show and posting is what it lacks.
    return isSysadmin ? { login: as.login ?? 'sa', isSysadmin } : { login: as.login ?? 'msx_viewer', isSysadmin, executeGranted: READ_PROCS };
  };
  // Looked up on every call: a lab reset replaces the master's database under the same Lab.
  const labMasterAs = (caller: { login: string; isSysadmin: boolean; executeGranted?: ReadonlySet<string> }): MsdbExecutor => ({
    exec: (proc, params) => lab.executor(caller).exec(proc, params),
    serverInfo: () => lab.executor(caller).serverInfo(),
    agentRegistry: () => lab.executor(caller).agentRegistry(),
  });

  /** Opens a session's connection under its @@SERVERNAME, forwarding its state changes as events. */
  const openSqlServer = async (o: SqlServerConnectOptions): Promise<ConnectionInfo> => {
    const session = await connector.connect(connectOptionsOf(o));
    let info: ServerInfo;
    try {
      info = await session.executor.serverInfo();
    } catch (e) {
      await session.close().catch(() => undefined);
      throw e;
    }
    const id = `sqlserver:${info.serverName.toUpperCase()}`;
    // 'open' and 'closed' are the registry's own events; the session adds what happens between.
    const off = session.onState?.((e) => {
      if (e.state === 'closed') return;
      events.emit(e.message ? { type: 'connection', connectionId: id, state: e.state, message: e.message } : { type: 'connection', connectionId: id, state: e.state });
    });
    const opened = await registry.open({
      id,
      kind: 'sqlserver',
      address: o.server,
      executor: session.executor,
      info,
      // Force Poll: a registered target's own connection (opened on first use), else an open
      // connection to that server; neither: notRegistered.
      resolve: async (server) => (await registeredTargets.executor(info.serverName, server)) ?? registry.openConnectionTo(server, id),
      close: async () => {
        off?.();
        await registeredTargets.closeMaster(info.serverName);
        await session.close();
      },
    });
    return opened;
  };

  const unsubscribeLab = lab.events.on((event) => {
    if (registry.has(LAB_CONNECTION_ID)) events.emit({ type: 'lab', connectionId: LAB_CONNECTION_ID, event });
  });

  const labTds = new LabTdsSwitch(() => lab, { tls: opts.tdsTls ?? labCertificate(opts.labFile) });

  const core: Core = {
    labTds,
    connections: registry,
    lab: () => lab,
    openLab: async (as?: LabLogin) => {
      const want = as ? labCallerOf(as) : undefined;
      if (registry.has(LAB_CONNECTION_ID) && (!want || (want.login === labCaller.login && want.isSysadmin === labCaller.isSysadmin))) {
        return registry.info(LAB_CONNECTION_ID);
      }
      labCaller = want ?? SA;
      return registry.open({
        id: LAB_CONNECTION_ID,
        kind: 'lab',
        address: lab.master.identity.serverName,
        executor: labMasterAs(labCaller),
        // Every lab server is reached by name: targets for Force Poll, any server to enlist.
        resolve: (server) => lab.serverExecutor(server),
      });
    },
    openLabServer: async (server: string) => {
      const name = server.trim().toUpperCase();
      if (name === lab.master.identity.serverName.toUpperCase()) return core.openLab();
      if (!lab.serverExecutor(name)) throw new ApiFailure('NOT_FOUND', `The lab has no server named '${server}'. lab.servers lists them.`);
      const id = labConnectionId(name, lab.master.identity.serverName);
      if (registry.has(id)) return registry.refresh(id).then(() => registry.info(id));
      // Looked up on every call: a lab reset replaces the servers under the same Lab.
      const executor: MsdbExecutor = {
        exec: (proc, params) => need(lab.serverExecutor(name), name).exec(proc, params),
        serverInfo: () => need(lab.serverExecutor(name), name).serverInfo(),
        agentRegistry: () => need(lab.serverExecutor(name), name).agentRegistry(),
      };
      return registry.open({ id, kind: 'lab', address: name, executor, resolve: (s) => lab.serverExecutor(s) });
    },
    dataDir: () => opts.dataDir ?? (opts.labFile ? dirname(opts.labFile) : userDataDir()),
    connectSqlServer: (o: SqlServerConnectOptions) => openSqlServer(o),
    testSqlServer: async (o: SqlServerConnectOptions) => {
      const started = Date.now();
      const options = connectOptionsOf(o);
      let info: ServerInfo & { agentRoleError?: number | null };
      if (connector.test) {
        info = await connector.test(options);
      } else {
        const session = await connector.connect(options);
        try {
          info = await session.executor.serverInfo();
        } finally {
          await session.close().catch(() => undefined);
        }
      }
      return { ...describeServer(info), agentRoleError: info.agentRoleError ?? null, elapsedMs: Date.now() - started };
    },
    saved,
    registeredTargets,
    // Every write through a connection's msdb is recorded (auditLog.ts); reads pass straight through.
    master: (id) => {
      const info = registry.info(id);
      return auditedExecutor(registry.executor(id), audit, () => ({ connectionId: id, server: info.server, login: info.login }));
    },
    audit,
  };

  const methods = buildMethods(core);
  const dispatch = createDispatcher(methods);
  await core.openLab();
  if (opts.tds) {
    try {
      await labTds.start(opts.tds);
    } catch (e) {
      await registry.closeAll();
      events.stop();
      lab.close();
      ownScheduler?.dispose();
      throw e;
    }
  }

  let closed = false;
  return {
    dispatch,
    onEvent: (listener) => events.on(listener),
    lab: () => lab,
    labTds,
    methods: () => Object.values(methods).map((m) => ({ name: m.name, summary: m.summary })),
    close: async () => {
      if (closed) return;
      closed = true;
      await labTds.stop();
      unsubscribeLab();
      await registry.closeAll();
      await registeredTargets.closeAll();
      events.stop();
      lab.close();
      ownScheduler?.dispose();
    },
  };
}
