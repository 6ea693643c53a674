import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { makeBackup } from '../../../main/core/backup/make';
import { restoreDatabase } from '../../../main/core/backup/restore';
import { scanBackups } from '../../../main/core/backup/catalog';
import { preMigrationBackup } from '../../../main/core/backup/pre-migration';
import { recoverFromLatest, recoveryOffer } from '../../../main/core/backup/recovery';
import { DEFAULT_BACKUP_CONFIG, mainBackupDir, saveBackupConfig } from '../../../main/core/backup/config';
import { CoreRuntime } from '../../../main/core/host/runtime';
import { ALL_MIGRATIONS } from '../../../main/core/db/migrations';
import { LessonEntity } from '../../../main/core/db/entities/journal';
import { fixedClock } from '../../../main/core/shared/clock';
import { TEST_PASSWORD } from '../../support/runtime';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';
import { dumpDatabase, sqliteRuntime } from './helpers';

const LOG_TABLES = ['audit_events', 'backup_records'];

describe('restore', () => {
  let t: Awaited<ReturnType<typeof sqliteRuntime>>;
  let school: SmallSchool;
  const login = async (name: string) => (await t.call('auth.login', { login: name, password: TEST_PASSWORD }) as unknown as { token: string }).token;
  const topic = async () => (await t.runtime.database().manager.findOneByOrFail(LessonEntity, { id: school.lessons.maths5a.id })).topic;

  beforeEach(async () => {
    t = await sqliteRuntime();
    school = await buildSmallSchool(t);
  });
  afterEach(() => t.close());

  it('gives back exactly the data of the backup, and can be undone', async () => {
    const made = await t.call('backup.create', {}, school.tokens.admin);
    t.clock.advance(60_000);
    await t.call('journal.setLessonText', { lessonId: school.lessons.maths5a.id, topic: 'Сложение дробей' }, school.tokens.ivanova);
    expect(await topic()).toBe('Сложение дробей');

    t.clock.advance(60_000);
    const restored = await t.call('backup.restore', { id: made.backup.id }, school.tokens.admin);
    expect(restored.restoredFrom).toBe(made.backup.createdAt);
    expect(await topic()).toBeNull();
    // Every table but the logs is as in the backup; the logs only grew.
    expect(dumpDatabase(t.dbFile, LOG_TABLES)).toEqual(dumpDatabase(made.backup.file, LOG_TABLES));
    const before = dumpDatabase(made.backup.file).audit_events as { id: string }[];
    const after = dumpDatabase(t.dbFile).audit_events as { id: string; method: string; field: string }[];
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.some((e) => e.method === 'backup.restore' && e.field === 'restored')).toBe(true);

    // Every session ended with the old data set.
    const gone = await t.fail('backup.status', {}, school.tokens.admin);
    expect(gone.code).toBe('UNAUTHENTICATED');
    const admin = await login('admin');
    const status = await t.call('backup.status', {}, admin);
    expect(status.undo).toMatchObject({ backupCreatedAt: made.backup.createdAt, by: 'admin' });

    t.clock.advance(60_000);
    await t.call('backup.undoRestore', {}, admin);
    expect(await topic()).toBe('Сложение дробей');
    const again = await login('admin');
    expect((await t.call('backup.status', {}, again)).undo).toBeNull();
    const undoAgain = await t.fail('backup.undoRestore', {}, again);
    expect(undoAgain).toMatchObject({ code: 'NOT_FOUND', message: 'Отменять нечего: восстановления из копии не было или оно уже отменено.' });
  });

  it('restores an encrypted copy from the second medium only with its password', async () => {
    const usb = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-usb-'));
    saveBackupConfig(t.dataDir, { ...DEFAULT_BACKUP_CONFIG, secondDir: usb, encryptSecond: true, password: 'флешка-2026' });
    const made = await t.call('backup.create', {}, school.tokens.admin);
    t.clock.advance(60_000);
    await t.call('journal.setLessonText', { lessonId: school.lessons.maths5a.id, topic: 'После копии' }, school.tokens.ivanova);
    const noPassword = await t.fail('backup.restore', { id: made.backup.id, location: 'second' }, school.tokens.admin);
    expect(noPassword).toMatchObject({ code: 'VALIDATION', message: 'Эта копия зашифрована. Введите пароль, с которым она создана.' });
    const wrong = await t.fail('backup.restore', { id: made.backup.id, location: 'second', password: 'не тот' }, school.tokens.admin);
    expect(wrong).toMatchObject({ code: 'VALIDATION', details: { fields: { password: 'Неверный пароль или файл повреждён' } } });
    expect(await topic()).toBe('После копии');
    await t.call('backup.restore', { id: made.backup.id, location: 'second', password: 'флешка-2026' }, school.tokens.admin);
    expect(await topic()).toBeNull();
    expect(dumpDatabase(t.dbFile, LOG_TABLES)).toEqual(dumpDatabase(made.backup.file, LOG_TABLES));
    fs.rmSync(usb, { recursive: true, force: true });
  });

  it('refuses a backup that fails its check and leaves the database alone', async () => {
    const made = await t.call('backup.create', {}, school.tokens.admin);
    fs.writeFileSync(made.backup.file, 'не база данных');
    const before = dumpDatabase(t.dbFile);
    const refused = await t.fail('backup.restore', { id: made.backup.id }, school.tokens.admin);
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/^Копия не прошла проверку и не восстановлена: контрольная сумма SHA-256 не совпадает/);
    expect(dumpDatabase(t.dbFile)).toEqual(before);
  });

  it('never deletes a damaged database: it is moved aside and the backup put in its place', async () => {
    const { entry } = await makeBackup({ db: { kind: 'sqlite', file: t.dbFile }, dataDir: t.dataDir, kind: 'manual', clock: t.clock });
    const dumpOfBackup = dumpDatabase(entry.file);
    await t.runtime.close();
    // The disk mangled the file: the header is gone.
    const original = fs.readFileSync(t.dbFile);
    const damaged = Buffer.concat([Buffer.from('мусор мусор мусор мусор мусор мусор'), original.subarray(64)]);
    fs.writeFileSync(t.dbFile, damaged);
    fs.rmSync(`${t.dbFile}-wal`, { force: true });
    fs.rmSync(`${t.dbFile}-shm`, { force: true });
    const outcome = await restoreDatabase({
      dataDir: t.dataDir,
      db: { kind: 'sqlite', file: t.dbFile },
      backupFile: entry.file,
      clock: t.clock,
      liveInUse: false,
    });
    expect(outcome.preRestore).toBeNull();
    expect(outcome.corruptCopy).toBe(`${t.dbFile}.damaged-20261123T070000Z`);
    expect(fs.readFileSync(outcome.corruptCopy!).equals(damaged)).toBe(true);
    expect(dumpDatabase(t.dbFile)).toEqual(dumpOfBackup);
    t.runtime = await CoreRuntime.open({ db: { kind: 'sqlite', file: t.dbFile }, dataDir: t.dataDir, clock: t.clock });
  });
});

describe('before a migration', () => {
  it('a verified backup of the old structure is taken; a new database needs none', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-premig-'));
    const file = path.join(dir, 'school.sqlite');
    // A database of an older version: only the first migration applied.
    const old = new DataSource({ type: 'better-sqlite3', database: file, migrations: [ALL_MIGRATIONS[0]] });
    await old.initialize();
    await old.runMigrations();
    await old.destroy();
    const clock = fixedClock('2026-11-23T07:00:00.000Z');
    const runtime = await CoreRuntime.open({ db: { kind: 'sqlite', file }, dataDir: dir, clock, beforeMigrate: preMigrationBackup(dir, { clock }) });
    await runtime.close();
    const backups = scanBackups(mainBackupDir(dir));
    expect(backups.map((b) => [b.kind, b.schemaVersion, b.integrityOk])).toEqual([['pre_migration', ALL_MIGRATIONS[0].name, true]]);

    const freshDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-premig-'));
    const fresh = await CoreRuntime.open({
      db: { kind: 'sqlite', file: path.join(freshDir, 'school.sqlite') },
      dataDir: freshDir,
      clock,
      beforeMigrate: preMigrationBackup(freshDir, { clock }),
    });
    await fresh.close();
    expect(scanBackups(mainBackupDir(freshDir))).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(freshDir, { recursive: true, force: true });
  });
});

describe('a database that fails to open', () => {
  it('is offered the latest verified backup, and recovering keeps the damaged file', async () => {
    const t = await sqliteRuntime();
    await buildSmallSchool(t);
    const { entry } = await makeBackup({ db: { kind: 'sqlite', file: t.dbFile }, dataDir: t.dataDir, kind: 'auto', clock: t.clock });
    const db = { kind: 'sqlite' as const, file: t.dbFile };
    expect(recoveryOffer(t.dataDir, db)).toMatchObject({ healthy: true, message: 'База данных открывается и проверку проходит.' });
    await t.runtime.close();
    fs.writeFileSync(t.dbFile, Buffer.alloc(8192, 0x42));
    for (const s of ['-wal', '-shm']) fs.rmSync(t.dbFile + s, { force: true });
    const offer = recoveryOffer(t.dataDir, db);
    expect(offer.healthy).toBe(false);
    expect(offer.latest?.id).toBe(entry.id);
    expect(offer.message).toMatch(/^База данных не открывается или повреждена\. Есть проверенная резервная копия от .+: восстановите её\./);
    const outcome = await recoverFromLatest(t.dataDir, db, t.clock);
    expect(fs.readFileSync(outcome.corruptCopy!)).toEqual(Buffer.alloc(8192, 0x42));
    expect(dumpDatabase(t.dbFile)).toEqual(dumpDatabase(entry.file));
    t.runtime = await CoreRuntime.open({ db, dataDir: t.dataDir, clock: t.clock });
    await t.close();
  });
});
