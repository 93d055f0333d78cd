// Where saved passwords go. The core never decides how a secret is protected at rest: the shell
// hands it a SecretStore. The desktop app gives one backed by Electron's safeStorage (the OS
// keychain / DPAPI); browser mode has no such facility, so its default keeps secrets in memory
// for the session only, and saved connections carry no password across a restart unless the
// user explicitly opts in to storing it unencrypted (savedConnections.ts).

export interface SecretStore {
  /**
   * true: secrets survive a restart, encrypted by the operating system. false: they live in
   * this process's memory and are gone when it exits.
   */
  readonly persistent: boolean;
  get(key: string): Promise<string | undefined>;
  set(key: string, secret: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Secrets in memory for this session only: browser mode's default. */
export function memorySecretStore(): SecretStore {
  const secrets = new Map<string, string>();
  return {
    persistent: false,
    get: async (key) => secrets.get(key),
    set: async (key, secret) => {
      secrets.set(key, secret);
    },
    delete: async (key) => {
      secrets.delete(key);
    },
  };
}
