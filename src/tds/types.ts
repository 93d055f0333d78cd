// Data type codecs (MS-TDS §2.2.5.4 data type definitions, §2.2.5.5 data type dependent lengths,
// §2.2.5.6 TYPE_INFO): how the server describes and writes result columns, and how it reads the
// parameter values clients send in an RPC.
import { ByteReader, ByteWriter, TdsProtocolError } from './bytes';
import type { SqlValue } from '../msdb/executor';

/** Type ids used here (§2.2.5.4.1–3). */
export const TypeId = {
  NULL: 0x1f,
  INT1: 0x30,
  BIT: 0x32,
  INT2: 0x34,
  INT4: 0x38,
  DATETIM4: 0x3a,
  FLT4: 0x3b,
  MONEY: 0x3c,
  DATETIME: 0x3d,
  FLT8: 0x3e,
  MONEY4: 0x7a,
  INT8: 0x7f,
  GUID: 0x24,
  INTN: 0x26,
  DECIMALN: 0x6a,
  NUMERICN: 0x6c,
  BITN: 0x68,
  FLTN: 0x6d,
  MONEYN: 0x6e,
  DATETIMN: 0x6f,
  DATEN: 0x28,
  TIMEN: 0x29,
  DATETIME2N: 0x2a,
  DATETIMEOFFSETN: 0x2b,
  BIGVARBINARY: 0xa5,
  BIGVARCHAR: 0xa7,
  BIGBINARY: 0xad,
  BIGCHAR: 0xaf,
  NVARCHAR: 0xe7,
  NCHAR: 0xef,
} as const;

/**
 * SQL_Latin1_General_CP1_CI_AS as the 5-byte COLLATION of §2.2.5.1.2: LCID 0x0409 (20 bits) and
 * the flags IgnoreCase|IgnoreKana|IgnoreWidth (0x0D, 8 bits) in a little-endian DWORD
 * 0x00D00409 -> 09 04 D0 00, then SortId 52 (0x34), the SQL collation's sort order.
 */
export const SQL_LATIN1_GENERAL_CP1_CI_AS = Buffer.from([0x09, 0x04, 0xd0, 0x00, 0x34]);

/** USHORT max length that marks a (MAX) type, whose values travel as PLP (§2.2.5.2.3). */
export const MAX_LENGTH = 0xffff;
const PLP_NULL = 0xffffffffffffffffn;
const PLP_UNKNOWN_LENGTH = 0xfffffffffffffffen;

// ---------------------------------------------------------------------------------------------
// datetime: days since 1900-01-01 (LONG) and 1/300 s since midnight (ULONG) (§2.2.5.5.1.8).
// Above the seam a datetime is a Date whose UTC fields are the server's wall clock
// (msx/datetime.ts, mssql's useUTC), so the UTC fields are what goes on the wire.

const MS_PER_DAY = 86_400_000;
const EPOCH_1900 = Date.UTC(1900, 0, 1);
const EPOCH_0001 = Date.parse('0001-01-01T00:00:00Z');

export function encodeDatetime(d: Date): { days: number; ticks: number } {
  const ms = d.getTime() - EPOCH_1900;
  let days = Math.floor(ms / MS_PER_DAY);
  let ticks = Math.round(((ms - days * MS_PER_DAY) * 300) / 1000);
  if (ticks >= 300 * 86_400) {
    days += 1;
    ticks = 0;
  }
  return { days, ticks };
}

export function decodeDatetime(days: number, ticks: number): Date {
  return new Date(EPOCH_1900 + days * MS_PER_DAY + Math.round((ticks * 1000) / 300));
}

// ---------------------------------------------------------------------------------------------
// uniqueidentifier: 16 bytes, the first three groups little-endian (§2.2.5.5.1.6 refers to the
// GUID structure: Data1 DWORD, Data2 WORD, Data3 WORD, Data4 8 bytes).

const GUID_TEXT = /^\{?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})\}?$/i;

export function guidToBytes(text: string): Buffer | undefined {
  const m = GUID_TEXT.exec(text.trim());
  if (!m) return undefined;
  const hex = m.slice(1).join('');
  const b = Buffer.from(hex, 'hex');
  b.subarray(0, 4).reverse();
  b.subarray(4, 6).reverse();
  b.subarray(6, 8).reverse();
  return b;
}

export function bytesToGuid(b: Buffer): string {
  const c = Buffer.from(b);
  c.subarray(0, 4).reverse();
  c.subarray(4, 6).reverse();
  c.subarray(6, 8).reverse();
  const h = c.toString('hex').toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// ---------------------------------------------------------------------------------------------
// Result columns.

export type ColumnType =
  | { kind: 'nvarchar'; max: boolean }
  | { kind: 'int'; size: 1 | 2 | 4 | 8 }
  | { kind: 'float' }
  | { kind: 'bit' }
  | { kind: 'datetime' }
  | { kind: 'varbinary'; max: boolean }
  | { kind: 'guid' };

export interface Column {
  name: string;
  type: ColumnType;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** The column type a single non-null value asks for. */
function typeOfValue(v: unknown): ColumnType {
  if (typeof v === 'string') return { kind: 'nvarchar', max: v.length > 4000 };
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return { kind: 'float' };
    return { kind: 'int', size: v >= INT32_MIN && v <= INT32_MAX ? 4 : 8 };
  }
  if (typeof v === 'bigint') return { kind: 'int', size: 8 };
  if (typeof v === 'boolean') return { kind: 'bit' };
  if (v instanceof Date) return { kind: 'datetime' };
  if (v instanceof Uint8Array) return { kind: 'varbinary', max: v.length > 8000 };
  return { kind: 'nvarchar', max: false };
}

/** Two value types in one column: the wider one; unrelated kinds fall back to nvarchar (text of the value). */
function widen(a: ColumnType, b: ColumnType): ColumnType {
  if (a.kind === 'nvarchar' && b.kind === 'nvarchar') return { kind: 'nvarchar', max: a.max || b.max };
  if (a.kind === 'varbinary' && b.kind === 'varbinary') return { kind: 'varbinary', max: a.max || b.max };
  if (a.kind === 'int' && b.kind === 'int') return { kind: 'int', size: Math.max(a.size, b.size) as 1 | 2 | 4 | 8 };
  if ((a.kind === 'int' || a.kind === 'float') && (b.kind === 'int' || b.kind === 'float')) return { kind: 'float' };
  if (a.kind === b.kind) return a;
  return { kind: 'nvarchar', max: (a.kind === 'nvarchar' && a.max) || (b.kind === 'nvarchar' && b.max) };
}

/**
 * Columns for a recordset of plain row objects: the keys in first-seen order, each typed from
 * its non-null values (a column that is NULL in every row is nvarchar, as SELECT NULL would be
 * described as int: a typed NULL is what matters to clients, and nvarchar converts to anything).
 */
export function inferColumns(rows: ReadonlyArray<Record<string, unknown>>): Column[] {
  const order: string[] = [];
  const types = new Map<string, ColumnType | undefined>();
  for (const row of rows) {
    for (const [k, v] of Object.entries(row)) {
      if (!types.has(k)) {
        order.push(k);
        types.set(k, undefined);
      }
      if (v === null || v === undefined) continue;
      const t = typeOfValue(v);
      const prev = types.get(k);
      types.set(k, prev ? widen(prev, t) : t);
    }
  }
  return order.map((name) => ({ name, type: types.get(name) ?? { kind: 'nvarchar', max: false } }));
}

/** TYPE_INFO of a column (§2.2.5.6). */
export function writeTypeInfo(w: ByteWriter, t: ColumnType): void {
  switch (t.kind) {
    case 'nvarchar':
      w.u8(TypeId.NVARCHAR).u16(t.max ? MAX_LENGTH : 8000).bytes(SQL_LATIN1_GENERAL_CP1_CI_AS);
      return;
    case 'int':
      w.u8(TypeId.INTN).u8(t.size);
      return;
    case 'float':
      w.u8(TypeId.FLTN).u8(8);
      return;
    case 'bit':
      w.u8(TypeId.BITN).u8(1);
      return;
    case 'datetime':
      w.u8(TypeId.DATETIMN).u8(8);
      return;
    case 'varbinary':
      w.u8(TypeId.BIGVARBINARY).u16(t.max ? MAX_LENGTH : 8000);
      return;
    case 'guid':
      w.u8(TypeId.GUID).u8(16);
      return;
  }
}

function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return `0x${Buffer.from(v).toString('hex').toUpperCase()}`;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Writes a PLP value (§2.2.5.2.3): total length, one chunk, terminator; NULL is all-ones. */
function writePlp(w: ByteWriter, data: Buffer | null): void {
  if (data === null) {
    w.u64(PLP_NULL);
    return;
  }
  w.u64(data.length);
  if (data.length > 0) w.u32(data.length).bytes(data);
  w.u32(0);
}

/** One value of a ROW (§2.2.7.20) in its column's type; null/undefined is the type's NULL. */
export function writeValue(w: ByteWriter, t: ColumnType, v: unknown): void {
  const isNull = v === null || v === undefined;
  switch (t.kind) {
    case 'nvarchar': {
      if (t.max) {
        writePlp(w, isNull ? null : Buffer.from(textOf(v), 'utf16le'));
      } else if (isNull) {
        w.u16(0xffff);
      } else {
        const text = textOf(v).slice(0, 4000);
        w.u16(text.length * 2).ucs2(text);
      }
      return;
    }
    case 'varbinary': {
      const data = isNull ? null : v instanceof Uint8Array ? Buffer.from(v) : Buffer.from(textOf(v), 'utf16le');
      if (t.max) writePlp(w, data);
      else if (data === null) w.u16(0xffff);
      else w.u16(Math.min(data.length, 8000)).bytes(data.subarray(0, 8000));
      return;
    }
    case 'int': {
      if (isNull) {
        w.u8(0);
        return;
      }
      w.u8(t.size);
      if (t.size === 8) w.i64(typeof v === 'bigint' ? v : BigInt(Math.trunc(Number(v))));
      else if (t.size === 4) w.i32(Number(v));
      else if (t.size === 2) w.u16(Number(v));
      else w.u8(Number(v));
      return;
    }
    case 'float':
      if (isNull) w.u8(0);
      else w.u8(8).f64(Number(v));
      return;
    case 'bit':
      if (isNull) w.u8(0);
      else w.u8(1).u8(v === true || Number(v) === 1 ? 1 : 0);
      return;
    case 'datetime': {
      if (isNull) {
        w.u8(0);
        return;
      }
      const d = v instanceof Date ? v : new Date(String(v));
      const { days, ticks } = encodeDatetime(d);
      w.u8(8).i32(days).u32(ticks);
      return;
    }
    case 'guid': {
      const b = isNull ? undefined : guidToBytes(String(v));
      if (!b) w.u8(0);
      else w.u8(16).bytes(b);
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Parameter values (RPC, §2.2.6.6 ParamMetaData / ParamLenData).

export interface DecodedParam {
  name: string;
  /** StatusFlags fByRefValue: an OUTPUT parameter. */
  output: boolean;
  /** fDefaultValue: the client asked for the parameter's default. */
  useDefault: boolean;
  typeId: number;
  value: SqlValue;
}

/** A parameter of a type this server does not read: the request is answered with an error, the connection stays. */
export class UnsupportedTypeError extends Error {
  override readonly name = 'UnsupportedTypeError';
  constructor(readonly typeId: number) {
    super(`The lab does not accept parameters of TDS type 0x${typeId.toString(16).toUpperCase().padStart(2, '0')}.`);
  }
}

function readPlp(r: ByteReader, what: string): Buffer | null {
  const total = r.u64(`${what} PLP length`);
  if (total === PLP_NULL) return null;
  if (total !== PLP_UNKNOWN_LENGTH && total > BigInt(r.remaining)) {
    throw new TdsProtocolError(`${what}: PLP length ${total} exceeds the ${r.remaining} bytes left in the message`);
  }
  const parts: Buffer[] = [];
  for (;;) {
    const n = r.u32(`${what} PLP chunk length`);
    if (n === 0) break;
    parts.push(r.bytes(n, `${what} PLP chunk`));
  }
  return Buffer.concat(parts);
}

function smallInt(b: Buffer, signed: boolean): SqlValue {
  switch (b.length) {
    case 1:
      return b[0];
    case 2:
      return signed ? b.readInt16LE(0) : b.readUInt16LE(0);
    case 4:
      return b.readInt32LE(0);
    case 8: {
      const n = b.readBigInt64LE(0);
      return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString();
    }
    default:
      throw new TdsProtocolError(`integer of ${b.length} bytes`);
  }
}

function readDecimal(data: Buffer, scale: number): number {
  const sign = data[0] === 1 ? 1 : -1;
  let n = 0n;
  for (let i = data.length - 1; i >= 1; i--) n = (n << 8n) | BigInt(data[i]);
  return (sign * Number(n)) / 10 ** scale;
}

function readFloat(b: Buffer): number {
  if (b.length === 4) return b.readFloatLE(0);
  if (b.length === 8) return b.readDoubleLE(0);
  throw new TdsProtocolError(`float of ${b.length} bytes`);
}

function readMoney(b: Buffer): number {
  if (b.length === 4) return b.readInt32LE(0) / 10000;
  if (b.length === 8) return (b.readInt32LE(0) * 2 ** 32 + b.readUInt32LE(4)) / 10000;
  throw new TdsProtocolError(`money of ${b.length} bytes`);
}

function readDatetimeBytes(b: Buffer): Date {
  if (b.length === 8) return decodeDatetime(b.readInt32LE(0), b.readUInt32LE(4));
  if (b.length === 4) return new Date(EPOCH_1900 + b.readUInt16LE(0) * MS_PER_DAY + b.readUInt16LE(2) * 60_000);
  throw new TdsProtocolError(`datetime of ${b.length} bytes`);
}

/** date (3 bytes, days since 0001-01-01) and time (3-5 bytes, 10^-scale seconds) of §2.2.5.5.1.8. */
function readDate3(b: Buffer, at: number): number {
  return EPOCH_0001 + b.readUIntLE(at, 3) * MS_PER_DAY;
}
function readTime(b: Buffer, at: number, len: number, scale: number): number {
  return Math.round(Number(b.readUIntLE(at, len)) / 10 ** (scale - 3));
}
const timeLength = (scale: number) => (scale <= 2 ? 3 : scale <= 4 ? 4 : 5);

/** A BYTE-length value: the length, then that many bytes; length 0 is NULL. */
function byteLen(r: ByteReader, what: string, allowed: readonly number[]): Buffer | null {
  const n = r.u8(`${what} length`);
  if (n === 0) return null;
  if (!allowed.includes(n)) throw new TdsProtocolError(`${what}: length ${n} is not one of ${allowed.join(', ')}`);
  return r.bytes(n, what);
}

/** Reads TYPE_INFO and the value that follows it. */
export function readTypedValue(r: ByteReader, what: string): { typeId: number; value: SqlValue } {
  const typeId = r.u8(`${what} type`);
  switch (typeId) {
    case TypeId.NULL:
      return { typeId, value: null };
    case TypeId.INT1:
      return { typeId, value: r.u8(what) };
    case TypeId.BIT:
      return { typeId, value: r.u8(what) !== 0 };
    case TypeId.INT2:
      return { typeId, value: smallInt(r.bytes(2, what), true) };
    case TypeId.INT4:
      return { typeId, value: r.i32(what) };
    case TypeId.INT8:
      return { typeId, value: smallInt(r.bytes(8, what), true) };
    case TypeId.FLT4:
      return { typeId, value: readFloat(r.bytes(4, what)) };
    case TypeId.FLT8:
      return { typeId, value: readFloat(r.bytes(8, what)) };
    case TypeId.MONEY:
      return { typeId, value: readMoney(r.bytes(8, what)) };
    case TypeId.MONEY4:
      return { typeId, value: readMoney(r.bytes(4, what)) };
    case TypeId.DATETIME:
      return { typeId, value: readDatetimeBytes(r.bytes(8, what)) };
    case TypeId.DATETIM4:
      return { typeId, value: readDatetimeBytes(r.bytes(4, what)) };
    case TypeId.INTN: {
      r.u8(`${what} max length`);
      const b = byteLen(r, what, [1, 2, 4, 8]);
      return { typeId, value: b === null ? null : smallInt(b, true) };
    }
    case TypeId.BITN: {
      r.u8(`${what} max length`);
      const b = byteLen(r, what, [1]);
      return { typeId, value: b === null ? null : b[0] !== 0 };
    }
    case TypeId.FLTN: {
      r.u8(`${what} max length`);
      const b = byteLen(r, what, [4, 8]);
      return { typeId, value: b === null ? null : readFloat(b) };
    }
    case TypeId.MONEYN: {
      r.u8(`${what} max length`);
      const b = byteLen(r, what, [4, 8]);
      return { typeId, value: b === null ? null : readMoney(b) };
    }
    case TypeId.DATETIMN: {
      r.u8(`${what} max length`);
      const b = byteLen(r, what, [4, 8]);
      return { typeId, value: b === null ? null : readDatetimeBytes(b) };
    }
    case TypeId.GUID: {
      r.u8(`${what} max length`);
      const b = byteLen(r, what, [16]);
      return { typeId, value: b === null ? null : bytesToGuid(b) };
    }
    case TypeId.DECIMALN:
    case TypeId.NUMERICN: {
      r.u8(`${what} max length`);
      r.u8(`${what} precision`);
      const scale = r.u8(`${what} scale`);
      const b = byteLen(r, what, [5, 9, 13, 17]);
      return { typeId, value: b === null ? null : readDecimal(b, scale) };
    }
    case TypeId.DATEN: {
      const b = byteLen(r, what, [3]);
      return { typeId, value: b === null ? null : new Date(readDate3(b, 0)) };
    }
    case TypeId.DATETIME2N:
    case TypeId.DATETIMEOFFSETN: {
      const scale = r.u8(`${what} scale`);
      if (scale > 7) throw new TdsProtocolError(`${what}: scale ${scale}`);
      const tl = timeLength(scale);
      const total = tl + 3 + (typeId === TypeId.DATETIMEOFFSETN ? 2 : 0);
      const b = byteLen(r, what, [total]);
      if (b === null) return { typeId, value: null };
      let ms = readDate3(b, tl) + readTime(b, 0, tl, scale);
      // datetimeoffset carries UTC; the wall clock above the seam is UTC plus the offset.
      if (typeId === TypeId.DATETIMEOFFSETN) ms += b.readInt16LE(tl + 3) * 60_000;
      return { typeId, value: new Date(ms) };
    }
    case TypeId.TIMEN: {
      const scale = r.u8(`${what} scale`);
      if (scale > 7) throw new TdsProtocolError(`${what}: scale ${scale}`);
      const b = byteLen(r, what, [timeLength(scale)]);
      return { typeId, value: b === null ? null : new Date(EPOCH_1900 + readTime(b, 0, b.length, scale)) };
    }
    case TypeId.NVARCHAR:
    case TypeId.NCHAR:
    case TypeId.BIGVARCHAR:
    case TypeId.BIGCHAR: {
      const max = r.u16(`${what} max length`);
      r.skip(5, `${what} collation`);
      const wide = typeId === TypeId.NVARCHAR || typeId === TypeId.NCHAR;
      const data = max === MAX_LENGTH ? readPlp(r, what) : readUsLen(r, what);
      // varchar is read as Latin-1 (the code page of the collation this server announces).
      return { typeId, value: data === null ? null : data.toString(wide ? 'utf16le' : 'latin1') };
    }
    case TypeId.BIGVARBINARY:
    case TypeId.BIGBINARY: {
      const max = r.u16(`${what} max length`);
      const data = max === MAX_LENGTH ? readPlp(r, what) : readUsLen(r, what);
      return { typeId, value: data === null ? null : Buffer.from(data) };
    }
    default:
      throw new UnsupportedTypeError(typeId);
  }
}

function readUsLen(r: ByteReader, what: string): Buffer | null {
  const n = r.u16(`${what} length`);
  if (n === 0xffff) return null;
  return r.bytes(n, what);
}
