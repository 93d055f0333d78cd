// The Connect to Server dialog's fields (SSMS's): one zod shape shared by every method that takes
// connection details (connections.connectSqlServer / test / save, targets.register), and the
// split between what may be written to a file (everything but the password or client secret)
// and the secret itself.
import { z } from 'zod';
import { InvalidConnectionOptions } from '../msdb/sqlserver/connection';
import { toConnectionOptions } from '../msdb/sqlserver/connector';
import { validateConnectionOptions } from '../msdb/sqlserver/options';
import type { SqlServerConnectOptions } from './connections';

export const AUTHENTICATIONS = ['sql', 'windows', 'entra-password', 'entra-service-principal', 'entra-default'] as const;
export type Authentication = (typeof AUTHENTICATIONS)[number];

export const ENCRYPT_OPTIONS = ['Mandatory', 'Optional', 'Strict'] as const;
/** true = Mandatory and false = Optional (the API's first shape), or SSMS's choice itself. */
export type EncryptSetting = boolean | (typeof ENCRYPT_OPTIONS)[number];

const text = (max: number) => z.string().trim().min(1).max(max);

/** Every Connect field. Defaults keep the first shape of connectSqlServer: SQL login, encrypted, certificate validated. */
export const connectFieldsShape = {
  /** `host`, `host,port` or `host\instance`; the executor checks the form (INVALID_PARAMS on `server`). */
  server: z.string().trim().min(1, 'Required.').max(300),
  authentication: z.enum(AUTHENTICATIONS).default('sql'),
  login: text(128).optional(),
  password: z.string().max(256).optional(),
  /** Windows Authentication (NTLM): the domain, unless the login is DOMAIN\user. */
  domain: text(255).optional(),
  encrypt: z.union([z.boolean(), z.enum(ENCRYPT_OPTIONS)]).default(true),
  trustServerCertificate: z.boolean().default(false),
  hostNameInCertificate: text(255).optional(),
  connectTimeoutMs: z.int().min(1000).max(3_600_000).optional(),
  requestTimeoutMs: z.int().min(0).max(3_600_000).optional(),
  /** Microsoft Entra: application (client) ID, its secret (service principal), tenant. */
  clientId: text(128).optional(),
  clientSecret: z.string().max(1024).optional(),
  tenantId: text(128).optional(),
};

type ParsedFields = { authentication: Authentication; login?: string | undefined };

/** The checks zod can make on its own; the rest is the executor's validateConnectionOptions. */
export function refineConnectFields(v: ParsedFields, ctx: z.RefinementCtx): void {
  if (v.authentication === 'sql' && v.login === undefined) ctx.addIssue({ code: 'custom', path: ['login'], message: 'SQL Server authentication needs a login.' });
}

export const connectFields = z.strictObject(connectFieldsShape).superRefine(refineConnectFields);

const CONNECT_KEYS = Object.keys(connectFieldsShape) as Array<keyof SqlServerConnectOptions>;

/** Just the connection options out of a method's params (which may carry save flags and ids too). */
export function connectOptionsOf(p: SqlServerConnectOptions): SqlServerConnectOptions {
  const out: Record<string, unknown> = {};
  for (const k of CONNECT_KEYS) if (p[k] !== undefined) out[k] = p[k];
  return out as unknown as SqlServerConnectOptions;
}

/** A connection's details without its secret: what may be written to connections.json. */
export type PublicConnectFields = Omit<SqlServerConnectOptions, 'password' | 'clientSecret'>;

export function publicFields(o: SqlServerConnectOptions): PublicConnectFields {
  const { password: _password, clientSecret: _clientSecret, ...rest } = connectOptionsOf(o);
  return rest;
}

/** Whether this authentication signs in with a secret (all but Entra default). */
export function needsSecret(a: Authentication): boolean {
  return a !== 'entra-default';
}

/** The one secret of a connection: the client secret of a service principal, else the password. */
export function secretOf(o: SqlServerConnectOptions): string | undefined {
  if (o.authentication === 'entra-service-principal') return o.clientSecret ?? o.password;
  return o.password;
}

export function withSecret(f: PublicConnectFields, secret: string | undefined): SqlServerConnectOptions {
  const o: SqlServerConnectOptions = { ...f };
  if (secret === undefined) return o;
  if (f.authentication === 'entra-service-principal') o.clientSecret = secret;
  else o.password = secret;
  return o;
}

/**
 * Validates details that are not used to connect now (a saved connection, before anything is
 * written), with the executor's own rules. Throws InvalidConnectionOptions with flat field paths.
 */
export function checkConnectFields(o: SqlServerConnectOptions): void {
  // A saved connection may leave its secret out; it is asked for when connecting.
  const issues = validateConnectionOptions(toConnectionOptions(o)).filter((i) => !/password|clientSecret/.test(i.path));
  if (issues.length > 0) throw new InvalidConnectionOptions(issues);
}
