// The lab on the wire: its master and its first targets accept SQL Server (TDS) connections on
// loopback, through the same executors the app uses, so a session over TDS sees (and changes) the
// very lab the UI shows. A post over TDS goes through Lab.executor like one from the UI, so the
// lab emits the same master.changed event and the app's grid shows it live; a simulated poll is
// in the next sp_help_targetserver a TDS client runs.
//
// Ports: the master on <port>, target i (the lab's order) on <port> + 1 + i, at most 100 targets.
// Logins on every endpoint: sa (sysadmin) and labuser (not sysadmin, granted nothing in msdb:
// the reads answer 229, posting silently does nothing), one password for both.
import { dirname } from 'node:path';
import type { MsdbExecutor } from '../msdb/executor';
import { createSelfSignedCertificate, createTdsServer, loadOrCreateCertificate, type LoginGrant, type LoginRequest, type TdsServer, type TlsCredentials } from '../tds';
import type { Lab } from './lab';
import { TDS_MAX_TARGETS, TDS_OTHER_LOGIN, type LabTdsOptions } from './tdsOptions';

export interface LabTdsEndpoint {
  server: string;
  port: number;
}

export interface LabTdsStatus {
  endpoints: LabTdsEndpoint[];
  sysadminLogin: 'sa';
  otherLogin: string;
  password: string;
}

export interface LabTdsStartOptions extends LabTdsOptions {
  /** A certificate and key for TLS (Encrypt Optional/Mandatory/Strict); without one, encryption is not offered. */
  tls?: TlsCredentials;
  /** Connection events (logins, refusals, protocol errors); never passwords. */
  log?: (line: string) => void;
}

/**
 * The lab's TLS certificate, self-signed, made once and kept beside the lab file (tds-certificate.pem,
 * tds-key.pem) so a client told to trust it keeps trusting it; a lab in memory makes one per run.
 */
export function labCertificate(labFile: string | undefined): () => Promise<TlsCredentials> {
  let made: Promise<TlsCredentials> | undefined;
  return () =>
    (made ??= labFile ? loadOrCreateCertificate(dirname(labFile), { commonName: 'MSX Studio lab' }) : Promise.resolve(createSelfSignedCertificate({ commonName: 'MSX Studio lab' })));
}

/**
 * The servers that get a port, in order: the master, then the lab's targets up to TDS_MAX_TARGETS.
 * Port 0 (tests) gives each a free port of the system's choosing instead of consecutive ones.
 */
export function endpointsFor(lab: Lab, port: number): LabTdsEndpoint[] {
  const names = [lab.master.identity.serverName, ...lab.targetNames().slice(0, TDS_MAX_TARGETS)];
  if (port === 0) return names.map((server) => ({ server, port: 0 }));
  const last = port + names.length - 1;
  if (last > 65535) throw new Error(`The lab needs ports ${port} to ${last} (its master and ${names.length - 1} targets); choose a lower --tds port.`);
  return names.map((server, i) => ({ server, port: port + i }));
}

/** What the command lines print: one line per server, then the logins. */
export function tdsLines(status: LabTdsStatus): string[] {
  return [
    ...status.endpoints.map((e) => `TDS: ${e.server} at 127.0.0.1,${e.port}`),
    `TDS logins: ${status.sysadminLogin} (sysadmin), ${status.otherLogin} (not sysadmin); password ${status.password}`,
  ];
}

interface Caller {
  login: string;
  isSysadmin: boolean;
  programName: string;
}

/**
 * A target's own msdb, looked up on every call: a lab reset rebuilds the agents under the same
 * names, and a connection opened before it keeps working after it.
 */
function targetAs(lab: Lab, server: string, caller: Caller): MsdbExecutor {
  const inner = () => {
    const exec = lab.targetExecutor(server, caller);
    if (!exec) throw new Error(`The lab has no target server named '${server}'.`);
    return exec;
  };
  return {
    exec: (proc, params) => inner().exec(proc, params),
    serverInfo: () => inner().serverInfo(),
    agentRegistry: () => inner().agentRegistry(),
    setAgentRegistry: async (name, value) => {
      const exec = inner();
      if (!exec.setAgentRegistry) throw new Error(`The lab cannot write the Agent registry of '${server}'.`);
      await exec.setAgentRegistry(name, value);
    },
  };
}

export class LabTds {
  private constructor(
    private readonly servers: TdsServer[],
    readonly status: LabTdsStatus,
  ) {}

  /** Listens on every endpoint, or on none: a port in use closes the ones already open and says which. */
  static async start(lab: Lab, opts: LabTdsStartOptions): Promise<LabTds> {
    const wanted = endpointsFor(lab, opts.port);
    const endpoints: LabTdsEndpoint[] = [];
    const master = lab.master.identity.serverName;
    const servers: TdsServer[] = [];
    try {
      for (const e of wanted) {
        const resolveLogin = (req: LoginRequest): LoginGrant | undefined => {
          const caller = callerFor(req, opts.password);
          if (!caller) return undefined;
          // The master: Lab.executor saves a write before it returns and emits the lab's events.
          const executor = e.server === master ? lab.executor(caller) : targetAs(lab, e.server, caller);
          return { executor, database: 'master' };
        };
        try {
          const server = await createTdsServer({ port: e.port, resolveLogin, tls: opts.tls, serverName: e.server, log: opts.log });
          servers.push(server);
          endpoints.push({ server: e.server, port: server.port });
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          throw new Error(
            code === 'EADDRINUSE' ? `Port ${e.port} (for ${e.server}) is already in use; choose another --tds port.` : `TDS for ${e.server} on port ${e.port}: ${(err as Error).message}`,
            { cause: err },
          );
        }
      }
    } catch (err) {
      await Promise.all(servers.map((s) => s.close()));
      throw err;
    }
    return new LabTds(servers, { endpoints, sysadminLogin: 'sa', otherLogin: TDS_OTHER_LOGIN, password: opts.password });
  }

  lines(): string[] {
    return tdsLines(this.status);
  }

  connectionCount(): number {
    return this.servers.reduce((n, s) => n + s.connectionCount(), 0);
  }

  async close(): Promise<void> {
    await Promise.all(this.servers.map((s) => s.close()));
  }
}

/** sa is sysadmin; labuser is not and was granted nothing. The client's application name is program_name(). */
function callerFor(req: LoginRequest, password: string): Caller | undefined {
  if (!samePassword(req.password, password)) return undefined;
  const programName = req.appName || 'TDS client';
  const name = req.name.toLowerCase();
  if (name === 'sa') return { login: 'sa', isSysadmin: true, programName };
  if (name === TDS_OTHER_LOGIN) return { login: TDS_OTHER_LOGIN, isSysadmin: false, programName };
  return undefined;
}

function samePassword(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf16le');
  const y = Buffer.from(b, 'utf16le');
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/**
 * The lab's TDS switch as the app holds it: off by default, on with a port (and password), off
 * again; one LabTds at a time. Turning it on while on restarts it with the new settings.
 */
export class LabTdsSwitch {
  private current: LabTds | undefined;
  private pending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly lab: () => Lab,
    private readonly options: { tls?: () => Promise<TlsCredentials | undefined>; log?: (line: string) => void } = {},
  ) {}

  status(): LabTdsStatus | null {
    return this.current?.status ?? null;
  }

  /** Calls run one after another: a second click does not race the first. */
  private serial<T>(f: () => Promise<T>): Promise<T> {
    const next = this.pending.then(f, f);
    this.pending = next.catch(() => undefined);
    return next;
  }

  start(opts: LabTdsOptions): Promise<LabTdsStatus> {
    return this.serial(async () => {
      await this.current?.close();
      this.current = undefined;
      const tls = await this.options.tls?.();
      this.current = await LabTds.start(this.lab(), { ...opts, tls, log: this.options.log });
      return this.current.status;
    });
  }

  stop(): Promise<void> {
    return this.serial(async () => {
      const c = this.current;
      this.current = undefined;
      await c?.close();
    });
  }

  connectionCount(): number {
    return this.current?.connectionCount() ?? 0;
  }
}
