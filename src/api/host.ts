// The API host: the lab, the connections, the method table, the dispatcher and the event stream,
// put together once. Browser mode and the Electron shell both serve exactly this.
import { existsSync, rmSync } from 'node:fs';
import { RealScheduler, type Scheduler } from '../agent/scheduler';
import { Lab } from '../lab/lab';
import { defaultScenario, type Scenario } from '../lab/scenario';
import type { MsdbExecutor } from '../msdb/executor';
import { ConnectionRegistry, unavailableConnector, type SqlServerConnectOptions, type SqlServerConnector } from './connections';
import type { ApiHost } from './contract';
import { createDispatcher } from './dispatcher';
import { DEFAULT_REFRESH_MS, EventHub } from './events';
import { buildMethods, LAB_CONNECTION_ID, type Core } from './methods';

export interface ApiHostOptions {
  /** Time for the lab and the refresh ticks; a RealScheduler unless given (tests pass a VirtualScheduler). */
  scheduler?: Scheduler;
  /** Where the lab is saved; without it the lab lives in memory only. */
  labFile?: string;
  /** Start the lab file over from the scenario. */
  fresh?: boolean;
  scenario?: Scenario;
  /** How connections.connectSqlServer reaches a real server; by default it reports NOT_CONNECTED. */
  sqlServerConnector?: SqlServerConnector;
  /** Refresh ticks for live views, ms; 0 turns them off. */
  refreshIntervalMs?: number;
}

export type ApiHostInstance = ApiHost & {
  close(): Promise<void>;
  lab(): Lab;
  /** Every method's name and one-line summary. */
  methods(): Array<{ name: string; summary: string }>;
};

async function openLab(opts: ApiHostOptions, scheduler: Scheduler): Promise<Lab> {
  const scenario = opts.scenario ?? defaultScenario();
  if (!opts.labFile) return Lab.create(scenario, { scheduler });
  if (opts.fresh && existsSync(opts.labFile)) rmSync(opts.labFile);
  return Lab.openOrCreate(opts.labFile, scenario, { scheduler });
}

export async function createApiHost(opts: ApiHostOptions = {}): Promise<ApiHostInstance> {
  const ownScheduler = opts.scheduler ? undefined : new RealScheduler();
  const scheduler = opts.scheduler ?? ownScheduler!;
  const connector = opts.sqlServerConnector ?? unavailableConnector;

  let lab: Lab;
  try {
    lab = await openLab(opts, scheduler);
  } catch (e) {
    ownScheduler?.dispose();
    throw e;
  }

  const events = new EventHub(scheduler, opts.refreshIntervalMs ?? DEFAULT_REFRESH_MS, () => registry.ids());
  const registry = new ConnectionRegistry((e) => events.emit(e), () => scheduler.now());

  // Looked up on every call: a lab reset replaces the master's database under the same Lab.
  const labMaster: MsdbExecutor = {
    exec: (proc, params) => lab.executor().exec(proc, params),
    serverInfo: () => lab.executor().serverInfo(),
  };

  const unsubscribeLab = lab.events.on((event) => {
    if (registry.has(LAB_CONNECTION_ID)) events.emit({ type: 'lab', connectionId: LAB_CONNECTION_ID, event });
  });

  const core: Core = {
    connections: registry,
    lab: () => lab,
    openLab: async () => {
      if (registry.has(LAB_CONNECTION_ID)) return registry.info(LAB_CONNECTION_ID);
      return registry.open({
        id: LAB_CONNECTION_ID,
        kind: 'lab',
        address: lab.master.identity.serverName,
        executor: labMaster,
        // The lab's targets are its simulated agents; each has its own msdb for sp_sqlagent_notify.
        resolve: (server) => lab.targetExecutor(server),
      });
    },
    connectSqlServer: async (o: SqlServerConnectOptions) => {
      const session = await connector.connect(o);
      let info;
      try {
        info = await session.executor.serverInfo();
      } catch (e) {
        await session.close().catch(() => undefined);
        throw e;
      }
      return registry.open({
        id: `sqlserver:${info.serverName.toUpperCase()}`,
        kind: 'sqlserver',
        address: o.server,
        executor: session.executor,
        close: () => session.close(),
      });
    },
    master: (id) => registry.executor(id),
  };

  const methods = buildMethods(core);
  const dispatch = createDispatcher(methods);
  await core.openLab();

  let closed = false;
  return {
    dispatch,
    onEvent: (listener) => events.on(listener),
    lab: () => lab,
    methods: () => Object.values(methods).map((m) => ({ name: m.name, summary: m.summary })),
    close: async () => {
      if (closed) return;
      closed = true;
      unsubscribeLab();
      await registry.closeAll();
      events.stop();
      lab.close();
      ownScheduler?.dispose();
    },
  };
}
