// Malformed input at the endpoint: at least 10,000 bad packets over as many connections, in
// every connection state (before PRELOGIN, before LOGIN7, after login), of every kind (random
// bytes, wrong lengths, bad types and status bits, huge and truncated lengths, garbage LOGIN7
// offsets, malformed RPCs). The server must close each bad connection itself (or, for a
// packet cut short, when the client goes away), never answer garbage with a crash, leave the
// msdb byte-identical, and still serve a normal client afterwards.
import { describe, expect, it } from 'vitest';
import { connectSqlServer } from '../msdb/sqlserver/connector';
import { snapshot } from '../msdb/embedded/testing';
import { encodeMessage, PacketType } from './packet';
import { createSelfSignedCertificate } from './certificate';
import { login7Message, preloginMessage, RawTdsClient, SA_PASSWORD, startLabServer } from './testing';

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(0, 255)));
  return { next, int, bytes, pick: <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)] };
}

type Rng = ReturnType<typeof prng>;
type State = 'fresh' | 'prelogin-done' | 'logged-in';
/** fatal: the server must close by itself; truncated: it waits for the rest, and closes on EOF. */
interface Case {
  state: State;
  kind: string;
  bytes: Buffer;
  truncated?: boolean;
}

const header = (type: number, status: number, length: number) => {
  const h = Buffer.alloc(8);
  h[0] = type;
  h[1] = status;
  h.writeUInt16BE(length & 0xffff, 2);
  return h;
};
const ALL_HEADERS = Buffer.from('160000001200000002000000000000000000010000 00'.replace(/\s/g, ''), 'hex').subarray(0, 22);

function makeCase(r: Rng): Case {
  const roll = r.next();
  if (roll < 0.25) {
    // random bytes (never 0x12/0x16 first: those would be a PRELOGIN or a TLS ClientHello)
    const b = r.bytes(r.int(8, 300));
    while (b[0] === 0x12 || b[0] === 0x16) b[0] = r.int(0, 255);
    return { state: 'fresh', kind: 'random bytes', bytes: b };
  }
  if (roll < 0.35) {
    const length = r.pick([0, 1, 7, 32769, 40000, 65535]);
    return { state: 'fresh', kind: 'wrong length', bytes: Buffer.concat([header(0x12, 1, length), r.bytes(r.int(0, 64))]) };
  }
  if (roll < 0.45) {
    const type = r.pick([0x00, 0x01, 0x03, 0x04, 0x06, 0x07, 0x0e, 0x10, 0x11, 0x13, 0x7f, 0xff]);
    const body = r.bytes(r.int(0, 100));
    return { state: 'fresh', kind: 'bad type', bytes: Buffer.concat([header(type, 1, 8 + body.length), body]) };
  }
  if (roll < 0.5) {
    const body = r.bytes(r.int(0, 50));
    return { state: 'fresh', kind: 'bad status', bytes: Buffer.concat([header(0x12, r.pick([0x04, 0x20, 0x40, 0x80, 0xff]), 8 + body.length), body]) };
  }
  if (roll < 0.56) {
    // PRELOGIN whose option points past its payload
    const body = Buffer.from([0x01, 0x7f, 0x00, 0x00, 0x10, 0xff]);
    return { state: 'fresh', kind: 'bad PRELOGIN option', bytes: Buffer.concat([header(0x12, 1, 8 + body.length), body]) };
  }
  if (roll < 0.6) {
    // a packet announced longer than what arrives: the server waits, then the client leaves
    const body = r.bytes(r.int(0, 40));
    return { state: 'fresh', kind: 'truncated packet', bytes: Buffer.concat([header(0x12, 1, 8 + body.length + r.int(1, 500)), body]), truncated: true };
  }
  if (roll < 0.75) {
    // LOGIN7 garbage: random record, random offsets, or a Length past the message
    const body = r.bytes(r.int(0, 400));
    if (body.length >= 4 && r.next() < 0.5) body.writeUInt32LE(body.length + r.int(1, 1000), 0);
    return { state: 'prelogin-done', kind: 'garbage LOGIN7', bytes: encodeMessage(PacketType.LOGIN7, body, 4096) };
  }
  // after login
  const k = r.int(0, 6);
  switch (k) {
    case 0: {
      const body = r.bytes(r.int(0, 100));
      return { state: 'logged-in', kind: 'over the packet size', bytes: Buffer.concat([header(0x03, 1, r.int(4097, 65535)), body]) };
    }
    case 1: {
      const body = r.bytes(r.int(0, 100));
      return { state: 'logged-in', kind: 'bad request type', bytes: Buffer.concat([header(r.pick([0x02, 0x04, 0x07, 0x10, 0x12, 0x99]), 1, 8 + body.length), body]) };
    }
    case 2: {
      // RPC with a PLP nvarchar(max) parameter announcing a huge length
      const huge = Buffer.alloc(8);
      huge.writeBigUInt64LE(BigInt(r.int(1_000_000, 2 ** 31)) * 4096n);
      const p = Buffer.concat([Buffer.from('0100780000000240006500 00e7ffff0904d00034'.replace(/\s/g, ''), 'hex'), huge, Buffer.from('04000000', 'hex')]);
      return { state: 'logged-in', kind: 'huge PLP length', bytes: encodeMessage(PacketType.RPC, Buffer.concat([ALL_HEADERS, p]), 4096) };
    }
    case 3: {
      // RPC whose parameter is cut short inside a complete message
      const p = Buffer.from('010078000000024000610000260404', 'hex');
      return { state: 'logged-in', kind: 'truncated RPC parameter', bytes: encodeMessage(PacketType.RPC, Buffer.concat([ALL_HEADERS, p, r.bytes(r.int(0, 3))]), 4096) };
    }
    case 4: {
      const bad = Buffer.alloc(4);
      bad.writeUInt32LE(r.pick([0, 1, 3, 0xffffffff, 5000]));
      return { state: 'logged-in', kind: 'garbage ALL_HEADERS', bytes: encodeMessage(r.pick([PacketType.RPC, PacketType.SQL_BATCH]), Buffer.concat([bad, r.bytes(r.int(0, 50))]), 4096) };
    }
    case 5:
      // SQL batch text of an odd number of bytes
      return { state: 'logged-in', kind: 'odd batch text', bytes: encodeMessage(PacketType.SQL_BATCH, Buffer.concat([Buffer.from('04000000', 'hex'), r.bytes(r.int(0, 20) * 2 + 1)]), 4096) };
    default: {
      // random bytes where a request belongs
      const b = r.bytes(r.int(8, 200));
      while ([0x01, 0x03, 0x06, 0x0e].includes(b[0])) b[0] = r.int(0, 255);
      return { state: 'logged-in', kind: 'random bytes after login', bytes: b };
    }
  }
}

async function runCase(port: number, c: Case): Promise<'server' | 'eof' | 'open'> {
  const client = await RawTdsClient.open(port);
  try {
    if (c.state !== 'fresh') {
      client.send(preloginMessage());
      if (!(await client.message())) throw new Error('closed after a valid PRELOGIN');
    }
    if (c.state === 'logged-in') {
      client.send(login7Message('sa', SA_PASSWORD));
      if (!(await client.message())) throw new Error('closed after a valid LOGIN7');
    }
    client.send(c.bytes);
    if (c.truncated) {
      client.socket.end();
      await client.closed;
      return 'eof';
    }
    // Whatever the server answers before closing (18456 for a LOGIN7 that parsed) is read and dropped.
    const timeout = new Promise<'open'>((r) => setTimeout(() => r('open'), 5000).unref());
    const drained = (async () => {
      while (await client.message());
      return 'server' as const;
    })();
    return await Promise.race([drained, timeout]);
  } finally {
    client.socket.destroy();
  }
}

describe('fuzz: malformed packets at the endpoint', () => {
  it('10,000+ bad packets over 10,000+ connections: each closed, the msdb unchanged, the server still serves', { timeout: 120_000 }, async () => {
    const lab = await startLabServer({ maxMessageBytes: 64 * 1024 });
    try {
      const before = snapshot(lab.msdb);
      const rng = prng(20261205);
      const cases = Array.from({ length: 10_200 }, () => makeCase(rng));
      const outcomes: Record<string, number> = {};
      const stuck: string[] = [];
      let i = 0;
      const worker = async () => {
        while (i < cases.length) {
          const c = cases[i++];
          const o = await runCase(lab.server.port, c);
          outcomes[o] = (outcomes[o] ?? 0) + 1;
          if (o === 'open' || (o === 'eof') !== Boolean(c.truncated)) stuck.push(`${c.kind}: ${o} ${c.bytes.subarray(0, 16).toString('hex')}`);
        }
      };
      await Promise.all(Array.from({ length: 48 }, worker));
      expect(stuck).toEqual([]);
      expect((outcomes.server ?? 0) + (outcomes.eof ?? 0)).toBe(cases.length);
      expect(outcomes.server).toBeGreaterThan(9000);
      // every kind of case ran
      expect(new Set(cases.map((c) => c.kind)).size).toBe(14);
      // each refusal was logged with its reason; none of them is a crash of the server's own code
      expect(lab.logs.filter((l) => l.includes('closed: ')).length).toBeGreaterThanOrEqual(outcomes.server);
      expect(lab.logs.filter((l) => l.includes('internal error'))).toEqual([]);
      expect(snapshot(lab.msdb).equals(before)).toBe(true);
      // a normal client still works, and the server holds no leftover connections
      const s = await connectSqlServer({ server: `127.0.0.1,${lab.server.port}`, authentication: { type: 'sql', login: 'sa', password: SA_PASSWORD }, encrypt: 'Optional', connectTimeoutMs: 5000 });
      expect((await s.executor.exec('sp_help_targetserver')).recordsets[0]).toHaveLength(3);
      await s.close();
      await new Promise((r) => setTimeout(r, 100));
      expect(lab.server.connectionCount()).toBe(0);
    } finally {
      await lab.server.close();
    }
  });
});

describe('fuzz: malformed TLS', () => {
  it('garbage ClientHellos (strict) and garbage handshake records inside PRELOGIN: each closed, the server still serves', { timeout: 60_000 }, async () => {
    // A record or handshake message announced longer than what came is waited for, as any TLS
    // stack does; the login timeout is what ends those connections.
    const lab = await startLabServer({ tls: createSelfSignedCertificate(), loginTimeoutMs: 1500 });
    try {
      const rng = prng(7);
      let closed = 0;
      const N = 400;
      let i = 0;
      const worker = async () => {
        while (i < N) {
          const n = i++;
          const client = await RawTdsClient.open(lab.server.port);
          if (n % 2 === 0) {
            // a TLS record header (handshake, TLS 1.0-1.2) followed by junk
            client.send(Buffer.concat([Buffer.from([0x16, 0x03, rng.int(1, 3)]), rng.bytes(rng.int(2, 300))]));
          } else {
            client.send(preloginMessage(0x01));
            await client.message();
            // the "handshake" inside a PRELOGIN packet is junk, or it is followed by bare junk
            const junk = rng.bytes(rng.int(1, 300));
            client.send(n % 4 === 1 ? encodeMessage(PacketType.PRELOGIN, Buffer.concat([Buffer.from([0x16, 0x03, 0x03]), junk]), 4096) : Buffer.concat([Buffer.from([0x17, 0x03, 0x03, 0x00, 0x10]), junk]));
          }
          const timeout = new Promise<'open'>((r) => setTimeout(() => r('open'), 5000).unref());
          const drained = (async () => {
            while (await client.message());
            return 'closed' as const;
          })();
          if ((await Promise.race([drained, timeout])) === 'closed') closed++;
          client.socket.destroy();
        }
      };
      await Promise.all(Array.from({ length: 16 }, worker));
      expect(closed).toBe(N);
      const byTls = lab.logs.filter((l) => l.includes('closed: TLS')).length;
      const byTimer = lab.logs.filter((l) => l.includes('closed: no login within')).length;
      expect(byTls + byTimer).toBeGreaterThanOrEqual(N);
      expect(byTls).toBeGreaterThan(N / 2);
      const s = await connectSqlServer({ server: `127.0.0.1,${lab.server.port}`, authentication: { type: 'sql', login: 'sa', password: SA_PASSWORD }, encrypt: 'Mandatory', trustServerCertificate: true, connectTimeoutMs: 5000 });
      expect((await s.executor.exec('sp_help_targetserver')).recordsets[0]).toHaveLength(3);
      await s.close();
    } finally {
      await lab.server.close();
    }
  });
});
