// Typing RPC parameters. Each parameter of a known procedure is sent with the SQL type the
// procedure declares (PROC_SIGNATURES), so SQL Server receives exactly what `EXEC msdb.dbo.sp_x
// @p = <typed value>` would give it and there is no implicit conversion on the way in.
//
// A value is converted to its declared type only when the conversion is the one SQL Server would
// make itself and cannot fail (a GUID string to uniqueidentifier, 1/0 to bit, '120' to int, a
// Date to datetime). Anything else (an out-of-range tinyint, 'abc' for an int, a malformed GUID)
// is sent with the type of the JS value instead, so that SQL Server performs the conversion and
// answers with its own error (220, 8114, 8169...) rather than the driver refusing it client-side
// with a message no DBA has seen before.
import { normalizeGuid } from '../../msx/guid';
import { fromSqlDatetime } from '../../msx/datetime';
import type { SqlValue } from '../executor';
import { normalizeParams } from '../executor';
import { PROC_SIGNATURES, type ParamDecl, type SqlParamType } from '../signatures';
import { T, type SqlType } from './driver';

export type RpcValue = string | number | boolean | Date | Buffer | null;

export interface RpcParameter {
  /** Without `@`, lower case (normalizeParams). */
  name: string;
  type: SqlType;
  value: RpcValue;
  /** How the type was chosen: from the procedure's declaration, or inferred from the JS value. */
  typedBy: 'declaration' | 'value';
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** The mssql type for a declared msdb parameter type. sysname is nvarchar(128). */
export function declaredSqlType(t: SqlParamType): SqlType {
  switch (t.kind) {
    case 'sysname':
      return T.NVarChar(128);
    case 'nvarchar':
      return T.NVarChar(t.length);
    case 'varchar':
      return T.VarChar(t.length);
    case 'nchar':
      return T.NChar(t.length);
    case 'char':
      return T.Char(t.length);
    case 'int':
      return T.Int();
    case 'tinyint':
      return T.TinyInt();
    case 'bit':
      return T.Bit();
    case 'uniqueidentifier':
      return T.UniqueIdentifier();
    case 'datetime':
      return T.DateTime();
  }
}

/**
 * The type mssql would pick for a bare JS value, made explicit: strings are nvarchar (4000, or
 * MAX beyond), integers int (bigint beyond int's range), other numbers float, booleans bit,
 * Dates datetime (msdb's date type), bytes varbinary. NULL goes as nvarchar: SQL Server converts
 * a NULL of any type to any parameter type.
 */
export function inferredSqlType(value: SqlValue): SqlType {
  if (value === null) return T.NVarChar(4000);
  if (typeof value === 'string') return T.NVarChar(value.length <= 4000 ? 4000 : T.MAX);
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return value >= INT_MIN && value <= INT_MAX ? T.Int() : T.BigInt();
    return T.Float();
  }
  if (typeof value === 'boolean') return T.Bit();
  if (value instanceof Date) return T.DateTime();
  return T.VarBinary(value.byteLength <= 8000 ? 8000 : T.MAX);
}

function asDriverValue(value: SqlValue): RpcValue {
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return value as RpcValue;
}

function byValue(name: string, value: SqlValue): RpcParameter {
  return { name, type: inferredSqlType(value), value: asDriverValue(value), typedBy: 'value' };
}

function declared(name: string, t: SqlParamType, value: RpcValue): RpcParameter {
  return { name, type: declaredSqlType(t), value, typedBy: 'declaration' };
}

const INTEGER_TEXT = /^\s*[-+]?\d+\s*$/;
/** ODBC canonical 'YYYY-MM-DD hh:mm[:ss[.mmm]]' or ISO 8601 'YYYY-MM-DDThh:mm...' without a zone. */
const DATETIME_TEXT = /^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)?$/;

function integerOf(value: SqlValue): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && INTEGER_TEXT.test(value)) return parseInt(value, 10);
  return undefined;
}

/** Binds one value to its declared parameter type, or falls back to the value's own type. */
export function bindDeclared(decl: ParamDecl, value: SqlValue): RpcParameter {
  const { name, type: t } = decl;
  if (value === null) return declared(name, t, null);
  switch (t.kind) {
    case 'sysname':
    case 'nvarchar':
    case 'varchar':
    case 'nchar':
    case 'char': {
      if (typeof value !== 'string') return byValue(name, value);
      const max = t.kind === 'sysname' ? 128 : t.length;
      // SQL Server silently truncates a longer string assigned to a procedure parameter; doing
      // it here keeps the declared length on the wire (a value longer than its declared length
      // is a malformed RPC, not a truncation).
      return declared(name, t, value.length > max ? value.slice(0, max) : value);
    }
    case 'int':
    case 'tinyint': {
      const n = integerOf(value);
      const [lo, hi] = t.kind === 'tinyint' ? [0, 255] : [INT_MIN, INT_MAX];
      if (n === undefined || n < lo || n > hi) return byValue(name, value); // SQL Server raises 220 / 8114 / 245
      return declared(name, t, n);
    }
    case 'bit': {
      if (typeof value === 'boolean') return declared(name, t, value);
      const n = integerOf(value);
      if (n !== undefined) return declared(name, t, n !== 0); // any non-zero integer converts to 1
      if (typeof value === 'string' && /^\s*(true|false)\s*$/i.test(value)) return declared(name, t, /true/i.test(value));
      return byValue(name, value);
    }
    case 'uniqueidentifier': {
      if (typeof value !== 'string') return byValue(name, value);
      const g = normalizeGuid(value);
      return g ? declared(name, t, g) : byValue(name, value); // SQL Server raises 8169
    }
    case 'datetime': {
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw new TypeError(`Parameter @${name}: an invalid Date is not a SQL value.`);
        // datetime covers 1753..9999; outside it, send the text and let SQL Server refuse it (242).
        const y = value.getUTCFullYear();
        if (y < 1753 || y > 9999) return byValue(name, value.toISOString());
        return declared(name, t, value);
      }
      // Wall-clock text becomes a Date whose UTC fields are that wall clock (msx/datetime.ts;
      // the pool runs with useUTC). Other text goes as nvarchar for SQL Server to parse.
      if (typeof value === 'string' && DATETIME_TEXT.test(value.trim())) {
        const d = fromSqlDatetime(value.trim().replace('T', ' '));
        if (!Number.isNaN(d.getTime())) return declared(name, t, d);
      }
      return byValue(name, value);
    }
  }
}

/**
 * The RPC parameters for a call, in the order given. Parameter names are taken with or without
 * `@`, any case. A name the procedure does not declare is passed through (typed by its value) so
 * that SQL Server answers 8145 "... is not a parameter for procedure ..." itself.
 *
 * A procedure missing from PROC_SIGNATURES can still be called: every parameter is then typed
 * by inference from its JS value (strings as nvarchar), which is what mssql would do untyped.
 */
export function bindRpcParameters(proc: string, params: Record<string, SqlValue | undefined> | undefined): RpcParameter[] {
  const decls = PROC_SIGNATURES[proc];
  const byName = new Map((decls ?? []).map((d) => [d.name.toLowerCase(), d]));
  const out: RpcParameter[] = [];
  for (const [name, value] of normalizeParams(params)) {
    // mssql would quietly turn NaN into NULL; a JS-only value is the caller's bug, said so.
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`Parameter @${name}: ${value} is not a SQL value.`);
    const decl = byName.get(name);
    out.push(decl ? bindDeclared(decl, value) : byValue(name, value));
  }
  return out;
}

/** `NVarChar(128)`, `Int`, `NVarChar(MAX)`: for tests and for logs (types only, never values). */
export function sqlTypeName(t: SqlType): string {
  const factory = t.type as unknown as { name?: string };
  const length = (t as { length?: number }).length;
  const name = factory.name ?? '?';
  if (length === undefined) return name;
  return `${name}(${length === T.MAX ? 'MAX' : length})`;
}
