import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { pipeline } from 'node:stream/promises';

/**
 * File steps that survive a power cut or a killed process: write beside the
 * target, flush to the medium, then rename over it. A reader sees the old file
 * or the new one, never half of one.
 */

/** The SHA-256 of a file, read as a stream (backups may be hundreds of megabytes). */
export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

/** Flushes a file's data to the medium. */
export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Flushes a folder's entries (a rename) where the system allows it; Windows does not, and needs not. */
export function fsyncDir(dir: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Not supported on this system or medium (Windows, some network shares).
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/** A temporary name beside the target that says which process writes it, so that leftovers can be told apart. */
export function partName(target: string): string {
  return `${target}.part-${process.pid}-${crypto.randomBytes(3).toString('hex')}`;
}

/** Writes a small file (a sidecar, a state file) atomically; `mode` from its first byte (0600 for a secret). */
export function writeFileAtomic(file: string, data: string | Buffer, opts: { mode?: number } = {}): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = partName(file);
  fs.writeFileSync(tmp, data, opts.mode === undefined ? undefined : { mode: opts.mode });
  // The umask may have taken bits away, never added: chmod sets exactly what was asked.
  if (opts.mode !== undefined && process.platform !== 'win32') fs.chmodSync(tmp, opts.mode);
  fsyncFile(tmp);
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(file));
}

/** Copies a file durably: to a part file, flushed, then renamed into place. */
export async function copyFileDurable(source: string, target: string): Promise<void> {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = partName(target);
  try {
    await fs.promises.copyFile(source, tmp);
    fsyncFile(tmp);
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fsyncDir(path.dirname(target));
}

/**
 * Removes part files left by a process that was killed mid-write. A part file
 * of a process still running (another backup right now) is left alone.
 */
export function removeStaleParts(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const removed: string[] = [];
  for (const name of fs.readdirSync(dir)) {
    const m = /\.part-(\d+)-[0-9a-f]+(?:-journal|-wal|-shm)?$/.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid !== process.pid && isAlive(pid)) continue;
    if (pid === process.pid) continue;
    fs.rmSync(path.join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
