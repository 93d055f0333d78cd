// Who may talk to browser mode: a request must name this server in its Host header (no DNS
// rebinding), come from no other page's Origin (no cross-site calls), and carry the token.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, URL-safe: unguessable, and fine in the one URL that carries it. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares in constant time; hashing first makes both sides the same length, so length leaks nothing either. */
export function tokenMatches(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer <token>` header, if that is what the header holds. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return m ? m[1] : undefined;
}

/** How the page may name this server: the bound address, and `localhost` for people who type it. */
export function ownAuthorities(host: string, port: number): Set<string> {
  const bound = host.includes(':') ? `[${host}]` : host;
  return new Set([`${bound}:${port}`, `localhost:${port}`]);
}

export function hostAllowed(hostHeader: string | undefined, authorities: Set<string>): boolean {
  return hostHeader !== undefined && authorities.has(hostHeader.toLowerCase());
}

/** An absent Origin is a same-origin GET or a script (curl); a present one must be this server's own. */
export function originAllowed(origin: string | undefined, authorities: Set<string>): boolean {
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return url.protocol === 'http:' && url.origin === origin.toLowerCase() && authorities.has(url.host);
}
