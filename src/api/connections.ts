// Open connections: the lab (its simulated master) and SQL Server masters. Every method that
// works on a server names a connection; the registry hands out its executor and the resolver
// Force Poll uses to reach that master's targets.
import type { TargetResolver } from '../admin/forcePoll';
import { describeServer, type ServerDescription } from '../admin/serverInfo';
import type { AgentRole, MsdbExecutor, ServerInfo } from '../msdb/executor';
import type { ApiEvent } from './contract';
import { ApiFailure } from './errors';
import type { ApiConnectOptions } from '../msdb/sqlserver/connector';

export type ConnectionKind = 'lab' | 'sqlserver';

/** What connections.list shows of one connection. */
export interface ConnectionInfo {
  id: string;
  kind: ConnectionKind;
  /** @@SERVERNAME of the connected server. */
  server: string;
  login: string;
  agentRole: AgentRole;
  productVersion: string;
  productName: string;
  edition: string;
  machineName: string;
  isSysadmin: boolean;
  msxServerName: string | null;
  /** Object Explorer's server label: `MSX01 (SQL Server 16.0.4135 - sa)`. */
  label: string;
  /** What the user typed to connect (host\instance,port); the server name for the lab. */
  address: string;
  openedAt: Date;
}

/**
 * The Connect to Server fields (host, host\instance or host,port; SQL, Windows or Microsoft Entra
 * authentication; Encrypt Mandatory/Optional/Strict; …): the mssql connector's own input, so the
 * API and the executor cannot drift apart.
 */
export type SqlServerConnectOptions = ApiConnectOptions;

/** A connection's state after it opened, as the executor reports it (forwarded as `connection` events). */
export interface SessionStateEvent {
  state: 'open' | 'reconnecting' | 'error' | 'closed';
  message?: string;
}

export interface SqlServerSession {
  executor: MsdbExecutor;
  close(): Promise<void>;
  /** Reconnecting, broken, open again: the mssql executor publishes these; a test double may not. */
  onState?(listener: (e: SessionStateEvent) => void): () => void;
}

/** Opens a connection to a real SQL Server's msdb (the mssql executor plugs in here). */
export interface SqlServerConnector {
  connect(opts: SqlServerConnectOptions): Promise<SqlServerSession>;
  /** The Connect dialog's Test button: connect, read the server's identity, disconnect. Without it: connect, serverInfo, close. */
  test?(opts: SqlServerConnectOptions): Promise<ServerInfo>;
}

/** A connector that refuses plainly: for hosts (and tests) that must not reach any SQL Server. */
export const unavailableConnector: SqlServerConnector = {
  connect: async () => {
    throw new ApiFailure(
      'NOT_CONNECTED',
      'SQL Server connections are turned off in this host (it was started without a SQL Server connector). Use the embedded lab.',
    );
  },
};

interface Entry {
  info: ConnectionInfo;
  executor: MsdbExecutor;
  resolve: TargetResolver;
  close(): Promise<void>;
}

export interface OpenRequest {
  id: string;
  kind: ConnectionKind;
  address: string;
  executor: MsdbExecutor;
  /** How Force Poll reaches this master's targets; by default, other open connections by server name. */
  resolve?: TargetResolver;
  close?: () => Promise<void>;
  /** The server info just read by the caller, so opening does not read it a second time. */
  info?: ServerInfo;
}

export class ConnectionRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly emit: (e: ApiEvent) => void,
    private readonly now: () => number,
  ) {}

  /** Opens (or replaces) a connection; its server info is read once, here. */
  async open(req: OpenRequest): Promise<ConnectionInfo> {
    const description = req.info ?? (await req.executor.serverInfo());
    const previous = this.entries.get(req.id);
    if (previous) await previous.close().catch(() => undefined);
    const entry: Entry = {
      info: this.toInfo(req, describeServer(description)),
      executor: req.executor,
      resolve: req.resolve ?? ((server) => this.registered(server, req.id)),
      close: req.close ?? (async () => undefined),
    };
    this.entries.set(req.id, entry);
    this.emit({ type: 'connection', connectionId: req.id, state: 'open' });
    return entry.info;
  }

  private toInfo(req: OpenRequest, d: ServerDescription): ConnectionInfo {
    return {
      id: req.id,
      kind: req.kind,
      server: d.serverName,
      login: d.login,
      agentRole: d.agentRole,
      productVersion: d.productVersion,
      productName: d.productName,
      edition: d.edition,
      machineName: d.machineName,
      isSysadmin: d.isSysadmin,
      msxServerName: d.msxServerName,
      label: d.label,
      address: req.address,
      openedAt: new Date(this.now()),
    };
  }

  /** A target is "registered" when another open connection is to that server (spec §7). */
  private registered(server: string, self: string): MsdbExecutor | undefined {
    return this.openConnectionTo(server, self);
  }

  /** The executor of an open connection to this server (by @@SERVERNAME), other than `except`. */
  openConnectionTo(server: string, except?: string): MsdbExecutor | undefined {
    for (const e of this.entries.values()) {
      if (e.info.id !== except && e.info.server.toUpperCase() === server.toUpperCase()) return e.executor;
    }
    return undefined;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  private entry(id: string): Entry {
    const e = this.entries.get(id);
    if (!e) throw new ApiFailure('NOT_CONNECTED', `There is no open connection '${id}'. Open it first (connections.list shows the open ones).`);
    return e;
  }

  executor(id: string): MsdbExecutor {
    return this.entry(id).executor;
  }

  resolver(id: string): TargetResolver {
    return this.entry(id).resolve;
  }

  info(id: string): ConnectionInfo {
    return this.entry(id).info;
  }

  list(): ConnectionInfo[] {
    return [...this.entries.values()].map((e) => e.info);
  }

  ids(): string[] {
    return [...this.entries.keys()];
  }

  /** Re-reads the server info (the Agent role changes as targets enlist and defect). */
  async refresh(id: string): Promise<ServerDescription> {
    const e = this.entry(id);
    const d = describeServer(await e.executor.serverInfo());
    e.info = { ...e.info, ...this.toInfo({ id, kind: e.info.kind, address: e.info.address, executor: e.executor }, d), openedAt: e.info.openedAt };
    return d;
  }

  async close(id: string): Promise<void> {
    const e = this.entry(id);
    this.entries.delete(id);
    try {
      await e.close();
    } finally {
      this.emit({ type: 'connection', connectionId: id, state: 'closed' });
    }
  }

  async closeAll(): Promise<void> {
    for (const id of [...this.entries.keys()]) await this.close(id).catch(() => undefined);
  }
}
