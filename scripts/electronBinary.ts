// Finds the Electron binary without loading the `electron` package: its index.js tries to
// download the binary when it is missing, which on an offline machine hangs or throws.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type ElectronBinary = { ok: true; path: string } | { ok: false; reason: string };

export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  let pkgDir: string;
  try {
    pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { ok: false, reason: 'the electron package is not installed' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const path = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return existsSync(path) ? { ok: true, path } : { ok: false, reason: `no binary at ELECTRON_OVERRIDE_DIST_PATH (${path})` };
  }
  if (!relative) return { ok: false, reason: 'its binary was never downloaded' };
  const path = join(pkgDir, 'dist', relative);
  return existsSync(path) ? { ok: true, path } : { ok: false, reason: `its binary is missing from ${join(pkgDir, 'dist')}` };
}
