// PRELOGIN (MS-TDS §2.2.6.5): the first message of a TDS 7.x connection, in both directions. A list
// of option headers (token BYTE, offset USHORT, length USHORT; offsets and lengths big-endian,
// counted from the start of the payload) ended by 0xFF, then the option data.
import { ByteReader, ByteWriter, TdsProtocolError } from './bytes';

export const PreloginOption = {
  VERSION: 0x00,
  ENCRYPTION: 0x01,
  INSTOPT: 0x02,
  THREADID: 0x03,
  MARS: 0x04,
  TRACEID: 0x05,
  FEDAUTHREQUIRED: 0x06,
  NONCEOPT: 0x07,
  TERMINATOR: 0xff,
} as const;

/** ENCRYPTION option values (§2.2.6.5). */
export const Encrypt = {
  OFF: 0x00,
  ON: 0x01,
  NOT_SUP: 0x02,
  REQ: 0x03,
} as const;

export interface Prelogin {
  /** Raw option data by token. */
  options: Map<number, Buffer>;
  /** The client's ENCRYPTION byte (low bits; 0x80 CLIENT_CERT masked off), or undefined. */
  encryption?: number;
  mars?: number;
}

/** Parses a PRELOGIN payload. Malformed option headers throw TdsProtocolError. */
export function parsePrelogin(payload: Buffer): Prelogin {
  const r = new ByteReader(payload);
  const options = new Map<number, Buffer>();
  for (let i = 0; ; i++) {
    if (i > 64) throw new TdsProtocolError('PRELOGIN has too many options');
    const token = r.u8('PRELOGIN option token');
    if (token === PreloginOption.TERMINATOR) break;
    r.need(4, 'PRELOGIN option header');
    const offset = payload.readUInt16BE(r.pos);
    const length = payload.readUInt16BE(r.pos + 2);
    r.pos += 4;
    if (offset + length > payload.length) throw new TdsProtocolError(`PRELOGIN option 0x${token.toString(16)} points past the payload`);
    options.set(token, payload.subarray(offset, offset + length));
  }
  const enc = options.get(PreloginOption.ENCRYPTION);
  const mars = options.get(PreloginOption.MARS);
  const out: Prelogin = { options };
  if (enc && enc.length >= 1) out.encryption = enc[0] & 0x7f;
  if (mars && mars.length >= 1) out.mars = mars[0];
  return out;
}

/** What the server is set to (MS-TDS §2.2.6.5's "server setting" column). */
export type ServerEncryption = 'not-supported' | 'optional' | 'required';

/** How the rest of the connection goes: no TLS, TLS for LOGIN7 only, or TLS throughout. */
export type EncryptionMode = 'none' | 'login' | 'full';

export interface Negotiation {
  /** The ENCRYPTION byte to answer. */
  reply: number;
  mode: EncryptionMode;
  /** The two sides cannot agree: answer, then close (§2.2.6.5: "the server terminates the connection"). */
  refuse?: string;
}

/**
 * The encryption matrix of MS-TDS §2.2.6.5, server side:
 *   server not-supported: client OFF/NOT_SUP -> NOT_SUP, none; client ON/REQ -> NOT_SUP (the client gives up)
 *   server optional:      client OFF -> OFF, login-only; ON/REQ -> ON, full; NOT_SUP -> NOT_SUP, none
 *   server required:      client OFF -> REQ, full; ON/REQ -> ON, full; NOT_SUP -> REQ and close
 */
export function negotiateEncryption(client: number | undefined, server: ServerEncryption): Negotiation {
  const c = client ?? Encrypt.OFF;
  if (server === 'not-supported') return { reply: Encrypt.NOT_SUP, mode: 'none' };
  if (server === 'optional') {
    if (c === Encrypt.OFF) return { reply: Encrypt.OFF, mode: 'login' };
    if (c === Encrypt.NOT_SUP) return { reply: Encrypt.NOT_SUP, mode: 'none' };
    return { reply: Encrypt.ON, mode: 'full' };
  }
  if (c === Encrypt.NOT_SUP) return { reply: Encrypt.REQ, mode: 'none', refuse: 'the server requires encryption and the client does not support it' };
  if (c === Encrypt.OFF) return { reply: Encrypt.REQ, mode: 'full' };
  return { reply: Encrypt.ON, mode: 'full' };
}

export interface PreloginReply {
  /** Product version, e.g. 16.0.4135 (VERSION: major BYTE, minor BYTE, build USHORT big-endian, subbuild USHORT). */
  version: { major: number; minor: number; build: number };
  encryption: number;
}

/** The server's PRELOGIN answer: VERSION, ENCRYPTION, INSTOPT (0: instance name matched), THREADID (empty), MARS off. */
export function buildPreloginReply(p: PreloginReply): Buffer {
  const items: Array<[number, Buffer]> = [
    [PreloginOption.VERSION, Buffer.from([p.version.major & 0xff, p.version.minor & 0xff, (p.version.build >> 8) & 0xff, p.version.build & 0xff, 0, 0])],
    [PreloginOption.ENCRYPTION, Buffer.from([p.encryption])],
    [PreloginOption.INSTOPT, Buffer.from([0])],
    [PreloginOption.THREADID, Buffer.alloc(0)],
    [PreloginOption.MARS, Buffer.from([0])],
  ];
  const headerLength = items.length * 5 + 1;
  const w = new ByteWriter(64);
  let offset = headerLength;
  for (const [token, data] of items) {
    w.u8(token).u16be(offset).u16be(data.length);
    offset += data.length;
  }
  w.u8(PreloginOption.TERMINATOR);
  for (const [, data] of items) w.bytes(data);
  return w.toBuffer();
}

/** "16.0.4135.4" -> { major 16, minor 0, build 4135 }; unparseable parts read as 0. */
export function parseProductVersion(v: string): { major: number; minor: number; build: number; revision: number } {
  const [major, minor, build, revision] = v.split('.').map((x) => {
    const n = parseInt(x, 10);
    return Number.isFinite(n) ? n : 0;
  });
  return { major: major ?? 0, minor: minor ?? 0, build: build ?? 0, revision: revision ?? 0 };
}
