import { SqlServerError } from '../../msx/errors';
import { normalizeGuid } from '../../msx/guid';
import { fromProbeLocalTime, toSqlDatetime } from '../../msx/datetime';
import type { SqlValue } from '../executor';
import { typeName, type ParamDecl } from '../signatures';

/** Arguments after SQL Server's parameter binding: strings, integers, or null. */
export type Args = Record<string, string | number | null>;

/**
 * Binds named arguments to a procedure's declared parameters the way SQL Server does for an RPC
 * call: unknown names fail (8145), missing required ones fail (201), values convert to the
 * declared type or fail with the engine's conversion errors, over-long strings are truncated.
 */
export function bindArgs(proc: string, decls: readonly ParamDecl[], given: Map<string, SqlValue>): Args {
  const byName = new Map(decls.map((d) => [d.name.toLowerCase(), d]));
  for (const name of given.keys()) {
    if (!byName.has(name)) throw SqlServerError.of(8145, `@${name}`, proc);
  }
  // Keyed by lower-cased names (handlers read args.localtime), whatever case msdb declares.
  const args: Args = {};
  for (const d of decls) {
    const key = d.name.toLowerCase();
    if (given.has(key)) {
      args[key] = convert(given.get(key) ?? null, d);
    } else if (d.default !== undefined) {
      args[key] = d.default;
    } else {
      throw SqlServerError.of(201, proc, `@${d.name}`);
    }
  }
  return args;
}

function sourceType(v: SqlValue): string {
  if (typeof v === 'string') return 'nvarchar';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'boolean') return 'bit';
  if (v instanceof Date) return 'datetime';
  return 'varbinary';
}

function convert(v: SqlValue, d: ParamDecl): string | number | null {
  if (v === null) return null;
  const t = d.type;
  switch (t.kind) {
    case 'sysname':
    case 'varchar':
    case 'nvarchar':
    case 'nchar':
    case 'char': {
      const max = t.kind === 'sysname' ? 128 : t.length;
      let s: string;
      if (typeof v === 'string') s = v;
      else if (typeof v === 'number') s = String(v);
      else if (typeof v === 'boolean') s = v ? '1' : '0';
      else if (v instanceof Date) s = toSqlDatetime(v.getTime());
      else throw SqlServerError.of(8114, sourceType(v), typeName(t));
      return s.length > max ? s.slice(0, max) : s;
    }
    case 'int':
    case 'tinyint':
    case 'bit': {
      let n: number;
      if (typeof v === 'number') n = Math.trunc(v);
      else if (typeof v === 'boolean') n = v ? 1 : 0;
      else if (typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v)) n = parseInt(v, 10);
      else if (typeof v === 'string' && t.kind === 'bit' && /^\s*(true|false)\s*$/i.test(v)) n = /true/i.test(v) ? 1 : 0;
      else throw SqlServerError.of(8114, sourceType(v), t.kind);
      if (t.kind === 'bit') return n === 0 ? 0 : 1;
      const [lo, hi] = t.kind === 'tinyint' ? [0, 255] : [-2147483648, 2147483647];
      if (n < lo || n > hi) throw SqlServerError.of(220, t.kind, n);
      return n;
    }
    case 'uniqueidentifier': {
      if (typeof v !== 'string') throw SqlServerError.of(8114, sourceType(v), 'uniqueidentifier');
      const g = normalizeGuid(v);
      if (!g) throw SqlServerError.of(8169);
      return g;
    }
    case 'datetime': {
      let ms: number;
      if (v instanceof Date) ms = v.getTime();
      // 'YYYY/MM/DD HH:MM:SS' (style 111, what a target's Agent sends as @LocalTime) converts too.
      else if (typeof v === 'string' && fromProbeLocalTime(v) !== undefined) ms = fromProbeLocalTime(v)!;
      else if (typeof v === 'string') ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : v.replace(' ', 'T') + 'Z');
      else throw SqlServerError.of(8114, sourceType(v), 'datetime');
      if (Number.isNaN(ms)) throw SqlServerError.of(241);
      return toSqlDatetime(ms);
    }
  }
}
