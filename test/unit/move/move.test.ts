import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LessonEntity } from '../../../main/core/db/entities/journal';
import { AuditEventEntity } from '../../../main/core/db/entities/system';
import { loadDbConfig } from '../../../main/core/host/app-config';
import { createTestRuntime, TEST_PASSWORD, type TestRuntime } from '../../support/runtime';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';
import { dropSchema, moveThrough, newSchema, onServer, schoolHashes, serverForm, tablesIn } from './helpers';

const PG = !!process.env.PG_URL;
// A move copies and reads back every table: on a busy machine, longer than the default 30 s.
vi.setConfig({ testTimeout: 180_000 });

/**
 * Moving a school between databases (main/core/move/): through the contract,
 * as the settings screen does it. The school starts on SQLite, in a data
 * folder of its own, as a school's does.
 */
describe('moving the school to another database', () => {
  let t: TestRuntime;
  let school: SmallSchool;
  let dir: string;
  let file: string;
  const schemas: string[] = [];
  const topic = async () => (await t.runtime.database().manager.findOneByOrFail(LessonEntity, { id: school.lessons.maths5a.id })).topic;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-move-'));
    file = path.join(dir, 'school.sqlite');
    t = await createTestRuntime({ db: { kind: 'sqlite', file } });
    school = await buildSmallSchool(t);
    await t.call('journal.setLessonText', { lessonId: school.lessons.maths5a.id, topic: 'Дроби' }, school.tokens.ivanova);
  });
  afterEach(async () => {
    await t.close();
    for (const s of schemas.splice(0)) await dropSchema(s);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('moves to a new SQLite file: the same tables, the sessions kept, the old file kept read-only and named', async () => {
    const before = await schoolHashes({ kind: 'sqlite', file });
    const target = path.join(dir, 'другой диск', 'school.sqlite');
    fs.mkdirSync(path.dirname(target));
    const tested = await t.call('database.test', { kind: 'sqlite', file: target }, school.tokens.admin);
    expect(tested).toMatchObject({ ok: true, state: 'ready' });

    const job = await moveThrough(t, school.tokens.admin, { kind: 'sqlite', file: target });
    expect(job.status).toBe('done');
    expect(t.runtime.dbConfig).toEqual({ kind: 'sqlite', file: target });
    expect(loadDbConfig(t.dataDir)).toEqual({ kind: 'sqlite', file: target });
    expect(fs.statSync(path.join(t.dataDir, 'config.json')).mode & 0o777).toBe(0o600);
    expect(await schoolHashes({ kind: 'sqlite', file: target })).toEqual(before);
    // The same school: the teacher goes on working in her session.
    await t.call('journal.setLessonText', { lessonId: school.lessons.maths5a.id, topic: 'Дроби, продолжение' }, school.tokens.ivanova);
    expect(await topic()).toBe('Дроби, продолжение');

    const kept = job.result!.keptFile!;
    expect(path.basename(kept)).toMatch(/^school\.before-move-\d{8}T\d{6}Z\.sqlite$/);
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.statSync(kept).mode & 0o222).toBe(0);
    const old = new Database(kept, { readonly: true });
    expect((old.prepare('SELECT topic FROM lessons WHERE id = ?').get(school.lessons.maths5a.id) as { topic: string }).topic).toBe('Дроби');
    old.close();
    const status = await t.call('database.status', {}, school.tokens.admin);
    expect(status).toMatchObject({ engine: 'sqlite', file: target, lastMove: { keptFile: kept, from: file, to: target, by: 'admin' } });
    const moved = await t.runtime.database().manager.findBy(AuditEventEntity, { entity: 'Database', field: 'moved' });
    expect(moved).toHaveLength(1);
    expect(JSON.parse(moved[0].newValue!)).toMatchObject({ from: file, to: target, keptFile: kept });
  });

  it('refuses a file that exists, a folder that does not, a relative path — before anything is copied', async () => {
    const other = path.join(dir, 'other.sqlite');
    fs.writeFileSync(other, 'чужой файл');
    const exists = await t.call('database.test', { kind: 'sqlite', file: other }, school.tokens.admin);
    expect(exists).toMatchObject({ ok: false, state: 'file-exists', message: `Файл «${other}» уже существует. Журнал переносится только в новый файл: укажите другое имя или другую папку.` });
    const refused = await t.fail('database.move', { kind: 'sqlite', file: other }, school.tokens.admin);
    expect(refused).toMatchObject({ code: 'CONFLICT', message: exists.message });
    expect(fs.readFileSync(other, 'utf8')).toBe('чужой файл');
    const noFolder = await t.call('database.test', { kind: 'sqlite', file: path.join(dir, 'нет', 'x.sqlite') }, school.tokens.admin);
    expect(noFolder).toMatchObject({ ok: false, state: 'no-folder' });
    const relative = await t.fail('database.test', { kind: 'sqlite', file: 'school2.sqlite' }, school.tokens.admin);
    expect(relative).toMatchObject({ code: 'VALIDATION', details: { fields: { file: 'Нужен полный путь' } } });
    expect(t.runtime.dbConfig).toEqual({ kind: 'sqlite', file });
  });

  it('refuses a server while this computer syncs through a shared folder (the server is the shared database)', async () => {
    const share = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-move-share-'));
    try {
      await t.call('sync.create', { root: share, passphrase: 'Общая-папка-2026', computerName: 'Учительская' }, school.tokens.admin);
      const form = { kind: 'postgres' as const, host: '127.0.0.1', port: 5432, database: 'kz', user: 'kz', password: 'kz', tls: 'off' as const, schema: null };
      const refused = await t.fail('database.move', form, school.tokens.admin);
      expect(refused.code).toBe('CONFLICT');
      expect(refused.message).toMatch(/^На этом компьютере включена синхронизация через общую папку\. .*сначала отключите общую папку/);
      expect((await t.call('database.status', {}, school.tokens.admin)).syncConfigured).toBe(true);
    } finally {
      await t.call('sync.disconnect', {}, school.tokens.admin).catch(() => undefined);
      fs.rmSync(share, { recursive: true, force: true });
    }
  });

  describe.runIf(PG)('to PostgreSQL', () => {
    const schema = () => {
      const s = newSchema();
      schemas.push(s);
      return s;
    };

    it('moves there and back: identical tables, the teacher keeps working, the server left untouched', async () => {
      const before = await schoolHashes({ kind: 'sqlite', file });
      const to = schema();
      const tested = await t.call('database.test', serverForm(to), school.tokens.admin);
      expect(tested).toMatchObject({ ok: true, state: 'ready' });
      expect(tested.server).toMatch(/^PostgreSQL \d+/);

      const there = await moveThrough(t, school.tokens.admin, serverForm(to));
      expect(there.status).toBe('done');
      expect(t.runtime.dbConfig).toMatchObject({ kind: 'postgres', schema: to });
      const pg = { kind: 'postgres' as const, url: process.env.PG_URL!, schema: to };
      expect(await schoolHashes(pg)).toEqual(before);
      await t.call('journal.setLessonText', { lessonId: school.lessons.maths5a.id, topic: 'На сервере' }, school.tokens.ivanova);
      const onServerNow = await schoolHashes(pg);

      const back = path.join(dir, 'back.sqlite');
      const home = await moveThrough(t, school.tokens.admin, { kind: 'sqlite', file: back });
      expect(home.status).toBe('done');
      expect(home.result).toMatchObject({ keptFile: null, serverLeft: expect.stringContaining(`схема ${to}`) });
      expect(await schoolHashes({ kind: 'sqlite', file: back })).toEqual(onServerNow);
      expect(await schoolHashes(pg)).toEqual(onServerNow);
      expect(await topic()).toBe('На сервере');
    });

    it('says in Russian what is wrong with the server, and moves into none of them', async () => {
      const to = schema();
      const test = (form: Record<string, unknown>) => t.call('database.test', form as never, school.tokens.admin);
      expect(await test({ ...serverForm(to), password: 'не тот пароль' })).toMatchObject({ ok: false, state: 'wrong-password', message: expect.stringMatching(/^Неверный пароль пользователя «kz» на сервере /) });
      expect(await test({ ...serverForm(to), port: 1 })).toMatchObject({ ok: false, state: 'unreachable', message: expect.stringMatching(/^Сервер 127\.0\.0\.1:1 не принимает подключения/) });
      expect(await test({ ...serverForm(to), database: 'нет_такой_базы' })).toMatchObject({ ok: false, state: 'no-database', message: expect.stringContaining('нет базы данных «нет_такой_базы»') });
      expect(await test({ ...serverForm(to), tls: 'require' })).toMatchObject({ ok: false, state: 'tls', message: expect.stringContaining('не поддерживает защищённое подключение (TLS)') });

      // Tables of something else in the schema.
      await onServer((admin) => admin.query(`CREATE SCHEMA "${to}"; CREATE TABLE "${to}".inventory (id int PRIMARY KEY)`));
      expect(await test(serverForm(to))).toMatchObject({ ok: false, state: 'not-empty', message: expect.stringContaining('inventory') });
      await onServer((admin) => admin.query(`DROP TABLE "${to}".inventory`));
      expect(await test(serverForm(to))).toMatchObject({ ok: true });
    });

    it('refuses a database that holds another school, or this one, or one of a newer program', async () => {
      const to = schema();
      const other = await createTestRuntime({ db: { kind: 'postgres', url: process.env.PG_URL!, schema: to } });
      try {
        await other.call('setup.createSchool', {
          schoolName: 'МБОУ «Лицей № 2»',
          admin: { lastName: 'Петров', firstName: 'Пётр', middleName: 'Петрович', login: 'admin', password: TEST_PASSWORD },
        });
      } finally {
        await other.runtime.close();
      }
      const check = await t.call('database.test', serverForm(to), school.tokens.admin);
      expect(check).toMatchObject({ ok: false, state: 'other-school' });
      expect(check.message).toBe(
        'В базе данных уже есть журнал другой школы (МБОУ «Лицей № 2»). Перенос в неё не выполняется: чужие данные не перезаписываются. Укажите пустую базу данных.',
      );
      const refused = await t.fail('database.move', serverForm(to), school.tokens.admin);
      expect(refused).toMatchObject({ code: 'CONFLICT', message: check.message });
      const lyceum = await onServer((admin) => admin.query(`SELECT value FROM "${to}".settings WHERE key = 'school.name'`));
      expect(lyceum).toEqual([{ value: JSON.stringify('МБОУ «Лицей № 2»') }]);

      await onServer((admin) => admin.query(`INSERT INTO "${to}".migrations (timestamp, name) VALUES (9999999999999, 'FromTheFuture9999999999999')`));
      expect(await t.call('database.test', serverForm(to), school.tokens.admin)).toMatchObject({ ok: false, state: 'newer' });

      // This school, moved there once and back: not written over either.
      const mine = schema();
      await moveThrough(t, school.tokens.admin, serverForm(mine));
      await moveThrough(t, school.tokens.admin, { kind: 'sqlite', file: path.join(dir, 'back.sqlite') });
      expect(await t.call('database.test', serverForm(mine), school.tokens.admin)).toMatchObject({ ok: false, state: 'same-school' });
    });

    it('says which right is missing for a user who may not create tables', async () => {
      const role = `kz_noright_${Date.now().toString(36)}`;
      await onServer((admin) => admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'Пароль-без-прав'`));
      try {
        const form = { ...serverForm('public'), user: role, password: 'Пароль-без-прав' };
        const check = await t.call('database.test', form, school.tokens.admin);
        expect(check).toMatchObject({ ok: false, state: 'no-rights' });
        expect(check.message).toContain(`Пользователь «${role}» не вправе создавать таблицы в схеме «public»`);
        expect(check.message).toContain(`GRANT CREATE ON SCHEMA public TO ${role};`);
      } finally {
        await onServer((admin) => admin.query(`DROP ROLE ${role}`));
      }
    });

    it('undoes a move whose check finds a table different on the server, and names the table', async () => {
      // A weight PostgreSQL's `real` (4 bytes) cannot hold exactly: the copy differs, and the check must see it.
      const raw = new Database(file);
      raw.prepare('UPDATE work_types SET weight = ? WHERE id = ?').run(1 / 3, school.workTypes.test);
      raw.close();
      const before = await schoolHashes({ kind: 'sqlite', file });
      const to = schema();
      const job = await moveThrough(t, school.tokens.admin, serverForm(to));
      expect(job.status).toBe('failed');
      expect(job.error).toMatch(/^Проверка после копирования не пройдена: таблица «виды работ» \(work_types\) не совпадает с исходной — строк столько же \(\d+\), но на сервере их содержимое отличается/);
      expect(job.errorDetails).toMatchObject({ table: 'work_types' });
      // Undone: nothing on the server, the school where it was, untouched.
      expect(await tablesIn(to)).toEqual([]);
      expect(t.runtime.dbConfig).toEqual({ kind: 'sqlite', file });
      expect(fs.existsSync(path.join(t.dataDir, 'config.json'))).toBe(false);
      expect(fs.existsSync(file)).toBe(true);
      expect(await schoolHashes({ kind: 'sqlite', file })).toEqual(before);
      expect(await topic()).toBe('Дроби');
    });

    it('on a school on the server, the shared folder is refused', async () => {
      await moveThrough(t, school.tokens.admin, serverForm(schema()));
      const share = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-move-share-'));
      try {
        const refused = await t.fail('sync.create', { root: share, passphrase: 'Общая-папка-2026', computerName: 'Учительская' }, school.tokens.admin);
        expect(refused).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('сервере PostgreSQL') });
      } finally {
        fs.rmSync(share, { recursive: true, force: true });
      }
    });
  });
});
