import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { ChangePrintEntity } from '../../../main/core/db/entities/changes';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { pdfText } from '../reports/pdf-tools';
import { buildSubSchool, type SubSchool } from './fixture';

describe('the day’s changes', () => {
  let t: TestRuntime;
  let s: SubSchool;

  beforeAll(async () => {
    t = await createTestRuntime();
    s = await buildSubSchool(t);
    const d = s.tokens.deputy;
    await t.call('substitutions.saveAbsence', { staffId: s.staff.ivanova, fromDate: '2026-11-23', toDate: '2026-11-23', reason: 'illness' }, d);
    await t.call('substitutions.apply', { lessonId: s.lessons['mon.5a.2'].id, kind: 'substitute', substituteStaffId: s.staff.smirnova }, d);
    await t.call('substitutions.apply', { lessonId: s.lessons['mon.5b.4'].id, kind: 'merge', mergedWithLessonId: s.lessons['mon.5v.4'].id }, d);
    await t.call('substitutions.apply', { lessonId: s.lessons['mon.5a.4'].id, kind: 'room_change', newRoomId: s.rooms.r12 }, d);
    // Tuesday's PE of 5А comes to Monday's 5th.
    await t.call('substitutions.move', { lessonId: s.lessons['tue.5a.2'].id, toDate: '2026-11-23', toLessonNo: 5 }, d);
  });
  afterAll(() => t.close());

  it('lists them per class (was, is, room) and per teacher (what to do)', async () => {
    const c = await t.call('substitutions.changes', { date: '2026-11-23' }, s.tokens.petrova);
    expect(c.classes.map((r) => [r.classLabel, r.lessonNo, r.was, r.now, r.room, r.changed])).toEqual([
      ['5А', 2, 'Математика — Иванова А.П.', 'Математика — Смирнова Е.В. (замена)', '11', false],
      ['5А', 4, 'Английский язык — Белова Д.А.', 'Английский язык — Белова Д.А., другой кабинет', '12 (вместо 11)', false],
      ['5А', 5, '—', 'Физическая культура — Волков С.П. (перенесён с 24.11, 2-й урок)', 'Спортзал', false],
      ['5Б', 4, 'Математика — Иванова А.П.', 'Объединение с 5В: Математика — Кузнецов И.И.', '13 (вместо 12)', false],
    ]);
    expect(c.teachers.map((r) => [r.teacher, r.lessonNo, r.classLabel, r.todo])).toEqual([
      ['Белова Д.А.', 4, '5А', 'Урок 5А (Английский язык) в кабинете 12 вместо 11'],
      ['Волков С.П.', 5, '5А', 'Урок 5А (Физическая культура) перенесён сюда с 24.11, 2-й урок; кабинет Спортзал'],
      ['Кузнецов И.И.', 4, '5Б', 'Объединение: к уроку 5В присоединяется 5Б (Математика), кабинет 13'],
      ['Смирнова Е.В.', 2, '5А', 'Замена: 5А, Математика (по расписанию — Иванова А.П.), кабинет 11'],
    ]);
    // Tuesday shows where its lesson went.
    const tue = await t.call('substitutions.changes', { date: '2026-11-24' }, s.tokens.deputy);
    expect(tue.classes.map((r) => [r.classLabel, r.lessonNo, r.now])).toEqual([['5А', 2, 'Перенесён на 23.11, 5-й урок']]);
    expect(c.lastPrinted).toEqual({ class: null, teacher: null });
  });

  it('prints them, and marks what changed after the print', async () => {
    t.clock.advance(60_000);
    const file = await t.call('substitutions.printChanges', { date: '2026-11-23', scope: 'both', format: 'pdf' }, s.tokens.deputy);
    const text = pdfText(Buffer.from(file.base64, 'base64'));
    expect(text).toContain('Замены на дату');
    expect(text).toContain('23.11.2026, понедельник');
    expect(text).toContain('По учителям');
    const em = t.runtime.database().manager;
    expect(await em.count(ChangePrintEntity, { where: { date: '2026-11-23' } })).toBe(2);

    const after = await t.call('substitutions.changes', { date: '2026-11-23' }, s.tokens.deputy);
    expect(after.classes.every((r) => !r.changed)).toBe(true);
    expect(after.lastPrinted.class).toBe(t.clock.now().toISOString());

    // Five minutes later 5Б's lesson is cancelled instead, and Смирнова's substitution is taken back.
    t.clock.advance(300_000);
    await t.call('substitutions.apply', { lessonId: s.lessons['mon.5b.4'].id, kind: 'cancel', confirm: true }, s.tokens.deputy);
    await t.call('substitutions.remove', { lessonId: s.lessons['mon.5a.2'].id }, s.tokens.deputy);
    const later = await t.call('substitutions.changes', { date: '2026-11-23' }, s.tokens.deputy);
    expect(later.classes.map((r) => [r.classLabel, r.lessonNo, r.now, r.changed])).toEqual([
      ['5А', 2, 'Математика — Иванова А.П. (по расписанию, изменение отменено)', true],
      ['5А', 4, 'Английский язык — Белова Д.А., другой кабинет', false],
      ['5А', 5, 'Физическая культура — Волков С.П. (перенесён с 24.11, 2-й урок)', false],
      ['5Б', 4, 'Урок отменён', true],
    ]);
    // Кузнецов's posted line said 5Б joins his lesson: he is told it no longer does.
    expect(later.teachers.filter((r) => r.changed).map((r) => [r.teacher, r.todo])).toEqual([
      ['Иванова А.П.', 'Урок 5А (Математика) — по расписанию'],
      ['Кузнецов И.И.', 'Изменено: 5Б (Математика) — урок отменён'],
      ['Смирнова Е.В.', 'Замена отменена: 5А (Математика) ведёт Иванова А.П.'],
    ]);
  });

  it('marks the changed lines with a sign in the XLSX preview too, and a new print of one list clears its marks only', async () => {
    const preview = await t.call('reports.build', { report: { kind: 'substitutionChanges', date: '2026-11-23', scope: 'class' }, format: 'xlsx' }, s.tokens.deputy);
    const book = XLSX.read(Buffer.from(preview.file!.base64, 'base64'), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<(string | number)[]>(book.Sheets[book.SheetNames[0]], { header: 1 });
    expect(rows.filter((r) => r[0] === '●').map((r) => [r[1], r[2]])).toEqual([
      ['5А', 2],
      ['5Б', 4],
    ]);
    const file = await t.call('substitutions.printChanges', { date: '2026-11-23', scope: 'class', format: 'xlsx' }, s.tokens.deputy);
    expect(file.fileName).toBe('Замены на 23.11.2026.xlsx');
    const now = await t.call('substitutions.changes', { date: '2026-11-23' }, s.tokens.deputy);
    // The class list was printed again; the teachers' list was not.
    expect(now.classes.filter((r) => r.changed)).toEqual([]);
    expect(now.teachers.filter((r) => r.changed).length).toBe(3);
  });

  it('is only printed by the deputy', async () => {
    const e = await t.fail('substitutions.printChanges', { date: '2026-11-23', scope: 'class', format: 'pdf' }, s.tokens.director);
    expect(e.code).toBe('FORBIDDEN');
  });
});
