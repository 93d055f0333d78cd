// Small JSON files of the user's own (saved connections, sealed secrets): written atomically
// (write a temporary file, fsync, rename over the old one), so a crash or a full disk leaves the
// previous version intact, and readable by the user only, since they describe where and as whom
// the user connects.
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export function writePrivateFileAtomic(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const data = Buffer.from(text, 'utf8');
  const fd = openSync(tmp, 'w', 0o600);
  try {
    let off = 0;
    while (off < data.length) off += writeSync(fd, data, off);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, file);
  // openSync's mode applies only when it creates the file; a leftover temporary keeps its own.
  try {
    chmodSync(file, 0o600);
  } catch {
    // Not every file system has POSIX modes (FAT, some network shares); the write itself stands.
  }
}
