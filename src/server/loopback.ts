// Browser mode serves a console that can change a production master; it must never be reachable
// from another machine. Only loopback addresses are accepted, never a name: `localhost` can be
// resolved to anything by a hosts file, and 0.0.0.0 / :: listen on every interface.
import { isIP } from 'node:net';

export const DEFAULT_HOST = '127.0.0.1';

export function isLoopbackAddress(host: string): boolean {
  const h = host.trim().replace(/^\[(.*)\]$/, '$1');
  if (isIP(h) === 4) return h.split('.')[0] === '127';
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1' || /^::ffff:127\./i.test(h);
  return false;
}

/** Throws unless `host` is a loopback IP address. */
export function assertLoopbackHost(host: string): string {
  if (!isLoopbackAddress(host)) {
    throw new Error(`MSX Studio's browser mode listens on the loopback interface only; refusing to bind to '${host}'.`);
  }
  return host;
}
