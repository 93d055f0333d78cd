// TLS for TDS. Three ways a connection can be encrypted (MS-TDS §2.2.6.5, §3.2.5.2; TDS 8.0):
//   in-band (TDS 7.x): the TLS handshake travels inside PRELOGIN (0x12) packets; each client
//     flight is the payload of one message, and the server answers each flight with ONE message
//     (tedious sends its next flight only when its TLS socket becomes readable again, so a flight
//     split over two messages would hang it). After the handshake, TLS records flow bare on the
//     socket with TDS packets inside. TLS 1.2 at most: TDS 7.x has no TLS 1.3.
//   login-only: the same handshake, LOGIN7 arrives encrypted, then both sides drop TLS.
//   strict (TDS 8.0): TLS first on the socket (ALPN "tds/8.0"), PRELOGIN and everything after
//     inside it; TLS 1.2 or 1.3.
// TlsChannel is a server TLSSocket over a hand-fed transport: ciphertext in through feed(),
// ciphertext out through onCiphertext, plaintext in/out through the TLSSocket itself. The caller
// decides how ciphertext is framed on the wire (wrapped in PRELOGIN packets, or bare).
import { Duplex } from 'node:stream';
import { createSecureContext, TLSSocket, type SecureContext } from 'node:tls';

export interface TlsCredentials {
  key: string | Buffer;
  cert: string | Buffer;
}

export const TDS8_ALPN = 'tds/8.0';

export function secureContexts(creds: TlsCredentials): { inBand: SecureContext; strict: SecureContext } {
  return {
    inBand: createSecureContext({ key: creds.key, cert: creds.cert, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' }),
    strict: createSecureContext({ key: creds.key, cert: creds.cert, minVersion: 'TLSv1.2' }),
  };
}

export interface TlsChannelEvents {
  /** Bytes the TLS layer wants sent to the client. */
  ciphertext(chunk: Buffer): void;
  /** Decrypted bytes from the client. */
  plaintext(chunk: Buffer): void;
  /** The handshake finished. */
  secure(info: { protocol: string | null; alpn: string | false | null }): void;
  /** Any TLS failure: a bad record, a client that rejected our certificate... */
  error(err: Error): void;
}

export class TlsChannel {
  private readonly transport: Duplex;
  readonly socket: TLSSocket;
  private closed = false;

  constructor(context: SecureContext, events: TlsChannelEvents, alpn?: string[]) {
    this.transport = new Duplex({
      read() {
        // Data is pushed by feed().
      },
      write: (chunk: Buffer, _enc, cb) => {
        if (!this.closed) events.ciphertext(chunk);
        cb();
      },
      final(cb) {
        cb();
      },
    });
    const options: ConstructorParameters<typeof TLSSocket>[1] = { isServer: true, secureContext: context, requestCert: false };
    if (alpn) options.ALPNProtocols = alpn;
    this.socket = new TLSSocket(this.transport as unknown as import('node:net').Socket, options);
    this.socket.on('secure', () => {
      events.secure({ protocol: this.socket.getProtocol(), alpn: this.socket.alpnProtocol });
    });
    this.socket.on('data', (d: Buffer) => {
      if (!this.closed) events.plaintext(d);
    });
    this.socket.on('error', (e: Error) => {
      if (!this.closed) events.error(e);
    });
    this.transport.on('error', () => undefined);
  }

  /** Ciphertext from the client. */
  feed(chunk: Buffer): void {
    if (!this.closed) this.transport.push(chunk);
  }

  /** Plaintext to the client. */
  write(chunk: Buffer): void {
    if (!this.closed) this.socket.write(chunk);
  }

  /** Drops TLS without a word on the wire (login-only encryption ends this way). */
  dispose(): void {
    this.closed = true;
    this.socket.removeAllListeners('data');
    this.socket.on('error', () => undefined);
    this.socket.destroy();
    this.transport.destroy();
  }
}

/** TLS record content types (RFC 5246 §6.2.1): change_cipher_spec 20 ... application_data 23. */
export function isTlsRecordStart(byte: number): boolean {
  return byte >= 0x14 && byte <= 0x17;
}
