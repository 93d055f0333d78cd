// The Connect dialog's "Server name" field, read the way SSMS reads it: `host`, `host,port`,
// `host\instance`, optionally prefixed with `tcp:`; `.` and `(local)` mean this machine.
// Pure, so the dialog can validate as the user types.

export interface ServerAddress {
  /** Host name or IP address as tedious connects to it (IPv6 without brackets). */
  host: string;
  /** TCP port when given (or implied by the default instance); absent for a named instance. */
  port?: number;
  /** Named instance, resolved through SQL Server Browser (UDP 1434) when no port is given. */
  instanceName?: string;
  /** The address as the user should see it, normalized: `HOST`, `HOST,1433`, `HOST\SQL2022`. */
  display: string;
}

export type ServerNameResult = { ok: true; address: ServerAddress } | { ok: false; error: string };

const LOCAL_ALIASES = new Set(['.', '(local)', 'localhost']);
/** Letters, digits and - . _ : a DNS name or NetBIOS name; IPv4 falls in it too. */
const HOST_RE = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;
/** SQL Server's rules: at most 16 characters, starting with a letter, & _ or #; then letters, digits, $ # _. */
const INSTANCE_RE = /^[A-Za-z&_#][A-Za-z0-9&_#$]{0,15}$/;

function fail(error: string): ServerNameResult {
  return { ok: false, error };
}

function parsePort(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= 65535 ? n : undefined;
}

export function parseServerName(input: string): ServerNameResult {
  let s = input.trim();
  if (s === '') return fail('Enter a server name: host, host,port or host\\instance.');
  // Checked first: a pasted connection string may hold a password, which no message may echo.
  if (s.includes(';') || s.includes('=')) return fail('Enter only the server name here, not a connection string.');
  const prefix = /^([A-Za-z]+):/.exec(s);
  if (prefix && !s.startsWith('[')) {
    const p = prefix[1].toLowerCase();
    if (p === 'tcp') s = s.slice(4).trim();
    else if (p === 'np') return fail('Named pipes (np:) are not supported; connect over TCP with host or host,port.');
    else if (p === 'lpc') return fail('Shared memory (lpc:) is not supported; connect over TCP with host or host,port.');
    else if (p === 'admin') return fail('The dedicated admin connection (admin:) is not supported.');
    // Anything else may be a bare IPv6 address; the checks below decide.
  }
  if (/\s/.test(s)) return fail('A server name cannot contain spaces.');

  // Split off ",port" (the last comma) and "\instance" (the first backslash).
  let portText: string | undefined;
  const comma = s.lastIndexOf(',');
  if (comma >= 0) {
    portText = s.slice(comma + 1);
    s = s.slice(0, comma);
    if (s.includes(',')) return fail('A server name can have only one ",port".');
  }
  let instance: string | undefined;
  const slash = s.indexOf('\\');
  if (slash >= 0) {
    instance = s.slice(slash + 1);
    s = s.slice(0, slash);
    if (instance === '') return fail('Enter the instance name after the backslash, or remove the backslash.');
    if (instance.includes('\\')) return fail('A server name can have only one "\\instance".');
  }

  let host = s;
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1); // [::1]
  if (host === '') return fail('Enter the host name before the port or instance.');
  const isIpv6 = host.includes(':');
  if (isIpv6) {
    if (!/^[0-9A-Fa-f:.]+(?:%[A-Za-z0-9_.-]+)?$/.test(host) || (host.match(/::/g)?.length ?? 0) > 1) {
      return fail(`'${host}' is not a valid IPv6 address.`);
    }
  } else if (LOCAL_ALIASES.has(host.toLowerCase())) {
    host = 'localhost';
  } else if (!HOST_RE.test(host) || host.length > 253) {
    return fail(`'${host}' is not a valid host name: use letters, digits, '-', '_' and '.'.`);
  }

  let port: number | undefined;
  if (portText !== undefined) {
    port = parsePort(portText.trim());
    if (port === undefined) return fail('The port after the comma must be a number from 1 to 65535.');
  }

  if (instance !== undefined) {
    if (!INSTANCE_RE.test(instance)) {
      return fail(
        `'${instance}' is not a valid instance name: at most 16 characters, starting with a letter, '_', '&' or '#', then letters, digits, '$', '#', '_' or '&'.`,
      );
    }
    // MSSQLSERVER is the default instance's name: it listens on 1433 unless told otherwise.
    if (instance.toUpperCase() === 'MSSQLSERVER') instance = undefined;
  }

  const shownHost = isIpv6 ? `[${host}]` : host;
  const address: ServerAddress = { host, display: shownHost };
  if (port !== undefined) {
    // With both an instance and a port, the port wins (as in SSMS and ODBC): no Browser lookup.
    address.port = port;
    address.display = instance ? `${shownHost}\\${instance},${port}` : `${shownHost},${port}`;
  } else if (instance !== undefined) {
    address.instanceName = instance;
    address.display = `${shownHost}\\${instance}`;
  } else {
    address.port = 1433;
  }
  return { ok: true, address };
}
