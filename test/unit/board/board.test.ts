import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';

/**
 * The announcement board (issue 19, item 2; seed 003 §4.6.8): to all staff,
 * to a class's teachers or to a parallel's, for a span of days, pinned or
 * not; each person's start screen shows what concerns them today; the day's
 * changes are announced in one click and update in place; any announcement
 * prints as a sheet.
 */
describe('the announcement board', () => {
  let t: TestRuntime;
  let s: SmallSchool;
  type Person = keyof SmallSchool['tokens'];
  const titles = async (person: Person, scope: 'current' | 'all' = 'current') =>
    (await t.call('board.list', { scope }, s.tokens[person])).items.map((a) => a.title);

  beforeAll(async () => {
    t = await createTestRuntime();
    s = await buildSmallSchool(t);
  });
  afterAll(() => t.close());

  it('an announcement to all staff is on everyone’s start screen while it is valid, and on the board after', async () => {
    await t.call('board.save', { title: 'Субботник', body: 'В субботу, 28.11, общешкольный субботник с 10:00.', audience: 'all', fromDate: '2026-11-20', toDate: '2026-11-28' }, s.tokens.deputy);
    await t.call('board.save', { title: 'Итоги олимпиады', body: 'Итоги школьного этапа вывешены у учительской.', audience: 'all', fromDate: '2026-11-02', toDate: '2026-11-06' }, s.tokens.deputy);
    for (const person of ['admin', 'director', 'deputy', 'secretary', 'ivanova', 'petrova', 'sidorov'] as const) {
      expect(await titles(person), person).toContain('Субботник');
      expect(await titles(person), person).not.toContain('Итоги олимпиады');
      expect(await titles(person, 'all'), person).toContain('Итоги олимпиады');
    }
  });

  it('a class teacher announces a parents’ meeting to her class’s teachers: those who teach there see it, others do not', async () => {
    const a = await t.call(
      'board.save',
      { title: 'Родительское собрание 5А', body: 'Собрание в среду, 25.11, в 18:00, каб. 12. Прошу быть учителей-предметников.', audience: 'class', classId: s.classes.c5a, fromDate: '2026-11-23', toDate: '2026-11-25', pinned: true },
      s.tokens.petrova,
    );
    expect(a).toMatchObject({ audienceText: 'Учителям 5А класса', authorName: 'Петрова Мария Ивановна', mayEdit: true, pinned: true });
    // Иванова teaches mathematics in 5А; the administration sees the whole board.
    for (const person of ['petrova', 'ivanova', 'deputy', 'director', 'admin'] as const) expect(await titles(person), person).toContain('Родительское собрание 5А');
    // Сидоров teaches only in 1А; the secretary teaches nowhere.
    for (const person of ['sidorov', 'secretary'] as const) expect(await titles(person, 'all'), person).not.toContain('Родительское собрание 5А');
    // Pinned first.
    expect((await titles('ivanova'))[0]).toBe('Родительское собрание 5А');
  });

  it('a parallel: the teachers of every class of that grade', async () => {
    await t.call('board.save', { title: 'Первоклассники', body: 'Адаптационный период: без домашних заданий.', audience: 'grade', gradeLevel: 1, fromDate: '2026-11-23', toDate: '2026-11-30' }, s.tokens.deputy);
    expect(await titles('sidorov')).toContain('Первоклассники');
    expect(await titles('ivanova')).not.toContain('Первоклассники');
  });

  it('a class teacher announces to her own class only; the deputy to anyone; another teacher changes nothing of it', async () => {
    const toAll = await t.fail('board.save', { title: 'Всем', body: 'Текст', audience: 'all', fromDate: '2026-11-23', toDate: '2026-11-23' }, s.tokens.petrova);
    expect(toAll).toMatchObject({ code: 'FORBIDDEN', message: 'Классный руководитель объявляет учителям своего класса; объявления для всех сотрудников и параллелей публикует заместитель директора.' });
    expect((await t.fail('board.save', { title: 'Чужой класс', body: 'Текст', audience: 'class', classId: s.classes.c6a, fromDate: '2026-11-23', toDate: '2026-11-23' }, s.tokens.petrova)).code).toBe('FORBIDDEN');
    const mine = (await t.call('board.list', { scope: 'all' }, s.tokens.ivanova)).items.find((a) => a.title === 'Родительское собрание 5А')!;
    expect(mine.mayEdit).toBe(false);
    expect((await t.fail('board.remove', { id: mine.id }, s.tokens.ivanova)).code).toBe('FORBIDDEN');
    // The secretary has no permission to publish at all.
    expect((await t.fail('board.remove', { id: mine.id }, s.tokens.secretary)).code).toBe('FORBIDDEN');
  });

  it('refuses dates the wrong way round and a span outside the school year, in Russian, by field', async () => {
    const back = await t.fail('board.save', { title: 'x', body: 'x', audience: 'all', fromDate: '2026-11-25', toDate: '2026-11-23' }, s.tokens.deputy);
    expect(back).toMatchObject({ code: 'VALIDATION', details: { fields: { toDate: 'Дата окончания раньше даты начала' } } });
    const summer = await t.fail('board.save', { title: 'x', body: 'x', audience: 'all', fromDate: '2027-05-25', toDate: '2027-06-10' }, s.tokens.deputy);
    expect(summer).toMatchObject({ code: 'VALIDATION', message: 'Объявление должно помещаться в учебный год 2026/2027 (01.09.2026 – 31.05.2027).' });
    const noClass = await t.fail('board.save', { title: 'x', body: 'x', audience: 'class', fromDate: '2026-11-23', toDate: '2026-11-23' }, s.tokens.deputy);
    expect(noClass).toMatchObject({ code: 'VALIDATION', details: { fields: { classId: 'Выберите класс' } } });
  });

  it('the deputy announces the day’s changes in one click; a second click brings the same announcement up to date', async () => {
    const empty = await t.fail('board.announceChanges', { date: '2026-11-25' }, s.tokens.deputy);
    expect(empty).toMatchObject({ code: 'VALIDATION', message: 'На 25.11.2026 (среда) изменений в расписании нет: объявлять нечего.' });

    await t.call('substitutions.apply', { lessonId: s.lessons.maths5a.id, kind: 'substitute', substituteStaffId: s.staff.sidorov, confirm: true }, s.tokens.deputy);
    const first = await t.call('board.announceChanges', { date: '2026-11-23' }, s.tokens.deputy);
    expect(first).toMatchObject({ title: 'Изменения в расписании на 23.11.2026 (понедельник)', audience: 'all', fromDate: '2026-11-23', toDate: '2026-11-23', pinned: true, updated: false });
    expect(first.body).toMatch(/^Сидоров О\.Н\., 2-й урок: Замена: 5А, Математика \(по расписанию — Иванова А\.П\.\)/);
    // Every teacher sees it on the start screen that day.
    expect((await titles('petrova'))[0]).toBe('Изменения в расписании на 23.11.2026 (понедельник)');

    await t.call('substitutions.apply', { lessonId: s.lessons.russian5a.id, kind: 'cancel', confirm: true }, s.tokens.deputy);
    const second = await t.call('board.announceChanges', { date: '2026-11-23' }, s.tokens.deputy);
    expect(second).toMatchObject({ id: first.id, updated: true });
    expect(second.body.split('\n')).toHaveLength(2);
    expect(second.body).toContain('Урок 5А (Русский язык) отменён');
    expect((await titles('deputy', 'all')).filter((x) => x.startsWith('Изменения в расписании на 23.11.2026'))).toHaveLength(1);
    // A teacher cannot announce the changes.
    expect((await t.fail('board.announceChanges', { date: '2026-11-23' }, s.tokens.ivanova)).code).toBe('FORBIDDEN');
  });

  it('prints an announcement as a sheet of the report engine, for those it concerns', async () => {
    const a = (await t.call('board.list', { scope: 'all' }, s.tokens.petrova)).items.find((x) => x.title === 'Родительское собрание 5А')!;
    const file = await t.call('board.print', { id: a.id }, s.tokens.ivanova);
    expect(file).toMatchObject({ fileName: 'Объявление Родительское собрание 5А.pdf', mime: 'application/pdf' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-board-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.pdf'), Buffer.from(file.base64, 'base64'));
      const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain('Родительское собрание 5А');
      expect(text).toContain('Собрание в среду, 25.11, в 18:00, каб. 12.');
      expect(text).toMatch(/Для кого:\s+Учителям 5А класса/);
      expect(text).toMatch(/Действует:\s+с 23\.11\.2026 по 25\.11\.2026/);
      expect(text).toContain('М.И. Петрова');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // Сидоров is not among those it concerns: for him it is not there.
    expect((await t.fail('board.print', { id: a.id }, s.tokens.sidorov)).code).toBe('NOT_FOUND');
  });

  it('the deputy takes an announcement down: it leaves every screen', async () => {
    const a = (await t.call('board.list', { scope: 'all' }, s.tokens.deputy)).items.find((x) => x.title === 'Субботник')!;
    await t.call('board.remove', { id: a.id }, s.tokens.deputy);
    expect(await titles('ivanova', 'all')).not.toContain('Субботник');
  });
});
