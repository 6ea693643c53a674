import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildYearArchive, type ArchiveResult } from '../../../main/core/archive/build';
import { verifyArchive } from '../../../main/core/archive/verify';
import { listFiles, MANIFEST_NAME, parseManifest } from '../../../main/core/archive/manifest';
import { AcademicYearEntity } from '../../../main/core/db/entities/calendar';
import { WorkTypeEntity } from '../../../main/core/db/entities/school';
import { AttendanceEntity, MarkEntity } from '../../../main/core/db/entities/journal';
import { LessonEntity } from '../../../main/core/db/entities/journal';
import { YearArchiveRecordEntity } from '../../../main/core/db/entities/operations';
import { COMMANDS } from '../../../main/cli/commands';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';
import { flipByte, sqliteRuntime } from '../backup/helpers';

describe('the year archive', () => {
  let t: Awaited<ReturnType<typeof sqliteRuntime>>;
  let school: SmallSchool;
  let out: string;
  let archive: ArchiveResult;

  beforeAll(async () => {
    t = await sqliteRuntime();
    school = await buildSmallSchool(t);
    await t.runtime.transact({ userId: school.userIds.ivanova, method: 'test.fixture' }, async (write) => {
      const wt = await write.insert(WorkTypeEntity, { name: 'Ответ на уроке', shortName: 'Отв.', weight: 1, deadlineKind: 'same_day', deadlineValue: 0, isControl: false, sortOrder: 1 });
      const l = school.lessons.maths5a;
      await write.update(LessonEntity, l.id, { topic: 'Сложение дробей; вычитание «дробей»', homework: '№ 12, 14', status: 'given' });
      await write.insert(MarkEntity, { lessonId: l.id, studentId: school.students.first, value: '5', numericValue: 5, workTypeId: wt.id, weight: 1, comment: '=HYPERLINK("http://example.com";"5")', setAt: '2026-11-23T08:00:00.000Z', setBy: school.userIds.ivanova, late: false });
      await write.insert(AttendanceEntity, { lessonId: l.id, studentId: school.students.second, code: 'absent', reasonKind: 'illness', reasonNote: 'справка', setAt: '2026-11-23T08:00:00.000Z', setBy: school.userIds.ivanova });
      await write.update(AcademicYearEntity, school.yearId, { status: 'closed', closedAt: '2027-06-30T10:00:00.000Z', closedBy: school.userIds.admin });
    });
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-archive-out-'));
    const progress: number[] = [];
    archive = await buildYearArchive({
      db: { kind: 'sqlite', file: t.dbFile },
      yearId: school.yearId,
      outDir: out,
      actor: { userId: school.userIds.admin, login: 'admin', staffId: null, roles: ['admin'], displayName: 'Соколова Ирина Петровна' },
      now: new Date('2027-06-30T12:00:00.000Z'),
      onProgress: (p) => progress.push(p.done / p.total),
    });
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  }, 120_000);
  afterAll(async () => {
    await t.close();
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('holds the printouts, the CSV, the snapshot, README and the manifest', () => {
    expect(path.basename(archive.folder)).toBe('Архив 2026-2027');
    expect(archive.zip).toBe(`${archive.folder}.zip`);
    const files = listFiles(archive.folder);
    expect(files).toEqual(
      expect.arrayContaining([
        'README.txt',
        MANIFEST_NAME,
        'База данных/klassny-zhurnal.sqlite',
        'Данные/Отметки.csv',
        'Данные/Пропуски.csv',
        'Данные/Темы уроков.csv',
        'Данные/Итоговые отметки.csv',
        'Данные/Классы и обучающиеся.csv',
        'Сводные ведомости/1А.pdf',
        'Сводные ведомости/1А.xlsx',
        'Сводные ведомости/5А.pdf',
        'Сводные ведомости/5А.xlsx',
        'Журналы/1А.pdf',
        'Журналы/5А.pdf',
      ]),
    );
    expect(archive.missing).toEqual([]);
    const manifest = parseManifest(fs.readFileSync(path.join(archive.folder, MANIFEST_NAME), 'utf8'));
    expect(manifest.map((e) => e.path)).toEqual(files.filter((f) => f !== MANIFEST_NAME));
    expect(archive.fileCount).toBe(files.length);
    expect(fs.readFileSync(path.join(archive.folder, 'Сводные ведомости/5А.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(fs.readFileSync(path.join(archive.folder, 'Журналы/5А.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('writes CSV that Excel opens: UTF-8 with BOM, «;», quoted where needed', () => {
    const marks = fs.readFileSync(path.join(archive.folder, 'Данные/Отметки.csv'), 'utf8');
    expect(marks.charCodeAt(0)).toBe(0xfeff);
    const lines = marks.slice(1).split('\r\n');
    expect(lines[0]).toBe('Класс;Предмет;Группа;Дата урока;Урок №;Учитель;Обучающийся;Отметка;Вид работы;Вес;Комментарий;Выставлена;Выставлена с опозданием');
    // A comment that Excel would take for a formula is written as text (a leading apostrophe).
    expect(lines[1]).toBe(`5А;Математика;;23.11.2026;2;Иванова Анна Петровна;Алексеев Артём;5;Ответ на уроке;1;"'=HYPERLINK(""http://example.com"";""5"")";2026-11-23T08:00:00.000Z;`);
    const topics = fs.readFileSync(path.join(archive.folder, 'Данные/Темы уроков.csv'), 'utf8');
    expect(topics).toContain('5А;Математика;;23.11.2026;2;Иванова Анна Петровна;"Сложение дробей; вычитание «дробей»";№ 12, 14;проведён;');
    const absences = fs.readFileSync(path.join(archive.folder, 'Данные/Пропуски.csv'), 'utf8');
    expect(absences).toContain('5А;Математика;;23.11.2026;2;Борисов Глеб;н;по болезни;справка');
    const readme = fs.readFileSync(path.join(archive.folder, 'README.txt'), 'utf8');
    expect(readme).toMatch(/^\uFEFFАрхив учебного года 2026\/2027\r\n/);
    expect(readme).toContain('Отметки.csv — все текущие отметки (1);');
  });

  it('verifies, and names any file in which one byte changed', async () => {
    expect(await verifyArchive(archive.folder, archive.manifestSha256)).toMatchObject({ ok: true, changed: [], missing: [], manifestMatches: true });
    for (const rel of listFiles(archive.folder)) {
      const file = path.join(archive.folder, ...rel.split('/'));
      const at = Math.floor(fs.statSync(file).size / 2);
      flipByte(file, at);
      const r = await verifyArchive(archive.folder, archive.manifestSha256);
      expect(r.ok, rel).toBe(false);
      if (rel === MANIFEST_NAME) expect(r.manifestMatches).toBe(false);
      else expect(r.changed).toEqual([rel]);
      flipByte(file, at);
    }
    expect((await verifyArchive(archive.folder)).ok).toBe(true);
  }, 60_000);

  it('names a missing file and a file added', async () => {
    const copy = path.join(out, 'copy');
    fs.cpSync(archive.folder, copy, { recursive: true });
    fs.rmSync(path.join(copy, 'Данные/Пропуски.csv'));
    fs.writeFileSync(path.join(copy, 'Данные/новый.csv'), 'x');
    expect(await verifyArchive(copy)).toMatchObject({ ok: false, missing: ['Данные/Пропуски.csv'], extra: ['Данные/новый.csv'], changed: [] });
  });

  it('checks the zip the same way, and verify-archive reports a tampered copy', async () => {
    expect(await verifyArchive(archive.zip, archive.manifestSha256)).toMatchObject({ ok: true, checked: archive.fileCount - 1 });
    const tampered = path.join(out, 'tampered.zip');
    fs.copyFileSync(archive.zip, tampered);
    // A byte inside the first (stored, uncompressed) PDF's data.
    const bytes = fs.readFileSync(tampered);
    const at = bytes.indexOf(Buffer.from('%PDF-')) + 200;
    flipByte(tampered, at);
    const r = await verifyArchive(tampered);
    expect(r.ok).toBe(false);
    expect(r.changed).toHaveLength(1);
    expect(r.changed[0]).toMatch(/^(Журналы|Сводные ведомости)\/.+\.pdf$/);

    const lines: string[] = [];
    const log = console.log;
    console.log = (...a: unknown[]) => void lines.push(a.join(' '));
    try {
      expect(await COMMANDS['verify-archive'].run({}, [tampered])).toBe(1);
      expect(await COMMANDS['verify-archive'].run({}, [archive.folder])).toBe(0);
    } finally {
      console.log = log;
    }
    expect(lines[0]).toBe(`ИЗМЕНЁН: ${r.changed[0]}`);
    expect(lines).toContain('Архив НЕ в порядке: изменено 1, нет 0, лишних 0.');
    expect(lines.at(-1)).toBe(`Архив в порядке: проверено файлов ${archive.fileCount - 1}, все совпадают с контрольными суммами.`);
  });

  it('is made from the screen in the background and recorded with its manifest checksum', async () => {
    const job = await t.call('archive.start', { yearId: school.yearId, outDir: out }, school.tokens.admin);
    let view = job;
    for (let i = 0; i < 600 && view.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      view = await t.call('archive.job', { taskId: job.taskId }, school.tokens.admin);
    }
    expect(view.status).toBe('done');
    expect(path.basename(view.result!.folder)).toBe('Архив 2026-2027 (2)');
    const [record] = await t.runtime.database().manager.find(YearArchiveRecordEntity);
    expect(record).toMatchObject({ yearId: school.yearId, manifestSha256: view.result!.manifestSha256, path: view.result!.folder });
    const checked = await t.call('archive.verify', { id: record.id }, school.tokens.admin);
    expect(checked).toMatchObject({ ok: true, manifestMatches: true });
  }, 120_000);

  it('keeps a year whose name climbs («1\\..\\..\\..\\x») inside the archive folder, on Windows too', async () => {
    // Names arrive from data: a restored database or a sync from another computer can hold any year name.
    await t.runtime.transact({ userId: null, method: 'test' }, (w) => w.update(AcademicYearEntity, school.yearId, { name: '1\\..\\..\\..\\x' }));
    try {
      const evil = await buildYearArchive({
        db: { kind: 'sqlite', file: t.dbFile },
        yearId: school.yearId,
        outDir: out,
        actor: { userId: school.userIds.admin, login: 'admin', staffId: null, roles: ['admin'], displayName: 'Соколова Ирина Петровна' },
        now: new Date('2027-06-30T12:00:00.000Z'),
      });
      for (const made of [evil.folder, evil.zip]) {
        expect(path.dirname(made)).toBe(out);
        // Windows reads «\\» as a separator: resolved there, the name must still be a child of the folder.
        expect(path.win32.dirname(path.win32.resolve('C:\\Архивы', path.basename(made)))).toBe('C:\\Архивы');
      }
      expect(path.basename(evil.folder)).toBe('Архив 1-..-..-..-x');
    } finally {
      await t.runtime.transact({ userId: null, method: 'test' }, (w) => w.update(AcademicYearEntity, school.yearId, { name: '2026/2027' }));
    }
  }, 120_000);

  it('is refused for a year that is not closed', async () => {
    await t.runtime.transact({ userId: null, method: 'test' }, (w) => w.update(AcademicYearEntity, school.yearId, { status: 'open' }));
    const refused = await t.fail('archive.start', { yearId: school.yearId }, school.tokens.admin);
    expect(refused).toMatchObject({ code: 'CONFLICT', message: 'Архив составляется для закрытого учебного года. Сначала закройте 2026/2027 учебный год.' });
  });
});
