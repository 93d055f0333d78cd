// Fixtures for the TDS server's tests (imported by *.test.ts only): a server over an embedded
// master with MSXOperator and targets, with a sysadmin login and one that is not.
import { createTestMaster } from '../msdb/embedded/testing';
import { createTdsServer, type TdsServerOptions } from './server';

export const SA_PASSWORD = 'Lab#Pass1;x';
export const OPERATOR_LOGIN = 'msx_operator';

export async function startLabServer(extra: Partial<TdsServerOptions> = {}, targets: string[] = ['TSX1', 'TSX2', 'TSX3']) {
  const master = await createTestMaster(targets);
  const logs: string[] = [];
  const server = await createTdsServer({
    port: 0,
    logins: [
      { name: 'sa', password: SA_PASSWORD, executor: master.exec, database: 'msdb' },
      { name: OPERATOR_LOGIN, password: SA_PASSWORD, executor: master.msdb.executor({ login: OPERATOR_LOGIN, isSysadmin: false }), database: 'msdb' },
    ],
    log: (l) => logs.push(l),
    ...extra,
  });
  return { ...master, server, logs };
}

// --- raw TDS bytes for tests that speak the protocol by hand (fuzz, framing) -------------------
import { connect, type Socket } from 'node:net';
import { obfuscatePassword } from './login7';
import { encodeMessage, HEADER_LENGTH, PacketType } from './packet';

/** A PRELOGIN message as a client sends it: VERSION and ENCRYPTION (default NOT_SUP). */
export function preloginMessage(encryption = 0x02): Buffer {
  const payload = Buffer.from([0x00, 0x00, 0x0b, 0x00, 0x06, 0x01, 0x00, 0x11, 0x00, 0x01, 0xff, 16, 0, 0, 0, 0, 0, encryption]);
  return encodeMessage(PacketType.PRELOGIN, payload, 4096);
}

/** A LOGIN7 message (TDS 7.4, SQL authentication). */
export function login7Message(user: string, password: string, database = '', packetSize = 4096): Buffer {
  const strings: Array<Buffer> = [Buffer.from('fuzz', 'utf16le'), Buffer.from(user, 'utf16le'), obfuscatePassword(password), Buffer.from('fuzz', 'utf16le'), Buffer.alloc(0), Buffer.alloc(0), Buffer.from('node', 'utf16le'), Buffer.alloc(0), Buffer.from(database, 'utf16le')];
  const fixed = Buffer.alloc(94);
  let offset = 94;
  fixed.writeUInt32LE(0x74000004, 4);
  fixed.writeUInt32LE(packetSize, 8);
  strings.forEach((s, i) => {
    fixed.writeUInt16LE(offset, 36 + i * 4);
    fixed.writeUInt16LE(i === 5 ? s.length : s.length / 2, 38 + i * 4);
    offset += s.length;
  });
  for (const at of [78, 82, 86]) fixed.writeUInt16LE(offset, at);
  fixed.writeUInt32LE(offset, 0);
  return encodeMessage(PacketType.LOGIN7, Buffer.concat([fixed, ...strings]), 4096);
}

/** A socket that reads whole TDS messages and says when the server closed it. */
export class RawTdsClient {
  private buf = Buffer.alloc(0);
  private waiters: Array<() => void> = [];
  readonly closed: Promise<void>;
  isClosed = false;
  /** Length of every packet read, header included. */
  readonly packetLengths: number[] = [];

  private constructor(readonly socket: Socket) {
    socket.on('data', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      for (const w of this.waiters.splice(0)) w();
    });
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) =>
      socket.on('close', () => {
        this.isClosed = true;
        for (const w of this.waiters.splice(0)) w();
        resolve();
      }),
    );
  }

  static open(port: number): Promise<RawTdsClient> {
    return new Promise((resolve, reject) => {
      const s = connect({ host: '127.0.0.1', port, noDelay: true }, () => resolve(new RawTdsClient(s)));
      s.once('error', reject);
    });
  }

  send(b: Buffer): void {
    if (!this.isClosed) this.socket.write(b);
  }

  /** The next whole message (all its packets), or undefined when the connection closed first. */
  async message(): Promise<{ type: number; payload: Buffer } | undefined> {
    const parts: Buffer[] = [];
    for (;;) {
      while (this.buf.length >= HEADER_LENGTH && this.buf.length >= this.buf.readUInt16BE(2)) {
        const len = this.buf.readUInt16BE(2);
        const type = this.buf[0];
        const eom = (this.buf[1] & 1) === 1;
        this.packetLengths.push(len);
        parts.push(this.buf.subarray(HEADER_LENGTH, len));
        this.buf = this.buf.subarray(len);
        if (eom) return { type, payload: Buffer.concat(parts) };
      }
      if (this.isClosed) return undefined;
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }

  /** PRELOGIN and LOGIN7 without TLS; resolves when the login answer arrived. */
  async login(user: string, password: string): Promise<Buffer> {
    this.send(preloginMessage());
    if (!(await this.message())) throw new Error('closed after PRELOGIN');
    this.send(login7Message(user, password));
    const m = await this.message();
    if (!m) throw new Error('closed after LOGIN7');
    return m.payload;
  }
}
