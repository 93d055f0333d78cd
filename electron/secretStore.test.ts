// The safeStorage-backed SecretStore with `electron` mocked: only ciphertext on disk, secrets that
// survive a new store on the same file, and the memory fallback where the OS cannot encrypt.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const m = vi.hoisted(() => {
  // A reversible "cipher" that never leaves the plain text readable in the output.
  const seal = (s: string) => Buffer.from(`sealed:${Buffer.from(s, 'utf8').toString('hex').split('').reverse().join('')}`, 'utf8');
  const open = (b: Buffer) => {
    const t = b.toString('utf8');
    if (!t.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(t.slice('sealed:'.length).split('').reverse().join(''), 'hex').toString('utf8');
  };
  return { available: true, backend: 'gnome_libsecret', seal, open };
});

vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: vi.fn(() => m.available),
    encryptString: vi.fn((s: string) => m.seal(s)),
    decryptString: vi.fn((b: Buffer) => m.open(b)),
    getSelectedStorageBackend: vi.fn(() => m.backend),
  },
}));

const electron = await import('electron');
const { createSafeStorageSecretStore, safeStorageIsSecure, SECRETS_FILE_NAME } = await import('./secretStore');

const SECRET = 'Pa55;word-for-TSX1';
let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'msx-secrets-'));
  file = join(dir, SECRETS_FILE_NAME);
  m.available = true;
  m.backend = 'gnome_libsecret';
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  vi.clearAllMocks();
});

describe('the safeStorage SecretStore', () => {
  it('seals with safeStorage.encryptString; only ciphertext is written, in a file private to the user', async () => {
    const store = createSafeStorageSecretStore(file);
    expect(store.persistent).toBe(true);
    await store.set('target:MSX01:TSX1', SECRET);
    expect(electron.safeStorage.encryptString).toHaveBeenCalledWith(SECRET);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(SECRET);
    expect(JSON.parse(text)).toEqual({ version: 1, secrets: { 'target:MSX01:TSX1': expect.any(String) } });
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await store.get('target:MSX01:TSX1')).toBe(SECRET);
  });

  it('secrets survive a new store on the same file (a restart), and delete removes them from disk', async () => {
    await createSafeStorageSecretStore(file).set('connection:abc', SECRET);
    const again = createSafeStorageSecretStore(file);
    expect(await again.get('connection:abc')).toBe(SECRET);
    expect(electron.safeStorage.decryptString).toHaveBeenCalled();
    await again.delete('connection:abc');
    expect(await again.get('connection:abc')).toBeUndefined();
    expect(JSON.parse(readFileSync(file, 'utf8')).secrets).toEqual({});
    expect(await createSafeStorageSecretStore(file).get('connection:abc')).toBeUndefined();
  });

  it('a secret that no longer decrypts (another user or keychain) reads as absent; an unreadable file as empty', async () => {
    writeFileSync(file, JSON.stringify({ version: 1, secrets: { k: Buffer.from('garbage').toString('base64') } }));
    expect(await createSafeStorageSecretStore(file).get('k')).toBeUndefined();
    writeFileSync(file, '{ nope');
    const store = createSafeStorageSecretStore(file);
    expect(await store.get('k')).toBeUndefined();
    await store.set('k', SECRET);
    expect(await store.get('k')).toBe(SECRET);
  });

  it('where the OS cannot encrypt, secrets stay in memory for the session and nothing is written', async () => {
    m.available = false;
    const store = createSafeStorageSecretStore(file);
    expect(store.persistent).toBe(false);
    await store.set('k', SECRET);
    expect(await store.get('k')).toBe(SECRET);
    expect(() => readFileSync(file)).toThrow();
    expect(electron.safeStorage.encryptString).not.toHaveBeenCalled();
  });

  it("Linux's basic_text backend (a constant key) does not count as encryption", () => {
    m.backend = 'basic_text';
    expect(safeStorageIsSecure(electron.safeStorage, 'linux')).toBe(false);
    expect(safeStorageIsSecure(electron.safeStorage, 'win32')).toBe(true);
    expect(createSafeStorageSecretStore(file, electron.safeStorage, 'linux').persistent).toBe(false);
    m.backend = 'kwallet5';
    expect(safeStorageIsSecure(electron.safeStorage, 'linux')).toBe(true);
  });
});
