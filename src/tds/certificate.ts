// A self-signed certificate for the lab's TLS, made with node's crypto and a minimal DER writer
// (X.509: RFC 5280; DER: ITU-T X.690). EC P-256 with ECDSA-SHA256; subject and issuer
// CN=<commonName>; subjectAltName DNS:localhost and IP:127.0.0.1 (TDS 8.0 strict validates the
// name the client connected to, and an address needs an IP SAN); basicConstraints CA:TRUE so a
// client can trust it as its own root (tedious `cryptoCredentialsDetails.ca`).
// loadOrCreateCertificate keeps the pair in a directory and reuses it while it is valid.
import { createPrivateKey, generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TlsCredentials } from './tls';

// --- DER ---------------------------------------------------------------------------------------

function der(tag: number, content: Buffer): Buffer {
  const n = content.length;
  let len: Buffer;
  if (n < 0x80) len = Buffer.from([n]);
  else if (n < 0x100) len = Buffer.from([0x81, n]);
  else if (n < 0x10000) len = Buffer.from([0x82, n >> 8, n & 0xff]);
  else len = Buffer.from([0x83, n >> 16, (n >> 8) & 0xff, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), len, content]);
}

const seq = (...items: Buffer[]) => der(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => der(0x31, Buffer.concat(items));
const octets = (b: Buffer) => der(0x04, b);
const bitString = (b: Buffer) => der(0x03, Buffer.concat([Buffer.from([0]), b]));
const bool = (v: boolean) => der(0x01, Buffer.from([v ? 0xff : 0]));
const utf8 = (s: string) => der(0x0c, Buffer.from(s, 'utf8'));
const explicit = (n: number, inner: Buffer) => der(0xa0 | n, inner);

function integer(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  const v = b.subarray(i);
  return der(0x02, v[0] & 0x80 ? Buffer.concat([Buffer.from([0]), v]) : v);
}

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const bytes = [parts[0] * 40 + parts[1]];
  for (const p of parts.slice(2)) {
    const stack = [p & 0x7f];
    for (let v = p >>> 7; v > 0; v >>>= 7) stack.unshift((v & 0x7f) | 0x80);
    bytes.push(...stack);
  }
  return der(0x06, Buffer.from(bytes));
}

function time(d: Date): Buffer {
  const p = (n: number) => String(n).padStart(2, '0');
  const body = `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  const y = d.getUTCFullYear();
  // UTCTime through 2049, GeneralizedTime after (RFC 5280 §4.1.2.5).
  return y < 2050 ? der(0x17, Buffer.from(`${String(y % 100).padStart(2, '0')}${body}`)) : der(0x18, Buffer.from(`${y}${body}`));
}

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
};

// --- certificate -------------------------------------------------------------------------------

export interface CertificateOptions {
  commonName?: string;
  /** Extra DNS names for subjectAltName (localhost is always there). */
  dnsNames?: string[];
  /** Validity in days from now (default 3650). */
  days?: number;
  now?: Date;
}

export function createSelfSignedCertificate(o: CertificateOptions = {}): TlsCredentials {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const now = o.now ?? new Date();
  const notBefore = new Date(now.getTime() - 86_400_000);
  const notAfter = new Date(now.getTime() + (o.days ?? 3650) * 86_400_000);
  const name = seq(set(seq(oid(OID.commonName), utf8(o.commonName ?? 'MSX Studio lab'))));
  const algorithm = seq(oid(OID.ecdsaWithSha256));
  const dns = ['localhost', ...(o.dnsNames ?? [])];
  const san = seq(...dns.map((d) => der(0x82, Buffer.from(d, 'ascii'))), der(0x87, Buffer.from([127, 0, 0, 1])));
  const extensions = seq(
    seq(oid(OID.subjectAltName), octets(san)),
    seq(oid(OID.basicConstraints), bool(true), octets(seq(bool(true)))),
    // digitalSignature (bit 0) and keyCertSign (bit 5): BIT STRING with 2 unused bits, 0x84.
    seq(oid(OID.keyUsage), bool(true), octets(der(0x03, Buffer.from([0x02, 0x84])))),
    seq(oid(OID.extKeyUsage), octets(seq(oid(OID.serverAuth)))),
  );
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))), // version v3
    integer(serial),
    algorithm,
    name,
    seq(time(notBefore), time(notAfter)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, extensions),
  );
  const signature = sign('sha256', tbs, privateKey);
  const certDer = seq(tbs, algorithm, bitString(signature));
  const b64 = certDer.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  const cert = `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
  const key = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { key, cert };
}

export const CERTIFICATE_FILE = 'tds-certificate.pem';
export const KEY_FILE = 'tds-key.pem';

export interface StoredCertificate extends TlsCredentials {
  certPath: string;
  keyPath: string;
  /** SHA-256 fingerprint, as TLS clients show it. */
  fingerprint256: string;
  /** Whether it was made now (false: an existing pair was reused). */
  created: boolean;
}

/** A usable pair: the certificate parses, matches the key, and is valid for at least another day. */
function usable(cert: string, key: string, now: Date): X509Certificate | undefined {
  try {
    const x = new X509Certificate(cert);
    if (!x.checkPrivateKey(createPrivateKey(key))) return undefined;
    if (new Date(x.validTo).getTime() < now.getTime() + 86_400_000) return undefined;
    return x;
  } catch {
    return undefined;
  }
}

/**
 * The certificate kept in `dir` (tds-certificate.pem, tds-key.pem), or a new one written there
 * when there is none or it no longer works. The key file is readable by its owner only.
 */
export async function loadOrCreateCertificate(dir: string, o: CertificateOptions = {}): Promise<StoredCertificate> {
  const certPath = join(dir, CERTIFICATE_FILE);
  const keyPath = join(dir, KEY_FILE);
  const now = o.now ?? new Date();
  const [cert, key] = await Promise.all([readFile(certPath, 'utf8').catch(() => ''), readFile(keyPath, 'utf8').catch(() => '')]);
  const existing = cert && key ? usable(cert, key, now) : undefined;
  if (existing) return { cert, key, certPath, keyPath, fingerprint256: existing.fingerprint256, created: false };
  const made = createSelfSignedCertificate(o);
  await mkdir(dir, { recursive: true });
  const write = async (path: string, text: string, mode: number) => {
    const tmp = `${path}.${process.pid}.tmp`;
    await writeFile(tmp, text, { mode });
    await chmod(tmp, mode).catch(() => undefined);
    await rename(tmp, path);
  };
  await write(keyPath, made.key.toString(), 0o600);
  await write(certPath, made.cert.toString(), 0o644);
  const x = new X509Certificate(made.cert);
  return { cert: made.cert.toString(), key: made.key.toString(), certPath, keyPath, fingerprint256: x.fingerprint256, created: true };
}
