// The lab lives in one file: a header line, a JSON document (targets, network, scenario) and the
// master's msdb as a SQLite image. Saves replace the file atomically (write, fsync, rename), so a
// crash leaves the previous lab or the new one, never half of each.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TargetState } from '../agent/targetState';
import type { LinkState } from './network';
import type { Scenario } from './scenario';

const MAGIC = 'MSXLAB 1\n';

export interface LabDocument {
  scenario: Scenario;
  savedAt: number;
  targets: TargetState[];
  network: Record<string, LinkState>;
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
  private readonly targetJson = new Map<string, string>();

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

  /** Forget a target's cached JSON (it changed). */
  invalidate(name: string): void {
    this.targetJson.delete(name);
  }

  encode(doc: LabDocument, msdb: Uint8Array): Buffer {
    const parts: string[] = [];
    for (const t of doc.targets) {
      let json = this.targetJson.get(t.spec.name);
      if (json === undefined) {
        json = JSON.stringify({ ...t, jobs: t.jobs.map((j) => this.ref(j)), operators: t.operators.map((o) => this.ref(o)) });
        this.targetJson.set(t.spec.name, json);
      }
      parts.push(json);
    }
    const rebuilt = this.rebuild(doc.scenario.name);
    const scenario = rebuilt && JSON.stringify(rebuilt) === JSON.stringify(doc.scenario) ? { rebuild: doc.scenario.name } : doc.scenario;
    const head = JSON.stringify({ scenario, savedAt: doc.savedAt, network: doc.network, shared: this.shared });
    const text = `${head.slice(0, -1)},"targets":[${parts.join(',')}]}`;
    const json = Buffer.from(text, 'utf8');
    return Buffer.concat([Buffer.from(`${MAGIC}${json.length}\n`, 'utf8'), json, Buffer.from(msdb)]);
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

export function writeFileAtomic(file: string, data: Buffer): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    let off = 0;
    while (off < data.length) off += writeSync(fd, data, off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

export function readLabFile(file: string, rebuild?: (name: string) => Scenario | undefined): { doc: LabDocument; msdb: Uint8Array } {
  return decodeLab(readFileSync(file), rebuild);
}
