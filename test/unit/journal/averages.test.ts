import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';
import { addLesson } from './helpers';

/**
 * The averages on the right of the page and the final mark they suggest,
 * worked by hand (russian_anchors §2.2–2.3). Алексеев in maths, II quarter:
 *   16.11 work in class 5 (×1), 18.11 control work 3 (×2),
 *   23.11 test 4 (×1,5) and work in class 4 (×1);
 *   plain 16 / 4 = 4,00; weighted (5 + 6 + 6 + 4) / (1 + 2 + 1,5 + 1) = 21 / 5,5 = 3,82.
 * Then a «2» in class on 23.11:
 *   plain 18 / 5 = 3,60; weighted 23 / 6,5 = 3,54.
 */
describe('the averages of a page and the suggestion they give, by hand', () => {
  let t: TestRuntime;
  let s: SmallSchool;
  beforeEach(async () => {
    t = await createTestRuntime({ now: '2026-11-23T07:00:00.000Z' });
    s = await buildSmallSchool(t);
    const mon = await addLesson(t, s, { date: '2026-11-16', lessonNo: 2 });
    const wed = await addLesson(t, s, { date: '2026-11-18', lessonNo: 2 });
    const mark = (lessonId: string, value: string, workTypeId: string) =>
      t.call('journal.setMark', { lessonId, studentId: s.students.first, value, workTypeId }, s.tokens.ivanova);
    await mark(mon.id, '5', s.workTypes.classwork);
    await mark(wed.id, '3', s.workTypes.control);
    await mark(s.lessons.maths5a.id, '4', s.workTypes.test);
    await mark(s.lessons.maths5a.id, '4', s.workTypes.classwork);
  });
  afterEach(() => t.close());

  const ref = () => ({ classId: s.classes.c5a, subjectId: s.subjects.maths });
  const setting = (key: string, value: unknown) => t.call('settings.set', { key, value }, s.tokens.admin);
  const suggestion = async () => (await t.call('journal.getFinalMarks', ref(), s.tokens.ivanova)).students[0].cells[s.periods.q2].suggestion;

  it('shows the plain 4,00 and the weighted 3,82 of four marks of different weights', async () => {
    const p = await t.call('journal.getPage', ref(), s.tokens.ivanova);
    expect(p.students[0]).toMatchObject({ average: 4, count: 4 });
    expect(p.students[0].weighted).toBeCloseTo(21 / 5.5, 10);
    expect(p.marks.filter((m) => m.studentId === s.students.first).map((m) => [m.value, m.weight])).toEqual([
      ['5', 1],
      ['3', 2],
      ['4', 1.5],
      ['4', 1],
    ]);
  });

  it('returns the new averages with the saved cell: a «2» in class gives 3,60 and 3,54', async () => {
    const r = await t.call(
      'journal.setMarks',
      { entries: [{ lessonId: s.lessons.maths5a.id, studentId: s.students.first, text: '4/4/2' }], range: { from: '2026-11-05', to: '2026-12-28' } },
      s.tokens.ivanova,
    );
    const summary = r.summaries[s.students.first];
    expect(summary).toMatchObject({ average: 3.6, count: 5 });
    expect(summary.weighted).toBeCloseTo(23 / 6.5, 10);
  });

  it('suggests the period mark from the weighted 3,54 under each rounding rule of the school', async () => {
    await t.call('journal.setMarks', { entries: [{ lessonId: s.lessons.maths5a.id, studentId: s.students.first, text: '4/4/2' }] }, s.tokens.ivanova);
    // From x,50 (the default): 3,54 → «4»; five marks at 4 h a week are enough.
    expect(await suggestion()).toMatchObject({ value: '4', warnings: [] });
    expect((await suggestion()).basis).toBeCloseTo(23 / 6.5, 10);
    // From x,60: 3,54 → «3».
    await setting('grading.roundingThreshold', 60);
    expect((await suggestion()).value).toBe('3');
    // From x,60 in the student's favour: the plain 3,60 is higher → «4».
    await setting('grading.roundInFavour', true);
    expect(await suggestion()).toMatchObject({ value: '4', basis: 3.6 });
    // From x,65 in the student's favour: 3,60 → «3».
    await setting('grading.roundingThreshold', 65);
    expect(await suggestion()).toMatchObject({ value: '3', basis: 3.6 });
  });

  it('warns of too few marks by the school’s minimum: 4 h a week need 3 + 2 = 5, the setting of 2 more per hour needs 7', async () => {
    expect((await suggestion()).warnings).toEqual([{ code: 'fewMarks', message: 'Мало отметок: 4 отметки при необходимых 5 (при 4 ч в неделю).' }]);
    await setting('grading.minMarksPerExtraHour', 0);
    expect((await suggestion()).warnings).toEqual([]);
    await setting('grading.minMarksPerExtraHour', 2);
    expect((await suggestion()).warnings[0].message).toBe('Мало отметок: 4 отметки при необходимых 7 (при 4 ч в неделю).');
  });
});
