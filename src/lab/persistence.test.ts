import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeStaleTemps, writeFileAtomic } from './persistence';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'msx-persist-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A process id no process has: beyond Linux's pid_max (4,194,304). */
const DEAD_PID = 4_194_305;

describe('lab file: atomic saves and the temp files a killed save leaves', () => {
  it('writes the file whole and leaves no temp file behind (the folder is synced after the rename)', () => {
    const file = join(tempDir(), 'lab.msxlab');
    writeFileAtomic(file, [Buffer.from('MSXLAB 1\n'), Buffer.from('rest')]);
    expect(readFileSync(file, 'utf8')).toBe('MSXLAB 1\nrest');
    expect(existsSync(`${file}.${process.pid}.tmp`)).toBe(false);
  });

  it("removes a dead process's temp file and our own, keeps a live process's and other files", () => {
    const dir = tempDir();
    const file = join(dir, 'lab.msxlab');
    const dead = `${file}.${DEAD_PID}.tmp`;
    const own = `${file}.${process.pid}.tmp`;
    const live = `${file}.1.tmp`; // pid 1 (init) is always running
    const other = join(dir, 'other.msxlab.123.tmp');
    const notPid = `${file}.x1.tmp`;
    for (const f of [dead, own, live, other, notPid]) writeFileSync(f, 'partial');
    expect(removeStaleTemps(file).sort()).toEqual([`lab.msxlab.${DEAD_PID}.tmp`, `lab.msxlab.${process.pid}.tmp`].sort());
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(own)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(existsSync(other)).toBe(true);
    expect(existsSync(notPid)).toBe(true);
  });

  it('says nothing when the folder does not exist yet', () => {
    expect(removeStaleTemps(join(tempDir(), 'missing', 'lab.msxlab'))).toEqual([]);
  });
});
