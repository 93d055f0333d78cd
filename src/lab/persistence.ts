// The lab lives in one file: a header line, a JSON document (targets, network, scenario) and the
// master's msdb as a SQLite image. Saves replace the file atomically (write, fsync, rename), so a
// crash leaves the previous lab or the new one, never half of each.
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writevSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { TargetState } from '../agent/targetState';
import type { LinkState } from './network';
import type { Scenario } from './scenario';

const MAGIC = 'MSXLAB 1\n';

export interface LabDocument {
  scenario: Scenario;
  savedAt: number;
  targets: TargetState[];
  network: Record<string, LinkState>;
  /** Standalone servers' own msdb images (base64), by upper-case name; absent in older files. */
  servers?: Record<string, string>;
  /** Masters whose SQL Server service is stopped (Lab.setMasterRunning); absent when none. */
  mastersDown?: string[];
  /** The master's MSXOperator row while the lab's fault keeps it removed (Lab.setMsxOperatorPresent). */
  removedMsxOperator?: Record<string, string | number | null>;
}

/** On disk: shared job/operator copies by index, and a scenario that can be rebuilt stored by name. */
interface StoredDocument extends Omit<LabDocument, 'scenario' | 'targets'> {
  scenario: Scenario | { rebuild: string };
  shared: unknown[];
  targets: Array<Omit<TargetState, 'jobs' | 'operators'> & { jobs: number[]; operators: number[] }>;
}

/**
 * Serialises lab documents for one lab over its lifetime. Identical job and operator copies are
 * stored once (they are immutable, see TargetState, so each is keyed once by identity), and a
 * target's JSON is reused until the lab marks it dirty: a checkpoint of 10,000 targets only
 * re-serialises the ones that polled since the last one.
 */
export class LabEncoder {
  private readonly shared: unknown[] = [];
  private readonly index = new Map<string, number>();
  private readonly keys = new WeakMap<object, string>();
  private readonly targetJson = new Map<string, Buffer>();
  private readonly scenarios = new WeakMap<Scenario, Scenario | { rebuild: string }>();

  constructor(private readonly rebuild: (name: string) => Scenario | undefined = () => undefined) {}

  private ref(value: object): number {
    let key = this.keys.get(value);
    if (key === undefined) {
      key = JSON.stringify(value);
      this.keys.set(value, key);
    }
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.shared.push(value) - 1;
      this.index.set(key, i);
    }
    return i;
  }

  /**
   * A scenario its name rebuilds exactly is stored as that name. Decided once per scenario object
   * (scenarios are not changed in place): rebuilding and comparing a 10,000-target fleet on every
   * save would cost more than the save.
   */
  private storedScenario(scenario: Scenario): Scenario | { rebuild: string } {
    let stored = this.scenarios.get(scenario);
    if (stored === undefined) {
      const rebuilt = this.rebuild(scenario.name);
      stored = rebuilt && JSON.stringify(rebuilt) === JSON.stringify(scenario) ? { rebuild: scenario.name } : scenario;
      this.scenarios.set(scenario, stored);
    }
    return stored;
  }

  /** Forget a target's cached JSON (it changed). */
  invalidate(name: string): void {
    this.targetJson.delete(name);
  }

  /**
   * The file as a list of buffers, written with writev: each target's JSON is kept encoded, so a
   * checkpoint of 10,000 targets neither joins nor re-encodes 6 MB of text nor copies it again.
   */
  encodeChunks(doc: LabDocument, msdb: Uint8Array): Buffer[] {
    const comma = Buffer.from(',');
    const parts: Buffer[] = [];
    for (const [i, t] of doc.targets.entries()) {
      let json = this.targetJson.get(t.spec.name);
      if (json === undefined) {
        json = Buffer.from(JSON.stringify({ ...t, jobs: t.jobs.map((j) => this.ref(j)), operators: t.operators.map((o) => this.ref(o)) }), 'utf8');
        this.targetJson.set(t.spec.name, json);
      }
      if (i > 0) parts.push(comma);
      parts.push(json);
    }
    const scenario = this.storedScenario(doc.scenario);
    const head = JSON.stringify({ scenario, savedAt: doc.savedAt, network: doc.network, ...(doc.servers ? { servers: doc.servers } : {}), ...(doc.mastersDown ? { mastersDown: doc.mastersDown } : {}), ...(doc.removedMsxOperator ? { removedMsxOperator: doc.removedMsxOperator } : {}), shared: this.shared });
    const open = Buffer.from(`${head.slice(0, -1)},"targets":[`, 'utf8');
    const close = Buffer.from(']}', 'utf8');
    const jsonLength = open.length + parts.reduce((n, b) => n + b.length, 0) + close.length;
    return [Buffer.from(`${MAGIC}${jsonLength}\n`, 'utf8'), open, ...parts, close, Buffer.from(msdb.buffer, msdb.byteOffset, msdb.byteLength)];
  }

  encode(doc: LabDocument, msdb: Uint8Array): Buffer {
    return Buffer.concat(this.encodeChunks(doc, msdb));
  }
}

function fromStored(stored: StoredDocument, rebuild: (name: string) => Scenario | undefined): LabDocument {
  const scenario = 'rebuild' in stored.scenario ? rebuild(stored.scenario.rebuild) : stored.scenario;
  if (!scenario) throw new Error('The lab file names a scenario this version does not know.');
  // Copies are immutable, so targets may share them; a change replaces the target's own entry.
  const copy = <T>(i: number) => stored.shared[i] as T;
  return {
    scenario,
    savedAt: stored.savedAt,
    network: stored.network,
    ...(stored.servers ? { servers: stored.servers } : {}),
    ...(stored.mastersDown ? { mastersDown: stored.mastersDown } : {}),
    ...(stored.removedMsxOperator ? { removedMsxOperator: stored.removedMsxOperator } : {}),
    targets: stored.targets.map((t) => ({ ...t, jobs: t.jobs.map((i) => copy(i)), operators: t.operators.map((i) => copy(i)) })),
  };
}

export function encodeLab(doc: LabDocument, msdb: Uint8Array, rebuild?: (name: string) => Scenario | undefined): Buffer {
  return new LabEncoder(rebuild).encode(doc, msdb);
}

export function decodeLab(buf: Buffer, rebuild: (name: string) => Scenario | undefined = () => undefined): { doc: LabDocument; msdb: Uint8Array } {
  if (buf.subarray(0, MAGIC.length).toString('utf8') !== MAGIC) throw new Error('Not an MSX Studio lab file.');
  const nl = buf.indexOf(0x0a, MAGIC.length);
  const len = parseInt(buf.subarray(MAGIC.length, nl).toString('utf8'), 10);
  if (!(len > 0)) throw new Error('The lab file is damaged (bad header).');
  const start = nl + 1;
  const stored = JSON.parse(buf.subarray(start, start + len).toString('utf8')) as StoredDocument;
  return { doc: fromStored(stored, rebuild), msdb: new Uint8Array(buf.subarray(start + len)) };
}

/** Buffers per writev call: Linux takes at most 1,024 at once. */
const IOV_MAX = 1024;

export function writeFileAtomic(file: string, data: Buffer | readonly Buffer[]): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    const chunks = Buffer.isBuffer(data) ? [data] : data;
    for (let i = 0; i < chunks.length; i += IOV_MAX) writeAll(fd, chunks.slice(i, i + IOV_MAX));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  syncDirectory(dirname(file));
}

/**
 * The rename is only durable once the folder's entry is on disk: fsync the folder. Windows cannot
 * open a folder for fsync (EPERM/EISDIR there); its rename is already journaled by NTFS.
 */
function syncDirectory(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EBADF') throw e;
  } finally {
    closeSync(fd);
  }
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: a process of another user has that id, so it is alive.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Temp files a save left behind when its process was killed between write and rename
 * (`<lab file>.<pid>.tmp`). A temp file of a process still running (another app on the same lab,
 * mid-save) is left alone. Returns the names removed.
 */
export function removeStaleTemps(file: string): string[] {
  const dir = dirname(file);
  const prefix = `${basename(file)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = name.slice(prefix.length, -'.tmp'.length);
    if (!/^\d+$/.test(pid)) continue;
    if (Number(pid) !== process.pid && isAlive(Number(pid))) continue;
    try {
      unlinkSync(join(dir, name));
      removed.push(name);
    } catch {
      // Gone already, or not ours to remove: nothing to clean.
    }
  }
  return removed;
}

/** writev until every byte is written (a short write resumes where it stopped). */
function writeAll(fd: number, chunks: Buffer[]): void {
  let rest = chunks.filter((c) => c.length > 0);
  while (rest.length) {
    let n = writevSync(fd, rest);
    const next: Buffer[] = [];
    for (const c of rest) {
      if (n >= c.length) n -= c.length;
      else {
        next.push(n > 0 ? c.subarray(n) : c);
        n = 0;
      }
    }
    rest = next;
  }
}

export function readLabFile(file: string, rebuild?: (name: string) => Scenario | undefined): { doc: LabDocument; msdb: Uint8Array } {
  return decodeLab(readFileSync(file), rebuild);
}
