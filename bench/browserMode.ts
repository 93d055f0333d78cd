// What the browser benchmarks share: browser mode started on a lab file in its own process group
// (npx, tsx and node stop together), and the figures' formatting.
import { spawn, type ChildProcess } from 'node:child_process';

export interface Served {
  url: string;
  proc: ChildProcess;
}

/** Starts `scripts/web.ts` with these arguments (after --port and --token); resolves with its address. */
export async function serveBrowserMode(port: number, token: string, args: readonly string[]): Promise<Served> {
  const proc = spawn('npx', ['tsx', 'scripts/web.ts', '--port', String(port), '--token', token, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /ready at (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    let err = '';
    proc.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    proc.on('exit', (code) => reject(new Error(`browser mode exited (${code}): ${err}`)));
  });
  return { url, proc };
}

export function stopBrowserMode(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    proc.once('exit', () => resolve());
    // The whole group: npx, tsx and node.
    process.kill(-proc.pid!, 'SIGTERM');
  });
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
}

export const ms = (x: number) => `${x.toFixed(0)} ms`;
