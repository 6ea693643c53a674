import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../shared/errors';

/**
 * One program per data folder (issue 17, item 6). Two hosts on one SQLite file
 * (the desktop program and `npm run web`, or two browser hosts) each hold
 * sessions and caches of their own and race for the writer's lock; the second
 * is refused at start, told which program holds the folder and since when.
 *
 * The lock is a file in the data folder, created exclusively, naming the
 * holder's kind, process id, computer and start time. A lock whose process is
 * gone (a crash, a power cut) is stale and is taken over; a lock written on
 * another computer (a data folder on a network share) cannot be checked from
 * here, so it is refused with that computer's name.
 */
export type HostKind = 'desktop' | 'browser' | 'cli';

export interface LockHolder {
  kind: HostKind;
  pid: number;
  computer: string;
  /** ISO instant the holder started (real time, not the app's clock). */
  since: string;
}

export const LOCK_FILE = 'in-use.lock';

const KIND_NAMES: Record<HostKind, string> = {
  desktop: 'настольная программа',
  browser: 'браузерная версия (npm run web)',
  cli: 'командная строка (klassny-zhurnal sync)',
};

export interface DataDirLock {
  readonly holder: LockHolder;
  /** Removes the lock file, if it is still ours. */
  release(): void;
}

export function acquireDataDirLock(dataDir: string, kind: HostKind, now: () => Date = () => new Date()): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const holder: LockHolder = { kind, pid: process.pid, computer: os.hostname(), since: now().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(file, holder)) return { holder, release: () => release(file, holder) };
    const other = readHolder(file);
    if (other === 'missing') continue;
    if (other !== 'unreadable' && (other.computer !== holder.computer || stillRunning(other))) throw inUse(dataDir, other, holder);
    // Stale (its process is gone) or half-written by a process killed at that moment: moved aside, then
    // created afresh — of two programs taking over at once, one rename wins and the other sees the winner's lock.
    try {
      fs.renameSync(file, `${file}.stale-${process.pid}`);
      fs.rmSync(`${file}.stale-${process.pid}`, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  const other = readHolder(file);
  if (typeof other === 'object') throw inUse(dataDir, other, holder);
  throw new AppError('DATA_DIR_IN_USE', `Не удалось занять папку данных «${dataDir}»: её одновременно открывает другая программа. Запустите журнал снова.`);
}

function tryCreate(file: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    fs.writeSync(fd, JSON.stringify(holder));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/** The holder named in the lock file; a file another program is still writing is read again a moment later. */
function readHolder(file: string): LockHolder | 'missing' | 'unreadable' {
  for (let tries = 0; tries < 5; tries++) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
      throw e;
    }
    try {
      const v = JSON.parse(text) as Partial<LockHolder>;
      if (typeof v.pid === 'number' && typeof v.computer === 'string' && typeof v.since === 'string' && (v.kind === 'desktop' || v.kind === 'browser' || v.kind === 'cli')) {
        return v as LockHolder;
      }
    } catch {
      // being written right now, or left half-written: look again
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
  return 'unreadable';
}

function release(file: string, holder: LockHolder): void {
  const now = readHolder(file);
  if (typeof now === 'object' && now.pid === holder.pid && now.since === holder.since && now.computer === holder.computer) fs.rmSync(file, { force: true });
}

/**
 * Whether the holder on this computer still runs: its process exists and was
 * started after the computer was (a process id from before a restart may
 * belong to anything now).
 */
function stillRunning(other: LockHolder): boolean {
  const bootedAt = Date.now() - os.uptime() * 1000;
  if (Date.parse(other.since) < bootedAt - 60_000) return false;
  return isAlive(other.pid);
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function inUse(dataDir: string, other: LockHolder, me: LockHolder): AppError {
  const since = new Date(other.since).toLocaleString('ru-RU', { dateStyle: 'long', timeStyle: 'short' });
  const where = other.computer === me.computer ? '' : ` на компьютере «${other.computer}»`;
  const what = `${KIND_NAMES[other.kind]} (процесс ${other.pid}${where}), запущена ${since}`;
  const hint =
    other.computer === me.computer
      ? 'Закройте ту программу и запустите журнал снова, или продолжайте работу в ней.'
      : `Закройте программу на том компьютере. Если она там не запущена (компьютер выключили не закрыв её), удалите файл «${path.join(dataDir, LOCK_FILE)}».`;
  return new AppError(
    'DATA_DIR_IN_USE',
    `Папка данных «${dataDir}» уже открыта другой программой «Классный журнал»: ${what}. ` +
      `Две программы на одной папке данных мешают друг другу сохранять записи. ${hint}`,
    { holder: other },
  );
}
