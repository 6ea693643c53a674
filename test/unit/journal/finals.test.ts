import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FinalMarkEntity } from '../../../main/core/db/entities/journal';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';
import { addLesson, loginAt } from './helpers';

describe('final marks (seed 001 §6.3–6.4, seed 003 §5.2–5.3)', () => {
  let t: TestRuntime;
  let s: SmallSchool;
  beforeEach(async () => {
    t = await createTestRuntime({ now: '2026-11-23T07:00:00.000Z' });
    s = await buildSmallSchool(t);
    // Алексеев in the II quarter: classwork 5, 4 and a control work 3 (×2): plain 4,00, weighted 15 / 4 = 3,75.
    await t.call('journal.setMarks', { entries: [{ lessonId: s.lessons.maths5a.id, studentId: s.students.first, text: '5/4' }] }, s.tokens.ivanova);
    await t.call('journal.setMark', { lessonId: s.lessons.maths5a.id, studentId: s.students.first, value: '3', workTypeId: s.workTypes.control }, s.tokens.ivanova);
  });
  afterEach(() => t.close());

  const ref = () => ({ classId: s.classes.c5a, subjectId: s.subjects.maths });
  const finals = (token = s.tokens.ivanova) => t.call('journal.getFinalMarks', ref(), token);
  const setFinal = (token: string, value: string | null, periodId: string | null = s.periods.q2, reason?: string) =>
    t.call('journal.setFinalMark', { ...ref(), studentId: s.students.first, periodId, value, reason }, token);
  const setting = (key: string, value: unknown) => t.call('settings.set', { key, value }, s.tokens.admin);

  it('suggests from the weighted average by the school’s rounding rule, and warns of too few marks', async () => {
    const q2 = (await finals()).students[0].cells[s.periods.q2];
    expect(q2).toMatchObject({ average: 4, weighted: 3.75, count: 3, minimum: 5, value: null });
    expect(q2.suggestion.value).toBe('4');
    expect(q2.suggestion.warnings).toEqual([
      { code: 'fewMarks', message: 'Мало отметок: 3 отметки при необходимых 5 (при 4 ч в неделю).' },
    ]);
    await setting('grading.roundingThreshold', 80);
    expect((await finals()).students[0].cells[s.periods.q2].suggestion.value).toBe('3');
    // In the student's favour: the plain average 4,00 is the higher one.
    await setting('grading.roundInFavour', true);
    expect((await finals()).students[0].cells[s.periods.q2].suggestion).toMatchObject({ value: '4', basis: 4 });
    await setting('grading.minMarksQuarter', 1);
    await setting('grading.minMarksPerExtraHour', 0);
    expect((await finals()).students[0].cells[s.periods.q2].suggestion.warnings).toEqual([]);
  });

  it('never overwrites a mark the teacher set: the set mark and the suggestion stand side by side', async () => {
    await setFinal(s.tokens.ivanova, '5');
    const cell = (await finals()).students[0].cells[s.periods.q2];
    expect(cell).toMatchObject({ value: '5', late: false, suggestion: { value: '4' } });
  });

  it('takes the special values н/а and осв., and refuses marks outside the subject’s system', async () => {
    await setFinal(s.tokens.ivanova, 'н/а');
    await setFinal(s.tokens.ivanova, 'осв.');
    expect((await t.runtime.database().manager.findOneByOrFail(FinalMarkEntity, { studentId: s.students.first })).value).toBe('осв.');
    const error = await t.fail('journal.setFinalMark', { ...ref(), studentId: s.students.first, periodId: s.periods.q2, value: 'зач' }, s.tokens.ivanova);
    expect(error.message).toBe('Итоговая отметка «зач» невозможна: по предмету «Математика» выставляется «5», «4», «3», «2», «н/а», «осв.».');
  });

  it('flags a mark set later than two days before the quarter ends, and asks for a reason to change it then', async () => {
    await setFinal(s.tokens.ivanova, '4');
    const dec27 = await loginAt(t, 'ivanova.ap', '2026-12-27T07:00:00.000Z');
    const before = (await finals(dec27)).students[1].cells[s.periods.q2];
    expect(before.suggestion.warnings.map((w) => w.code)).toEqual(['noMarks']);
    const late = await t.call('journal.setFinalMark', { ...ref(), studentId: s.students.second, periodId: s.periods.q2, value: 'н/а' }, dec27);
    expect(late).toMatchObject({ value: 'н/а', late: true });
    expect((await finals(dec27)).students[1].cells[s.periods.q2].suggestion.warnings.at(-1)).toEqual({
      code: 'late',
      message: 'Выставлена позже срока: не позднее 26.12.2026.',
    });
    const refused = await t.fail('journal.setFinalMark', { ...ref(), studentId: s.students.first, periodId: s.periods.q2, value: '5' }, dec27);
    expect(refused).toMatchObject({ code: 'VALIDATION', details: { needsReason: true } });
    await setFinal(dec27, '5', s.periods.q2, 'Ученик исправил контрольную работу');
  });

  it('suggests the year mark from the period marks', async () => {
    await addLesson(t, s, { date: '2026-10-05', lessonNo: 1 });
    await setFinal(s.tokens.ivanova, '5', s.periods.q1);
    await setFinal(s.tokens.ivanova, '4', s.periods.q2);
    const year = (await finals()).students[0].cells.year;
    expect(year.suggestion).toMatchObject({ value: '5', basis: 4.5 });
    expect(year.suggestion.warnings[0]).toEqual({ code: 'missingPeriods', message: 'Не выставлены отметки за: III четверть, IV четверть.' });
    await setting('grading.roundingThreshold', 65);
    expect((await finals()).students[0].cells.year.suggestion.value).toBe('4');
  });

  it('gives no final marks in grade 1, and none to a teacher who does not teach the page', async () => {
    const first = await t.fail('journal.setFinalMark', { classId: s.classes.c1a, subjectId: s.subjects.maths, studentId: s.students.first, periodId: s.periods.q2, value: '5' }, s.tokens.sidorov);
    expect(first.message).toBe('В 1 классе отметки не ставятся: ведётся только учёт посещаемости и записи тем уроков.');
    expect((await t.fail('journal.setFinalMark', { ...ref(), studentId: s.students.first, periodId: s.periods.q2, value: '5' }, s.tokens.petrova)).code).toBe('FORBIDDEN');
    expect((await finals(s.tokens.petrova)).canEdit).toBe(false);
  });

  it('does not take a mark for a quarter that has not begun', async () => {
    const error = await t.fail('journal.setFinalMark', { ...ref(), studentId: s.students.first, periodId: s.periods.q3, value: '5' }, s.tokens.ivanova);
    expect(error.message).toBe('III четверть ещё не началась: итоговую отметку ставить рано.');
  });
});
