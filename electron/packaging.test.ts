// Packaging, checked as far as a machine without Electron's binaries allows: `npm run build`, then
// electron-builder for Linux `--dir` against a stand-in Electron distribution (an `electronDist`
// folder holding a fake `electron` executable that carries a fuse wire like the real binary's),
// with every download address pointed at a closed port. What is checked is electron-builder's
// real work: which files go into app.asar, the production node_modules it collects, and the fuses
// it flips. What is not: the real binary, and the installers (AppImage, deb, NSIS, dmg), whose
// tools electron-builder downloads.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
// electron-builder's own copies of the asar reader, the fuse reader and the YAML parser.
const fromBuilder = createRequire(require.resolve('app-builder-lib/package.json'));
const asar = fromBuilder('@electron/asar') as typeof import('@electron/asar');
const fuses = fromBuilder('@electron/fuses') as typeof import('@electron/fuses');
const yaml = fromBuilder('js-yaml') as { load(text: string): unknown };

interface BuilderConfig {
  appId: string;
  productName: string;
  electronFuses: Record<string, boolean>;
  win: { icon: string };
  mac: { category: string; icon: string };
  linux: { category: string; icon: string };
}
const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const rootPkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Electron's fuse sentinel, then wire version 1, the wire's length, and one byte per fuse. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's shipped defaults, so every fuse the config sets has to be flipped by electron-builder. */
const SHIPPED_FUSES = '10110001';
const FUSE_DISABLED = '0'.charCodeAt(0);
const FUSE_ENABLED = '1'.charCodeAt(0);
/** electron-builder.yml's fuse names, in the order of the wire (@electron/fuses' FuseV1Options). */
const FUSE_ORDER = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
];

const work = mkdtempSync(join(tmpdir(), 'msx-pack-'));
const out = join(work, 'release');
const appDir = join(out, 'linux-unpacked');
const appAsar = join(appDir, 'resources', 'app.asar');
let builderLog = '';
let files: string[] = [];

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  const r = spawnSync(cmd, args, { cwd: ROOT, env, encoding: 'utf8', timeout: 150_000 });
  const log = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal ?? r.error?.message}):\n${log}`);
  return log;
}

/** The packages a set of roots pulls in, by name, read from package-lock.json. */
function dependencyClosure(roots: string[]): Set<string> {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }>;
  };
  const seen = new Set<string>();
  const todo = [...roots];
  while (todo.length) {
    const name = todo.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const entry = lock.packages[`node_modules/${name}`];
    todo.push(...Object.keys({ ...entry?.dependencies, ...entry?.optionalDependencies }));
  }
  return seen;
}

/** Bare module names a built ES module imports (node: builtins left out). */
function bareImports(code: string): string[] {
  const names = new Set<string>();
  const statements = /^\s*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/gm;
  for (const m of code.matchAll(statements)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec.startsWith('node:') || spec.startsWith('.') || spec.startsWith('/')) continue;
    names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
  }
  return [...names].sort();
}

beforeAll(() => {
  // vitest sets NODE_ENV=test, and Vite would then bundle React's development build into dist/,
  // the very folder browser mode serves afterwards: build as a release build does.
  run('npm', ['run', 'build'], { ...process.env, NODE_ENV: 'production' });
  const electronDist = join(work, 'electron-dist');
  mkdirSync(electronDist);
  const wire = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in for Electron: nothing to run" >&2\nexit 1\n# '),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, SHIPPED_FUSES.length]),
    Buffer.from(SHIPPED_FUSES),
    Buffer.from('\n'),
  ]);
  writeFileSync(join(electronDist, 'electron'), wire, { mode: 0o755 });
  const closed = 'http://127.0.0.1:9/';
  // electron-builder goes quiet when it sees it runs under vitest; its log is checked below.
  const { VITEST: _vitest, VITEST_WORKER_ID: _worker, VITEST_POOL_ID: _pool, ...parentEnv } = process.env;
  const env = {
    ...parentEnv,
    // Nothing may be fetched: every mirror and proxy is a closed port, and the cache starts empty.
    ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
    ELECTRON_MIRROR: closed,
    ELECTRON_BUILDER_BINARIES_MIRROR: closed,
    HTTP_PROXY: closed,
    HTTPS_PROXY: closed,
    ELECTRON_BUILDER_CACHE: join(work, 'cache'),
    CSC_IDENTITY_AUTO_DISCOVERY: 'false',
  };
  builderLog = run(
    process.execPath,
    [
      require.resolve('electron-builder/cli.js'),
      '--linux',
      '--dir',
      '--x64',
      `--config.electronDist=${electronDist}`,
      `--config.directories.output=${out}`,
      '--config.npmRebuild=false',
    ],
    env,
  );
  files = asar.listPackage(appAsar, { isPack: false }).map((f) => f.replace(/\\/g, '/'));
}, 170_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('packaging (electron-builder, Linux --dir, stand-in Electron)', () => {
  it('packs from the stand-in distribution without downloading anything', () => {
    expect(builderLog).toContain('using custom unpacked Electron distribution');
    expect(readdirSync(appDir).sort()).toEqual([rootPkg.name, 'resources']);
    const cache = join(work, 'cache');
    expect(statSync(cache, { throwIfNoEntry: false }) === undefined || readdirSync(cache).length === 0).toBe(true);
  });

  it('puts the built app and the window icon into app.asar', () => {
    for (const f of ['/package.json', '/dist/electron/main.js', '/dist/electron/preload.cjs', '/dist/renderer/index.html', '/assets/icon.png']) {
      expect(files, f).toContain(f);
    }
    expect(files.some((f) => /^\/dist\/renderer\/assets\/index-[\w-]+\.js$/.test(f))).toBe(true);
    expect(asar.extractFile(appAsar, 'assets/icon.png').equals(readFileSync(join(ROOT, 'assets', 'icon.png')))).toBe(true);
  });

  it('leaves out tests, source maps, sources, lab files and secrets', () => {
    const forbidden = [
      /\.test\.[cm]?[jt]sx?$/,
      /\.map$/,
      /^\/(src|electron|renderer|e2e|scripts|bench|docs|test-results|release)\//,
      /\.tsx?$/,
      /\.msxlab$/,
      /(^|\/)(\.env(\..*)?|\.npmrc|secrets?\.json|connections\.json|window-state\.json)$/,
      /\.(pem|key|p12|pfx)$/,
    ];
    const bad = files.filter((f) => !f.endsWith('.d.ts') && forbidden.some((re) => re.test(f)));
    expect(bad).toEqual([]);
  });

  it("package.json lists as dependencies exactly the packages the main process imports", () => {
    const pkg = JSON.parse(asar.extractFile(appAsar, 'package.json').toString('utf8')) as typeof rootPkg;
    expect({ name: pkg.name, version: pkg.version }).toEqual({ name: rootPkg.name, version: rootPkg.version });
    const main = asar.extractFile(appAsar, 'dist/electron/main.js').toString('utf8');
    const imported = bareImports(main).filter((n) => n !== 'electron');
    expect(Object.keys(pkg.dependencies).sort()).toEqual(imported);
    // The preload is one self-contained file: it imports Electron and nothing else.
    expect(bareImports(asar.extractFile(appAsar, 'dist/electron/preload.cjs').toString('utf8'))).toEqual([]);
  });

  it('ships only those packages and what they depend on: no React, no renderer libraries', () => {
    const shipped = new Set(
      files.filter((f) => /^\/node_modules\/(@[^/]+\/)?[^/@]+$/.test(f) && !f.endsWith('/.bin')).map((f) => f.slice('/node_modules/'.length)),
    );
    const allowed = dependencyClosure(Object.keys(rootPkg.dependencies));
    expect([...shipped].filter((n) => !n.startsWith('@') || n.includes('/')).filter((n) => !allowed.has(n))).toEqual([]);
    for (const lib of ['react', 'react-dom', 'react-i18next', 'i18next', 'zustand', '@tanstack/react-virtual', '@babel/runtime', 'electron', 'vite']) {
      expect(shipped.has(lib), lib).toBe(false);
    }
  });

  it('the packed main process loads its dependencies from app.asar, sql.js with its WASM', () => {
    const app = join(work, 'app');
    asar.extractAll(appAsar, app);
    const main = readFileSync(join(app, 'dist/electron/main.js'), 'utf8');
    // A stand-in `electron` module: the main process asks for the single-instance lock, is
    // refused and quits, so importing it links every import without opening anything.
    const names = [...(main.match(/import\s*\{([^}]*)\}\s*from\s*["']electron["']/)?.[1] ?? '').matchAll(/(\w+)(?:\s+as\s+\w+)?/g)].map((m) => m[1]);
    expect(names).toContain('app');
    mkdirSync(join(app, 'node_modules', 'electron'), { recursive: true });
    writeFileSync(join(app, 'node_modules', 'electron', 'package.json'), '{"name":"electron","type":"module","main":"index.js"}');
    const stub = `const any = new Proxy(function () {}, { get: (_t, k) => (k === 'requestSingleInstanceLock' ? () => false : k === 'then' ? undefined : any), apply: () => any });\n`;
    writeFileSync(join(app, 'node_modules', 'electron', 'index.js'), stub + names.map((n) => `export const ${n} = any;`).join('\n'));
    writeFileSync(
      join(app, 'probe.mjs'),
      [
        "await import('./dist/electron/main.js');",
        "const { default: initSqlJs } = await import('sql.js');",
        'const SQL = await initSqlJs();',
        "const [r] = new SQL.Database().exec('select 40 + 2');",
        "const { z } = await import('zod');",
        "const mssql = await import('mssql');",
        "console.log(JSON.stringify({ sql: r.values[0][0], zod: z.number().parse(1), mssql: typeof mssql.default.ConnectionPool }));",
      ].join('\n'),
    );
    const r = spawnSync(process.execPath, [join(app, 'probe.mjs')], { cwd: app, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).toEqual({ sql: 42, zod: 1, mssql: 'function' });
  });

  it('flips the fuses electron-builder.yml asks for in the executable', async () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    const wire = await fuses.getCurrentFuseWire(join(appDir, rootPkg.name));
    FUSE_ORDER.forEach((name, i) => {
      const want = config.electronFuses[name];
      const expected = want === undefined ? SHIPPED_FUSES.charCodeAt(i) : want ? FUSE_ENABLED : FUSE_DISABLED;
      expect((wire as unknown as Record<number, number>)[i], name).toBe(expected);
    });
  });

  it('names the product as electron-builder.yml says', () => {
    expect(config).toMatchObject({
      appId: 'com.msxstudio.app',
      productName: 'MSX Studio',
      win: { icon: 'icon.ico' },
      mac: { category: 'public.app-category.developer-tools', icon: 'icon.icns' },
      linux: { category: 'Development', icon: 'icons' },
    });
    expect(builderLog).toMatch(/packaging\s+platform=linux arch=x64/);
    for (const icon of ['icon.ico', 'icon.icns', 'icons/16x16.png', 'icons/512x512.png']) expect(statSync(join(ROOT, 'assets', icon)).size, icon).toBeGreaterThan(0);
  });
});
