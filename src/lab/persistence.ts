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

export function encodeLab(doc: LabDocument, msdb: Uint8Array): Buffer {
  const json = Buffer.from(JSON.stringify(doc), 'utf8');
  return Buffer.concat([Buffer.from(`${MAGIC}${json.length}\n`, 'utf8'), json, Buffer.from(msdb)]);
}

export function decodeLab(buf: Buffer): { doc: LabDocument; msdb: Uint8Array } {
  if (buf.subarray(0, MAGIC.length).toString('utf8') !== MAGIC) throw new Error('Not an MSX Studio lab file.');
  const nl = buf.indexOf(0x0a, MAGIC.length);
  const len = parseInt(buf.subarray(MAGIC.length, nl).toString('utf8'), 10);
  if (!(len > 0)) throw new Error('The lab file is damaged (bad header).');
  const start = nl + 1;
  const doc = JSON.parse(buf.subarray(start, start + len).toString('utf8')) as LabDocument;
  return { doc, msdb: new Uint8Array(buf.subarray(start + len)) };
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

export function readLabFile(file: string): { doc: LabDocument; msdb: Uint8Array } {
  return decodeLab(readFileSync(file));
}
