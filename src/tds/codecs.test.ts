// Packet and token codecs against byte sequences worked out by hand from MS-TDS. Each hex string
// is commented with the section and the field each group of bytes is.
import { describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter, TdsProtocolError } from './bytes';
import { deobfuscatePassword, obfuscatePassword, parseLogin7, TdsVersion, acknowledgedVersion } from './login7';
import { encodeMessage, MessageAssembler } from './packet';
import { buildPreloginReply, Encrypt, negotiateEncryption, parsePrelogin } from './prelogin';
import { parseRpc } from './rpc';
import { CurCmd, Done, EnvChange, Token, writeColMetadata, writeDone, writeEnvChangeCollation, writeEnvChangeText, writeLoginAck, writeMessage, writeReturnStatus, writeRow } from './tokens';
import { bytesToGuid, guidToBytes, inferColumns, readTypedValue, SQL_LATIN1_GENERAL_CP1_CI_AS, writeValue, type ColumnType } from './types';

const hex = (s: string) => Buffer.from(s.replace(/#.*$/gm, '').replace(/\s+/g, ''), 'hex');
const written = (f: (w: ByteWriter) => void) => {
  const w = new ByteWriter(8);
  f(w);
  return w.toBuffer().toString('hex');
};

describe('packet framing (§2.2.3.1)', () => {
  it('one packet: type, status EOM, big-endian length and SPID, packet id 1, window 0', () => {
    expect(encodeMessage(0x04, hex('aabb'), 4096, 51).toString('hex')).toBe(
      hex(`
        04        # Type: tabular result
        01        # Status: EOM
        000a      # Length 10, big-endian, header included
        0033      # SPID 51, big-endian
        01        # PacketID
        00        # Window
        aabb      # payload
      `).toString('hex'),
    );
  });

  it('splits a message at the packet size: EOM only on the last packet, ids counting up', () => {
    const out = encodeMessage(0x04, hex('00112233445566778899'), 12, 0);
    expect(out.toString('hex')).toBe(
      hex(`
        04 00 000c 0000 01 00  00112233   # 12 bytes: header + 4
        04 00 000c 0000 02 00  44556677
        04 01 000a 0000 03 00  8899       # last: EOM, 10 bytes
      `).toString('hex'),
    );
  });

  it('reassembles a message fed one byte at a time', () => {
    const a = new MessageAssembler({ maxPacketSize: 4096, maxMessageBytes: 1000 });
    const bytes = encodeMessage(0x01, Buffer.from('hello world'), 12, 0);
    const got = [];
    for (const b of bytes) got.push(...a.push(Buffer.from([b])));
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ type: 0x01, status: 0x01 });
    expect(got[0].payload.toString()).toBe('hello world');
    expect(a.buffered).toBe(0);
  });

  it.each([
    ['a length shorter than the header', '01 01 0004 0000 01 00', /shorter than its header/],
    ['a length over the packet size', '01 01 1001 0000 01 00', /exceeds the packet size 4096/],
    ['unknown status bits', '01 41 0009 0000 01 00 00', /unknown bits/],
    ['a type change inside a message', '01 00 0009 0000 01 00 00  03 01 0009 0000 02 00 00', /inside a message of type 0x1/],
  ])('refuses %s', (_what, bytes, reason) => {
    const a = new MessageAssembler({ maxPacketSize: 4096, maxMessageBytes: 1000 });
    expect(() => a.push(hex(bytes))).toThrow(reason);
  });

  it('refuses a message over the byte cap', () => {
    const a = new MessageAssembler({ maxPacketSize: 4096, maxMessageBytes: 10 });
    expect(() => a.push(encodeMessage(0x01, Buffer.alloc(20), 16, 0))).toThrow(TdsProtocolError);
  });
});

describe('PRELOGIN (§2.2.6.5)', () => {
  it('parses what FreeTDS 1.3.17 sends (captured with TDSDUMP)', () => {
    const p = parsePrelogin(
      hex(`
        00 001a 0006   # VERSION at 26, 6 bytes (offsets and lengths big-endian)
        01 0020 0001   # ENCRYPTION at 32
        02 0021 000c   # INSTOPT at 33, 12 bytes
        03 002d 0004   # THREADID at 45
        04 0031 0001   # MARS at 49
        ff             # terminator
        090000000000   # version 9.0.0.0
        00             # ENCRYPT_OFF
        4d5353514c53657276657200   # "MSSQLServer\\0"
        8c660000       # thread id
        00             # MARS off
      `),
    );
    expect(p.encryption).toBe(Encrypt.OFF);
    expect(p.mars).toBe(0);
    expect(p.options.get(0x02)?.toString('latin1')).toBe('MSSQLServer\u0000');
  });

  it('builds the reply: VERSION, ENCRYPTION, INSTOPT, THREADID (empty), MARS off', () => {
    expect(buildPreloginReply({ version: { major: 16, minor: 0, build: 4135 }, encryption: Encrypt.NOT_SUP }).toString('hex')).toBe(
      hex(`
        00 001a 0006   # VERSION: data at 26 (5 options x 5 bytes + terminator)
        01 0020 0001   # ENCRYPTION at 32
        02 0021 0001   # INSTOPT at 33
        03 0022 0000   # THREADID at 34, empty
        04 0022 0001   # MARS at 34
        ff
        10 00 1027 0000   # 16.0, build 4135 (0x1027) big-endian, subbuild 0
        02                # ENCRYPT_NOT_SUP
        00                # INSTOPT: instance matched
        00                # MARS off
      `).toString('hex'),
    );
  });

  it('refuses an option that points past the payload', () => {
    expect(() => parsePrelogin(hex('01 0010 0001 ff'))).toThrow(/points past the payload/);
  });

  it.each([
    // client, server setting, reply, mode
    [Encrypt.OFF, 'not-supported', Encrypt.NOT_SUP, 'none'],
    [Encrypt.NOT_SUP, 'not-supported', Encrypt.NOT_SUP, 'none'],
    [Encrypt.ON, 'not-supported', Encrypt.NOT_SUP, 'none'],
    [Encrypt.OFF, 'optional', Encrypt.OFF, 'login'],
    [Encrypt.ON, 'optional', Encrypt.ON, 'full'],
    [Encrypt.REQ, 'optional', Encrypt.ON, 'full'],
    [Encrypt.NOT_SUP, 'optional', Encrypt.NOT_SUP, 'none'],
    [Encrypt.OFF, 'required', Encrypt.REQ, 'full'],
    [Encrypt.ON, 'required', Encrypt.ON, 'full'],
  ] as const)('encryption: client %i, server %s -> reply %i, %s', (client, server, reply, mode) => {
    expect(negotiateEncryption(client, server)).toEqual({ reply, mode });
  });

  it('a client that cannot encrypt, to a server that requires it: REQ, then refused', () => {
    expect(negotiateEncryption(Encrypt.NOT_SUP, 'required')).toMatchObject({ reply: Encrypt.REQ, refuse: expect.any(String) });
  });
});

// A LOGIN7 worked out by hand: host "H", user "sa", password "pw", app "A", library "L", database "msdb".
const LOGIN7 = `
  74000000   # Length 116
  04000074   # TDSVersion 7.4 (0x74000004, little-endian)
  00100000   # PacketSize 4096
  00000007   # ClientProgVer
  01000000   # ClientPID 1
  00000000   # ConnectionID
  e0 03 00 00   # OptionFlags1, OptionFlags2 (no fIntSecurity 0x80), TypeFlags, OptionFlags3
  e0010000   # ClientTimeZone 480
  09040000   # ClientLCID 0x0409
  5e00 0100  # HostName at 94, 1 char
  6000 0200  # UserName at 96, 2 chars
  6400 0200  # Password at 100, 2 chars
  6800 0100  # AppName at 104
  6a00 0000  # ServerName (none)
  6a00 0000  # Extension (none)
  6a00 0100  # CltIntName at 106
  6c00 0000  # Language (none)
  6c00 0400  # Database at 108, 4 chars
  000000000000  # ClientID
  7400 0000  # SSPI (none)
  7400 0000  # AtchDBFile (none)
  7400 0000  # ChangePassword (none)
  00000000   # cbSSPILong
  4800       # "H"
  73006100   # "sa"
  a2a5d2a5   # "pw": p=0x70 -> nibbles swapped 0x07 -> xor 0xA5 = 0xA2; 0x00 -> 0xA5; w=0x77 -> 0x77^0xA5 = 0xD2
  4100       # "A"
  4c00       # "L"
  6d00730064006200   # "msdb"
`;

describe('LOGIN7 (§2.2.6.4)', () => {
  it('parses the fixed part, the offsets and the UCS-2 strings; undoes the password obfuscation', () => {
    expect(parseLogin7(hex(LOGIN7))).toEqual({
      tdsVersion: TdsVersion.V7_4,
      packetSize: 4096,
      clientPid: 1,
      hostName: 'H',
      userName: 'sa',
      password: 'pw',
      appName: 'A',
      serverName: '',
      libraryName: 'L',
      language: '',
      database: 'msdb',
      integratedSecurity: false,
      changePassword: false,
    });
  });

  it('password obfuscation both ways', () => {
    expect(deobfuscatePassword(hex('a2a5d2a5'))).toBe('pw');
    expect(obfuscatePassword('pw').toString('hex')).toBe('a2a5d2a5');
    expect(deobfuscatePassword(obfuscatePassword('Pässwörd#1 ✓'))).toBe('Pässwörd#1 ✓');
  });

  it('refuses garbage offsets, a wrong Length, a truncated record', () => {
    const bad = hex(LOGIN7);
    bad.writeUInt16LE(0xfff0, 40); // UserName offset far outside
    expect(() => parseLogin7(bad)).toThrow(/UserName .* lies outside/);
    const long = hex(LOGIN7);
    long.writeUInt32LE(500, 0);
    expect(() => parseLogin7(long)).toThrow(/does not fit/);
    expect(() => parseLogin7(hex(LOGIN7).subarray(0, 60))).toThrow(TdsProtocolError);
  });

  it('acknowledges 7.4 for 7.4 and later, 7.2/7.3 as asked, nothing older', () => {
    expect(acknowledgedVersion(0x74000004)).toBe(TdsVersion.V7_4);
    expect(acknowledgedVersion(0x08000000 + 0x74000004)).toBe(TdsVersion.V7_4);
    expect(acknowledgedVersion(TdsVersion.V7_3B)).toBe(TdsVersion.V7_3B);
    expect(acknowledgedVersion(0x71000001)).toBeUndefined();
  });
});

describe('tokens (§2.2.7)', () => {
  it('DONE: status, CurCmd, 8-byte row count', () => {
    expect(written((w) => writeDone(w, Token.DONE, Done.MORE | Done.COUNT, CurCmd.SELECT, 3))).toBe(
      hex(`
        fd                 # DONE
        1100               # MORE|COUNT
        c100               # CurCmd SELECT
        0300000000000000   # 3 rows
      `).toString('hex'),
    );
    expect(written((w) => writeDone(w, Token.DONE, Done.ATTN, CurCmd.NONE, 0))).toBe('fd200000000000000000000000');
  });

  it('RETURNSTATUS', () => {
    expect(written((w) => writeReturnStatus(w, 1))).toBe('7901000000');
  });

  it('ENVCHANGE database and collation', () => {
    expect(written((w) => writeEnvChangeText(w, EnvChange.DATABASE, 'msdb', 'master'))).toBe(
      hex(`
        e3 1700            # ENVCHANGE, length 23
        01                 # type 1: database
        04 6d00730064006200           # B_VARCHAR "msdb"
        06 6d00610073007400650072 00  # B_VARCHAR "master"
      `).toString('hex'),
    );
    expect(written((w) => writeEnvChangeCollation(w, SQL_LATIN1_GENERAL_CP1_CI_AS))).toBe(
      hex(`
        e3 0800      # ENVCHANGE, length 8
        07           # type 7: SQL collation
        05 0904d00034  # B_VARBYTE: LCID 0x0409, flags 0x0D (CI, kana, width), SortId 52
        00           # old value empty
      `).toString('hex'),
    );
  });

  it('ERROR and INFO: number, state, class, text, server, procedure, line', () => {
    expect(written((w) => writeMessage(w, { number: 18456, state: 1, class: 14, message: 'x', serverName: 'S', procName: '', lineNumber: 1 }))).toBe(
      hex(`
        aa 1200     # ERROR (class >= 11), length 18
        18480000    # Number 18456 (0x4818)
        01 0e       # State 1, Class 14
        0100 7800   # US_VARCHAR "x"
        01 5300     # B_VARCHAR "S"
        00          # B_VARCHAR "" (procedure)
        01000000    # LineNumber 1
      `).toString('hex'),
    );
    expect(written((w) => writeMessage(w, { number: 5701, state: 2, class: 0, message: '', serverName: '', procName: '', lineNumber: 0 })).slice(0, 2)).toBe('ab');
  });

  it('LOGINACK: interface 1, TDS version big-endian, program name, version bytes', () => {
    const progName = Buffer.from('Microsoft SQL Server', 'utf16le').toString('hex');
    expect(written((w) => writeLoginAck(w, { tdsVersion: TdsVersion.V7_4, progName: 'Microsoft SQL Server', version: { major: 16, minor: 0, build: 4135 } }))).toBe(
      hex(`
        ad 3200     # LOGINACK, length 50
        01          # Interface: SQL_TSQL
        74000004    # TDS 7.4, big-endian
        14 ${progName}  # B_VARCHAR, 20 characters
        10 00 10 27 # 16.0, build 4135 high byte, low byte
      `).toString('hex'),
    );
  });

  it('COLMETADATA and ROW: INTN 4 and NVARCHAR(4000) with collation', () => {
    const cols = [
      { name: 'n', type: { kind: 'int', size: 4 } as ColumnType },
      { name: 's', type: { kind: 'nvarchar', max: false } as ColumnType },
    ];
    expect(written((w) => writeColMetadata(w, cols))).toBe(
      hex(`
        81 0200                      # COLMETADATA, 2 columns
        00000000 0100 26 04 01 6e00  # UserType, Flags nullable, INTN(4), "n"
        00000000 0100 e7 401f 0904d00034 01 7300  # NVARCHAR max 8000 bytes, collation, "s"
      `).toString('hex'),
    );
    expect(written((w) => writeRow(w, cols, { n: 42, s: 'hi' }))).toBe(hex('d1  04 2a000000  0400 68006900').toString('hex'));
    expect(written((w) => writeRow(w, cols, { n: null, s: null }))).toBe(hex('d1  00  ffff').toString('hex'));
  });
});

describe('values (§2.2.5.5)', () => {
  it('PLP nvarchar(max): total length, one chunk, terminator; NULL all ones', () => {
    const t: ColumnType = { kind: 'nvarchar', max: true };
    expect(written((w) => writeValue(w, t, 'a'))).toBe(hex('0200000000000000  02000000 6100  00000000').toString('hex'));
    expect(written((w) => writeValue(w, t, null))).toBe('ffffffffffffffff');
  });

  it('datetime: days since 1900-01-01 and 1/300 s ticks', () => {
    const d = new Date(Date.UTC(1900, 0, 2, 0, 0, 1));
    expect(written((w) => writeValue(w, { kind: 'datetime' }, d))).toBe(hex(`
        08         # length
        01000000   # 1 day
        2c010000   # 300 ticks = 1 s
      `).toString('hex'));
    expect(readTypedValue(new ByteReader(hex('6f 08  08 01000000 2c010000')), 'p').value).toEqual(d);
  });

  it('uniqueidentifier: first three groups little-endian', () => {
    const g = '6F1B8C2E-0A41-4C3B-9D5E-1A2B3C4D5E6F';
    expect(guidToBytes(g)?.toString('hex')).toBe(hex('2e8c1b6f 410a 3b4c 9d5e1a2b3c4d5e6f').toString('hex'));
    expect(bytesToGuid(guidToBytes(g)!)).toBe(g);
  });

  it('column types inferred from values: a NULL column takes the type of its other rows', () => {
    expect(inferColumns([{ a: null, b: 1, c: 'x' }, { a: new Date(0), b: 2 ** 40, c: null }, { a: null, b: 1.5 }])).toEqual([
      { name: 'a', type: { kind: 'datetime' } },
      { name: 'b', type: { kind: 'float' } },
      { name: 'c', type: { kind: 'nvarchar', max: false } },
    ]);
    expect(inferColumns([{ x: null }])).toEqual([{ name: 'x', type: { kind: 'nvarchar', max: false } }]);
  });
});

const RPC = `
  16000000   # ALL_HEADERS TotalLength 22
  12000000 0200 0000000000000000 01000000  # transaction descriptor header: length 18, type 2, descriptor, 1 request
  0400 73007000 5f007800   # procedure name "sp_x" (US_VARCHAR)
  0000                     # OptionFlags
  02 40006100  00  26 04  04 2a000000                  # @a INTN(4) = 42
  02 40006200  00  e7 401f 0904d00034  0400 68006900   # @b NVARCHAR(4000) = N'hi'
  02 40006300  00  e7 401f 0904d00034  ffff            # @c NVARCHAR NULL
  02 40006400  00  68 01  01 01                        # @d BITN = 1
  02 40006500  00  e7 ffff 0904d00034  feffffffffffffff 04000000 6f006b00 00000000  # @e NVARCHAR(MAX), PLP of unknown length = N'ok'
  02 40006600  00  24 10  10 2e8c1b6f410a3b4c9d5e1a2b3c4d5e6f  # @f uniqueidentifier
  02 40006700  01  6f 08  08 01000000 2c010000          # @g DATETIMEN OUTPUT = 1900-01-02 00:00:01
`;

describe('RPC (§2.2.6.6)', () => {
  it('decodes the name and each parameter', () => {
    const [call] = parseRpc(hex(RPC));
    expect(call.name).toBe('sp_x');
    expect(call.params.map((p) => [p.name, p.value])).toEqual([
      ['@a', 42],
      ['@b', 'hi'],
      ['@c', null],
      ['@d', true],
      ['@e', 'ok'],
      ['@f', '6F1B8C2E-0A41-4C3B-9D5E-1A2B3C4D5E6F'],
      ['@g', new Date(Date.UTC(1900, 0, 2, 0, 0, 1))],
    ]);
    expect(call.params[6].output).toBe(true);
  });

  it('ProcID 10 is sp_executesql', () => {
    const [call] = parseRpc(hex('04000000  ffff 0a00  0000'));
    expect(call).toMatchObject({ name: 'sp_executesql', procId: 10, params: [] });
  });

  it('refuses a PLP length larger than the message, and truncated values', () => {
    expect(() => parseRpc(hex('04000000 0100 7800 0000  02 40006500 00 e7 ffff 0904d00034 00000000ffff0000 04000000'))).toThrow(/PLP length/);
    expect(() => parseRpc(hex('04000000 0100 7800 0000  02 40006100 00 26 04 04 2a00'))).toThrow(/truncated/);
    expect(() => parseRpc(hex('ffff0000'))).toThrow(/ALL_HEADERS/);
  });

  it('a parameter type it does not read: the call carries the error (the connection stays)', () => {
    const [call] = parseRpc(hex('04000000 0100 7800 0000  02 40007800 00 f1 00'));
    expect(call.unsupported?.message).toMatch(/type 0xF1/);
  });
});
