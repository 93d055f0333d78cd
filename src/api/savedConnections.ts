// Saved connections and registered targets, in one JSON file in the app's data folder
// (connections.json). The file never holds a password or client secret, with one exception the
// user asks for by name (rememberPasswordUnencrypted, where no encrypted store exists); secrets
// otherwise go to the SecretStore the shell provides:
//   encrypted    the store is persistent (Electron safeStorage): the secret survives restarts
//   session      the store is memory only (browser mode): the secret is gone when the app exits
//   unencrypted  the user opted in: the secret is in this file, in clear, and told so
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { z } from 'zod';
import { connectFieldsShape, publicFields, secretOf, type PublicConnectFields } from './connectFields';
import type { SqlServerConnectOptions } from './connections';
import { ApiFailure } from './errors';
import { writePrivateFileAtomic } from './privateFile';
import type { SecretStore } from './secrets';

export const CONNECTIONS_FILE_NAME = 'connections.json';

/** Where a saved secret is: see the header. 'none' when no secret is at hand. */
export type PasswordStorage = 'encrypted' | 'session' | 'unencrypted' | 'none';

/** A saved connection as connections.saved lists it: never with its password. */
export interface SavedConnection extends PublicConnectFields {
  id: string;
  name: string;
  rememberPassword: boolean;
  passwordStorage: PasswordStorage;
  /** A password (or client secret) is at hand, so connecting needs none typed. */
  hasPassword: boolean;
  savedAt: Date;
}

/** What saving a secret did, for the method's result. */
export interface SecretOutcome {
  passwordStorage: PasswordStorage;
  /** Said whenever a secret is written unencrypted. */
  warning?: string;
  /** Said when the secret is kept for this session only. */
  notice?: string;
}

export interface SaveOutcome extends SecretOutcome {
  connection: SavedConnection;
}

/** A registered target of one master, as stored (without its secret). */
export interface RegisteredTargetRecord {
  /** The target's name as the master lists it (sp_help_targetserver server_name). */
  server: string;
  fields: PublicConnectFields;
  passwordStorage: PasswordStorage;
  registeredAt: Date;
}

const storedFields = z.object(connectFieldsShape).omit({ password: true, clientSecret: true });
const secretKind = z.enum(['encrypted', 'session', 'unencrypted']);
type SecretKind = z.infer<typeof secretKind>;

const storedConnection = z.object({
  id: z.string().min(1),
  name: z.string(),
  fields: storedFields,
  rememberPassword: z.boolean(),
  secret: secretKind.optional(),
  /** Only with secret = 'unencrypted', which the user asked for. */
  unencryptedSecret: z.string().optional(),
  savedAt: z.string(),
});

const storedTarget = z.object({
  server: z.string().min(1),
  fields: storedFields,
  secret: secretKind.optional(),
  unencryptedSecret: z.string().optional(),
  registeredAt: z.string(),
});

const storedFile = z.object({
  version: z.literal(1),
  connections: z.array(storedConnection),
  /** Per master, by its @@SERVERNAME in upper case. */
  registeredTargets: z.record(z.string(), z.array(storedTarget)),
});

type StoredFile = z.infer<typeof storedFile>;
type StoredConnection = z.infer<typeof storedConnection>;
type StoredTarget = z.infer<typeof storedTarget>;

const emptyFile = (): StoredFile => ({ version: 1, connections: [], registeredTargets: {} });

export interface SaveRequest {
  /** Update this saved connection; without it, the one with the same server, authentication and login, or a new one. */
  id?: string;
  name?: string;
  options: SqlServerConnectOptions;
  rememberPassword: boolean;
  /** Where no encrypted store exists: keep the secret in the file, unencrypted. Ignored where one exists. */
  rememberPasswordUnencrypted: boolean;
}

const up = (s: string | undefined) => (s ?? '').trim().toUpperCase();
const connectionKey = (id: string) => `connection:${id}`;
const targetKey = (master: string, server: string) => `target:${up(master)}:${up(server)}`;

function readStored(file: string): StoredFile {
  if (!existsSync(file)) return emptyFile();
  let parsed: z.ZodSafeParseResult<StoredFile>;
  try {
    parsed = storedFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    parsed = { success: false } as z.ZodSafeParseResult<StoredFile>;
  }
  if (parsed.success) return parsed.data;
  // An unreadable file is set aside, never overwritten: it is the user's data, and may be fixable.
  const aside = `${file}.unreadable-${Date.now()}`;
  renameSync(file, aside);
  console.warn(`MSX Studio: ${file} could not be read; it was kept as ${aside} and saved connections start empty.`);
  return emptyFile();
}

export class ConnectionStore {
  private doc: StoredFile;

  /** `file` undefined keeps everything in memory (tests, a host without a data folder). */
  constructor(
    private readonly file: string | undefined,
    private readonly secrets: SecretStore,
    private readonly now: () => number = Date.now,
  ) {
    this.doc = file ? readStored(file) : emptyFile();
  }

  /** Whether secrets can be kept encrypted across restarts here. */
  get encryptedSecrets(): boolean {
    return this.secrets.persistent;
  }

  private write(next: StoredFile): void {
    if (this.file) writePrivateFileAtomic(this.file, `${JSON.stringify(next, null, 2)}\n`);
    // Only once it is on disk does it count as saved.
    this.doc = next;
  }

  private clone(): StoredFile {
    return structuredClone(this.doc);
  }

  // --- secrets ---

  /** Puts a secret where it belongs (see the header); undefined secret = none kept. */
  private async keepSecret(key: string, secret: string | undefined, unencryptedAllowed: boolean): Promise<{ kind?: SecretKind; unencrypted?: string; outcome: SecretOutcome }> {
    await this.secrets.delete(key);
    if (secret === undefined) return { outcome: { passwordStorage: 'none' } };
    if (this.secrets.persistent) {
      await this.secrets.set(key, secret);
      return { kind: 'encrypted', outcome: { passwordStorage: 'encrypted' } };
    }
    if (unencryptedAllowed) {
      const where = this.file ?? 'the saved connections';
      return {
        kind: 'unencrypted',
        unencrypted: secret,
        outcome: {
          passwordStorage: 'unencrypted',
          warning: `The password is stored UNENCRYPTED in ${where}: anyone who can read that file can read it. Browser mode has no encrypted store for passwords; the desktop app keeps them encrypted by the operating system.`,
        },
      };
    }
    await this.secrets.set(key, secret);
    return {
      kind: 'session',
      outcome: {
        passwordStorage: 'session',
        notice: 'The password is kept in memory for this session only: it is not written to disk, and will be asked for again after MSX Studio restarts.',
      },
    };
  }

  private async readSecret(key: string, kind: SecretKind | undefined, unencrypted: string | undefined): Promise<string | undefined> {
    if (kind === undefined) return undefined;
    if (kind === 'unencrypted') return unencrypted;
    return this.secrets.get(key);
  }

  private async storageOf(key: string, kind: SecretKind | undefined, unencrypted: string | undefined): Promise<PasswordStorage> {
    return (await this.readSecret(key, kind, unencrypted)) === undefined ? 'none' : (kind ?? 'none');
  }

  // --- saved connections ---

  private async view(c: StoredConnection): Promise<SavedConnection> {
    const storage = await this.storageOf(connectionKey(c.id), c.secret, c.unencryptedSecret);
    return {
      id: c.id,
      name: c.name,
      ...(c.fields as PublicConnectFields),
      rememberPassword: c.rememberPassword,
      passwordStorage: storage,
      hasPassword: storage !== 'none',
      savedAt: new Date(c.savedAt),
    };
  }

  async list(): Promise<SavedConnection[]> {
    return Promise.all(this.doc.connections.map((c) => this.view(c)));
  }

  private stored(id: string): StoredConnection {
    const c = this.doc.connections.find((x) => x.id === id);
    if (!c) throw new ApiFailure('NOT_FOUND', `There is no saved connection '${id}' (connections.saved lists them).`);
    return c;
  }

  /** A saved connection's details and its secret (when one is at hand), to connect with. */
  async load(id: string): Promise<{ fields: PublicConnectFields; secret: string | undefined }> {
    const c = this.stored(id);
    return { fields: c.fields as PublicConnectFields, secret: await this.readSecret(connectionKey(c.id), c.secret, c.unencryptedSecret) };
  }

  /** Saves (or updates) a connection. The caller has validated the options: nothing here can refuse them. */
  async save(req: SaveRequest): Promise<SaveOutcome> {
    const fields = publicFields(req.options);
    const existing = req.id !== undefined
      ? this.stored(req.id)
      : this.doc.connections.find((c) => up(c.fields.server) === up(fields.server) && c.fields.authentication === fields.authentication && up(c.fields.login) === up(fields.login));
    const id = existing?.id ?? randomUUID();
    const key = connectionKey(id);
    let secret = secretOf(req.options);
    // Editing a saved connection without retyping its password keeps the password.
    if (req.rememberPassword && secret === undefined && existing) secret = await this.readSecret(key, existing.secret, existing.unencryptedSecret);
    const kept = await this.keepSecret(key, req.rememberPassword ? secret : undefined, req.rememberPasswordUnencrypted);
    const record: StoredConnection = {
      id,
      name: req.name?.trim() || existing?.name || `${fields.server} (${fields.login ?? fields.authentication})`,
      fields,
      rememberPassword: req.rememberPassword,
      savedAt: new Date(this.now()).toISOString(),
    };
    if (kept.kind) record.secret = kept.kind;
    if (kept.unencrypted !== undefined) record.unencryptedSecret = kept.unencrypted;
    const next = this.clone();
    const at = next.connections.findIndex((c) => c.id === id);
    if (at >= 0) next.connections[at] = record;
    else next.connections.push(record);
    this.write(next);
    return { connection: await this.view(record), ...kept.outcome };
  }

  async forget(id: string): Promise<void> {
    this.stored(id);
    const next = this.clone();
    next.connections = next.connections.filter((c) => c.id !== id);
    this.write(next);
    await this.secrets.delete(connectionKey(id));
  }

  // --- registered targets, per master ---

  private storedTargets(master: string): StoredTarget[] {
    return this.doc.registeredTargets[up(master)] ?? [];
  }

  async targets(master: string): Promise<RegisteredTargetRecord[]> {
    return Promise.all(
      this.storedTargets(master).map(async (t) => ({
        server: t.server,
        fields: t.fields as PublicConnectFields,
        passwordStorage: await this.storageOf(targetKey(master, t.server), t.secret, t.unencryptedSecret),
        registeredAt: new Date(t.registeredAt),
      })),
    );
  }

  isTarget(master: string, server: string): boolean {
    return this.storedTargets(master).some((t) => up(t.server) === up(server));
  }

  async loadTarget(master: string, server: string): Promise<{ fields: PublicConnectFields; secret: string | undefined } | undefined> {
    const t = this.storedTargets(master).find((x) => up(x.server) === up(server));
    if (!t) return undefined;
    return { fields: t.fields as PublicConnectFields, secret: await this.readSecret(targetKey(master, t.server), t.secret, t.unencryptedSecret) };
  }

  /** Remembers a target's connection for a master (replacing an earlier registration of it). */
  async registerTarget(master: string, server: string, options: SqlServerConnectOptions, rememberPasswordUnencrypted: boolean): Promise<SecretOutcome> {
    const kept = await this.keepSecret(targetKey(master, server), secretOf(options), rememberPasswordUnencrypted);
    const record: StoredTarget = { server, fields: publicFields(options), registeredAt: new Date(this.now()).toISOString() };
    if (kept.kind) record.secret = kept.kind;
    if (kept.unencrypted !== undefined) record.unencryptedSecret = kept.unencrypted;
    const next = this.clone();
    const list = (next.registeredTargets[up(master)] ?? []).filter((t) => up(t.server) !== up(server));
    list.push(record);
    next.registeredTargets[up(master)] = list;
    this.write(next);
    return kept.outcome;
  }

  /** Forgets a registered target; false when it was not registered. */
  async unregisterTarget(master: string, server: string): Promise<boolean> {
    if (!this.isTarget(master, server)) return false;
    const next = this.clone();
    const list = next.registeredTargets[up(master)].filter((t) => up(t.server) !== up(server));
    if (list.length > 0) next.registeredTargets[up(master)] = list;
    else delete next.registeredTargets[up(master)];
    this.write(next);
    await this.secrets.delete(targetKey(master, server));
    return true;
  }
}

