import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FinalMarkEntity } from '../../../main/core/db/entities/journal';
import { ClassMembershipEntity } from '../../../main/core/db/entities/contingent';
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
  const setting = (key: string, value: unknown, token = s.tokens.admin) => t.call('settings.set', { key, value }, token);

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
    await setFinal(s.tokens.ivanova, '5', s.periods.q2, 'Переводится в другую школу с 01.12');
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
    await setFinal(s.tokens.ivanova, '4', s.periods.q2, 'Длительное лечение с 25.11');
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

  it('suggests the year mark from the period marks, in the year’s last weeks only — not in November', async () => {
    await addLesson(t, s, { date: '2026-10-05', lessonNo: 1 });
    await setFinal(s.tokens.ivanova, '5', s.periods.q1, 'Выставлена с опозданием по болезни учителя');
    await setFinal(s.tokens.ivanova, '4', s.periods.q2, 'Переводится в другую школу');
    const november = await finals();
    expect(november.columns.find((c) => c.id === 'year')).toMatchObject({ early: true, windowStart: '2027-05-12' });
    expect(november.students[0].cells.year.suggestion.value).toBeNull();
    const may = await loginAt(t, 'ivanova.ap', '2027-05-12T07:00:00.000Z');
    const year = (await finals(may)).students[0].cells.year;
    expect(year.suggestion).toMatchObject({ value: '5', basis: 4.5 });
    expect(year.suggestion.warnings[0]).toEqual({ code: 'missingPeriods', message: 'Не выставлены отметки за: III четверть, IV четверть.' });
    await setting('grading.roundingThreshold', 65, await loginAt(t, 'admin', '2027-05-12T07:00:00.000Z'));
    expect((await finals(may)).students[0].cells.year.suggestion.value).toBe('4');
  });

  it('asks, before the quarter’s last two weeks and on too few marks, for a clear confirmation with the reason', async () => {
    // Monday 23.11; the II quarter ends on 28.12; Алексеев has 3 marks where 5 are needed at 4 h a week.
    const early = await t.fail('journal.setFinalMark', { ...ref(), studentId: s.students.first, periodId: s.periods.q2, value: '4' }, s.tokens.ivanova);
    expect(early).toMatchObject({ code: 'VALIDATION', details: { needsReason: true, confirm: true } });
    expect(early.message).toBe(
      'II четверть заканчивается 28.12.2026: итоговые отметки выставляются в последние недели периода, с 14.12.2026. ' +
        'Отметок за II четверть: 3, а нужно не менее 5. Чтобы выставить «4» сейчас, подтвердите это и укажите причину.',
    );
    expect(await t.runtime.database().manager.countBy(FinalMarkEntity, { studentId: s.students.first })).toBe(0);
    // In the last weeks only the marks are doubtful; with enough of them nothing is asked.
    const dec14 = await loginAt(t, 'ivanova.ap', '2026-12-14T07:00:00.000Z');
    const few = await t.fail('journal.setFinalMark', { ...ref(), studentId: s.students.first, periodId: s.periods.q2, value: '4' }, dec14);
    expect(few.message).toBe('Отметок за II четверть: 3, а нужно не менее 5. Чтобы выставить «4» сейчас, подтвердите это и укажите причину.');
    // «н/а» says there is no mark: no confirmation.
    expect(await t.call('journal.setFinalMark', { ...ref(), studentId: s.students.second, periodId: s.periods.q2, value: 'н/а' }, dec14)).toMatchObject({ value: 'н/а' });
    // Confirmed with the reason: saved, and the reason kept with the change.
    await t.call('journal.setFinalMark', { ...ref(), studentId: s.students.first, periodId: s.periods.q2, value: '4', reason: 'Контрольная работа написана на «4», устный ответ' }, dec14);
    const events = await t.runtime.database().query(`SELECT reason FROM audit_events WHERE entity = 'FinalMark' AND reason IS NOT NULL`);
    expect(events).toEqual([{ reason: 'Контрольная работа написана на «4», устный ответ' }]);
    const admin = await loginAt(t, 'admin', '2026-12-14T07:00:00.000Z');
    await setting('grading.minMarksQuarter', 1, admin);
    await setting('grading.minMarksPerExtraHour', 0, admin);
    expect(await t.call('journal.setFinalMark', { ...ref(), studentId: s.students.first, periodId: s.periods.q2, value: '5' }, dec14)).toMatchObject({ value: '5' });
  });

  it('shows a student who left as «выбыл 16.11.2026», with no suggestion and no mark for the quarter he left in', async () => {
    // Борисов left 5А on 16.11 (his last day on the roll was 15.11); Алексеев stays.
    await t.runtime.transact({ userId: null, method: 'test.fixture' }, async (write, em) => {
      const m = await em.findOneByOrFail(ClassMembershipEntity, { studentId: s.students.second });
      await write.update(ClassMembershipEntity, m.id, { toDate: '2026-11-15' });
    });
    await t.call('journal.setMark', { lessonId: (await addLesson(t, s, { date: '2026-11-10', lessonNo: 1 })).id, studentId: s.students.second, value: '5' }, s.tokens.ivanova);
    const page = await finals();
    const borisov = page.students.find((x) => x.id === s.students.second)!;
    expect(borisov.leftText).toBe('выбыл 16.11.2026');
    expect(borisov.cells[s.periods.q2]).toMatchObject({ lockedReason: 'Выбыл 16.11.2026: итоговая отметка за II четверть не ставится.', suggestion: { value: null } });
    expect(borisov.cells.year).toMatchObject({ lockedReason: 'Выбыл 16.11.2026: итоговая отметка за год не ставится.', suggestion: { value: null } });
    // The I quarter ended before he left: its mark is his.
    expect(borisov.cells[s.periods.q1].lockedReason).toBeNull();
    const refused = await t.fail('journal.setFinalMark', { ...ref(), studentId: s.students.second, periodId: s.periods.q2, value: '5', reason: 'Проверка' }, s.tokens.ivanova);
    expect(refused.message).toBe('Борисов Глеб. Выбыл 16.11.2026: итоговая отметка за II четверть не ставится.');
    expect(page.students.find((x) => x.id === s.students.first)!.leftText).toBeNull();
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
