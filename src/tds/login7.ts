// LOGIN7 (MS-TDS §2.2.6.4): a 94-byte fixed part (lengths, versions, flags, then offset/length
// pairs into the variable part), then UCS-2 strings. Offsets are from the start of the payload;
// lengths are in characters, except SSPI's, which is in bytes.
import { ByteReader, TdsProtocolError } from './bytes';

export const LOGIN7_FIXED_LENGTH = 94;

/** OptionFlags2 fIntSecurity: integrated (Windows) authentication, an SSPI blob instead of a password. */
const F_INT_SECURITY = 0x80;

export interface Login7 {
  tdsVersion: number;
  packetSize: number;
  clientPid: number;
  hostName: string;
  userName: string;
  password: string;
  appName: string;
  serverName: string;
  libraryName: string;
  language: string;
  database: string;
  /** Windows authentication was asked for (the lab knows SQL logins only). */
  integratedSecurity: boolean;
  /** A password change was asked for (not supported). */
  changePassword: boolean;
}

/**
 * The password obfuscation of §2.2.6.4: the client swaps each byte's nibbles and XORs it with
 * 0xA5; undoing it is XOR 0xA5, then swap.
 */
export function deobfuscatePassword(bytes: Buffer): string {
  const out = Buffer.allocUnsafe(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const x = bytes[i] ^ 0xa5;
    out[i] = ((x & 0x0f) << 4) | (x >> 4);
  }
  return out.toString('utf16le');
}

/** The client-side obfuscation, for tests and for building LOGIN7 messages in them. */
export function obfuscatePassword(password: string): Buffer {
  const b = Buffer.from(password, 'utf16le');
  for (let i = 0; i < b.length; i++) {
    const x = b[i];
    b[i] = (((x & 0x0f) << 4) | (x >> 4)) ^ 0xa5;
  }
  return b;
}

export function parseLogin7(payload: Buffer): Login7 {
  const r = new ByteReader(payload);
  const length = r.u32('LOGIN7 Length');
  if (length < LOGIN7_FIXED_LENGTH || length > payload.length) {
    throw new TdsProtocolError(`LOGIN7 length ${length} does not fit the ${payload.length}-byte message`);
  }
  const tdsVersion = r.u32('TDSVersion');
  const packetSize = r.u32('PacketSize');
  r.u32('ClientProgVer');
  const clientPid = r.u32('ClientPID');
  r.u32('ConnectionID');
  r.u8('OptionFlags1');
  const flags2 = r.u8('OptionFlags2');
  r.u8('TypeFlags');
  r.u8('OptionFlags3');
  r.i32('ClientTimeZone');
  r.u32('ClientLCID');
  const field = (what: string, bytesPerUnit = 2) => {
    const ib = r.u16(`ib${what}`);
    const cch = r.u16(`cch${what}`);
    const bytes = cch * bytesPerUnit;
    if (cch === 0) return Buffer.alloc(0);
    if (ib < LOGIN7_FIXED_LENGTH || ib + bytes > length) {
      throw new TdsProtocolError(`LOGIN7 ${what} (offset ${ib}, ${bytes} bytes) lies outside the ${length}-byte login record`);
    }
    return payload.subarray(ib, ib + bytes);
  };
  const text = (what: string) => field(what).toString('utf16le');
  const hostName = text('HostName');
  const userName = text('UserName');
  const password = deobfuscatePassword(field('Password'));
  const appName = text('AppName');
  const serverName = text('ServerName');
  r.u16('ibExtension');
  r.u16('cbExtension'); // FeatureExt: nothing the lab acknowledges (tedious accepts no FEATUREEXTACK)
  const libraryName = text('CltIntName');
  const language = text('Language');
  const database = text('Database');
  r.skip(6, 'ClientID');
  field('SSPI', 1);
  text('AtchDBFile');
  const changePassword = field('ChangePassword').length > 0;
  return {
    tdsVersion,
    packetSize,
    clientPid,
    hostName,
    userName,
    password,
    appName,
    serverName,
    libraryName,
    language,
    database,
    integratedSecurity: (flags2 & F_INT_SECURITY) !== 0,
    changePassword,
  };
}

/** TDS versions as LOGIN7 and LOGINACK carry them (§2.2.6.4). */
export const TdsVersion = {
  V7_2: 0x72090002,
  V7_3A: 0x730a0003,
  V7_3B: 0x730b0003,
  V7_4: 0x74000004,
} as const;

/**
 * The version to acknowledge: 7.4 for a client asking 7.4 or later; a known 7.2/7.3 version as
 * asked; undefined (refuse) for anything older, whose token formats this server does not write.
 */
export function acknowledgedVersion(client: number): number | undefined {
  if (client >= TdsVersion.V7_4) return TdsVersion.V7_4;
  if (client === TdsVersion.V7_3B || client === TdsVersion.V7_3A || client === TdsVersion.V7_2) return client;
  return undefined;
}
