import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Real small and read-only filesystems for the disk tests (issue 17, item 7),
 * mounted by the test itself and unmounted after: mounting needs root, which
 * CI's machine gives (it installs Debian packages); elsewhere these tests are
 * skipped and say why.
 */
export const canMount = process.platform === 'linux' && process.getuid?.() === 0;
export const MOUNT_SKIP_REASON = 'mounting a test filesystem needs root on Linux';

export interface Mount {
  dir: string;
  /** Makes the mounted filesystem read-only (a remount), or writable again. */
  setReadOnly(readOnly: boolean): void;
  unmount(): void;
}

/** A tmpfs of `sizeMb` megabytes at a new temporary folder. */
export function mountTmpfs(sizeMb: number): Mount {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-mnt-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m,mode=0755`, 'tmpfs', dir]);
  return {
    dir,
    setReadOnly(readOnly) {
      execFileSync('mount', ['-o', `remount,${readOnly ? 'ro' : 'rw'}`, dir]);
    },
    unmount() {
      execFileSync('umount', ['-l', dir]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes a file until the filesystem is full; returns its path (remove it to free the space). */
export function fillDisk(dir: string): string {
  const file = path.join(dir, 'filler.bin');
  const fd = fs.openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) {
      try {
        fs.writeSync(fd, chunk);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
        break;
      }
    }
    // The last few bytes too: a small write must find no room.
    for (const size of [4096, 512, 1]) {
      try {
        for (;;) fs.writeSync(fd, chunk.subarray(0, size));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return file;
}
