import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeBackup } from '../../../main/core/backup/make';
import { verifyBackupFile } from '../../../main/core/backup/verify';
import { scanBackups } from '../../../main/core/backup/catalog';
import { mainBackupDir, saveBackupConfig, DEFAULT_BACKUP_CONFIG } from '../../../main/core/backup/config';
import { backupStatus } from '../../../main/core/backup/status';
import { decryptFile, encryptFile, scryptCostAllowed } from '../../../main/core/backup/encryption';
import { sha256File } from '../../../main/core/backup/files';
import { AppError } from '../../../main/core/shared/errors';
import { BackupRecordEntity } from '../../../main/core/db/entities/operations';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';
import { dumpDatabase, flipByte, sqliteRuntime } from './helpers';

describe('a backup', () => {
  let t: Awaited<ReturnType<typeof sqliteRuntime>>;
  let school: SmallSchool;
  let second: string;

  beforeEach(async () => {
    t = await sqliteRuntime();
    school = await buildSmallSchool(t);
    second = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-usb-'));
  });
  afterEach(async () => {
    await t.close();
    fs.rmSync(second, { recursive: true, force: true });
  });

  it('is made by the online API, opened and checked, and its SHA-256 recorded', async () => {
    const result = await t.call('backup.create', {}, school.tokens.admin);
    const file = result.backup.file;
    expect(path.dirname(file)).toBe(mainBackupDir(t.dataDir));
    expect(result.backup.integrityOk).toBe(true);
    expect(result.backup.verifiedAt).toBe('2026-11-23T07:00:00.000Z');
    expect(result.backup.sha256).toBe(await sha256File(file));
    // A single self-contained file: no WAL beside it.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    // The copy holds what the database holds (audit rows written after it aside).
    expect(dumpDatabase(file, ['audit_events', 'backup_records'])).toEqual(dumpDatabase(t.dbFile, ['audit_events', 'backup_records']));
    // The database lists it.
    const rows = await t.runtime.database().manager.find(BackupRecordEntity);
    expect(rows.map((r) => [r.id, r.kind, r.sha256])).toEqual([[result.backup.id, 'manual', result.backup.sha256]]);
  });

  it('made by hand keeps today’s earlier scheduled copy, file and record', async () => {
    const db = { kind: 'sqlite' as const, file: t.dbFile };
    t.clock.set('2026-11-22T15:00:00.000Z'); // 22.11, 18:00 in Moscow
    await makeBackup({ db, dataDir: t.dataDir, kind: 'auto', clock: t.clock });
    t.clock.set('2026-11-23T07:00:00.000Z'); // 23.11, 10:00: the scheduled copy
    const scheduled = (await makeBackup({ db, dataDir: t.dataDir, kind: 'auto', clock: t.clock })).entry;
    t.clock.set('2026-11-23T07:04:00.000Z'); // 10:04, by hand
    const manual = await t.call('backup.create', {}, school.tokens.admin);
    expect(manual.removed).toEqual([]);
    expect(fs.existsSync(scheduled.file)).toBe(true);
    const rows = await t.runtime.database().manager.find(BackupRecordEntity);
    expect(rows.find((r) => r.id === scheduled.id)?.deletedAt).toBeNull();
    expect(rows).toHaveLength(3);
  });

  it('made by hand names the old copies the retention rule removed', async () => {
    const db = { kind: 'sqlite' as const, file: t.dbFile };
    // Scheduled copies on the evenings of 10.11–16.11, then nothing until a copy by hand on Wednesday 25.11.
    for (let day = 10; day <= 16; day++) {
      t.clock.set(`2026-11-${day}T15:00:00.000Z`);
      await makeBackup({ db, dataDir: t.dataDir, kind: 'auto', clock: t.clock });
    }
    t.clock.set('2026-11-25T07:00:00.000Z');
    const result = await makeBackup({ db, dataDir: t.dataDir, kind: 'manual', clock: t.clock });
    // Seven days with copies: 25, 16, 15, 14, 13, 12, 11.11; weeks: 25.11 (W48), 16.11 (W47), 15.11 (W46). 10.11 goes.
    expect(result.removed).toEqual([expect.objectContaining({ createdAt: '2026-11-10T15:00:00.000Z', kind: 'auto', location: 'main' })]);
    expect(scanBackups(mainBackupDir(t.dataDir)).map((e) => e.createdAt.slice(0, 10)).sort()).toEqual(
      ['2026-11-11', '2026-11-12', '2026-11-13', '2026-11-14', '2026-11-15', '2026-11-16', '2026-11-25'],
    );
  });

  it('is reported changed when any byte of it changes', async () => {
    const { entry } = await makeBackup({ db: { kind: 'sqlite', file: t.dbFile }, dataDir: t.dataDir, kind: 'manual', clock: t.clock });
    expect((await verifyBackupFile(entry.file)).ok).toBe(true);
    flipByte(entry.file, Math.floor(entry.sizeBytes / 2));
    const r = await verifyBackupFile(entry.file);
    expect(r.ok).toBe(false);
    expect(r.checksumMatches).toBe(false);
    expect(r.problems[0]).toMatch(/контрольная сумма SHA-256 не совпадает/);
    // The sidecar now says so, and the status no longer counts it as the last verified copy.
    expect(scanBackups(mainBackupDir(t.dataDir))[0].integrityOk).toBe(false);
    expect(backupStatus(t.dataDir, t.runtime.dbConfig, t.clock.now()).lastVerified).toBeNull();
  });

  it('goes to the second medium too, and a missing medium does not stop the main copy', async () => {
    saveBackupConfig(t.dataDir, { ...DEFAULT_BACKUP_CONFIG, secondDir: second });
    const ok = await t.call('backup.create', {}, school.tokens.admin);
    expect(ok.copyError).toBeNull();
    expect(ok.copyPath).toBe(path.join(second, ok.backup.name));
    expect(await sha256File(ok.copyPath!)).toBe(ok.backup.sha256);
    expect(scanBackups(second, 'second').map((e) => e.id)).toEqual([ok.backup.id]);

    fs.rmSync(second, { recursive: true }); // the USB drive is unplugged
    t.clock.advance(60_000);
    const missing = await t.call('backup.create', {}, school.tokens.admin);
    expect(missing.backup.integrityOk).toBe(true);
    expect(missing.copyPath).toBeNull();
    expect(missing.copyError).toMatch(/^Второй носитель недоступен: папка «.+» не найдена \(носитель не подключён\?\)\. Основная копия сохранена\.$/);
    const status = await t.call('backup.status', {}, school.tokens.admin);
    expect(status.lastVerified?.id).toBe(missing.backup.id);
    expect(status.warnings.map((w) => w.text)).toContain(`Копия на второй носитель не удалась: ${missing.copyError}`);
  });

  it('is encrypted on the second medium when asked, and decrypts only with its password', async () => {
    saveBackupConfig(t.dataDir, { ...DEFAULT_BACKUP_CONFIG, secondDir: second, encryptSecond: true, password: 'флешка-2026' });
    const made = await t.call('backup.create', {}, school.tokens.admin);
    const copy = made.copyPath!;
    expect(copy.endsWith('.sqlite.kzenc')).toBe(true);
    const bytes = fs.readFileSync(copy);
    expect(bytes.subarray(0, 8).toString('ascii')).toBe('KZBACKUP');
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
    // Without the password only the checksum can be checked; with it, the database itself.
    expect(await verifyBackupFile(copy)).toMatchObject({ ok: true, complete: false, checksumMatches: true });
    expect(await verifyBackupFile(copy, { password: 'флешка-2026' })).toMatchObject({ ok: true, complete: true });
    const wrong = await verifyBackupFile(copy, { password: 'не тот пароль' });
    expect(wrong.ok).toBe(false);
    expect(wrong.problems).toEqual(['Не удалось расшифровать копию: пароль неверен или файл повреждён.']);
  });

  it('keeps its status: the last verified copy and a warning once it is older than a day', async () => {
    const none = backupStatus(t.dataDir, t.runtime.dbConfig, t.clock.now());
    expect(none.lastVerified).toBeNull();
    expect(none.warnings[0]).toEqual({ severity: 'warning', text: 'Проверенных резервных копий нет. Создайте копию сейчас.' });
    const made = await t.call('backup.create', {}, school.tokens.admin);
    t.clock.advance(23 * 3_600_000);
    const fresh = backupStatus(t.dataDir, t.runtime.dbConfig, t.clock.now());
    expect(fresh.lastVerified).toMatchObject({ id: made.backup.id, kind: 'manual' });
    expect(fresh.warnings.filter((w) => w.severity === 'error')).toEqual([]);
    t.clock.advance(26 * 3_600_000);
    const old = backupStatus(t.dataDir, t.runtime.dbConfig, t.clock.now());
    expect(old.warnings[0].text).toBe('Последняя проверенная копия сделана 2 дня назад — больше суток. Создайте копию сейчас.');
  });
});

describe('encryption', () => {
  it('refuses a copy with one changed byte even with the right password', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-enc-'));
    const plain = path.join(dir, 'a.bin');
    fs.writeFileSync(plain, Buffer.alloc(100_000, 7));
    const enc = path.join(dir, 'a.kzenc');
    await encryptFile(plain, enc, 'пароль-1234', { logN: 10, r: 8, p: 1 });
    await decryptFile(enc, path.join(dir, 'b.bin'), 'пароль-1234');
    expect(fs.readFileSync(path.join(dir, 'b.bin')).equals(fs.readFileSync(plain))).toBe(true);
    flipByte(enc, 500);
    await expect(decryptFile(enc, path.join(dir, 'c.bin'), 'пароль-1234')).rejects.toThrow(/пароль неверен или файл повреждён/);
    expect(fs.existsSync(path.join(dir, 'c.bin'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a header asking for an unbounded scrypt cost in Russian, before any work', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-enc-'));
    const plain = path.join(dir, 'a.bin');
    fs.writeFileSync(plain, Buffer.alloc(10_000, 7));
    const enc = path.join(dir, 'a.kzenc');
    await encryptFile(plain, enc, 'пароль-1234', { logN: 10, r: 8, p: 1 });
    // «KZBACKUP» · version · log2(N) · r · p: a crafted header changes the last three bytes.
    const crafted: Array<[number, number, number]> = [
      [64, 8, 1], // 2^64: a RangeError from scrypt
      [24, 8, 1], // 2 GiB of memory
      [10, 255, 255], // little memory, minutes of work
      [0, 0, 0],
    ];
    for (const [logN, r, p] of crafted) {
      const bytes = fs.readFileSync(enc);
      bytes[9] = logN;
      bytes[10] = r;
      bytes[11] = p;
      const file = path.join(dir, `crafted-${logN}-${r}-${p}.kzenc`);
      fs.writeFileSync(file, bytes);
      const error = await decryptFile(file, path.join(dir, 'out.bin'), 'пароль-1234').catch((e: unknown) => e);
      expect(error, `${logN}/${r}/${p}`).toBeInstanceOf(AppError);
      expect((error as AppError).message).toMatch(/^Копия не расшифрована: в её заголовке указаны параметры защиты пароля/);
    }
    // The program's own cost passes the bound.
    expect(scryptCostAllowed({ logN: 15, r: 8, p: 1 })).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 20_000);
});
