// Byte-level reading and writing for TDS structures. TDS mixes byte orders: the packet header's
// length and SPID are big-endian (MS-TDS §2.2.3.1), everything inside a message is
// little-endian (§2.2.5.1), and text is UCS-2 little-endian.
//
// A reader never reads past its buffer: a short structure is a protocol error that closes the
// connection with a reason (never an exception escaping the server, never a hang).

/** Something in a client's bytes that a server must refuse: the connection is closed with `message` logged. */
export class TdsProtocolError extends Error {
  override readonly name = 'TdsProtocolError';
}

export class ByteReader {
  pos: number;
  constructor(
    readonly buf: Buffer,
    start = 0,
    /** Exclusive end; defaults to the buffer's length. */
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  need(n: number, what: string): void {
    if (n < 0 || this.pos + n > this.end) throw new TdsProtocolError(`truncated ${what}: needs ${n} byte(s), ${this.remaining} left`);
  }

  u8(what = 'byte'): number {
    this.need(1, what);
    return this.buf[this.pos++];
  }

  u16(what = 'USHORT'): number {
    this.need(2, what);
    const v = this.buf.readUInt16LE(this.pos);
    this.pos += 2;
    return v;
  }

  u16be(what = 'USHORT'): number {
    this.need(2, what);
    const v = this.buf.readUInt16BE(this.pos);
    this.pos += 2;
    return v;
  }

  u32(what = 'ULONG'): number {
    this.need(4, what);
    const v = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }

  i32(what = 'LONG'): number {
    this.need(4, what);
    const v = this.buf.readInt32LE(this.pos);
    this.pos += 4;
    return v;
  }

  u64(what = 'ULONGLONG'): bigint {
    this.need(8, what);
    const v = this.buf.readBigUInt64LE(this.pos);
    this.pos += 8;
    return v;
  }

  i64(what = 'LONGLONG'): bigint {
    this.need(8, what);
    const v = this.buf.readBigInt64LE(this.pos);
    this.pos += 8;
    return v;
  }

  bytes(n: number, what = 'bytes'): Buffer {
    this.need(n, what);
    const v = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }

  /** `chars` UCS-2 characters. */
  ucs2(chars: number, what = 'string'): string {
    return this.bytes(chars * 2, what).toString('utf16le');
  }

  /** B_VARCHAR: BYTE character count, then UCS-2. */
  bVarchar(what = 'B_VARCHAR'): string {
    return this.ucs2(this.u8(what), what);
  }

  /** US_VARCHAR: USHORT character count, then UCS-2. */
  usVarchar(what = 'US_VARCHAR'): string {
    return this.ucs2(this.u16(what), what);
  }

  skip(n: number, what = 'bytes'): void {
    this.need(n, what);
    this.pos += n;
  }
}

/** A growable little-endian writer. */
export class ByteWriter {
  private buf: Buffer;
  private len = 0;

  constructor(initial = 256) {
    this.buf = Buffer.allocUnsafe(initial);
  }

  get length(): number {
    return this.len;
  }

  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }

  u8(v: number): this {
    this.room(1);
    this.buf[this.len++] = v & 0xff;
    return this;
  }

  u16(v: number): this {
    this.room(2);
    this.buf.writeUInt16LE(v & 0xffff, this.len);
    this.len += 2;
    return this;
  }

  u16be(v: number): this {
    this.room(2);
    this.buf.writeUInt16BE(v & 0xffff, this.len);
    this.len += 2;
    return this;
  }

  u32(v: number): this {
    this.room(4);
    this.buf.writeUInt32LE(v >>> 0, this.len);
    this.len += 4;
    return this;
  }

  u32be(v: number): this {
    this.room(4);
    this.buf.writeUInt32BE(v >>> 0, this.len);
    this.len += 4;
    return this;
  }

  i32(v: number): this {
    this.room(4);
    this.buf.writeInt32LE(v | 0, this.len);
    this.len += 4;
    return this;
  }

  u64(v: number | bigint): this {
    this.room(8);
    this.buf.writeBigUInt64LE(BigInt(v), this.len);
    this.len += 8;
    return this;
  }

  i64(v: number | bigint): this {
    this.room(8);
    this.buf.writeBigInt64LE(BigInt(v), this.len);
    this.len += 8;
    return this;
  }

  f64(v: number): this {
    this.room(8);
    this.buf.writeDoubleLE(v, this.len);
    this.len += 8;
    return this;
  }

  bytes(b: Uint8Array): this {
    this.room(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
    return this;
  }

  /** UCS-2 text: two bytes per UTF-16 code unit, written in place. */
  ucs2(s: string): this {
    const n = s.length * 2;
    this.room(n);
    this.buf.write(s, this.len, n, 'utf16le');
    this.len += n;
    return this;
  }

  /** B_VARCHAR; longer text is cut to 255 characters (names and server names fit). */
  bVarchar(s: string): this {
    const t = s.slice(0, 255);
    return this.u8(t.length).ucs2(t);
  }

  /** US_VARCHAR; longer text is cut to 65535 characters. */
  usVarchar(s: string): this {
    const t = s.slice(0, 0xffff);
    return this.u16(t.length).ucs2(t);
  }

  /** Writes a USHORT at an earlier position (for lengths known only afterwards). */
  patchU16(at: number, v: number): void {
    this.buf.writeUInt16LE(v & 0xffff, at);
  }

  u16At(at: number): number {
    return this.buf.readUInt16LE(at);
  }

  toBuffer(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.len));
  }
}
