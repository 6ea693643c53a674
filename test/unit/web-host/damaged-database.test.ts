/**
 * A damaged database has a way back (issue 17, item 4): the browser host
 * checks the file when it opens it (bounded in time), and instead of failing
 * with SQLite's English it serves the recovery: every call says the database
 * is damaged and what the newest verified backup is; `recovery.restoreLatest`
 * moves the damaged file aside and restores that backup; then the school is
 * back, as it was at the backup.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../../main/web-host';
import { fixedClock } from '../../../main/core/shared/clock';
import { headerProblem } from '../../../main/core/db/sqlite-check';
import { findDamage } from '../../../main/core/host/damaged-database';
import { call, sessionCookie, SCHOOL } from './helpers';

const quiet = { info: () => {}, error: () => {} };
const dirs: string[] = [];
const hosts: WebHost[] = [];

afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function host(dataDir: string): Promise<WebHost> {
  const h = await startWebHost({
    port: 0,
    dataDir,
    rendererDir: dataDir,
    clock: fixedClock('2026-11-23T07:00:00.000Z'),
    log: quiet,
    scheduledBackups: false,
  });
  hosts.push(h);
  return h;
}

const body = async (url: string, method: string, params: unknown = {}, cookie?: string | null) => JSON.parse((await call(url, method, params, cookie)).body);

/** A school with a verified backup, then a class added after it; the host closed. */
async function schoolWithBackup(): Promise<{ dataDir: string; db: string; backupAt: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-damaged-'));
  dirs.push(dataDir);
  const h = await host(dataDir);
  const created = await call(h.url, 'setup.createSchool', SCHOOL);
  const cookie = sessionCookie(created)!;
  const backup = await body(h.url, 'backup.create', {}, cookie);
  expect(backup.ok).toBe(true);
  await h.close();
  hosts.length = 0;
  return { dataDir, db: path.join(dataDir, 'school.sqlite'), backupAt: backup.value.backup.createdAt };
}

function truncate(file: string): void {
  fs.truncateSync(file, Math.floor(fs.statSync(file).size / 3));
}

function flipHeader(file: string): void {
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.from('XQLite'), 0, 6, 0);
  fs.closeSync(fd);
}

describe('a damaged database, found when the host opens it', () => {
  for (const [name, damage] of [
    ['truncated', truncate],
    ['with a flipped header', flipHeader],
  ] as const) {
    it(`${name}: every call says so with the backup on offer; the restore moves the file aside and brings the school back`, async () => {
      const { dataDir, db, backupAt } = await schoolWithBackup();
      for (const s of ['-wal', '-shm']) fs.rmSync(db + s, { force: true });
      damage(db);
      const damagedBytes = fs.readFileSync(db);

      const h = await host(dataDir);
      expect(h.damaged).toBe(true);
      const status = await body(h.url, 'auth.status');
      expect(status).toMatchObject({ ok: false, error: { code: 'DB_DAMAGED' } });
      expect(status.error.message).toMatch(/^База данных повреждена \(.+\), работа с журналом невозможна до её восстановления из резервной копии\.$/);
      expect(status.error.details.damage).toMatchObject({ file: db, backup: { createdAt: backupAt } });
      expect(status.error.message).not.toMatch(/file is not a database|malformed/);
      expect((await body(h.url, 'recovery.status')).value.damage.backup.createdAt).toBe(backupAt);

      const restored = await body(h.url, 'recovery.restoreLatest');
      expect(restored).toMatchObject({ ok: true, value: { restoredFrom: backupAt } });
      // The damaged file is kept beside, byte for byte.
      expect(fs.readFileSync(restored.value.damagedCopy).equals(damagedBytes)).toBe(true);
      expect(path.dirname(restored.value.damagedCopy)).toBe(dataDir);
      // The school is back: its administrator logs in.
      expect(h.damaged).toBe(false);
      expect(await body(h.url, 'auth.status')).toMatchObject({ ok: true, value: { setupRequired: false } });
      const login = await call(h.url, 'auth.login', { login: 'admin', password: SCHOOL.admin.password });
      expect(JSON.parse(login.body).ok).toBe(true);
      // A sound database is never replaced this way.
      expect(await body(h.url, 'recovery.restoreLatest')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    }, 60_000);
  }

  it('without a verified backup the restore is refused in Russian and the file stays where it is', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-damaged-'));
    dirs.push(dataDir);
    const first = await host(dataDir);
    await call(first.url, 'setup.createSchool', SCHOOL);
    await first.close();
    hosts.length = 0;
    const db = path.join(dataDir, 'school.sqlite');
    for (const s of ['-wal', '-shm']) fs.rmSync(db + s, { force: true });
    flipHeader(db);
    const h = await host(dataDir);
    expect((await body(h.url, 'auth.status')).error.details.damage.backup).toBeNull();
    const refused = await body(h.url, 'recovery.restoreLatest');
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(refused.error.message).toMatch(/^Проверенных резервных копий в папке программы нет/);
    expect(fs.existsSync(db)).toBe(true);
  }, 60_000);
});

describe('the check on opening', () => {
  it('reads the header: sound, cut short, or not a database', async () => {
    const { db } = await schoolWithBackup();
    expect(headerProblem(db)).toBeNull();
    const copy = `${db}.copy`;
    fs.copyFileSync(db, copy);
    fs.truncateSync(copy, 4096 * 3 + 100);
    expect(headerProblem(copy)).toMatch(/^файл обрезан/);
    flipHeader(copy);
    expect(headerProblem(copy)).toBe('заголовок файла повреждён: это не база данных SQLite');
  }, 60_000);

  it('is bounded in time: a check that does not finish lets the program open, and says so in the log', async () => {
    const { dataDir, db } = await schoolWithBackup();
    const said: string[] = [];
    const damage = await findDamage(dataDir, { kind: 'sqlite', file: db }, { timeoutMs: 1, log: { info: (m) => said.push(m) } });
    expect(damage).toBeNull();
    expect(said[0]).toMatch(/^Проверка базы данных при запуске не завершена \(проверка не закончилась за 1 мс\)/);
  }, 60_000);
});
