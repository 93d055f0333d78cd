// What the Connect dialog (and MSX_TEST_MASTER) hands over, and how it becomes mssql's pool
// configuration. Passwords and secrets live only in the options object and the pool config built
// from it; describeConnection() is the form that may be logged or shown.
import { parseServerName, type ServerAddress } from './serverName';
import type { PoolConfig } from './driver';

export const APPLICATION_NAME = 'MSX Studio';

/** SSMS 20's Encrypt choices. Mandatory and Optional are TDS 7.4 (encrypt true/false); Strict is TDS 8.0. */
export type EncryptOption = 'Mandatory' | 'Optional' | 'Strict';

export type SqlServerAuthentication =
  /** SQL Server Authentication: a SQL login (the server must be in mixed mode). */
  | { type: 'sql'; login: string; password: string }
  /**
   * Windows Authentication. Without Windows' own SSPI in this client, it is NTLM with explicit
   * credentials: DOMAIN, user name and password (tedious `ntlm`).
   */
  | { type: 'windows'; domain: string; login: string; password: string }
  /** Microsoft Entra password (tedious `azure-active-directory-password`); needs an app registration's client id. */
  | { type: 'entra-password'; login: string; password: string; clientId: string; tenantId?: string }
  /** Microsoft Entra service principal (tedious `azure-active-directory-service-principal-secret`). */
  | { type: 'entra-service-principal'; clientId: string; clientSecret: string; tenantId: string }
  /** Microsoft Entra default credential chain: environment, managed identity, Azure CLI... (tedious `azure-active-directory-default`). */
  | { type: 'entra-default'; clientId?: string };

export type AuthenticationType = SqlServerAuthentication['type'];

export interface SqlServerConnectionOptions {
  /** `host`, `host,port` or `host\instance` (parseServerName). */
  server: string;
  authentication: SqlServerAuthentication;
  /** Default Mandatory, as in SSMS 20. */
  encrypt?: EncryptOption;
  /** Accept the server's certificate without validating it. Ignored with Strict, as in SSMS. Default false. */
  trustServerCertificate?: boolean;
  /** The name to validate the certificate against, when it differs from the server name. */
  hostNameInCertificate?: string;
  /** Default 15 000 ms. */
  connectTimeoutMs?: number;
  /** Per procedure call; 0 = no limit. Default 30 000 ms. */
  requestTimeoutMs?: number;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 15_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface OptionIssue {
  path: string;
  message: string;
}

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** Every problem with the options, as field path -> message; empty when they can be used. */
export function validateConnectionOptions(o: SqlServerConnectionOptions): OptionIssue[] {
  const issues: OptionIssue[] = [];
  const server = parseServerName(typeof o.server === 'string' ? o.server : '');
  if (!server.ok) issues.push({ path: 'server', message: server.error });
  const a = o.authentication;
  const need = (ok: boolean, path: string, message: string) => {
    if (!ok) issues.push({ path: `authentication.${path}`, message });
  };
  switch (a?.type) {
    case 'sql':
      need(nonEmpty(a.login), 'login', 'Enter the login name.');
      need(typeof a.password === 'string', 'password', 'Enter the password.');
      break;
    case 'windows':
      need(nonEmpty(a.domain), 'domain', 'Windows Authentication (NTLM) needs the domain.');
      need(nonEmpty(a.login), 'login', 'Enter the Windows user name.');
      need(typeof a.password === 'string', 'password', 'Enter the password.');
      break;
    case 'entra-password':
      need(nonEmpty(a.login), 'login', 'Enter the Microsoft Entra user name (user@domain).');
      need(typeof a.password === 'string', 'password', 'Enter the password.');
      need(nonEmpty(a.clientId), 'clientId', 'Microsoft Entra password authentication needs the application (client) ID of an app registration that allows public client sign-in.');
      break;
    case 'entra-service-principal':
      need(nonEmpty(a.clientId), 'clientId', 'Enter the service principal\'s application (client) ID.');
      need(nonEmpty(a.clientSecret), 'clientSecret', 'Enter the client secret.');
      need(nonEmpty(a.tenantId), 'tenantId', 'Enter the tenant ID.');
      break;
    case 'entra-default':
      break;
    default:
      issues.push({ path: 'authentication.type', message: 'Choose an authentication type.' });
  }
  if (o.encrypt !== undefined && !['Mandatory', 'Optional', 'Strict'].includes(o.encrypt)) {
    issues.push({ path: 'encrypt', message: 'Encrypt must be Mandatory, Optional or Strict.' });
  }
  const timeout = (v: number | undefined, path: string, min: number) => {
    if (v !== undefined && (!Number.isInteger(v) || v < min || v > 3_600_000)) {
      issues.push({ path, message: `Must be a whole number of milliseconds from ${min} to 3600000.` });
    }
  };
  timeout(o.connectTimeoutMs, 'connectTimeoutMs', 1000);
  timeout(o.requestTimeoutMs, 'requestTimeoutMs', 0);
  return issues;
}

/** tedious' authentication block for the chosen type. */
export function tediousAuthentication(a: SqlServerAuthentication): NonNullable<PoolConfig['authentication']> {
  switch (a.type) {
    case 'sql':
      return { type: 'default', options: { userName: a.login, password: a.password } };
    case 'windows':
      return { type: 'ntlm', options: { domain: a.domain, userName: a.login, password: a.password } };
    case 'entra-password':
      // Without a tenant, tedious signs in through the 'common' endpoint (its typings call the
      // field required; its code reads `tenantId ?? 'common'`).
      return {
        type: 'azure-active-directory-password',
        options: { userName: a.login, password: a.password, clientId: a.clientId, tenantId: (a.tenantId || undefined) as string },
      };
    case 'entra-service-principal':
      return {
        type: 'azure-active-directory-service-principal-secret',
        options: { clientId: a.clientId, clientSecret: a.clientSecret, tenantId: a.tenantId },
      };
    case 'entra-default':
      return { type: 'azure-active-directory-default', options: a.clientId ? { clientId: a.clientId } : {} };
  }
}

export function encryptSetting(e: EncryptOption | undefined): boolean | 'strict' {
  switch (e ?? 'Mandatory') {
    case 'Optional':
      return false;
    case 'Strict':
      return 'strict';
    default:
      return true;
  }
}

export interface PoolHooks {
  /** Called with each tedious connection before it connects (login error capture, drop detection). */
  beforeConnect?: PoolConfig['beforeConnect'];
}

/**
 * mssql's pool configuration. Every connection lands in msdb (the procedures are called by their
 * three-part names anyway, but a login whose default database is unavailable still connects),
 * with the application name 'MSX Studio' so a DBA sees who is calling in sys.dm_exec_sessions,
 * and with useUTC so a datetime travels as a Date whose UTC fields are the server's wall clock,
 * as everywhere above the seam (msx/datetime.ts).
 */
export function buildPoolConfig(o: SqlServerConnectionOptions, address: ServerAddress, hooks: PoolHooks = {}): PoolConfig {
  const encrypt = encryptSetting(o.encrypt);
  const connectTimeout = o.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const requestTimeout = o.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const config: PoolConfig = {
    server: address.host,
    database: 'msdb',
    connectionTimeout: connectTimeout,
    requestTimeout,
    authentication: tediousAuthentication(o.authentication),
    options: {
      encrypt,
      // With Strict the certificate is always validated (TDS 8.0), as SSMS greys the box out.
      trustServerCertificate: encrypt === 'strict' ? false : (o.trustServerCertificate ?? false),
      appName: APPLICATION_NAME,
      useUTC: true,
      connectTimeout,
      requestTimeout,
    },
    // A console, not a service: a few sessions are plenty and idle ones go away.
    pool: { min: 0, max: 4, idleTimeoutMillis: 60_000 },
  };
  const options = config.options!;
  if (address.instanceName !== undefined) options.instanceName = address.instanceName;
  else config.port = address.port ?? 1433;
  if (o.hostNameInCertificate) options.serverName = o.hostNameInCertificate;
  if (hooks.beforeConnect) config.beforeConnect = hooks.beforeConnect;
  return config;
}

/** The options without anything secret: safe for logs, events and error reports. */
export function describeConnection(o: SqlServerConnectionOptions): Record<string, string | number | boolean> {
  const a = o.authentication;
  const out: Record<string, string | number | boolean> = {
    server: o.server,
    authentication: a?.type ?? 'unknown',
    encrypt: o.encrypt ?? 'Mandatory',
    trustServerCertificate: o.trustServerCertificate ?? false,
  };
  if (a && 'login' in a) out.login = a.type === 'windows' ? `${a.domain}\\${a.login}` : a.login;
  if (a && 'clientId' in a && a.clientId) out.clientId = a.clientId;
  return out;
}
