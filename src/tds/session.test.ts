// The session at the byte level, as a client that speaks TDS by hand: the login answer's tokens in
// SQL Server's order, packet sizes, attention, the IGNORE bit, refusals that close.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeMessage, PacketType } from './packet';
import { parsePrelogin } from './prelogin';
import { login7Message, preloginMessage, RawTdsClient, SA_PASSWORD, startLabServer } from './testing';

type Lab = Awaited<ReturnType<typeof startLabServer>>;

/** Token types of a response, walking the layouts this server writes. */
function tokenTypes(p: Buffer): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < p.length) {
    const t = p[i];
    out.push(t);
    if ([0xe3, 0xab, 0xaa, 0xad].includes(t)) i += 3 + p.readUInt16LE(i + 1);
    else if ([0xfd, 0xfe, 0xff].includes(t)) i += 13;
    else if (t === 0x79) i += 5;
    else break; // COLMETADATA/ROW: not walked here
  }
  return out;
}

const ALL_HEADERS = Buffer.from('160000001200000002000000000000000000010000 00'.replace(/\s/g, ''), 'hex').subarray(0, 22);
const batch = (sql: string) => Buffer.concat([ALL_HEADERS, Buffer.from(sql, 'utf16le')]);

describe('a session spoken by hand', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLabServer();
  });
  afterAll(async () => lab.server.close());

  it('PRELOGIN answer: ENCRYPT_NOT_SUP without a certificate, MARS off, our version', async () => {
    const c = await RawTdsClient.open(lab.server.port);
    c.send(preloginMessage(0x01));
    const m = await c.message();
    expect(m?.type).toBe(PacketType.TABULAR_RESULT);
    const p = parsePrelogin(m!.payload);
    expect(p.encryption).toBe(0x02);
    expect(p.mars).toBe(0);
    c.socket.destroy();
    // after a login, PRELOGIN announces the version the executor reported (16.0.4135 = 10 00 10 27)
    const d = await RawTdsClient.open(lab.server.port);
    await d.login('sa', SA_PASSWORD);
    const e = await RawTdsClient.open(lab.server.port);
    e.send(preloginMessage());
    expect(parsePrelogin((await e.message())!.payload).options.get(0)?.subarray(0, 4).toString('hex')).toBe('10001027');
    d.socket.destroy();
    e.socket.destroy();
  });

  it("the login answer in SQL Server's order: ENVCHANGE database, 5701, collation, language, 5703, packet size, LOGINACK, DONE", async () => {
    const c = await RawTdsClient.open(lab.server.port);
    const payload = await c.login('sa', SA_PASSWORD);
    expect(tokenTypes(payload)).toEqual([0xe3, 0xab, 0xe3, 0xe3, 0xab, 0xe3, 0xad, 0xfd]);
    expect(payload.includes(Buffer.from("Changed database context to 'msdb'.", 'utf16le'))).toBe(true);
    c.socket.destroy();
  });

  it('a wrong password: ERROR 18456 class 14 state 1, DONE with ERROR, then the server closes', async () => {
    const c = await RawTdsClient.open(lab.server.port);
    const payload = await c.login('sa', 'nope');
    expect(tokenTypes(payload)).toEqual([0xaa, 0xfd]);
    expect(payload.readInt32LE(3)).toBe(18456);
    expect([payload[7], payload[8]]).toEqual([1, 14]);
    await c.closed;
  });

  it('packets at the negotiated size both ways: a 512-byte session gets its result split and sends its request split', async () => {
    const c = await RawTdsClient.open(lab.server.port);
    c.send(preloginMessage());
    await c.message();
    c.send(login7Message('sa', SA_PASSWORD, '', 512));
    const login = await c.message();
    expect(login!.payload.includes(Buffer.from('512', 'utf16le'))).toBe(true);
    c.packetLengths.length = 0;
    const sql = `EXEC msdb.dbo.sp_help_targetserver ${' '.repeat(600)}`;
    c.send(encodeMessage(PacketType.SQL_BATCH, batch(sql), 512));
    const m = await c.message();
    expect(m!.payload.includes(Buffer.from('TSX3', 'utf16le'))).toBe(true);
    // the result came in several packets, none over 512 bytes
    expect(c.packetLengths.length).toBeGreaterThan(1);
    expect(Math.max(...c.packetLengths)).toBe(512);
    // a packet over the negotiated size closes the connection
    c.send(encodeMessage(PacketType.SQL_BATCH, batch(sql), 1024));
    await c.closed;
    expect(lab.logs.some((l) => l.includes('exceeds the packet size 512'))).toBe(true);
  });

  it('a request sent right behind LOGIN7 is held and answered after the login', async () => {
    const c = await RawTdsClient.open(lab.server.port);
    c.send(preloginMessage());
    await c.message();
    c.send(Buffer.concat([login7Message('sa', SA_PASSWORD), encodeMessage(PacketType.SQL_BATCH, batch('SELECT 7 AS seven'), 4096)]));
    expect(tokenTypes((await c.message())!.payload).at(-1)).toBe(0xfd);
    const answer = await c.message();
    expect(answer!.payload[0]).toBe(0x81); // COLMETADATA
    expect(answer!.payload.includes(Buffer.from('seven', 'utf16le'))).toBe(true);
    c.socket.destroy();
  });

  it('ATTENTION with nothing running: one message, DONE with ATTN', async () => {
    const c = await RawTdsClient.open(lab.server.port);
    await c.login('sa', SA_PASSWORD);
    c.send(encodeMessage(PacketType.ATTENTION, Buffer.alloc(0), 4096));
    const m = await c.message();
    expect(m!.payload.toString('hex')).toBe('fd200000000000000000000000');
    c.socket.destroy();
  });

  it('a request ended with the IGNORE bit runs nothing and is answered with a plain DONE', async () => {
    const c = await RawTdsClient.open(lab.server.port);
    await c.login('sa', SA_PASSWORD);
    const msg = encodeMessage(PacketType.SQL_BATCH, batch("EXEC msdb.dbo.sp_post_msx_operation @operation = 'SET-POLL', @object_type = 'SERVER', @value = 60"), 4096);
    msg[1] = 0x03; // EOM | IGNORE
    const before = (await lab.exec.exec('sp_help_downloadlist')).recordsets[0]?.length ?? 0;
    c.send(msg);
    const m = await c.message();
    expect(m!.payload.toString('hex')).toBe('fd000000000000000000000000');
    expect((await lab.exec.exec('sp_help_downloadlist')).recordsets[0]?.length ?? 0).toBe(before);
    c.socket.destroy();
  });

  it('a TLS ClientHello to a server without a certificate is closed with a reason', async () => {
    const s = connect({ host: '127.0.0.1', port: lab.server.port });
    await new Promise((r) => s.once('connect', r));
    s.on('error', () => undefined);
    s.write(Buffer.from('160301002a0100002603030000000000000000000000000000000000000000000000000000000000000000000000', 'hex'));
    await new Promise((r) => s.once('close', r));
    expect(lab.logs.some((l) => l.includes('has no certificate'))).toBe(true);
  });
});

describe('a connection that never logs in', () => {
  it('is closed after the login timeout, with a reason', async () => {
    const lab = await startLabServer({ loginTimeoutMs: 200 });
    try {
      const c = await RawTdsClient.open(lab.server.port);
      c.send(preloginMessage());
      await c.message();
      await c.closed;
      expect(lab.logs.some((l) => l.includes('no login within 200 ms'))).toBe(true);
    } finally {
      await lab.server.close();
    }
  });
});
