// What a logged-in session does with a request: SQL batches (batch.ts recognizes the statements)
// and RPCs (a procedure by name goes to executor.exec; sp_executesql runs its statement as a
// batch with its parameters bound as values, never pasted into text).
import { normalizeProcName, type MsdbExecutor, type ServerInfo, type SqlValue } from '../msdb/executor';
import { PROC_SIGNATURES } from '../msdb/signatures';
import { AGENT_REGISTRY_BATCH, AGENT_REGISTRY_COLUMNS, agentRegistryRow } from '../msdb/sqlserver/agentRegistry';
import { SERVER_INFO_BATCH } from '../msdb/sqlserver/serverInfo';
import { registryXpName, runRegistryXp, type RegistryXp } from './registryXp';
import { ByteReader, ByteWriter, TdsProtocolError } from './bytes';
import { parseBatch, sameBatchText, type SelectExpr, type SqlFailure, type Statement } from './batch';
import { writeProcError, writeProcResult, writeRecordset } from './results';
import { parseRpc, skipAllHeaders, type RpcCall } from './rpc';
import { CurCmd, Done, EnvChange, Token, writeColMetadata, writeDone, writeEnvChangeText, writeMessage, writeReturnStatus } from './tokens';
import { writeValue, type Column } from './types';

export interface SessionContext {
  executor: MsdbExecutor;
  /** The server name in tokens (ERROR/INFO ServerName) and @@SERVERNAME when the executor's is not wanted. */
  serverName: string;
  login: string;
  spid: number;
  database: string;
  /** Whether the login may use master (every login can; kept for USE). */
  readonly databases: readonly string[];
}

/** Text of a SQL batch (§2.2.6.7): ALL_HEADERS, then UCS-2. */
export function batchText(payload: Buffer): string {
  const r = new ByteReader(payload);
  skipAllHeaders(r);
  if (r.remaining % 2 !== 0) throw new TdsProtocolError('SQL batch text has an odd number of bytes');
  return payload.toString('utf16le', r.pos);
}

const SQL_SERVER_YEARS: Record<number, string> = { 11: '2012', 12: '2014', 13: '2016', 14: '2017', 15: '2019', 16: '2022', 17: '2025' };

export function versionString(info: ServerInfo): string {
  const major = parseInt(info.productVersion, 10);
  const year = SQL_SERVER_YEARS[major] ?? '';
  return `Microsoft SQL Server ${year} (RTM) - ${info.productVersion} (X64) \n\tMSX Studio lab \n\tCopyright (C) Microsoft Corporation\n\t${info.edition} (simulated msdb, MSX Studio lab)\n`;
}

function serverProperty(p: string, info: ServerInfo): SqlValue {
  const [major, minor, build, revision] = info.productVersion.split('.');
  switch (p.toLowerCase()) {
    case 'productversion':
      return info.productVersion;
    case 'productlevel':
      return 'RTM';
    case 'productmajorversion':
      return major ?? null;
    case 'productminorversion':
      return minor ?? null;
    case 'productbuild':
      return build ?? null;
    case 'productbuildtype':
    case 'productupdatelevel':
    case 'productupdatereference':
    case 'instancename':
      return null;
    case 'edition':
      return info.edition;
    case 'engineedition':
      return info.engineEdition;
    case 'servername':
      return info.serverName;
    case 'machinename':
    case 'computernamephysicalnetbios':
      return info.machineName;
    case 'collation':
      return 'SQL_Latin1_General_CP1_CI_AS';
    case 'isclustered':
    case 'isintegratedsecurityonly':
    case 'ishadrenabled':
    case 'isfulltextinstalled':
    case 'issingleuser':
      return 0;
    case 'resourceversion':
      return `${major}.${minor}.${build}.${revision ?? 0}`;
    default:
      return null; // SQL Server answers NULL for a property it does not know
  }
}

class Run {
  private info: ServerInfo | undefined;
  /** Where the status of the last DONE-kind token was written, so the last one can be made final. */
  private lastDone = -1;
  failed = false;

  constructor(
    readonly ctx: SessionContext,
    readonly w: ByteWriter,
    /** Inside sp_executesql: statements end with DONEINPROC, as inside any procedure. */
    readonly inProc: boolean,
    readonly isCanceled: () => boolean,
  ) {}

  async serverInfo(): Promise<ServerInfo> {
    this.info ??= await this.ctx.executor.serverInfo();
    return this.info;
  }

  done(token: number, status: number, curCmd: number, rows: number): void {
    this.lastDone = this.w.length + 1;
    writeDone(this.w, token, status, curCmd, rows);
  }

  stmtDone(status: number, curCmd: number, rows: number): void {
    this.done(this.inProc ? Token.DONEINPROC : Token.DONE, status | Done.MORE, curCmd, rows);
  }

  failure(f: SqlFailure): void {
    this.failed = true;
    writeMessage(this.w, { number: f.number, state: f.state, class: f.class, message: f.message, serverName: this.ctx.serverName, procName: '', lineNumber: 1 });
    this.stmtDone(Done.ERROR, CurCmd.NONE, 0);
  }

  /** Clears MORE on the last DONE-kind token written (a response ends with a final DONE). */
  finish(): void {
    // Inside sp_executesql every DONEINPROC keeps MORE: the procedure's DONEPROC ends the response.
    if (this.inProc) return;
    if (this.lastDone < 0) {
      writeDone(this.w, Token.DONE, this.failed ? Done.ERROR : Done.FINAL, CurCmd.NONE, 0);
      return;
    }
    this.w.patchU16(this.lastDone, this.w.u16At(this.lastDone) & ~Done.MORE);
  }

  /** The token just written ended with a DONE-kind token (13 bytes: token, status, curcmd, rowcount). */
  markLastDone(): void {
    this.lastDone = this.w.length - 12;
  }

  async statement(s: Statement): Promise<void> {
    switch (s.kind) {
      case 'set':
        this.stmtDone(Done.FINAL, CurCmd.NONE, 0);
        return;
      case 'use': {
        const db = s.database.toLowerCase();
        if (!this.ctx.databases.includes(db)) {
          this.failure({ number: 911, class: 16, state: 1, message: `Database '${s.database}' does not exist. Make sure that the name is entered correctly.` });
          return;
        }
        if (db !== this.ctx.database) {
          writeEnvChangeText(this.w, EnvChange.DATABASE, db, this.ctx.database);
          this.ctx.database = db;
        }
        writeMessage(this.w, { number: 5701, state: 1, class: 0, message: `Changed database context to '${db}'.`, serverName: this.ctx.serverName, procName: '', lineNumber: 1 });
        this.stmtDone(Done.FINAL, CurCmd.NONE, 0);
        return;
      }
      case 'select': {
        // Columns may share a name (several unnamed ones), so the row is written by position.
        const columns: Column[] = [];
        const values: SqlValue[] = [];
        for (const item of s.items) {
          const { value, column } = await this.evaluate(item.expr);
          columns.push({ name: item.alias, type: column });
          values.push(value);
        }
        writeColMetadata(this.w, columns);
        this.w.u8(Token.ROW);
        columns.forEach((c, i) => writeValue(this.w, c.type, values[i]));
        this.stmtDone(Done.COUNT, CurCmd.SELECT, 1);
        return;
      }
      case 'exec':
        await this.exec(s.proc, s.args);
        return;
    }
  }

  private async evaluate(e: SelectExpr): Promise<{ value: SqlValue; column: Column['type'] }> {
    const nvarchar = { kind: 'nvarchar', max: false } as const;
    const int = { kind: 'int', size: 4 } as const;
    switch (e.kind) {
      case 'literal': {
        const v = e.value;
        if (typeof v === 'number') return { value: v, column: Number.isInteger(v) ? (Math.abs(v) <= 2147483647 ? int : { kind: 'int', size: 8 }) : { kind: 'float' } };
        if (v instanceof Uint8Array) return { value: v, column: { kind: 'varbinary', max: false } };
        return { value: v, column: v === null ? int : nvarchar };
      }
      case 'global':
        switch (e.name) {
          case '@@spid':
            return { value: this.ctx.spid, column: { kind: 'int', size: 2 } };
          case '@@version':
            return { value: versionString(await this.serverInfo()), column: nvarchar };
          case '@@servername':
            return { value: (await this.serverInfo()).serverName, column: nvarchar };
          case '@@trancount':
            return { value: 0, column: int };
          case '@@language':
            return { value: 'us_english', column: nvarchar };
          case '@@max_precision':
            return { value: 38, column: { kind: 'int', size: 1 } };
          case '@@textsize':
            return { value: 2147483647, column: int };
          default:
            return { value: 0, column: int };
        }
      case 'serverproperty': {
        const v = serverProperty(e.property, await this.serverInfo());
        return { value: v, column: typeof v === 'number' ? int : nvarchar };
      }
      case 'function': {
        const info = await this.serverInfo();
        switch (e.name) {
          case 'db_name':
            return { value: this.ctx.database, column: nvarchar };
          case 'is_srvrolemember': {
            const role = (e.arg ?? '').toLowerCase();
            const known = ['sysadmin', 'serveradmin', 'securityadmin', 'processadmin', 'setupadmin', 'bulkadmin', 'diskadmin', 'dbcreator', 'public'];
            if (!known.includes(role)) return { value: null, column: int };
            return { value: role === 'public' || (role === 'sysadmin' && info.isSysadmin) ? 1 : 0, column: int };
          }
          default:
            return { value: info.login || this.ctx.login, column: nvarchar };
        }
      }
    }
  }

  /** EXEC with literal arguments: named ones by name, positional ones by the procedure's declared order. */
  async exec(proc: string, args: ReadonlyArray<{ name?: string; value: SqlValue | undefined }>): Promise<void> {
    const xp = registryXpName(proc);
    if (xp) {
      await this.registryXp(xp, args);
      return;
    }
    const name = normalizeProcName(proc);
    const params: Record<string, SqlValue | undefined> = {};
    const decls = name ? PROC_SIGNATURES[name] : undefined;
    for (const [i, a] of args.entries()) {
      if (a.name !== undefined) {
        params[a.name] = a.value;
        continue;
      }
      const decl = decls?.[i];
      if (!decl) {
        this.failed = true;
        // No declaration to place it by: an unknown procedure (SQL Server reports that first), or too many arguments.
        const e = decls
          ? { number: 8144, severity: 16, state: 2, message: `Procedure or function ${name} has too many arguments specified.` }
          : { number: 2812, severity: 16, state: 62, message: `Could not find stored procedure '${proc}'.` };
        writeProcError(this.w, e, this.ctx.serverName, name ?? '', Done.MORE);
        this.markLastDone();
        return;
      }
      params[decl.name] = a.value;
    }
    const before = this.w.length;
    try {
      const result = await this.ctx.executor.exec(proc, params);
      if (this.isCanceled()) return;
      writeProcResult(this.w, result, this.ctx.serverName, name ?? proc, Done.MORE);
    } catch (e) {
      if (this.isCanceled()) return;
      this.failed = true;
      writeProcError(this.w, e, this.ctx.serverName, name ?? '', Done.MORE);
    }
    if (this.w.length > before) this.markLastDone();
  }

  /** xp_instance_regread / xp_instance_regwrite on the Agent's key (registryXp.ts). */
  private async registryXp(xp: RegistryXp, args: ReadonlyArray<{ name?: string; value: SqlValue | undefined }>): Promise<void> {
    try {
      const result = await runRegistryXp(this.ctx.executor, xp, args);
      if (this.isCanceled()) return;
      writeProcResult(this.w, result, this.ctx.serverName, xp, Done.MORE);
    } catch (e) {
      if (this.isCanceled()) return;
      this.failed = true;
      writeProcError(this.w, e, this.ctx.serverName, xp, Done.MORE);
    }
    this.markLastDone();
  }
}

/** The project's own connect batch (serverInfo.ts), answered from executor.serverInfo(). */
async function writeServerInfo(run: Run): Promise<void> {
  // An executor over a real server may know that the role could not be read (SqlServerInfo).
  const info = (await run.ctx.executor.serverInfo()) as ServerInfo & { agentRoleKnown?: boolean; agentRoleError?: number | null; agentRoleErrorMessage?: string | null };
  const sqlagentType = info.agentRoleKnown === false ? null : ({ standalone: 1, tsx: 2, msx: 3, inconsistent: 0 }[info.agentRole as string] ?? null);
  const nv = { kind: 'nvarchar', max: false } as const;
  const int = { kind: 'int', size: 4 } as const;
  const columns: Column[] = [
    { name: 'server_name', type: nv },
    { name: 'machine_name', type: nv },
    { name: 'product_version', type: nv },
    { name: 'edition', type: nv },
    { name: 'engine_edition', type: int },
    { name: 'is_sysadmin', type: int },
    { name: 'login_name', type: nv },
    { name: 'msx_server_name', type: nv },
    { name: 'target_count', type: int },
    { name: 'sqlagent_type', type: int },
    { name: 'role_error', type: int },
    { name: 'role_error_message', type: nv },
  ];
  const row = {
    server_name: info.serverName,
    machine_name: info.machineName,
    product_version: info.productVersion,
    edition: info.edition,
    engine_edition: info.engineEdition,
    is_sysadmin: info.isSysadmin ? 1 : 0,
    login_name: info.login,
    msx_server_name: info.msxServerName,
    target_count: null,
    sqlagent_type: sqlagentType,
    role_error: info.agentRoleError ?? null,
    role_error_message: info.agentRoleErrorMessage ?? null,
  };
  writeRecordset(run.w, [row], run.inProc ? Token.DONEINPROC : Token.DONE, columns);
  run.markLastDone();
}

/** The project's Agent registry batch (agentRegistry.ts), answered from executor.agentRegistry(). */
async function writeAgentRegistry(run: Run): Promise<void> {
  const row = agentRegistryRow(await run.ctx.executor.agentRegistry());
  const nv = { kind: 'nvarchar', max: false } as const;
  const int = { kind: 'int', size: 4 } as const;
  const text = new Set(['msx_server_name', 'read_error_message']);
  const columns: Column[] = AGENT_REGISTRY_COLUMNS.map((name) => ({ name, type: text.has(name) ? nv : int }));
  writeRecordset(run.w, [row], run.inProc ? Token.DONEINPROC : Token.DONE, columns);
  run.markLastDone();
}

async function runSql(run: Run, sql: string, vars: ReadonlyMap<string, SqlValue>): Promise<void> {
  if (sameBatchText(sql, SERVER_INFO_BATCH)) {
    await writeServerInfo(run);
    run.finish();
    return;
  }
  if (sameBatchText(sql, AGENT_REGISTRY_BATCH)) {
    await writeAgentRegistry(run);
    run.finish();
    return;
  }
  const parsed = parseBatch(sql, vars);
  if (!parsed.ok) {
    // A batch that does not parse runs nothing, as SQL Server compiles a batch before running it.
    run.failure(parsed.failure);
    run.finish();
    return;
  }
  for (const s of parsed.statements) {
    if (run.isCanceled()) return;
    await run.statement(s);
  }
  run.finish();
}

export async function handleSqlBatch(ctx: SessionContext, payload: Buffer, isCanceled: () => boolean): Promise<Buffer> {
  const sql = batchText(payload);
  const w = new ByteWriter(1024);
  const run = new Run(ctx, w, false, isCanceled);
  try {
    await runSql(run, sql, new Map());
  } catch (e) {
    writeProcErrorAsBatch(w, run, e);
  }
  return w.toBuffer();
}

function writeProcErrorAsBatch(w: ByteWriter, run: Run, e: unknown): void {
  const msg = e instanceof Error ? e.message : String(e);
  writeMessage(w, { number: 50000, state: 1, class: 16, message: `The lab could not run the batch: ${msg}`, serverName: run.ctx.serverName, procName: '', lineNumber: 1 });
  writeDone(w, Token.DONE, Done.ERROR, CurCmd.NONE, 0);
}

/** sp_executesql (§2.2.6.6 ProcID 10): @statement, @params (declarations), then the declared parameters by name. */
async function execSql(ctx: SessionContext, call: RpcCall, w: ByteWriter, isCanceled: () => boolean, last: boolean): Promise<void> {
  const [stmt, , ...rest] = call.params;
  const doneStatus = last ? Done.FINAL : Done.MORE;
  if (!stmt || typeof stmt.value !== 'string') {
    writeProcError(w, { number: 214, severity: 16, state: 2, message: "Procedure expects parameter '@statement' of type 'ntext/nchar/nvarchar'." }, ctx.serverName, 'sp_executesql', doneStatus);
    return;
  }
  const vars = new Map<string, SqlValue>();
  for (const p of rest) if (p.name) vars.set(p.name.toLowerCase().startsWith('@') ? p.name.toLowerCase() : `@${p.name.toLowerCase()}`, p.value);
  const inner = new ByteWriter(512);
  const run = new Run(ctx, inner, true, isCanceled);
  await runSql(run, stmt.value, vars);
  if (isCanceled()) return;
  w.bytes(inner.toBuffer());
  writeReturnStatus(w, run.failed ? 1 : 0);
  writeDone(w, Token.DONEPROC, doneStatus | (run.failed ? Done.ERROR : 0), CurCmd.EXECUTE, 0);
}

export async function handleRpc(ctx: SessionContext, payload: Buffer, isCanceled: () => boolean): Promise<Buffer> {
  const calls = parseRpc(payload);
  const w = new ByteWriter(1024);
  for (const [i, call] of calls.entries()) {
    if (isCanceled()) break;
    const last = i === calls.length - 1;
    const doneStatus = last ? Done.FINAL : Done.MORE;
    if (call.unsupported) {
      writeProcError(w, { number: 50000, severity: 16, state: 1, message: call.unsupported.message }, ctx.serverName, call.name, Done.FINAL);
      break;
    }
    if (call.procId === 10 || normalizeSpExecuteSql(call.name)) {
      await execSql(ctx, call, w, isCanceled, last);
      continue;
    }
    if (call.procId !== undefined) {
      writeProcError(w, unsupportedProc(call.name), ctx.serverName, call.name, doneStatus);
      continue;
    }
    const xp = registryXpName(call.name);
    if (xp) {
      try {
        const args = call.params.map((p) => ({ ...(p.name.replace(/^@/, '') ? { name: p.name } : {}), value: p.useDefault ? undefined : p.value }));
        const result = await runRegistryXp(ctx.executor, xp, args);
        if (isCanceled()) break;
        writeProcResult(w, result, ctx.serverName, xp, doneStatus);
      } catch (e) {
        if (isCanceled()) break;
        writeProcError(w, e, ctx.serverName, xp, doneStatus);
      }
      continue;
    }
    const params: Record<string, SqlValue | undefined> = {};
    const decls = normalizeProcName(call.name) ? PROC_SIGNATURES[normalizeProcName(call.name)!] : undefined;
    let bad: SqlFailureLike | undefined;
    for (const [j, p] of call.params.entries()) {
      let key = p.name.replace(/^@/, '');
      if (key === '') {
        const decl = decls?.[j];
        if (!decl) {
          bad = decls
            ? { number: 8144, severity: 16, state: 2, message: `Procedure or function ${call.name} has too many arguments specified.` }
            : { number: 2812, severity: 16, state: 62, message: `Could not find stored procedure '${call.name}'.` };
          break;
        }
        key = decl.name;
      }
      params[key] = p.useDefault ? undefined : p.value;
    }
    if (bad) {
      writeProcError(w, bad, ctx.serverName, call.name, doneStatus);
      continue;
    }
    try {
      const result = await ctx.executor.exec(call.name, params);
      if (isCanceled()) break;
      writeProcResult(w, result, ctx.serverName, normalizeProcName(call.name) ?? call.name, doneStatus);
    } catch (e) {
      if (isCanceled()) break;
      writeProcError(w, e, ctx.serverName, normalizeProcName(call.name) ?? '', doneStatus);
    }
  }
  return w.toBuffer();
}

interface SqlFailureLike {
  number: number;
  severity: number;
  state: number;
  message: string;
}

function unsupportedProc(name: string): SqlFailureLike {
  return { number: 50000, severity: 16, state: 1, message: `The MSX Studio lab does not run ${name}: it runs msdb's MSX procedures and sp_executesql.` };
}

function normalizeSpExecuteSql(name: string): boolean {
  return /^(?:\[?sys\]?\.|\[?master\]?\.\[?(?:sys|dbo)\]?\.)?\[?sp_executesql\]?$/i.test(name.trim());
}
