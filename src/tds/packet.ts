// Packet framing (MS-TDS §2.2.3.1): every TDS message travels as one or more packets, each with
// an 8-byte header:
//   Type BYTE | Status BYTE | Length USHORT big-endian (header included) | SPID USHORT big-endian
//   | PacketID BYTE | Window BYTE (always 0)
// The last packet of a message has Status bit 0x01 (EOM).
import { TdsProtocolError } from './bytes';

export const HEADER_LENGTH = 8;

/** Packet types (§2.2.3.1.1). */
export const PacketType = {
  SQL_BATCH: 0x01,
  RPC: 0x03,
  TABULAR_RESULT: 0x04,
  ATTENTION: 0x06,
  BULK_LOAD: 0x07,
  FEDAUTH_TOKEN: 0x08,
  TRANSACTION_MANAGER: 0x0e,
  LOGIN7: 0x10,
  SSPI: 0x11,
  PRELOGIN: 0x12,
} as const;

/** Status bits (§2.2.3.1.2). */
export const Status = {
  EOM: 0x01,
  IGNORE: 0x02,
  RESET_CONNECTION: 0x08,
  RESET_CONNECTION_SKIP_TRAN: 0x10,
} as const;

const KNOWN_STATUS = Status.EOM | Status.IGNORE | Status.RESET_CONNECTION | Status.RESET_CONNECTION_SKIP_TRAN;

/** A TDS packet is at most 32767 bytes (§2.2.6.4 LOGIN7 PacketSize; SQL Server's own cap). */
export const MAX_PACKET_SIZE = 32767;
/** The smallest packet size a client may ask for. */
export const MIN_PACKET_SIZE = 512;
export const DEFAULT_PACKET_SIZE = 4096;

export interface PacketHeader {
  type: number;
  status: number;
  length: number;
  spid: number;
  packetId: number;
}

export function readHeader(b: Buffer, at = 0): PacketHeader {
  return { type: b[at], status: b[at + 1], length: b.readUInt16BE(at + 2), spid: b.readUInt16BE(at + 4), packetId: b[at + 6] };
}

export function writeHeader(h: PacketHeader): Buffer {
  const b = Buffer.alloc(HEADER_LENGTH);
  b[0] = h.type;
  b[1] = h.status;
  b.writeUInt16BE(h.length, 2);
  b.writeUInt16BE(h.spid, 4);
  b[6] = h.packetId & 0xff;
  b[7] = 0;
  return b;
}

/**
 * Splits a message's payload into packets of at most `packetSize` bytes (header included). An
 * empty payload is one header-only packet. PacketID counts from 1 and wraps at 255 (§2.2.3.1.5).
 */
export function encodeMessage(type: number, payload: Buffer, packetSize: number, spid = 0): Buffer {
  const room = packetSize - HEADER_LENGTH;
  const count = Math.max(1, Math.ceil(payload.length / room));
  const parts: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const chunk = payload.subarray(i * room, (i + 1) * room);
    const last = i === count - 1;
    parts.push(writeHeader({ type, status: last ? Status.EOM : 0, length: HEADER_LENGTH + chunk.length, spid, packetId: (i + 1) % 256 }), chunk);
  }
  return Buffer.concat(parts);
}

export interface TdsMessage {
  type: number;
  /** Status of the last packet: EOM, plus IGNORE when the client gave up sending it. */
  status: number;
  /** Status of the first packet (RESETCONNECTION lives there). */
  firstStatus: number;
  payload: Buffer;
}

export interface AssemblerLimits {
  /** Largest packet accepted (the negotiated packet size; before login the TDS maximum). */
  maxPacketSize: number;
  /** Largest message accepted, in payload bytes: caps what one client can make the server buffer. */
  maxMessageBytes: number;
  /** Packet types the connection's state accepts: anything else is refused at its header, before its body is buffered. */
  acceptsType?: (type: number) => boolean;
}

/**
 * Reassembles messages from a byte stream. `push` returns each complete message; anything
 * malformed (a length under 8 or over the limit, an unknown status bit, a packet type that
 * changes mid-message, a message over the cap) throws TdsProtocolError.
 */
export class MessageAssembler {
  private pending: Buffer = Buffer.alloc(0);
  private parts: Buffer[] = [];
  private partBytes = 0;
  private type = -1;
  private firstStatus = 0;

  constructor(public limits: AssemblerLimits) {}

  /** Bytes received but not yet part of a complete message. */
  get buffered(): number {
    return this.pending.length + this.partBytes;
  }

  /** Whether a message has started arriving and is not complete yet. */
  get inMessage(): boolean {
    return this.type !== -1;
  }

  /** Adds received bytes and returns every message they complete (pull with next() to interleave state changes). */
  push(data: Buffer): TdsMessage[] {
    this.append(data);
    const out: TdsMessage[] = [];
    for (let m = this.next(); m; m = this.next()) out.push(m);
    return out;
  }

  append(data: Buffer): void {
    if (data.length > 0) this.pending = this.pending.length === 0 ? data : Buffer.concat([this.pending, data]);
  }

  /**
   * The next complete message from the bytes appended so far, or undefined. One at a time, so
   * that the caller's state (and acceptsType) moves on before the next header is checked.
   */
  next(): TdsMessage | undefined {
    while (this.pending.length >= HEADER_LENGTH) {
      const h = readHeader(this.pending);
      if (h.length < HEADER_LENGTH) throw new TdsProtocolError(`packet length ${h.length} is shorter than its header`);
      if (h.length > this.limits.maxPacketSize) throw new TdsProtocolError(`packet length ${h.length} exceeds the packet size ${this.limits.maxPacketSize}`);
      if ((h.status & ~KNOWN_STATUS) !== 0) throw new TdsProtocolError(`packet status 0x${h.status.toString(16)} has unknown bits`);
      if (this.type === -1 && this.limits.acceptsType && !this.limits.acceptsType(h.type)) {
        throw new TdsProtocolError(`packet type 0x${h.type.toString(16)} is not accepted now`);
      }
      if (this.type !== -1 && h.type !== this.type) {
        // An attention arrives as a message of its own; any change of type mid-message is malformed.
        throw new TdsProtocolError(`packet type 0x${h.type.toString(16)} inside a message of type 0x${this.type.toString(16)}`);
      }
      if (this.pending.length < h.length) return undefined;
      const body = this.pending.subarray(HEADER_LENGTH, h.length);
      this.pending = this.pending.subarray(h.length);
      if (this.type === -1) {
        this.type = h.type;
        this.firstStatus = h.status;
      }
      this.partBytes += body.length;
      if (this.partBytes > this.limits.maxMessageBytes) throw new TdsProtocolError(`message exceeds ${this.limits.maxMessageBytes} bytes`);
      this.parts.push(body);
      if (h.status & Status.EOM) {
        const message = { type: this.type, status: h.status, firstStatus: this.firstStatus, payload: Buffer.concat(this.parts) };
        this.parts = [];
        this.partBytes = 0;
        this.type = -1;
        return message;
      }
    }
    return undefined;
  }
}
