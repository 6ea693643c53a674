import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markDeadline, isPastDeadline, isTopicLate } from '../../../main/core/journal/deadlines';
import { MarkEntity } from '../../../main/core/db/entities/journal';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';
import { addLesson, loginAt } from './helpers';

/**
 * Seed 000 §3.2: «за работу на уроке – в день проведения урока; за тестовую,
 * самостоятельную, проверочную работу – в течение двух уроков со дня
 * проведения; за лабораторную, контрольную работу, диктант – к следующему
 * уроку; за изложение, сочинение – в течение десяти дней со дня проведения».
 */
describe('the deadline of each work type (seed 000 §3.2)', () => {
  // Maths on Monday 23.11; the next lessons on Wednesday 25.11, Friday 27.11 and Monday 30.11.
  const later = ['2026-11-25', '2026-11-27', '2026-11-30'];

  it('work in class: the day of the lesson', () => {
    const d = markDeadline({ deadlineKind: 'same_day', deadlineValue: 0 }, '2026-11-23', later);
    expect(d).toBe('2026-11-23');
    expect(isPastDeadline(d, '2026-11-23')).toBe(false);
    expect(isPastDeadline(d, '2026-11-24')).toBe(true);
  });

  it('a test, independent or check work: within two lessons — by Friday’s lesson', () => {
    const d = markDeadline({ deadlineKind: 'lessons', deadlineValue: 2 }, '2026-11-23', later);
    expect(d).toBe('2026-11-27');
    expect(isPastDeadline(d, '2026-11-27')).toBe(false);
    expect(isPastDeadline(d, '2026-11-28')).toBe(true);
  });

  it('a control or laboratory work, a dictation: by the next lesson — Wednesday', () => {
    const d = markDeadline({ deadlineKind: 'lessons', deadlineValue: 1 }, '2026-11-23', later);
    expect(d).toBe('2026-11-25');
    expect(isPastDeadline(d, '2026-11-26')).toBe(true);
  });

  it('a second lesson on the same day (a double lesson) is the next lesson', () => {
    expect(markDeadline({ deadlineKind: 'lessons', deadlineValue: 1 }, '2026-11-23', ['2026-11-23', '2026-11-25'])).toBe('2026-11-23');
  });

  it('an essay or a summary: within ten days — by 03.12', () => {
    const d = markDeadline({ deadlineKind: 'days', deadlineValue: 10 }, '2026-11-23', later);
    expect(d).toBe('2026-12-03');
    expect(isPastDeadline(d, '2026-12-03')).toBe(false);
    expect(isPastDeadline(d, '2026-12-04')).toBe(true);
  });

  it('has not passed while the lesson it waits for is not in the timetable yet', () => {
    const d = markDeadline({ deadlineKind: 'lessons', deadlineValue: 2 }, '2026-11-23', ['2026-11-25']);
    expect(d).toBeNull();
    expect(isPastDeadline(d, '2027-05-31')).toBe(false);
  });
});

/**
 * Seed 003 §4.4.6: the topic and the homework are entered on the day of the
 * lesson, by 15:00 for the first shift and by 20:00 for the second; the
 * school's clock is Moscow time (UTC+3) here.
 */
describe('the deadline of the topic and the homework (seed 003 §4.4.6)', () => {
  const at = (iso: string) => new Date(iso);
  const moscow = 'Europe/Moscow';

  it('first shift: on time until 15:00 of the lesson day, late from 15:01', () => {
    expect(isTopicLate('2026-11-23', 1, at('2026-11-23T06:10:00Z'), moscow)).toBe(false); // 09:10, in the lesson
    expect(isTopicLate('2026-11-23', 1, at('2026-11-23T12:00:00Z'), moscow)).toBe(false); // 15:00
    expect(isTopicLate('2026-11-23', 1, at('2026-11-23T12:01:00Z'), moscow)).toBe(true); // 15:01
    expect(isTopicLate('2026-11-23', 1, at('2026-11-23T16:30:00Z'), moscow)).toBe(true); // 19:30
  });

  it('second shift: on time until 20:00, late from 20:01', () => {
    expect(isTopicLate('2026-11-23', 2, at('2026-11-23T12:01:00Z'), moscow)).toBe(false); // 15:01
    expect(isTopicLate('2026-11-23', 2, at('2026-11-23T16:30:00Z'), moscow)).toBe(false); // 19:30
    expect(isTopicLate('2026-11-23', 2, at('2026-11-23T17:00:00Z'), moscow)).toBe(false); // 20:00
    expect(isTopicLate('2026-11-23', 2, at('2026-11-23T17:01:00Z'), moscow)).toBe(true); // 20:01
  });

  it('is late on any later day, and never early: a topic written the evening before is on time', () => {
    expect(isTopicLate('2026-11-23', 1, at('2026-11-24T05:00:00Z'), moscow)).toBe(true); // Tuesday 08:00
    expect(isTopicLate('2026-11-23', 2, at('2026-11-24T05:00:00Z'), moscow)).toBe(true);
    expect(isTopicLate('2026-11-23', 1, at('2026-11-22T18:00:00Z'), moscow)).toBe(false); // Sunday 21:00
  });

  it('counts by the school’s clock (the school.timeZone setting): 16:30 UTC is 19:30 in Moscow and 21:30 in Yekaterinburg', () => {
    expect(isTopicLate('2026-11-23', 2, at('2026-11-23T16:30:00Z'), moscow)).toBe(false);
    expect(isTopicLate('2026-11-23', 2, at('2026-11-23T16:30:00Z'), 'Asia/Yekaterinburg')).toBe(true);
    // 22:30 UTC on the 22nd is already 01:30 on the 23rd in Moscow: the lesson day, on time.
    expect(isTopicLate('2026-11-23', 1, at('2026-11-22T22:30:00Z'), moscow)).toBe(false);
  });
});

describe('late marks and corrections after the deadline', () => {
  let t: TestRuntime;
  let s: SmallSchool;
  beforeEach(async () => {
    t = await createTestRuntime({ now: '2026-11-23T07:00:00.000Z' });
    s = await buildSmallSchool(t);
    await addLesson(t, s, { date: '2026-11-25', lessonNo: 3 });
    await addLesson(t, s, { date: '2026-11-27', lessonNo: 1 });
  });
  afterEach(() => t.close());

  const em = () => t.runtime.database().manager;
  const mark = (token: string, value: string, workTypeId: string, studentId = s.students.first) =>
    t.call('journal.setMark', { lessonId: s.lessons.maths5a.id, studentId, value, workTypeId }, token);

  // After Monday's lesson the page has lessons on Tuesday 24.11 (the substituted one), Wednesday 25.11 and Friday 27.11.

  it('on Tuesday: a classwork mark is late, a control work (by the next lesson) is on time', async () => {
    const tuesday = await loginAt(t, 'ivanova.ap', '2026-11-24T09:00:00.000Z');
    const classwork = await mark(tuesday, '4', s.workTypes.classwork);
    expect(classwork.cell.marks[0]).toMatchObject({ value: '4', late: true });
    expect((await mark(tuesday, '3', s.workTypes.control, s.students.second)).cell.marks[0]).toMatchObject({ late: false, weight: 2 });
  });

  it('a test is on time by the second lesson (Wednesday) and late on Thursday; an essay within ten days is not', async () => {
    const wednesday = await loginAt(t, 'ivanova.ap', '2026-11-25T09:00:00.000Z');
    expect((await mark(wednesday, '5', s.workTypes.test)).cell.marks[0]).toMatchObject({ value: '5', late: false, weight: 1.5 });
    const thursday = await loginAt(t, 'ivanova.ap', '2026-11-26T09:00:00.000Z');
    expect((await mark(thursday, '4', s.workTypes.test, s.students.second)).cell.marks[0].late).toBe(true);
    expect((await mark(thursday, '5', s.workTypes.essay, s.students.second)).cell.marks[1]).toMatchObject({ value: '5', late: false });
  });

  it('asks for a reason to change a mark after its deadline, and keeps the reason in the cell’s history', async () => {
    await mark(s.tokens.ivanova, '3', s.workTypes.classwork);
    // The same day: a correction needs no reason.
    await t.call('journal.setMarks', { entries: [{ lessonId: s.lessons.maths5a.id, studentId: s.students.first, text: '4' }] }, s.tokens.ivanova);
    const tuesday = await loginAt(t, 'ivanova.ap', '2026-11-24T09:00:00.000Z');
    const entry = { lessonId: s.lessons.maths5a.id, studentId: s.students.first, text: '5' };
    const refused = await t.call('journal.setMarks', { entries: [entry] }, tuesday);
    expect(refused.results[0]).toMatchObject({
      ok: false,
      needsReason: true,
      message: 'Срок выставления отметки 4 («Работа на уроке», урок 23.11.2026) истёк 23.11.2026: исправить её можно, указав причину.',
    });
    expect((await em().findOneByOrFail(MarkEntity, { studentId: s.students.first })).value).toBe('4');
    const removal = await t.fail('journal.removeMark', { markId: (await em().findOneByOrFail(MarkEntity, { studentId: s.students.first })).id }, tuesday);
    expect(removal.details).toMatchObject({ needsReason: true });
    await t.call('journal.setMarks', { entries: [entry], reason: 'Ошибка при вводе: ученик написал работу на «5»' }, tuesday);
    const director = await loginAt(t, 'director', '2026-11-24T09:00:00.000Z');
    const history = await t.call('journal.cellHistory', { lessonId: s.lessons.maths5a.id, studentId: s.students.first }, director);
    expect(history.map((h) => [h.who, h.what, h.oldValue, h.newValue, h.reason])).toEqual([
      ['Иванова А.П.', 'Отметка', null, '3 (Работа на уроке)', null],
      ['Иванова А.П.', 'Отметка', '3', '4', null],
      ['Иванова А.П.', 'Отметка', '4', '5', 'Ошибка при вводе: ученик написал работу на «5»'],
    ]);
    expect(history[2].at).toBe('2026-11-24T09:00:00.000Z');
  });
});
