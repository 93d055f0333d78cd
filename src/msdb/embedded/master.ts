import { SqlServerError } from '../../msx/errors';
import { toSqlDatetime } from '../../msx/datetime';
import type { MessageNumber } from '../../msx/messages';
import {
  agentRoleFromType,
  normalizeParams,
  normalizeProcName,
  type MsdbExecutor,
  type ProcResult,
  type ServerInfo,
  type SqlValue,
} from '../executor';
import { PROC_SIGNATURES } from '../signatures';
import { bindArgs, type Args } from './coerce';
import { infoMessage, type Caller, type ProcContext, type ProcDef, type ProcOutput, type ServerIdentity } from './context';
import { Db } from './db';
import { MSDB_ADDED_COLUMNS, MSDB_ADDED_TABLES, MSDB_INDEXES, MSDB_SCHEMA } from './schema';
import { MASTER_PROCS } from './procs';
import { sqlagentType } from './procs/agentProperties';
import { checkExecutePermission } from './procs/permissions';
import { getRegistry, readAgentRegistry, REG } from './registry';

export const SYSADMIN: Caller = { login: 'sa', isSysadmin: true, roles: new Set(), programName: 'MSX Studio' };

export interface CommitInfo {
  proc: string;
  caller: Caller;
  /** Whether the call changed any row. */
  changed: boolean;
}

export interface EmbeddedMsdbOptions {
  identity: ServerIdentity;
  /** UTC epoch ms; the server's wall clock is this plus identity.timeZoneMinutes. */
  clock: () => number;
  /** A database file to open instead of a fresh msdb. */
  data?: Uint8Array;
}

/**
 * The simulated master's msdb: a sql.js database with msdb's tables, and the MSX procedures as
 * TypeScript transactions. Every call is atomic: an error leaves the database as it was.
 */
export class EmbeddedMsdb {
  private readonly procs = new Map<string, ProcDef>();
  private readonly commitListeners = new Set<(info: CommitInfo) => void>();

  private constructor(
    readonly db: Db,
    readonly identity: ServerIdentity,
    private readonly clock: () => number,
    procs: readonly ProcDef[],
  ) {
    for (const p of procs) this.procs.set(p.name, p);
  }

  static async create(opts: EmbeddedMsdbOptions): Promise<EmbeddedMsdb> {
    const db = await Db.create(opts.data);
    if (!opts.data) db.script(MSDB_SCHEMA);
    db.script(MSDB_ADDED_TABLES);
    for (const [table, column, definition] of MSDB_ADDED_COLUMNS) {
      const has = db.all<{ name: string }>(`PRAGMA table_info(${table})`).some((c) => c.name === column);
      if (!has) db.run(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
    }
    db.script(MSDB_INDEXES);
    return new EmbeddedMsdb(db, opts.identity, opts.clock, MASTER_PROCS);
  }

  /** The server's wall clock (what GETDATE() returns), ms. */
  nowMs(): number {
    return this.clock() + this.identity.timeZoneMinutes * 60_000;
  }

  onCommit(listener: (info: CommitInfo) => void): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  /** An executor for a login; sysadmin `sa` unless told otherwise. */
  executor(caller: Partial<Caller> = {}): MsdbExecutor {
    const who: Caller = { ...SYSADMIN, ...caller };
    return {
      exec: async (proc, params) => this.execSync(who, proc, params),
      serverInfo: async () => this.serverInfo(who),
      agentRegistry: async () => readAgentRegistry(this.db, who.isSysadmin),
    };
  }

  serverInfo(caller: Caller = SYSADMIN): ServerInfo {
    const id = this.identity;
    return {
      serverName: id.serverName,
      machineName: id.machineName,
      productVersion: id.productVersion,
      edition: id.edition,
      engineEdition: id.engineEdition,
      isSysadmin: caller.isSysadmin,
      login: caller.login,
      agentRole: agentRoleFromType(sqlagentType(this.db)),
      msxServerName: getRegistry(this.db, REG.MSXServerName),
    };
  }

  /** Runs one procedure synchronously, in its own transaction. */
  execSync(caller: Caller, proc: string, params?: Record<string, SqlValue | undefined>): ProcResult {
    const name = normalizeProcName(proc);
    const def = name ? this.procs.get(name) : undefined;
    const decls = name ? PROC_SIGNATURES[name] : undefined;
    if (!name || !def || !decls) throw SqlServerError.of(2812, proc.trim());
    checkExecutePermission(caller, name);
    const args = bindArgs(name, decls, normalizeParams(params));
    const before = this.db.totalChanges();
    const nowMs = this.nowMs();
    const messages: ProcResult['messages'] = [];
    let output: ProcOutput;
    try {
      output = this.db.transaction(() => this.invoke(def, args, caller, nowMs, messages));
    } catch (e) {
      if (e instanceof SqlServerError && !e.procName) {
        throw new SqlServerError(e.number, e.severity, e.message, e.state, name, e.lineNumber);
      }
      throw e;
    }
    const changed = this.db.totalChanges() !== before;
    for (const l of this.commitListeners) l({ proc: name, caller, changed });
    return { returnValue: output.returnValue ?? 0, recordsets: output.recordsets ?? [], messages };
  }

  private invoke(def: ProcDef, args: Args, caller: Caller, nowMs: number, messages: ProcResult['messages']): ProcOutput {
    const ctx: ProcContext = {
      db: this.db,
      caller,
      server: this.identity,
      procName: def.name,
      nowMs,
      now: toSqlDatetime(nowMs),
      messages,
      info: (number: MessageNumber, ...a) => {
        messages.push(infoMessage(number, ...a));
      },
      fail: (number: MessageNumber, ...a): never => {
        const e = SqlServerError.of(number, ...a);
        throw new SqlServerError(e.number, e.severity, e.message, 1, def.name);
      },
      call: (proc, callArgs) => {
        const inner = normalizeProcName(proc);
        const innerDef = inner ? this.procs.get(inner) : undefined;
        if (!inner || !innerDef) throw SqlServerError.of(2812, proc);
        const bound = bindArgs(inner, PROC_SIGNATURES[inner] ?? [], normalizeParams(callArgs));
        return this.invoke(innerDef, bound, caller, nowMs, messages);
      },
    };
    const out = def.handler(ctx, args);
    if (typeof out === 'number') return { returnValue: out };
    return out ?? { returnValue: 0 };
  }
}
