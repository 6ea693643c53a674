import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AttendanceEntity } from '../../../main/core/db/entities/journal';
import { AuditEventEntity } from '../../../main/core/db/entities/system';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';
import { loginAt } from './helpers';

/** Seed 000 §3.3: the class teacher «еженедельно … корректирует сведения о пропущенных уроках». */
describe('the class teacher’s attendance week', () => {
  let t: TestRuntime;
  let s: SmallSchool;
  beforeEach(async () => {
    t = await createTestRuntime({ now: '2026-11-23T07:00:00.000Z' });
    s = await buildSmallSchool(t);
    await t.call('journal.setMarks', { entries: [
      { lessonId: s.lessons.maths5a.id, studentId: s.students.first, text: 'н' },
      { lessonId: s.lessons.maths5a.id, studentId: s.students.second, text: 'оп' },
    ] }, s.tokens.ivanova);
    await t.call('journal.setAttendance', { lessonId: s.lessons.russian5a.id, studentId: s.students.first, code: 'absent' }, s.tokens.petrova);
  });
  afterEach(() => t.close());

  const week = (token = s.tokens.petrova) => t.call('attendance.getWeek', { classId: s.classes.c5a, weekStart: '2026-11-23' }, token);
  const em = () => t.runtime.database().manager;

  it('shows every lesson of every subject in the week, the absences and the totals per student', async () => {
    const w = await week();
    expect(w).toMatchObject({ className: '5А', canEdit: true, days: ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28'] });
    expect(w.lessons.map((l) => [l.date, l.lessonNo, l.subject])).toEqual([
      ['2026-11-23', 2, 'Мат.'],
      ['2026-11-23', 3, 'Рус.'],
      ['2026-11-24', 2, 'Мат.'],
    ]);
    expect(w.students.map((x) => [x.name, x.totals])).toEqual([
      ['Алексеев Артём', { absent: 2, illness: 0, valid: 0, invalid: 0, unexplained: 2, late: 0 }],
      ['Борисов Глеб', { absent: 0, illness: 0, valid: 0, invalid: 0, unexplained: 0, late: 1 }],
    ]);
  });

  it('enters a reason once for a span, with the document, and every absence in it takes it', async () => {
    const r = await t.call('attendance.setReasons', {
      classId: s.classes.c5a, studentId: s.students.first, fromDate: '2026-11-23', toDate: '2026-11-24',
      kind: 'illness', note: 'ОРВИ', document: 'Справка № 15 от 25.11.2026',
    }, s.tokens.petrova);
    expect(r.absences).toBe(2);
    const w = await week();
    expect(w.students[0].totals).toMatchObject({ absent: 2, illness: 2, unexplained: 0 });
    expect(w.reasons).toEqual([expect.objectContaining({ kind: 'illness', document: 'Справка № 15 от 25.11.2026' })]);
    const rows = await em().find(AttendanceEntity, { where: { studentId: s.students.first } });
    expect(rows.map((a) => [a.reasonKind, a.reasonNote])).toEqual([
      ['illness', 'ОРВИ; Справка № 15 от 25.11.2026'],
      ['illness', 'ОРВИ; Справка № 15 от 25.11.2026'],
    ]);
    // An absence marked later in the span takes the reason already entered.
    const tuesday = await loginAt(t, 'sidorov.on', '2026-11-24T09:00:00.000Z');
    await t.call('journal.setAttendance', { lessonId: s.lessons.substituted5a.id, studentId: s.students.first, code: 'absent' }, tuesday);
    const petrova = await loginAt(t, 'petrova.mi', '2026-11-24T09:00:00.000Z');
    expect((await week(petrova)).students[0].totals).toMatchObject({ absent: 3, illness: 3 });
    await t.call('attendance.removeReason', { id: r.id, classId: s.classes.c5a }, petrova);
    expect((await week(petrova)).students[0].totals).toMatchObject({ absent: 3, illness: 0, unexplained: 3 });
  });

  it('lets only the class teacher enter reasons; the director and the deputy see the week', async () => {
    const before = await em().count(AuditEventEntity);
    const params = { classId: s.classes.c5a, studentId: s.students.first, fromDate: '2026-11-23', toDate: '2026-11-23', kind: 'valid' as const };
    const teacher = await t.fail('attendance.setReasons', params, s.tokens.ivanova);
    expect(teacher).toMatchObject({ code: 'FORBIDDEN', message: 'Причины пропусков вносит классный руководитель этого класса.' });
    expect((await t.fail('attendance.setReasons', params, s.tokens.director)).code).toBe('FORBIDDEN');
    expect(await em().count(AuditEventEntity)).toBe(before);
    expect((await week(s.tokens.director)).canEdit).toBe(false);
    expect((await week(s.tokens.deputy)).students).toHaveLength(2);
    expect((await t.fail('attendance.getWeek', { classId: s.classes.c5a, weekStart: '2026-11-23' }, s.tokens.sidorov)).code).toBe('FORBIDDEN');
  });

  it('asks for a week that starts on Monday and a span that does not end before it starts', async () => {
    expect((await t.fail('attendance.getWeek', { classId: s.classes.c5a, weekStart: '2026-11-24' }, s.tokens.petrova)).message).toContain('Неделя начинается с понедельника');
    const error = await t.fail('attendance.setReasons', {
      classId: s.classes.c5a, studentId: s.students.first, fromDate: '2026-11-24', toDate: '2026-11-23', kind: 'valid',
    }, s.tokens.petrova);
    expect(error).toMatchObject({ code: 'VALIDATION', details: { fields: { toDate: 'Не раньше даты начала' } } });
  });
});

describe('the student’s diary for a week', () => {
  let t: TestRuntime;
  let s: SmallSchool;
  beforeEach(async () => {
    t = await createTestRuntime({ now: '2026-11-23T07:00:00.000Z' });
    s = await buildSmallSchool(t);
  });
  afterEach(() => t.close());

  it('shows each day’s lessons with topic, homework, the student’s marks and absences', async () => {
    await t.call('journal.setLessonText', { lessonId: s.lessons.maths5a.id, topic: 'Сложение дробей', homework: '№ 245, 247' }, s.tokens.ivanova);
    await t.call('journal.setMarks', { entries: [{ lessonId: s.lessons.maths5a.id, studentId: s.students.first, text: '5/4' }] }, s.tokens.ivanova);
    await t.call('journal.setAttendance', { lessonId: s.lessons.russian5a.id, studentId: s.students.first, code: 'late' }, s.tokens.petrova);
    const d = await t.call('diary.getWeek', { studentId: s.students.first, weekStart: '2026-11-23' }, s.tokens.petrova);
    expect(d).toMatchObject({ student: { name: 'Алексеев Артём' }, className: '5А', monday: '2026-11-23', saturday: '2026-11-28' });
    expect(d.days[0].lessons.map((l) => [l.lessonNo, l.subject, l.topic, l.homework, l.marks.map((m) => m.value).join('/'), l.attendance])).toEqual([
      [2, 'Математика', 'Сложение дробей', '№ 245, 247', '5/4', null],
      [3, 'Русский язык', null, null, '', 'late'],
    ]);
    expect(d.days[1].lessons.map((l) => l.subject)).toEqual(['Математика']);
    expect(d.days[2].lessons).toEqual([]);
    expect((await t.fail('diary.getWeek', { studentId: s.students.first, weekStart: '2026-11-23' }, s.tokens.ivanova)).code).toBe('FORBIDDEN');
  });

  it('prints the week as an A4 PDF through the report engine', async () => {
    // A file may leave the school: only for a student whose parents consented (contingent/README.md).
    await t.call('contingent.setConsent', { studentId: s.students.first, status: 'given', date: '2026-09-01' }, s.tokens.admin);
    const file = await t.call('diary.pdf', { studentId: s.students.first, weekStart: '2026-11-23' }, s.tokens.petrova);
    expect(file).toMatchObject({ fileName: 'Дневник Алексеев Артём 2026-11-23.pdf', mime: 'application/pdf' });
    expect(Buffer.from(file.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('«Мои уроки»: the teacher’s day', () => {
  let t: TestRuntime;
  let s: SmallSchool;
  beforeEach(async () => {
    t = await createTestRuntime({ now: '2026-11-23T07:00:00.000Z' });
    s = await buildSmallSchool(t);
  });
  afterEach(() => t.close());

  it('lists today’s lessons with what is not filled in yet, until it is', async () => {
    const before = await t.call('journal.myLessons', {}, s.tokens.ivanova);
    expect(before.lessons.map((l) => [l.lessonNo, l.className, l.subjectName, l.missing])).toEqual([
      [2, '5А', 'Математика', ['тема', 'посещаемость', 'домашнее задание']],
    ]);
    await t.call('journal.setLessonText', { lessonId: s.lessons.maths5a.id, topic: 'Дроби', homework: '№ 1' }, s.tokens.ivanova);
    await t.call('journal.confirmAttendance', { lessonId: s.lessons.maths5a.id }, s.tokens.ivanova);
    expect((await t.call('journal.myLessons', {}, s.tokens.ivanova)).lessons[0].missing).toEqual([]);
    // Grade 1 needs no homework; a substitute sees the lesson they cover, marked as such.
    expect((await t.call('journal.myLessons', {}, s.tokens.sidorov)).lessons[0].missing).toEqual(['тема', 'посещаемость']);
    const tuesday = await t.call('journal.myLessons', { date: '2026-11-24' }, s.tokens.sidorov);
    expect(tuesday.lessons.map((l) => [l.className, l.substituted])).toEqual([['5А', true]]);
    expect((await t.call('journal.myLessons', { date: '2026-11-24' }, s.tokens.ivanova)).lessons).toEqual([]);
  });
});
