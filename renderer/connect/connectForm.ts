// What the Connect to Server form asks for and sends, per authentication, apart from the React
// view so it can be tested: the fields an authentication shows, the checks made before anything
// is sent, and the params (only the fields that authentication uses; an empty secret is left
// out so a saved one can be used).
import type { ConnectParams } from '../api/types';
import { parseServerName, type ServerNameIssue } from './serverName';

export type Encrypt = 'Mandatory' | 'Optional' | 'Strict';
export type Auth = NonNullable<ConnectParams['authentication']>;
export const AUTHS: Auth[] = ['sql', 'windows', 'entra-password', 'entra-service-principal', 'entra-default'];

export interface ConnectForm {
  server: string;
  auth: Auth;
  login: string;
  password: string;
  domain: string;
  clientId: string;
  clientSecret: string;
  tenantId: string;
  encrypt: Encrypt;
  trust: boolean;
  /** Seconds, as typed. */
  timeout: string;
}

/** Which of the fields an authentication asks for (the others are hidden or disabled, as in SSMS). */
export function fieldsOf(auth: Auth) {
  return {
    login: auth === 'sql' || auth === 'windows' || auth === 'entra-password',
    password: auth === 'sql' || auth === 'windows' || auth === 'entra-password',
    domain: auth === 'windows',
    clientId: auth === 'entra-service-principal' || auth === 'entra-default',
    clientSecret: auth === 'entra-service-principal',
    tenantId: auth === 'entra-service-principal',
  };
}

export interface FormIssues {
  server?: ServerNameIssue;
  /** SQL Server Authentication and Microsoft Entra Password sign in with a name. */
  login?: true;
  /** A service principal is its application (client) ID. */
  clientId?: true;
  timeout?: true;
}

export function checkForm(f: ConnectForm): FormIssues {
  const out: FormIssues = {};
  const parsed = parseServerName(f.server);
  if (typeof parsed === 'string') out.server = parsed;
  if ((f.auth === 'sql' || f.auth === 'entra-password') && !f.login.trim()) out.login = true;
  if (f.auth === 'entra-service-principal' && !f.clientId.trim()) out.clientId = true;
  if (!(/^\d+$/.test(f.timeout.trim()) && Number(f.timeout) >= 1 && Number(f.timeout) <= 3600)) out.timeout = true;
  return out;
}

export function paramsOf(f: ConnectForm): ConnectParams {
  const use = fieldsOf(f.auth);
  return {
    server: f.server.trim(),
    authentication: f.auth,
    encrypt: f.encrypt,
    trustServerCertificate: f.trust,
    connectTimeoutMs: Number(f.timeout) * 1000,
    ...(use.login && f.login.trim() ? { login: f.login.trim() } : {}),
    ...(use.password && f.password ? { password: f.password } : {}),
    ...(use.domain && f.domain.trim() ? { domain: f.domain.trim() } : {}),
    ...(use.clientId && f.clientId.trim() ? { clientId: f.clientId.trim() } : {}),
    ...(use.clientSecret && f.clientSecret ? { clientSecret: f.clientSecret } : {}),
    ...(use.tenantId && f.tenantId.trim() ? { tenantId: f.tenantId.trim() } : {}),
  };
}
