// The Server name field of Connect to Server, as SSMS accepts it: `host`, `host\instance`,
// `host,port` (also `tcp:` in front, `host\instance,port`, `.` and `(local)`). Checked as the
// user types; the connector checks it again.

export type ServerNameIssue = 'required' | 'host' | 'instance' | 'port';

export interface ParsedServerName {
  host: string;
  instance?: string;
  port?: number;
}

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?))*$/;
const IPV4 = /^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^\[?[0-9A-Fa-f:]+(?:%\w+)?\]?$/;
/** SQL Server instance names: up to 16 characters, a letter, _ , & or # first (setup's rules). */
const INSTANCE = /^[A-Za-z_&#][A-Za-z0-9_$&#]{0,15}$/;

export function parseServerName(text: string): ParsedServerName | ServerNameIssue {
  let s = text.trim();
  if (!s) return 'required';
  if (/^tcp:/i.test(s)) s = s.slice(4);
  let port: number | undefined;
  const comma = s.lastIndexOf(',');
  if (comma >= 0) {
    const p = s.slice(comma + 1).trim();
    if (!/^\d{1,5}$/.test(p) || Number(p) < 1 || Number(p) > 65535) return 'port';
    port = Number(p);
    s = s.slice(0, comma).trim();
  }
  let instance: string | undefined;
  const slash = s.indexOf('\\');
  if (slash >= 0) {
    instance = s.slice(slash + 1);
    s = s.slice(0, slash);
    if (!INSTANCE.test(instance)) return 'instance';
  }
  const host = s;
  const ok = host === '.' || /^\(local\)$/i.test(host) || /^localhost$/i.test(host) || IPV4.test(host) || (host.includes(':') && IPV6.test(host)) || HOST.test(host);
  if (!ok) return 'host';
  return { host, ...(instance === undefined ? {} : { instance }), ...(port === undefined ? {} : { port }) };
}
