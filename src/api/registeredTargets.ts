// Registered targets: Force Poll's signal on a real fleet (spec §8.3, §7 "registered server").
// sp_sqlagent_notify @op_type = N'P' signals the Agent of the server it runs on, so each target
// needs its own connection. A target is registered per master with its own Connect details,
// checked once (it must be the target the master lists, enlisted into this master), remembered in
// connections.json (its password through the SecretStore), and connected lazily: the first Force
// Poll that needs it opens the session, and later ones reuse it.
import { requireTargets } from '../admin/targets';
import type { AgentRole, MsdbExecutor } from '../msdb/executor';
import { connectOptionsOf, needsSecret, withSecret, type Authentication } from './connectFields';
import type { SessionStateEvent, SqlServerConnectOptions, SqlServerConnector, SqlServerSession } from './connections';
import { ApiFailure } from './errors';
import type { ConnectionStore, PasswordStorage, SecretOutcome } from './savedConnections';

export type RegisteredTargetState = 'connected' | 'saved' | 'error';

/** One registered target as targets.registered lists it (never with its password). */
export interface RegisteredTarget {
  server: string;
  /** connected: a session is open; saved: remembered, opened at its first Force Poll; error: the last attempt failed (message). */
  state: RegisteredTargetState;
  message?: string;
  /** What was typed to reach it (host, host,port, host\instance). */
  address: string;
  authentication: Authentication;
  login?: string;
  passwordStorage: PasswordStorage;
  registeredAt: Date;
}

export interface RegisterOutcome extends SecretOutcome {
  server: string;
  state: 'connected';
  address: string;
  /** What the target said about itself when it was checked. */
  agentRole: AgentRole;
  msxServerName: string | null;
  login: string;
  isSysadmin: boolean;
}

/** The master a target is registered to: its @@SERVERNAME and what was typed to reach it. */
export interface MasterRef {
  server: string;
  address: string;
}

interface Live {
  session?: SqlServerSession;
  opening?: Promise<MsdbExecutor>;
  /** The last failure to open, in words. */
  error?: string;
  state?: SessionStateEvent;
  off?: () => void;
}

const up = (s: string) => s.trim().toUpperCase();
const key = (master: string, server: string) => `${up(master)}|${up(server)}`;

/**
 * Whether two names denote the same server: case, a `tcp:` prefix, a `,port` and a DNS suffix
 * do not matter (a target may know its master as MSX01, msx01.corp.example or MSX01,1433).
 */
export function sameServerName(a: string, b: string): boolean {
  const norm = (s: string) => {
    const x = up(s).replace(/^TCP:/, '').replace(/,\s*\d+$/, '');
    const [host, instance] = x.split('\\');
    const short = /^\d+(\.\d+){3}$/.test(host) ? host : host.split('.')[0];
    return instance ? `${short}\\${instance}` : short;
  };
  return norm(a) === norm(b);
}

export class RegisteredTargets {
  private readonly live = new Map<string, Live>();

  constructor(
    private readonly store: ConnectionStore,
    private readonly connector: SqlServerConnector,
  ) {}

  /**
   * Registers `server` for `master`: the master must list it (14262 otherwise), and the server
   * reached with `options` must be that target, enlisted into this master. Nothing is written
   * unless every check passes; the session opened for the check is kept for Force Poll.
   */
  async register(master: MasterRef, masterExec: MsdbExecutor, server: string, options: SqlServerConnectOptions, rememberPasswordUnencrypted: boolean): Promise<RegisterOutcome> {
    const [listed] = await requireTargets(masterExec, [server]);
    const name = listed.serverName;
    const session = await this.connector.connect(connectOptionsOf(options));
    let outcome: RegisterOutcome;
    try {
      const info = await session.executor.serverInfo();
      if (up(info.serverName) !== up(name)) {
        throw new ApiFailure(
          'BAD_REQUEST',
          `${options.server} is ${info.serverName}, not ${name}: register the target with the address of the server the master lists as ${name}.`,
        );
      }
      const enlisted = (info.agentRole === 'tsx' || info.agentRole === 'inconsistent') && info.msxServerName !== null;
      if (!enlisted || !(sameServerName(info.msxServerName!, master.server) || sameServerName(info.msxServerName!, master.address))) {
        const role = enlisted ? `enlisted into ${info.msxServerName}` : `not a target server (its SQL Server Agent is ${info.agentRole})`;
        throw new ApiFailure('BAD_REQUEST', `${name} is ${role}, not a target of ${master.server}, so it was not registered.`);
      }
      const kept = await this.store.registerTarget(master.server, name, options, rememberPasswordUnencrypted);
      const warnings = [kept.warning];
      if (!info.isSysadmin) {
        warnings.push(
          `${info.login} is not sysadmin on ${name}: sp_sqlagent_notify, which Force Poll runs there, raises 14260 unless the login is sysadmin or db_owner in msdb.`,
        );
      }
      outcome = {
        server: name,
        state: 'connected',
        address: options.server,
        agentRole: info.agentRole,
        msxServerName: info.msxServerName,
        login: info.login,
        isSysadmin: info.isSysadmin,
        passwordStorage: kept.passwordStorage,
      };
      const warning = warnings.filter((w): w is string => w !== undefined).join(' ');
      if (warning) outcome.warning = warning;
      if (kept.notice) outcome.notice = kept.notice;
    } catch (e) {
      await session.close().catch(() => undefined);
      throw e;
    }
    await this.drop(master.server, name);
    this.adopt(key(master.server, name), session);
    return outcome;
  }

  async unregister(master: string, server: string): Promise<void> {
    await this.drop(master, server);
    if (!(await this.store.unregisterTarget(master, server))) {
      throw new ApiFailure('NOT_FOUND', `${server} is not a registered target of ${master} (targets.registered lists them).`);
    }
  }

  async list(master: string): Promise<RegisteredTarget[]> {
    return (await this.store.targets(master)).map((t) => {
      const live = this.live.get(key(master, t.server));
      const out: RegisteredTarget = {
        server: t.server,
        state: 'saved',
        address: t.fields.server,
        authentication: t.fields.authentication,
        passwordStorage: t.passwordStorage,
        registeredAt: t.registeredAt,
      };
      if (t.fields.login !== undefined) out.login = t.fields.login;
      if (live?.session) {
        const s = live.state?.state;
        if (s === 'reconnecting' || s === 'error') {
          out.state = 'error';
          if (live.state?.message) out.message = live.state.message;
        } else {
          out.state = 'connected';
        }
      } else if (live?.error) {
        out.state = 'error';
        out.message = live.error;
      }
      return out;
    });
  }

  /**
   * Force Poll's lookup: the target's own msdb when it is registered (opened on first use),
   * undefined when it is not. Rejects when it cannot be reached; Force Poll reports that target
   * as unreachable, with the reason.
   */
  async executor(master: string, server: string): Promise<MsdbExecutor | undefined> {
    if (!this.store.isTarget(master, server)) return undefined;
    const k = key(master, server);
    const live = this.live.get(k) ?? {};
    this.live.set(k, live);
    // An open session is reused even while it reconnects: its executor then says so at once.
    if (live.session) return live.session.executor;
    if (live.opening) return live.opening;
    const opening = this.open(master, server, live);
    live.opening = opening;
    try {
      return await opening;
    } finally {
      live.opening = undefined;
    }
  }

  private async open(master: string, server: string, live: Live): Promise<MsdbExecutor> {
    try {
      const saved = await this.store.loadTarget(master, server);
      if (!saved) throw new ApiFailure('NOT_FOUND', `${server} is no longer registered.`);
      if (needsSecret(saved.fields.authentication) && saved.secret === undefined) {
        throw new ApiFailure(
          'BAD_REQUEST',
          `no password is at hand for ${server} (it was kept for one session only). Register it again in Manage Target Servers to signal it.`,
        );
      }
      const session = await this.connector.connect(withSecret(saved.fields, saved.secret));
      this.adopt(key(master, server), session);
      return session.executor;
    } catch (e) {
      live.error = e instanceof Error ? e.message : String(e);
      throw e;
    }
  }

  private adopt(k: string, session: SqlServerSession): void {
    const live: Live = { session };
    live.off = session.onState?.((e) => {
      live.state = e;
    });
    this.live.set(k, live);
  }

  /** Closes the session of one registered target, if open. */
  private async drop(master: string, server: string): Promise<void> {
    const k = key(master, server);
    const live = this.live.get(k);
    this.live.delete(k);
    if (!live?.session) return;
    live.off?.();
    await live.session.close().catch(() => undefined);
  }

  /** Closes every target session of a master (its connection closed). */
  async closeMaster(master: string): Promise<void> {
    const prefix = `${up(master)}|`;
    for (const k of [...this.live.keys()]) if (k.startsWith(prefix)) await this.drop(master, k.slice(prefix.length));
  }

  async closeAll(): Promise<void> {
    for (const k of [...this.live.keys()]) {
      const [m, s] = k.split('|');
      await this.drop(m, s);
    }
  }
}
