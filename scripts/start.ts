// `npm start`: the desktop app when Electron can run here; otherwise one line saying why, and
// browser mode instead (this is what happens on a machine where Electron could not be downloaded).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runBrowserMode } from '../src/server/cli';
import { ensureElectron, ensureRenderer } from './build';
import { findElectronBinary } from './electronBinary';

const args = process.argv.slice(2);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

async function browserMode(reason: string): Promise<void> {
  console.log(`Electron is not available on this machine (${reason}); starting browser mode instead.`);
  await runBrowserMode(args);
}

try {
  await ensureRenderer();
} catch (err) {
  console.error(`The renderer could not be built: ${(err as Error).message}`);
  process.exit(1);
}

const binary = findElectronBinary();
if (!binary.ok) {
  await browserMode(binary.reason);
} else {
  await ensureElectron();
  const env = { ...process.env };
  // Set by some tools; it would make the binary a plain Node and never open a window.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary.path, [ROOT, ...args], { stdio: 'inherit', env });
  child.once('error', (err) => void browserMode(`it could not be started: ${err.message}`));
  child.once('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
}
