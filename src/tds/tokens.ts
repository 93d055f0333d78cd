// Token writers for the server's tabular-result messages (MS-TDS §2.2.7). Each function appends
// one token to a ByteWriter; a response message is a run of tokens (session.ts sends it).
import { ByteWriter } from './bytes';
import { writeTypeInfo, writeValue, type Column } from './types';

export const Token = {
  RETURNSTATUS: 0x79,
  COLMETADATA: 0x81,
  ERROR: 0xaa,
  INFO: 0xab,
  LOGINACK: 0xad,
  ROW: 0xd1,
  ENVCHANGE: 0xe3,
  DONE: 0xfd,
  DONEPROC: 0xfe,
  DONEINPROC: 0xff,
} as const;

/** DONE / DONEPROC / DONEINPROC status bits (§2.2.7.6). */
export const Done = {
  FINAL: 0x00,
  MORE: 0x01,
  ERROR: 0x02,
  INXACT: 0x04,
  COUNT: 0x10,
  ATTN: 0x20,
  SRVERROR: 0x100,
} as const;

/** ENVCHANGE types (§2.2.7.9). */
export const EnvChange = {
  DATABASE: 1,
  LANGUAGE: 2,
  PACKET_SIZE: 4,
  SQL_COLLATION: 7,
} as const;

/** CurCmd of DONE tokens (the statement's token, as SQL Server reports it): SELECT 0xC1, EXECUTE 0xE0, SET/USE etc. 0. */
export const CurCmd = {
  NONE: 0x00,
  SELECT: 0xc1,
  EXECUTE: 0xe0,
} as const;

/** DONE, DONEPROC or DONEINPROC: Status USHORT, CurCmd USHORT, DoneRowCount ULONGLONG (TDS 7.2+). */
export function writeDone(w: ByteWriter, token: number, status: number, curCmd: number, rowCount: number): void {
  w.u8(token).u16(status).u16(curCmd).u64(rowCount);
}

/** ENVCHANGE with B_VARCHAR new and old values (database, language, packet size). */
export function writeEnvChangeText(w: ByteWriter, type: number, newValue: string, oldValue: string): void {
  const body = new ByteWriter(64);
  body.u8(type).bVarchar(newValue).bVarchar(oldValue);
  const b = body.toBuffer();
  w.u8(Token.ENVCHANGE).u16(b.length).bytes(b);
}

/** ENVCHANGE 7 (SQL collation): B_VARBYTE new value (the 5 collation bytes), empty old value. */
export function writeEnvChangeCollation(w: ByteWriter, collation: Buffer): void {
  w.u8(Token.ENVCHANGE).u16(1 + 1 + collation.length + 1).u8(EnvChange.SQL_COLLATION).u8(collation.length).bytes(collation).u8(0);
}

export interface MessageToken {
  number: number;
  state: number;
  /** Severity: <= 10 is sent as INFO, >= 11 as ERROR. */
  class: number;
  message: string;
  serverName: string;
  procName: string;
  lineNumber: number;
}

/**
 * INFO (0xAB) or ERROR (0xAA), chosen by class (§2.2.7.10, §2.2.7.13): Length USHORT, Number
 * LONG, State BYTE, Class BYTE, MsgText US_VARCHAR, ServerName B_VARCHAR, ProcName B_VARCHAR,
 * LineNumber LONG.
 */
export function writeMessage(w: ByteWriter, m: MessageToken): void {
  const body = new ByteWriter(128);
  body.i32(m.number).u8(m.state).u8(m.class).usVarchar(m.message).bVarchar(m.serverName).bVarchar(m.procName).i32(m.lineNumber);
  const b = body.toBuffer();
  w.u8(m.class <= 10 ? Token.INFO : Token.ERROR).u16(b.length).bytes(b);
}

export interface LoginAck {
  tdsVersion: number;
  progName: string;
  version: { major: number; minor: number; build: number };
}

/**
 * LOGINACK (§2.2.7.14): Length USHORT, Interface BYTE (1 = SQL_TSQL; FreeTDS accepts only 1 or 5),
 * TDSVersion DWORD big-endian, ProgName B_VARCHAR, ProgVersion (major, minor, build high, build low).
 */
export function writeLoginAck(w: ByteWriter, a: LoginAck): void {
  const body = new ByteWriter(64);
  body.u8(1).u32be(a.tdsVersion).bVarchar(a.progName).u8(a.version.major).u8(a.version.minor).u8((a.version.build >> 8) & 0xff).u8(a.version.build & 0xff);
  const b = body.toBuffer();
  w.u8(Token.LOGINACK).u16(b.length).bytes(b);
}

export function writeReturnStatus(w: ByteWriter, value: number): void {
  w.u8(Token.RETURNSTATUS).i32(value);
}

/** Column flags: Nullable (0x0001), not updateable. */
const COLUMN_FLAGS = 0x0001;

/** COLMETADATA (§2.2.7.4): Count USHORT, then UserType ULONG, Flags USHORT, TYPE_INFO, ColName B_VARCHAR. */
export function writeColMetadata(w: ByteWriter, columns: readonly Column[]): void {
  w.u8(Token.COLMETADATA).u16(columns.length);
  for (const c of columns) {
    w.u32(0).u16(COLUMN_FLAGS);
    writeTypeInfo(w, c.type);
    w.bVarchar(c.name);
  }
}

/** ROW (§2.2.7.20): each column's value in COLMETADATA order. */
export function writeRow(w: ByteWriter, columns: readonly Column[], row: Record<string, unknown>): void {
  w.u8(Token.ROW);
  for (const c of columns) writeValue(w, c.type, row[c.name]);
}
