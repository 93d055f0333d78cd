// MSX_TEST_MASTER (and any saved connection string): ADO.NET / SqlClient syntax, e.g.
//   Server=host,1433;User Id=sa;Password=...;Encrypt=Mandatory;TrustServerCertificate=true
// Keys are case-insensitive and spaces in them do not matter (`User Id` = `UserID`); values may be
// quoted with "..." or '...' (a doubled quote inside is one quote), which is how a password
// containing ';' is written. Error messages name keys, never values, so a password cannot leak
// through one.
import { validateConnectionOptions, type EncryptOption, type SqlServerAuthentication, type SqlServerConnectionOptions } from './options';

export class ConnectionStringError extends Error {
  override readonly name = 'ConnectionStringError';
}

type Key =
  | 'server'
  | 'user'
  | 'password'
  | 'domain'
  | 'authentication'
  | 'integrated'
  | 'encrypt'
  | 'trust'
  | 'hostNameInCertificate'
  | 'connectTimeout'
  | 'commandTimeout'
  | 'clientId'
  | 'tenantId'
  | 'ignored';

const KEYWORDS: Record<string, Key> = {
  server: 'server',
  datasource: 'server',
  address: 'server',
  addr: 'server',
  networkaddress: 'server',
  userid: 'user',
  uid: 'user',
  user: 'user',
  password: 'password',
  pwd: 'password',
  domain: 'domain',
  authentication: 'authentication',
  integratedsecurity: 'integrated',
  trustedconnection: 'integrated',
  encrypt: 'encrypt',
  trustservercertificate: 'trust',
  hostnameincertificate: 'hostNameInCertificate',
  connecttimeout: 'connectTimeout',
  connectiontimeout: 'connectTimeout',
  timeout: 'connectTimeout',
  commandtimeout: 'commandTimeout',
  clientid: 'clientId',
  applicationid: 'clientId',
  tenantid: 'tenantId',
  // Accepted and ignored: the console always works in msdb under its own application name.
  initialcatalog: 'ignored',
  database: 'ignored',
  applicationname: 'ignored',
  app: 'ignored',
  persistsecurityinfo: 'ignored',
  pooling: 'ignored',
  multipleactiveresultsets: 'ignored',
  multisubnetfailover: 'ignored',
  workstationid: 'ignored',
  packetsize: 'ignored',
};

const SECRET_KEYS = new Set<Key>(['password']);

/** Splits `k=v;k2="v;2"` into pairs, following SqlClient's quoting rules. */
function tokenize(s: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && (s[i] === ';' || /\s/.test(s[i]))) i++;
    if (i >= n) break;
    // Key: up to '=', where '==' is a literal '='.
    let key = '';
    while (i < n) {
      if (s[i] === '=') {
        if (s[i + 1] === '=') {
          key += '=';
          i += 2;
          continue;
        }
        break;
      }
      if (s[i] === ';') throw new ConnectionStringError(`"${key.trim()}" has no value: write it as key=value.`);
      key += s[i++];
    }
    if (i >= n) throw new ConnectionStringError(`"${key.trim()}" has no value: write it as key=value.`);
    i++; // '='
    while (i < n && s[i] !== '\n' && /\s/.test(s[i])) i++;
    let value = '';
    const q = s[i];
    if (q === '"' || q === "'") {
      i++;
      let closed = false;
      while (i < n) {
        if (s[i] === q) {
          if (s[i + 1] === q) {
            value += q;
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        value += s[i++];
      }
      if (!closed) throw new ConnectionStringError(`The value of "${key.trim()}" has an opening quote without a closing one.`);
      while (i < n && /\s/.test(s[i])) i++;
      if (i < n && s[i] !== ';') throw new ConnectionStringError(`Unexpected text after the quoted value of "${key.trim()}".`);
    } else {
      while (i < n && s[i] !== ';') value += s[i++];
      value = value.trim();
    }
    pairs.push([key.trim(), value]);
  }
  return pairs;
}

function bool(key: string, v: string): boolean {
  const t = v.trim().toLowerCase();
  if (['true', 'yes', '1'].includes(t)) return true;
  if (['false', 'no', '0'].includes(t)) return false;
  throw new ConnectionStringError(`${key} must be true or false.`);
}

function seconds(key: string, v: string): number {
  if (!/^\s*\d+\s*$/.test(v)) throw new ConnectionStringError(`${key} must be a whole number of seconds.`);
  return Number(v) * 1000;
}

function encrypt(v: string): EncryptOption {
  switch (v.trim().toLowerCase()) {
    case 'mandatory':
    case 'true':
    case 'yes':
      return 'Mandatory';
    case 'optional':
    case 'false':
    case 'no':
      return 'Optional';
    case 'strict':
      return 'Strict';
    default:
      throw new ConnectionStringError('Encrypt must be Mandatory, Optional or Strict (or true/false).');
  }
}

/**
 * Parses a connection string into connection options. Authentication, by the `Authentication`
 * keyword (spaces and case ignored):
 *   SqlPassword (the default with User Id)         -> SQL Server Authentication
 *   Windows / NTLM, or Integrated Security=true    -> NTLM: needs Domain, User Id, Password
 *     (User Id may also be written DOMAIN\user)
 *   ActiveDirectoryPassword                        -> Entra password: User Id, Password, Client Id [, Tenant Id]
 *   ActiveDirectoryServicePrincipal                -> Entra service principal: User Id = client id,
 *                                                     Password = secret, Tenant Id (SqlClient's convention)
 *   ActiveDirectoryDefault                         -> Entra default credential chain [, Client Id]
 * Throws ConnectionStringError with a message that names the key at fault.
 */
export function parseConnectionString(text: string): SqlServerConnectionOptions {
  if (typeof text !== 'string' || text.trim() === '') throw new ConnectionStringError('The connection string is empty.');
  const v: Partial<Record<Key, string>> = {};
  for (const [rawKey, value] of tokenize(text)) {
    const norm = rawKey.toLowerCase().replace(/[\s_]+/g, '');
    const key = KEYWORDS[norm];
    if (!key) throw new ConnectionStringError(`Unknown keyword "${rawKey}" in the connection string.`);
    if (key !== 'ignored') v[key] = value; // the last occurrence wins, as in SqlClient
  }
  if (!v.server) throw new ConnectionStringError('The connection string needs Server=host, host,port or host\\instance.');

  const kind = (v.authentication ?? '').toLowerCase().replace(/[\s_-]+/g, '');
  const integrated = v.integrated !== undefined && (v.integrated.trim().toLowerCase() === 'sspi' || bool('Integrated Security', v.integrated));
  let user = v.user ?? '';
  let domain = v.domain;
  let authentication: SqlServerAuthentication;
  if (kind === 'windows' || kind === 'ntlm' || (kind === '' && integrated)) {
    const slash = user.indexOf('\\');
    if (slash > 0 && domain === undefined) {
      domain = user.slice(0, slash);
      user = user.slice(slash + 1);
    }
    if (!domain || !user || v.password === undefined) {
      throw new ConnectionStringError('Windows Authentication is NTLM here (no single sign-on): give Domain, User Id and Password, or User Id=DOMAIN\\user.');
    }
    authentication = { type: 'windows', domain, login: user, password: v.password };
  } else if (kind === '' || kind === 'sqlpassword') {
    if (!user) throw new ConnectionStringError('The connection string needs User Id (and Password) for SQL Server Authentication.');
    authentication = { type: 'sql', login: user, password: v.password ?? '' };
  } else if (kind === 'activedirectorypassword') {
    if (!user || v.password === undefined || !v.clientId) {
      throw new ConnectionStringError('Authentication=ActiveDirectoryPassword needs User Id, Password and Client Id (an app registration allowing public client sign-in).');
    }
    authentication = { type: 'entra-password', login: user, password: v.password, clientId: v.clientId };
    if (v.tenantId) authentication.tenantId = v.tenantId;
  } else if (kind === 'activedirectoryserviceprincipal') {
    const clientId = v.clientId ?? user;
    if (!clientId || v.password === undefined || !v.tenantId) {
      throw new ConnectionStringError('Authentication=ActiveDirectoryServicePrincipal needs User Id (the client id), Password (the secret) and Tenant Id.');
    }
    authentication = { type: 'entra-service-principal', clientId, clientSecret: v.password, tenantId: v.tenantId };
  } else if (kind === 'activedirectorydefault') {
    authentication = v.clientId ? { type: 'entra-default', clientId: v.clientId } : { type: 'entra-default' };
  } else {
    throw new ConnectionStringError(
      'Authentication must be SqlPassword, Windows, ActiveDirectoryPassword, ActiveDirectoryServicePrincipal or ActiveDirectoryDefault.',
    );
  }

  const options: SqlServerConnectionOptions = { server: v.server, authentication };
  if (v.encrypt !== undefined) options.encrypt = encrypt(v.encrypt);
  if (v.trust !== undefined) options.trustServerCertificate = bool('TrustServerCertificate', v.trust);
  if (v.hostNameInCertificate) options.hostNameInCertificate = v.hostNameInCertificate;
  if (v.connectTimeout !== undefined) options.connectTimeoutMs = seconds('Connect Timeout', v.connectTimeout);
  if (v.commandTimeout !== undefined) options.requestTimeoutMs = seconds('Command Timeout', v.commandTimeout);

  const issues = validateConnectionOptions(options);
  if (issues.length > 0) {
    // Issue messages describe fields, never their values.
    throw new ConnectionStringError(issues.map((i) => i.message).join(' '));
  }
  return options;
}

/** The connection string with every secret replaced by `***`, for logs and error reports. */
export function redactConnectionString(text: string): string {
  return text.replace(/((?:^|;)\s*)([^=;]+?)(\s*=\s*)("(?:[^"]|"")*"|'(?:[^']|'')*'|[^;]*)/g, (m, lead: string, key: string, eq: string) => {
    const k = KEYWORDS[key.toLowerCase().replace(/[\s_]+/g, '')];
    return k && SECRET_KEYS.has(k) ? `${lead}${key}${eq}***` : m;
  });
}
