// The desktop app's SecretStore: saved passwords sealed with Electron's safeStorage (DPAPI on
// Windows, the Keychain on macOS, libsecret / KWallet on Linux), kept as base64 in a file of
// their own beside connections.json. Only ciphertext reaches the disk. Where the OS offers no
// real protection (safeStorage unavailable, or Linux's 'basic_text' fallback, whose key is a
// constant compiled into Chromium), secrets are kept in memory for the session instead, exactly
// as in browser mode, and the API says so (passwordStorage 'session').
import { safeStorage } from 'electron';
import { existsSync, readFileSync } from 'node:fs';
import { writePrivateFileAtomic } from '../src/api/privateFile';
import { memorySecretStore, type SecretStore } from '../src/api/secrets';

export const SECRETS_FILE_NAME = 'connection-secrets.json';

/** The part of Electron's safeStorage used here (tests pass a fake). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron. */
  getSelectedStorageBackend?(): string;
}

/** Whether safeStorage really encrypts here. Call after the app is ready (Electron requires it on Linux). */
export function safeStorageIsSecure(storage: SafeStorageLike, platform: NodeJS.Platform = process.platform): boolean {
  if (!storage.isEncryptionAvailable()) return false;
  if (platform === 'linux' && storage.getSelectedStorageBackend?.() === 'basic_text') return false;
  return true;
}

interface SecretsFile {
  version: 1;
  /** key -> base64 of safeStorage.encryptString(secret). */
  secrets: Record<string, string>;
}

function readSecrets(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  try {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as Partial<SecretsFile>;
    if (doc.version !== 1 || typeof doc.secrets !== 'object' || doc.secrets === null) return {};
    return Object.fromEntries(Object.entries(doc.secrets).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    // Unreadable: the passwords are asked for again; the file is rewritten at the next save.
    return {};
  }
}

export function createSafeStorageSecretStore(file: string, storage: SafeStorageLike = safeStorage, platform: NodeJS.Platform = process.platform): SecretStore {
  if (!safeStorageIsSecure(storage, platform)) return memorySecretStore();
  let sealed = readSecrets(file);
  const write = (next: Record<string, string>) => {
    const doc: SecretsFile = { version: 1, secrets: next };
    writePrivateFileAtomic(file, `${JSON.stringify(doc, null, 2)}\n`);
    sealed = next;
  };
  return {
    persistent: true,
    get: async (key) => {
      const b64 = sealed[key];
      if (b64 === undefined) return undefined;
      try {
        return storage.decryptString(Buffer.from(b64, 'base64'));
      } catch {
        // Sealed under another OS user or keychain: as good as absent; the user types it again.
        return undefined;
      }
    },
    set: async (key, secret) => {
      write({ ...sealed, [key]: storage.encryptString(secret).toString('base64') });
    },
    delete: async (key) => {
      if (!(key in sealed)) return;
      const { [key]: _gone, ...rest } = sealed;
      write(rest);
    },
  };
}
