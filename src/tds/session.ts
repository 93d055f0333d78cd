// One client connection, from the first byte to the close:
//   prelogin -> [TLS handshake inside PRELOGIN packets] -> login -> ready (requests) -> closed
// or, when the first byte is a TLS ClientHello (0x16), TDS 8.0 strict: TLS on the socket first.
// Requests run one at a time in arrival order; an ATTENTION cancels the one in flight (its
// executor call is left to finish so the executor stays consistent; its output is dropped).
// Anything malformed closes this connection with a logged reason; nothing escapes to the server.
import type { Socket } from 'node:net';
import type { MsdbExecutor, ServerInfo } from '../msdb/executor';
import { ByteWriter, TdsProtocolError } from './bytes';
import { acknowledgedVersion, parseLogin7, type Login7 } from './login7';
import { DEFAULT_PACKET_SIZE, encodeMessage, HEADER_LENGTH, MAX_PACKET_SIZE, MessageAssembler, MIN_PACKET_SIZE, PacketType, readHeader, Status, type TdsMessage } from './packet';
import { buildPreloginReply, Encrypt, negotiateEncryption, parsePrelogin, parseProductVersion, type EncryptionMode, type ServerEncryption } from './prelogin';
import { handleRpc, handleSqlBatch, type SessionContext } from './requests';
import { CurCmd, Done, EnvChange, Token, writeDone, writeEnvChangeCollation, writeEnvChangeText, writeLoginAck, writeMessage } from './tokens';
import { isTlsRecordStart, TDS8_ALPN, TlsChannel } from './tls';
import { SQL_LATIN1_GENERAL_CP1_CI_AS } from './types';
import type { SecureContext } from 'node:tls';

export interface LoginRequest {
  name: string;
  password: string;
  /** The database the client asked for ('' when none). */
  database: string;
  appName: string;
  hostName: string;
}

export interface LoginGrant {
  executor: MsdbExecutor;
  /** The login's default database: msdb or master (default master, as for sa). */
  database?: 'msdb' | 'master';
}

export type LoginResolver = (login: LoginRequest) => LoginGrant | undefined | Promise<LoginGrant | undefined>;

export interface SessionConfig {
  resolveLogin: LoginResolver;
  encryption: ServerEncryption;
  contexts?: { inBand: SecureContext; strict: SecureContext };
  serverName?: string;
  /** Product version for PRELOGIN (before any login) and LOGINACK when the executor's is not wanted. */
  version?: string;
  /** The version an earlier login's executor reported: what PRELOGIN announces when `version` is not set. */
  seenVersion?: { value?: string };
  maxMessageBytes: number;
  loginTimeoutMs: number;
  log: (line: string) => void;
}

type Phase = 'prelogin' | 'login' | 'logging-in' | 'ready' | 'closed';
type Wire = 'plain' | 'inband-handshake' | 'tls';

const DATABASES = ['msdb', 'master'] as const;
/** PRELOGIN and LOGIN7 may arrive in packets up to the TDS maximum, before a size is negotiated. */
const PRELOGIN_MAX_PACKET = MAX_PACKET_SIZE + 1;
const DEFAULT_VERSION = '16.0.1000.6';
/** Requests a client may pipeline before this server stops reading them. */
const MAX_QUEUED = 16;

export class TdsSession {
  private phase: Phase = 'prelogin';
  private inWire: Wire = 'plain';
  private outWire: Wire = 'plain';
  private tls: TlsChannel | undefined;
  private strict = false;
  private mode: EncryptionMode = 'none';
  private sawFirstByte = false;
  private handshakeBytes: Buffer = Buffer.alloc(0);
  private handshakeOut: Buffer[] = [];
  private handshakeFlush: NodeJS.Immediate | undefined;
  private readonly assembler: MessageAssembler;
  private packetSize = DEFAULT_PACKET_SIZE;
  private ctx: SessionContext | undefined;
  private readonly queue: TdsMessage[] = [];
  private busy = false;
  /** The request in flight was canceled by an ATTENTION: its output is dropped. */
  private discarded = false;
  private loginTimer: NodeJS.Timeout | undefined;
  readonly closedPromise: Promise<void>;
  private resolveClosed!: () => void;

  constructor(
    private readonly socket: Socket,
    private readonly spid: number,
    private readonly config: SessionConfig,
  ) {
    this.closedPromise = new Promise((r) => (this.resolveClosed = r));
    this.assembler = new MessageAssembler({ maxPacketSize: PRELOGIN_MAX_PACKET, maxMessageBytes: config.maxMessageBytes, acceptsType: (t) => this.acceptsType(t) });
    socket.setNoDelay(true);
    socket.on('data', (d: Buffer) => this.guard(() => this.onSocketData(d)));
    socket.on('error', (e) => this.close(`socket error: ${e.message}`, true));
    socket.on('close', () => this.close('client disconnected', true));
    this.loginTimer = setTimeout(() => this.close(`no login within ${config.loginTimeoutMs} ms`), config.loginTimeoutMs);
    this.loginTimer.unref();
  }

  private get who(): string {
    return `[tds spid ${this.spid} ${this.socket.remoteAddress ?? '?'}:${this.socket.remotePort ?? '?'}]`;
  }

  /** Runs a step; a protocol error (or any bug) closes this connection instead of escaping. */
  private guard(step: () => void): void {
    try {
      step();
    } catch (e) {
      this.close(e instanceof TdsProtocolError ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  close(reason: string, quiet = false): void {
    if (this.phase === 'closed') return;
    this.phase = 'closed';
    if (this.loginTimer) clearTimeout(this.loginTimer);
    if (this.handshakeFlush) clearImmediate(this.handshakeFlush);
    if (!quiet || reason !== 'client disconnected') this.config.log(`${this.who} closed: ${reason}`);
    this.tls?.dispose();
    this.socket.destroy();
    this.queue.length = 0;
    this.resolveClosed();
  }

  /** What each phase takes; anything else closes the connection at the packet header. */
  private acceptsType(t: number): boolean {
    switch (this.phase) {
      case 'prelogin':
        return t === PacketType.PRELOGIN;
      case 'login':
        return t === PacketType.LOGIN7;
      case 'logging-in': // a client may send its first request before the login answer arrives
      case 'ready':
        return t === PacketType.SQL_BATCH || t === PacketType.RPC || t === PacketType.ATTENTION || t === PacketType.TRANSACTION_MANAGER;
      default:
        return false;
    }
  }

  // --- bytes in ---------------------------------------------------------------------------

  private onSocketData(d: Buffer): void {
    if (this.phase === 'closed') return;
    if (!this.sawFirstByte) {
      this.sawFirstByte = true;
      if (d[0] === 0x16) {
        this.startStrict();
      }
    }
    switch (this.inWire) {
      case 'plain':
        this.onTdsBytes(d);
        return;
      case 'tls':
        this.tls!.feed(d);
        return;
      case 'inband-handshake':
        this.onHandshakeBytes(d);
        return;
    }
  }

  private onTdsBytes(d: Buffer): void {
    this.assembler.append(d);
    if (this.assembler.buffered > this.config.maxMessageBytes + MAX_PACKET_SIZE) throw new TdsProtocolError('too many bytes buffered');
    for (let m = this.assembler.next(); m; m = this.phase === 'closed' ? undefined : this.assembler.next()) {
      this.onMessage(m);
    }
  }

  /** During an in-band handshake: PRELOGIN packets carrying TLS records, until the client goes bare. */
  private onHandshakeBytes(d: Buffer): void {
    this.handshakeBytes = this.handshakeBytes.length ? Buffer.concat([this.handshakeBytes, d]) : d;
    while (this.handshakeBytes.length > 0) {
      if (isTlsRecordStart(this.handshakeBytes[0])) {
        // The handshake is over on the client's side: TLS records now come bare.
        this.inWire = 'tls';
        this.outWire = 'tls';
        this.flushHandshake();
        const rest = this.handshakeBytes;
        this.handshakeBytes = Buffer.alloc(0);
        this.tls!.feed(rest);
        return;
      }
      if (this.handshakeBytes.length < HEADER_LENGTH) return;
      const h = readHeader(this.handshakeBytes);
      if (h.type !== PacketType.PRELOGIN) throw new TdsProtocolError(`packet type 0x${h.type.toString(16)} during the TLS handshake`);
      if (h.length < HEADER_LENGTH || h.length > PRELOGIN_MAX_PACKET) throw new TdsProtocolError(`handshake packet length ${h.length}`);
      if (this.handshakeBytes.length < h.length) {
        if (this.handshakeBytes.length > this.config.maxMessageBytes) throw new TdsProtocolError('handshake data over the limit');
        return;
      }
      const body = this.handshakeBytes.subarray(HEADER_LENGTH, h.length);
      this.handshakeBytes = this.handshakeBytes.subarray(h.length);
      this.tls!.feed(Buffer.from(body));
    }
  }

  // --- bytes out --------------------------------------------------------------------------

  private sendMessage(type: number, payload: Buffer, packetSize = this.packetSize): void {
    if (this.phase === 'closed') return;
    const bytes = encodeMessage(type, payload, packetSize, this.spid);
    if (this.outWire === 'tls') this.tls!.write(bytes);
    else this.socket.write(bytes);
  }

  private respond(tokens: Buffer, packetSize?: number): void {
    this.sendMessage(PacketType.TABULAR_RESULT, tokens, packetSize);
  }

  /** Sends, then ends the connection once the bytes are out (a refused login). */
  private respondAndEnd(tokens: Buffer | null, reason: string): void {
    if (tokens) this.respond(tokens, DEFAULT_PACKET_SIZE);
    this.config.log(`${this.who} ${reason}`);
    const end = () => this.close(reason, true);
    if (this.outWire === 'tls' && this.tls) this.tls.socket.end(() => setTimeout(end, 50));
    else this.socket.end(() => end());
    setTimeout(end, 2000).unref();
  }

  private onHandshakeCiphertext(chunk: Buffer): void {
    if (this.outWire === 'tls') {
      this.socket.write(chunk);
      return;
    }
    // One message per flight: everything the TLS layer writes in one turn goes out together.
    this.handshakeOut.push(Buffer.from(chunk));
    this.handshakeFlush ??= setImmediate(() => this.flushHandshake());
  }

  private flushHandshake(): void {
    if (this.handshakeFlush) clearImmediate(this.handshakeFlush);
    this.handshakeFlush = undefined;
    if (this.handshakeOut.length === 0 || this.phase === 'closed') return;
    const payload = Buffer.concat(this.handshakeOut);
    this.handshakeOut = [];
    this.socket.write(encodeMessage(PacketType.PRELOGIN, payload, DEFAULT_PACKET_SIZE, this.spid));
  }

  // --- TLS --------------------------------------------------------------------------------

  private startStrict(): void {
    const contexts = this.config.contexts;
    if (!contexts) throw new TdsProtocolError('a TLS ClientHello (TDS 8.0 strict) arrived, but this server has no certificate');
    this.strict = true;
    this.inWire = 'tls';
    this.outWire = 'tls';
    this.tls = new TlsChannel(
      contexts.strict,
      {
        ciphertext: (c) => this.socket.write(c),
        plaintext: (p) => this.guard(() => this.onTdsBytes(p)),
        secure: ({ alpn }) => {
          if (alpn !== TDS8_ALPN) this.config.log(`${this.who} strict TLS without ALPN ${TDS8_ALPN} (got ${String(alpn)})`);
        },
        error: (e) => this.close(`TLS: ${e.message}`),
      },
      [TDS8_ALPN],
    );
  }

  private startInBandTls(): void {
    this.inWire = 'inband-handshake';
    this.outWire = 'inband-handshake';
    this.tls = new TlsChannel(this.config.contexts!.inBand, {
      ciphertext: (c) => this.onHandshakeCiphertext(c),
      plaintext: (p) => this.guard(() => this.onTdsBytes(p)),
      secure: () => undefined,
      error: (e) => this.close(`TLS: ${e.message}`),
    });
  }

  /** Login-only encryption: LOGIN7 came through TLS; everything after it is plain. */
  private dropTls(): void {
    this.tls?.dispose();
    this.tls = undefined;
    this.inWire = 'plain';
    this.outWire = 'plain';
  }

  // --- messages ---------------------------------------------------------------------------

  private onMessage(m: TdsMessage): void {
    switch (this.phase) {
      case 'prelogin':
        if (m.type !== PacketType.PRELOGIN) throw new TdsProtocolError(`expected PRELOGIN, got packet type 0x${m.type.toString(16)}`);
        this.onPrelogin(m.payload);
        return;
      case 'login':
        if (m.type !== PacketType.LOGIN7) throw new TdsProtocolError(`expected LOGIN7, got packet type 0x${m.type.toString(16)}`);
        this.phase = 'logging-in';
        this.onLogin7(m.payload).catch((e: unknown) => this.close(e instanceof TdsProtocolError ? e.message : `login failed internally: ${String(e)}`));
        return;
      case 'logging-in':
        // Held until the login is answered; a refused login drops it with the connection.
        if (m.type === PacketType.ATTENTION) return;
        if (this.queue.length >= MAX_QUEUED) throw new TdsProtocolError(`more than ${MAX_QUEUED} requests sent without waiting for answers`);
        this.queue.push(m);
        return;
      case 'ready':
        this.onRequest(m);
        return;
      case 'closed':
        return;
    }
  }

  private onPrelogin(payload: Buffer): void {
    const p = parsePrelogin(payload);
    const version = parseProductVersion(this.config.version ?? this.config.seenVersion?.value ?? DEFAULT_VERSION);
    if (this.strict) {
      // TDS 8.0: already inside TLS; the ENCRYPTION option is not negotiated any more.
      this.respond(buildPreloginReply({ version, encryption: Encrypt.NOT_SUP }), DEFAULT_PACKET_SIZE);
      this.mode = 'full';
      this.phase = 'login';
      return;
    }
    const server: ServerEncryption = this.config.contexts ? this.config.encryption : 'not-supported';
    const n = negotiateEncryption(p.encryption, server);
    this.respond(buildPreloginReply({ version, encryption: n.reply }), DEFAULT_PACKET_SIZE);
    if (n.refuse) {
      this.respondAndEnd(null, `refused: ${n.refuse}`);
      return;
    }
    this.mode = n.mode;
    this.phase = 'login';
    if (n.mode !== 'none') this.startInBandTls();
  }

  private async onLogin7(payload: Buffer): Promise<void> {
    const login = parseLogin7(payload);
    if (this.mode === 'login') this.dropTls();
    const tdsVersion = acknowledgedVersion(login.tdsVersion);
    if (tdsVersion === undefined) {
      this.loginFailed(login, `TDS version 0x${login.tdsVersion.toString(16)} is older than 7.2`);
      return;
    }
    if (login.integratedSecurity) {
      const w = new ByteWriter();
      writeMessage(w, {
        number: 18452,
        state: 1,
        class: 14,
        message: 'Login failed. The login is from an untrusted domain and cannot be used with Integrated authentication.',
        serverName: this.config.serverName ?? '',
        procName: '',
        lineNumber: 1,
      });
      writeDone(w, Token.DONE, Done.ERROR, CurCmd.NONE, 0);
      this.respondAndEnd(w.toBuffer(), 'refused: Windows authentication is not available in the lab');
      return;
    }
    let grant: LoginGrant | undefined;
    try {
      grant = await this.config.resolveLogin({ name: login.userName, password: login.password, database: login.database, appName: login.appName, hostName: login.hostName });
    } catch (e) {
      this.config.log(`${this.who} login resolver failed: ${e instanceof Error ? e.message : String(e)}`);
      grant = undefined;
    }
    if (this.phase === 'closed') return;
    if (!grant) {
      this.loginFailed(login, `login failed for '${login.userName}' (unknown login or wrong password)`);
      return;
    }
    const asked = login.database.trim().replace(/^\[(.*)\]$/, '$1').toLowerCase();
    const database = asked || grant.database || 'master';
    if (!(DATABASES as readonly string[]).includes(database)) {
      this.loginFailed(login, `database '${login.database}' is not served`, {
        number: 4060,
        message: `Cannot open database "${login.database}" requested by the login. The login failed.`,
      });
      return;
    }
    let info: ServerInfo;
    try {
      info = await grant.executor.serverInfo();
    } catch (e) {
      this.loginFailed(login, `the executor could not describe its server: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    if ((this.phase as Phase) === 'closed') return;
    const serverName = this.config.serverName ?? info.serverName;
    const requested = login.packetSize === 0 ? DEFAULT_PACKET_SIZE : login.packetSize;
    const packetSize = Math.min(MAX_PACKET_SIZE, Math.max(MIN_PACKET_SIZE, requested));
    const version = parseProductVersion(this.config.version ?? info.productVersion);
    if (this.config.seenVersion) this.config.seenVersion.value = info.productVersion;

    const w = new ByteWriter(512);
    const msg = (number: number, message: string) =>
      writeMessage(w, { number, state: number === 5701 ? 2 : 1, class: 0, message, serverName, procName: '', lineNumber: 1 });
    writeEnvChangeText(w, EnvChange.DATABASE, database, 'master');
    msg(5701, `Changed database context to '${database}'.`);
    writeEnvChangeCollation(w, SQL_LATIN1_GENERAL_CP1_CI_AS);
    writeEnvChangeText(w, EnvChange.LANGUAGE, 'us_english', '');
    msg(5703, 'Changed language setting to us_english.');
    writeEnvChangeText(w, EnvChange.PACKET_SIZE, String(packetSize), String(DEFAULT_PACKET_SIZE));
    writeLoginAck(w, { tdsVersion, progName: 'Microsoft SQL Server', version });
    writeDone(w, Token.DONE, Done.FINAL, CurCmd.NONE, 0);

    this.ctx = { executor: grant.executor, serverName, login: login.userName, spid: this.spid, database, databases: DATABASES };
    this.packetSize = packetSize;
    this.assembler.limits.maxPacketSize = packetSize;
    if (this.loginTimer) clearTimeout(this.loginTimer);
    this.loginTimer = undefined;
    this.phase = 'ready';
    this.respond(w.toBuffer(), DEFAULT_PACKET_SIZE);
    void this.pump();
    this.config.log(`${this.who} login '${login.userName}' (${login.appName || 'no application name'}), ${this.strict ? 'strict TLS' : this.mode === 'full' ? 'TLS' : this.mode === 'login' ? 'login-only TLS' : 'no TLS'}, packet size ${packetSize}`);
  }

  /** Error 18456 with SQL Server's text (class 14, state 1), then the connection is closed. */
  private loginFailed(login: Login7, reason: string, first?: { number: number; message: string }): void {
    const w = new ByteWriter(256);
    const serverName = this.config.serverName ?? '';
    if (first) writeMessage(w, { number: first.number, state: 1, class: 11, message: first.message, serverName, procName: '', lineNumber: 1 });
    writeMessage(w, { number: 18456, state: 1, class: 14, message: `Login failed for user '${login.userName}'.`, serverName, procName: '', lineNumber: 1 });
    writeDone(w, Token.DONE, Done.ERROR, CurCmd.NONE, 0);
    this.respondAndEnd(w.toBuffer(), `refused: ${reason}`);
  }

  // --- requests ---------------------------------------------------------------------------

  private onRequest(m: TdsMessage): void {
    switch (m.type) {
      case PacketType.ATTENTION:
        this.onAttention();
        return;
      case PacketType.SQL_BATCH:
      case PacketType.RPC:
      case PacketType.TRANSACTION_MANAGER:
        if (this.queue.length >= MAX_QUEUED) throw new TdsProtocolError(`more than ${MAX_QUEUED} requests sent without waiting for answers`);
        this.queue.push(m);
        void this.pump();
        return;
      default:
        throw new TdsProtocolError(`packet type 0x${m.type.toString(16)} is not a request this server takes`);
    }
  }

  private onAttention(): void {
    this.queue.length = 0;
    const ack = () => {
      const w = new ByteWriter(16);
      writeDone(w, Token.DONE, Done.ATTN, CurCmd.NONE, 0);
      this.respond(w.toBuffer());
    };
    if (this.busy && !this.discarded) {
      // End the canceled request's response now, then acknowledge in a message of its own
      // (§3.2.5.7; tedious reads the acknowledgement as the message after the response).
      this.discarded = true;
      const w = new ByteWriter(16);
      writeDone(w, Token.DONE, Done.FINAL, CurCmd.NONE, 0);
      this.respond(w.toBuffer());
      ack();
      return;
    }
    ack();
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.queue.length > 0 && this.phase === 'ready') {
        const m = this.queue.shift()!;
        this.discarded = false;
        let out: Buffer;
        try {
          out = await this.run(m);
        } catch (e) {
          if (e instanceof TdsProtocolError) {
            this.close(e.message);
            return;
          }
          const w = new ByteWriter(256);
          writeMessage(w, { number: 50000, state: 1, class: 16, message: `The lab could not answer the request: ${e instanceof Error ? e.message : String(e)}`, serverName: this.ctx!.serverName, procName: '', lineNumber: 1 });
          writeDone(w, Token.DONE, Done.ERROR, CurCmd.NONE, 0);
          out = w.toBuffer();
        }
        if (this.phase !== 'ready') return; // disconnected mid-request: the output goes nowhere
        if (!this.discarded) this.respond(out);
      }
    } finally {
      this.busy = false;
      this.discarded = false;
    }
  }

  private async run(m: TdsMessage): Promise<Buffer> {
    const canceled = () => this.discarded || this.phase !== 'ready';
    if (m.status & Status.IGNORE) {
      // The client gave up sending this request (tedious cancels mid-send this way) and reads
      // the answer to it as a normal response: nothing ran.
      const w = new ByteWriter(16);
      writeDone(w, Token.DONE, Done.FINAL, CurCmd.NONE, 0);
      return w.toBuffer();
    }
    switch (m.type) {
      case PacketType.SQL_BATCH:
        return handleSqlBatch(this.ctx!, m.payload, canceled);
      case PacketType.RPC:
        return handleRpc(this.ctx!, m.payload, canceled);
      default: {
        const w = new ByteWriter(256);
        writeMessage(w, {
          number: 50000,
          state: 1,
          class: 16,
          message: 'The MSX Studio lab does not support transactions (BEGIN/COMMIT/ROLLBACK TRANSACTION requests); each msdb procedure is atomic on its own.',
          serverName: this.ctx!.serverName,
          procName: '',
          lineNumber: 1,
        });
        writeDone(w, Token.DONE, Done.ERROR, CurCmd.NONE, 0);
        return w.toBuffer();
      }
    }
  }
}
