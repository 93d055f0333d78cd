// Builds what the shells load: the renderer (vite.config.ts → dist/renderer) and the Electron
// main process and preload (→ dist/electron). `tsx scripts/build.ts [renderer|electron]`.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type InlineConfig } from 'vite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const RENDERER_OUT = join(ROOT, 'dist', 'renderer');
const ELECTRON_OUT = join(ROOT, 'dist', 'electron');

function newestMtime(paths: string[]): number {
  let newest = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const s = statSync(p);
    if (s.isDirectory()) newest = Math.max(newest, newestMtime(readdirSync(p).map((n) => join(p, n))));
    else newest = Math.max(newest, s.mtimeMs);
  }
  return newest;
}

/** True when dist/<out> is missing or older than any of its sources. */
function stale(output: string, sources: string[]): boolean {
  return !existsSync(output) || statSync(output).mtimeMs < newestMtime(sources.map((s) => join(ROOT, s)));
}

const RENDERER_SOURCES = ['renderer', 'vite.config.ts', 'src/server/csp.ts', 'package.json', 'assets/icon.svg', 'assets/icons'];
const ELECTRON_SOURCES = ['electron', 'src', 'package.json'];

export async function buildRenderer(quiet = false): Promise<void> {
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: quiet ? 'warn' : 'info' });
}

/** The main process as an ES module (package.json is "type": "module"), the preload as one CommonJS file (sandboxed preloads cannot load modules). */
export async function buildElectron(quiet = false): Promise<void> {
  const common = (entry: string, format: 'es' | 'cjs', fileName: string): InlineConfig => ({
    configFile: false,
    root: ROOT,
    logLevel: quiet ? 'warn' : 'info',
    build: {
      ssr: join(ROOT, entry),
      outDir: ELECTRON_OUT,
      emptyOutDir: false,
      target: 'node22',
      sourcemap: true,
      rollupOptions: { external: ['electron'], output: { format, entryFileNames: fileName } },
    },
  });
  await build(common('electron/main.ts', 'es', 'main.js'));
  await build(common('electron/preload.ts', 'cjs', 'preload.cjs'));
}

/** Builds the renderer only when dist/renderer is missing or older than its sources. */
export async function ensureRenderer(): Promise<void> {
  if (!stale(join(RENDERER_OUT, 'index.html'), RENDERER_SOURCES)) return;
  // stderr: stdout carries the one "ready" line scripts wait for.
  console.error('Building the renderer…');
  await buildRenderer(true);
}

export async function ensureElectron(): Promise<void> {
  if (!stale(join(ELECTRON_OUT, 'main.js'), ELECTRON_SOURCES) && existsSync(join(ELECTRON_OUT, 'preload.cjs'))) return;
  console.error('Building the Electron main process…');
  await buildElectron(true);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const what = process.argv[2] ?? 'all';
  if (what === 'all' || what === 'renderer') await buildRenderer();
  if (what === 'all' || what === 'electron') await buildElectron();
}
