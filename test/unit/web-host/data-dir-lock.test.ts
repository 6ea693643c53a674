/**
 * One program per data folder (issue 17, item 6), with real processes: a
 * second browser host on the folder of a running one is refused at start with
 * a Russian message naming the first (its kind, process id, since when); once
 * the first dies without closing (SIGKILL), its stale lock is taken over.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, LOCK_FILE } from '../../../main/core/host/data-dir-lock';
import { AppError } from '../../../main/core/shared/errors';

const ROOT = path.resolve(__dirname, '../../..');
const children: ChildProcess[] = [];
const dirs: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-lock-'));
  dirs.push(dir);
  return dir;
}

interface Started {
  child: ChildProcess;
  /** Resolves with the URL once serving, or with the exit code and output if it stopped instead. */
  outcome: Promise<{ url: string } | { code: number | null; output: string }>;
}

function startHost(dataDir: string): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/web-host.ts', '--port', '0', '--data-dir', dataDir, '--no-backups'], {
    cwd: ROOT,
    env: { ...process.env, KZ_DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  const outcome = new Promise<{ url: string } | { code: number | null; output: string }>((resolve) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const m = /Классный журнал: (http:\/\/\S+)/.exec(output);
      if (m) resolve({ url: m[1] });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => resolve({ code, output }));
  });
  return { child, outcome };
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited(child);
    }
  }
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('a second program on one data folder', () => {
  it('is refused at start naming the first; after the first dies, its stale lock is taken over', async () => {
    const dataDir = tempDir();
    const first = startHost(dataDir);
    expect(await first.outcome).toMatchObject({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/$/) });
    const lock = JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8'));
    expect(lock).toMatchObject({ kind: 'browser', pid: first.child.pid, computer: os.hostname() });

    const second = startHost(dataDir);
    const refused = await second.outcome;
    expect(refused).toMatchObject({ code: 2 });
    const message = (refused as { output: string }).output;
    expect(message).toContain(`Папка данных «${dataDir}» уже открыта другой программой «Классный журнал»: браузерная версия (npm run web) (процесс ${first.child.pid}), запущена `);
    expect(message).toMatch(/Закройте ту программу и запустите журнал снова/);
    // The first is untouched and still serving.
    const status = await fetch(new URL('/api/call', (await first.outcome as { url: string }).url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ method: 'auth.status', params: {} }),
    });
    expect((await status.json()).ok).toBe(true);

    // The first dies without closing: its lock stays behind, naming a process that is gone.
    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(true);
    const third = startHost(dataDir);
    expect(await third.outcome).toMatchObject({ url: expect.any(String) });
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')).pid).toBe(third.child.pid);

    // Closed properly, it leaves no lock.
    third.child.kill('SIGTERM');
    await exited(third.child);
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  }, 180_000);
});

describe('the lock file', () => {
  it('written on another computer (a network folder) is refused with that computer’s name', () => {
    const dataDir = tempDir();
    fs.writeFileSync(
      path.join(dataDir, LOCK_FILE),
      JSON.stringify({ kind: 'desktop', pid: 4242, computer: 'КАБИНЕТ-12', since: new Date().toISOString() }),
    );
    const error = (() => {
      try {
        acquireDataDirLock(dataDir, 'browser');
      } catch (e) {
        return e;
      }
    })() as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('DATA_DIR_IN_USE');
    expect(error.message).toContain('настольная программа (процесс 4242 на компьютере «КАБИНЕТ-12»)');
  });

  it('left from before the computer started, or half-written by a killed process, is taken over', () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, LOCK_FILE);
    // The process id is alive now (this very test's parent), but the lock predates the boot.
    const beforeBoot = new Date(Date.now() - os.uptime() * 1000 - 3_600_000).toISOString();
    fs.writeFileSync(file, JSON.stringify({ kind: 'desktop', pid: process.ppid, computer: os.hostname(), since: beforeBoot }));
    const lock = acquireDataDirLock(dataDir, 'browser');
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(fs.existsSync(file)).toBe(false);

    fs.writeFileSync(file, '');
    acquireDataDirLock(dataDir, 'desktop').release();
  });
});
