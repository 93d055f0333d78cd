// A record of what this console did: every write it sends to a server (an msdb procedure that
// changes something) with the connection, the login, the time, the T-SQL, the outcome and SQL
// Server's messages. Kept as JSON lines (audit.jsonl) in the app's data folder, beside the saved
// connections; never a password: parameters whose names say secret are masked before anything
// is rendered or written, and nothing about how the connection was opened is recorded.
import { appendFileSync, closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync } from 'node:fs';
import { dirname } from 'node:path';
import { renderCall } from '../admin/script';
import { isSqlServerError } from '../msx/errors';
import type { MsdbExecutor, ProcResult, SqlValue } from '../msdb/executor';
import { isReadOnlyProc, normalizeProcName } from '../msdb/executor';

export const AUDIT_FILE_NAME = 'audit.jsonl';
/** Entries kept in memory for the view (the file keeps everything). */
const MEMORY_LIMIT = 5000;
/**
 * How much of the file's end is read on open: far more than MEMORY_LIMIT records take (a record
 * is well under 2 KB). The file keeps everything and only grows, so reading all of it would make
 * every start slower than the last.
 */
export const TAIL_BYTES = 16 * 1024 * 1024;

/** The last `bytes` of a file, as text starting at a whole line. */
function readTail(file: string, bytes: number): string {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const start = Math.max(0, size - bytes);
    const buf = Buffer.alloc(size - start);
    let read = 0;
    while (read < buf.length) {
      const n = readSync(fd, buf, read, buf.length - read, start + read);
      if (n === 0) break;
      read += n;
    }
    const text = buf.subarray(0, read).toString('utf8');
    // Started inside a record: that partial line is not one.
    return start === 0 ? text : text.slice(text.indexOf('\n') + 1);
  } finally {
    closeSync(fd);
  }
}
export const MASK = '********';

export interface AuditRecord {
  /** ISO time on this machine's clock. */
  at: string;
  connectionId: string;
  /** The server the connection is to (the master), or the target the call ran on. */
  server: string;
  login: string;
  /** Set when the call ran on a target's own connection (Force Poll's signal). */
  target?: string;
  proc: string;
  tsql: string;
  ok: boolean;
  returnValue?: number;
  error?: { number?: number; message: string };
  messages: Array<{ number?: number; text: string }>;
}

/** Everything an msdb call does that is not a read is a write. */
export function isWrite(proc: string): boolean {
  return !isReadOnlyProc(normalizeProcName(proc) ?? proc.toLowerCase());
}

/** Parameter names that carry a secret, however spelt (@password, @client_secret, @pwd, @new_password…). */
const SECRET_NAME = /pass(word)?|pwd|secret|token|credential_secret|key_value/i;

/** The parameters with every secret-named value masked. */
export function maskSecrets(params: Record<string, SqlValue | undefined>): Record<string, SqlValue> {
  const out: Record<string, SqlValue> = {};
  for (const [k, v] of Object.entries(params)) {
    // Left out like the executors leave them out: an undefined parameter is not sent.
    if (v === undefined) continue;
    out[k] = SECRET_NAME.test(k) && v !== null ? MASK : v;
  }
  return out;
}

export class AuditLog {
  private readonly entries: AuditRecord[] = [];

  constructor(
    readonly file?: string,
    tailBytes = TAIL_BYTES,
  ) {
    if (file && existsSync(file)) {
      for (const line of readTail(file, tailBytes).split('\n')) {
        if (!line.trim()) continue;
        try {
          this.entries.push(JSON.parse(line) as AuditRecord);
        } catch {
          // A line cut by a crash: the rest of the record stands.
        }
      }
      this.entries.splice(0, Math.max(0, this.entries.length - MEMORY_LIMIT));
    }
  }

  record(r: AuditRecord): void {
    this.entries.push(r);
    if (this.entries.length > MEMORY_LIMIT) this.entries.shift();
    if (!this.file) return;
    // One line per write, appended: a crash loses at most the line being written. Readable by the user only.
    const line = `${JSON.stringify(r)}\n`;
    try {
      try {
        appendFileSync(this.file, line, { mode: 0o600 });
      } catch (e) {
        // The data folder is made on the first write (not checked on every one).
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        mkdirSync(dirname(this.file), { recursive: true });
        appendFileSync(this.file, line, { mode: 0o600 });
      }
    } catch (e) {
      console.error(`audit log: could not write ${this.file}: ${(e as Error).message}`);
    }
  }

  /** Newest first; `search` matches any field's text (any case). */
  list(opts: { search?: string; limit?: number } = {}): AuditRecord[] {
    const q = opts.search?.trim().toLowerCase();
    const out: AuditRecord[] = [];
    for (let i = this.entries.length - 1; i >= 0 && out.length < (opts.limit ?? 1000); i--) {
      const e = this.entries[i];
      if (q && !JSON.stringify(e).toLowerCase().includes(q)) continue;
      out.push(e);
    }
    return out;
  }
}

export interface AuditContext {
  connectionId: string;
  server: string;
  login: string;
  target?: string;
}

/** The executor, with each write it runs recorded (reads pass straight through). */
export function auditedExecutor(exec: MsdbExecutor, log: AuditLog, context: () => AuditContext, now: () => Date = () => new Date()): MsdbExecutor {
  return {
    serverInfo: () => exec.serverInfo(),
    agentRegistry: () => exec.agentRegistry(),
    exec: async (proc: string, params: Record<string, SqlValue | undefined> = {}): Promise<ProcResult> => {
      if (!isWrite(proc)) return exec.exec(proc, params);
      const at = now().toISOString();
      const tsql = renderCall({ proc, params: maskSecrets(params) });
      const ctx = context();
      const base = { at, ...ctx, proc: normalizeProcName(proc) ?? proc, tsql };
      try {
        const result = await exec.exec(proc, params);
        log.record({ ...base, ok: true, returnValue: result.returnValue, messages: result.messages.map((m) => ({ number: m.number, text: m.text })) });
        return result;
      } catch (e) {
        const error = isSqlServerError(e) ? { number: e.number, message: e.message } : { message: e instanceof Error ? e.message : String(e) };
        log.record({ ...base, ok: false, error, messages: [] });
        throw e;
      }
    },
  };
}
