import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudyPeriodEntity } from '../../../main/core/db/entities/calendar';
import { ClassMembershipEntity, StudentEntity } from '../../../main/core/db/entities/contingent';
import { ThematicPlanEntity, PlanTopicEntity } from '../../../main/core/db/entities/planning';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';
import { addLesson } from './helpers';

describe('a journal page (DOMAIN.md «Journal page»)', () => {
  let t: TestRuntime;
  let s: SmallSchool;
  beforeEach(async () => {
    t = await createTestRuntime({ now: '2026-11-23T07:00:00.000Z' });
    s = await buildSmallSchool(t);
  });
  afterEach(() => t.close());

  const page = (token: string, period?: string) =>
    t.call('journal.getPage', { classId: s.classes.c5a, subjectId: s.subjects.maths, ...(period ? { period } : {}) }, token);

  it('shows the students by surname with their dates, the lessons across, the cells, averages and the final mark', async () => {
    // A student who arrived in the middle of the quarter.
    await t.runtime.transact({ userId: null, method: 'test' }, async (write) => {
      const st = await write.insert(StudentEntity, {
        lastName: 'Ёжиков', firstName: 'Иван', middleName: null, searchName: 'ежиков иван', birthDate: null, sex: 'm',
        personalFileNo: null, address: null, phone: null, email: null, snils: null, note: null, dataCheckedAt: null,
      });
      await write.insert(ClassMembershipEntity, { studentId: st.id, classId: s.classes.c5a, fromDate: '2026-11-20', toDate: null });
    });
    await t.call('journal.setMarks', { entries: [
      { lessonId: s.lessons.maths5a.id, studentId: s.students.first, text: '5/3' },
      { lessonId: s.lessons.maths5a.id, studentId: s.students.second, text: 'н' },
    ] }, s.tokens.ivanova);
    await t.call('journal.setMark', { lessonId: s.lessons.maths5a.id, studentId: s.students.second, value: '4', workTypeId: s.workTypes.control }, s.tokens.ivanova);
    await t.call('journal.setFinalMark', { classId: s.classes.c5a, subjectId: s.subjects.maths, studentId: s.students.first, periodId: s.periods.q2, value: '4', reason: 'Переходит в другую школу с 30.11' }, s.tokens.ivanova);

    const p = await page(s.tokens.ivanova);
    expect(p).toMatchObject({ title: 'Математика, 5А', period: { name: 'II четверть' }, today: '2026-11-23', canEdit: true, marksAllowed: true });
    // «Ё» sorts as «Е»: Алексеев, Борисов, Ёжиков.
    expect(p.students.map((x) => [x.name, x.fromDate])).toEqual([
      ['Алексеев Артём', '2026-09-01'],
      ['Борисов Глеб', '2026-09-01'],
      ['Ёжиков Иван', '2026-11-20'],
    ]);
    expect(p.lessons.map((l) => [l.date, l.lessonNo, l.substitute, l.editable])).toEqual([
      ['2026-11-23', 2, null, true],
      ['2026-11-24', 2, 'Сидоров О.Н.', false],
    ]);
    const first = p.students[0];
    expect(first).toMatchObject({ average: 4, weighted: 4, count: 2, final: { value: '4', late: false } });
    // Борисов: absent, and a control work 4 (weight 2).
    expect(p.students[1]).toMatchObject({ average: 4, weighted: 4, count: 1, final: null });
    expect(p.attendance).toEqual([expect.objectContaining({ studentId: s.students.second, code: 'absent' })]);
    expect(p.marks.filter((m) => m.studentId === s.students.first).map((m) => m.value)).toEqual(['5', '3']);
    // Four hours a week: at least five marks in a quarter (seed 003 §5.2, the default settings).
    expect(p.minimumMarks).toBe(5);
  });

  it('opens read-only, with the reason, for the class teacher and the director', async () => {
    for (const token of [s.tokens.petrova, s.tokens.director]) {
      const p = await page(token);
      expect(p.canEdit).toBe(false);
      expect(p.readOnlyReason).toBe(
        'Страница открыта для просмотра: записи вносит учитель, который ведёт этот предмет по нагрузке, или учитель на замене.',
      );
      expect(p.lessons.every((l) => !l.editable)).toBe(true);
    }
  });

  it('lets the substitute open the page and write only in the lesson they gave', async () => {
    const p = await page(s.tokens.sidorov);
    expect(p.lessons.map((l) => l.editable)).toEqual([false, true]);
  });

  it('refuses a teacher with no tie to the page', async () => {
    const error = await t.fail('journal.getPage', { classId: s.classes.c1a, subjectId: s.subjects.maths }, s.tokens.ivanova);
    expect(error.code).toBe('FORBIDDEN');
  });

  it('offers the КТП topics in order, by hours, for lessons without a topic', async () => {
    const extra = await addLesson(t, s, { date: '2026-11-25', lessonNo: 1 });
    await t.runtime.transact({ userId: null, method: 'test' }, async (write) => {
      const plan = await write.insert(ThematicPlanEntity, {
        yearId: s.yearId, staffId: s.staff.ivanova, subjectId: s.subjects.maths, classId: s.classes.c5a, groupId: null,
        name: 'Математика 5А', approvedAt: null, note: null,
      });
      const topic = (ordinal: number, title: string, hours: number) =>
        write.insert(PlanTopicEntity, { planId: plan.id, ordinal, title, hours, workTypeId: null, plannedDate: null, note: null });
      await topic(1, 'Натуральные числа', 2);
      await topic(2, 'Дроби', 1);
    });
    const p = await page(s.tokens.ivanova);
    expect(p.lessons.map((l) => [l.date, l.planTopic?.title])).toEqual([
      ['2026-11-23', 'Натуральные числа'],
      ['2026-11-24', 'Натуральные числа'],
      [extra.date, 'Дроби'],
    ]);
  });

  it('keeps a closed quarter read-only until the deputy reopens the page for a stated reason', async () => {
    const em = t.runtime.database().manager;
    await em.update(StudyPeriodEntity, { id: s.periods.q2 }, { closedAt: '2026-11-23T06:00:00.000Z' });
    const closed = await page(s.tokens.ivanova);
    expect(closed.lessons[0]).toMatchObject({
      editable: false,
      readOnlyReason: 'II четверть закрыта для изменений. Открыть страницу может заместитель директора по УВР.',
    });
    const refused = await t.call('journal.setMarks', { entries: [{ lessonId: s.lessons.maths5a.id, studentId: s.students.first, text: '5' }] }, s.tokens.ivanova);
    expect(refused.results[0]).toMatchObject({ ok: false, code: 'READ_ONLY' });
    expect((await t.fail('journal.reopenPage', { classId: s.classes.c5a, subjectId: s.subjects.maths, periodId: s.periods.q2, reason: 'Исправление' }, s.tokens.ivanova)).code).toBe('FORBIDDEN');
    expect(closed.reopened).toBeNull();
    await t.call('journal.reopenPage', { classId: s.classes.c5a, subjectId: s.subjects.maths, periodId: s.periods.q2, reason: 'Исправление ошибочно выставленной отметки' }, s.tokens.deputy);
    const reopened = await page(s.tokens.ivanova);
    expect(reopened.lessons[0].editable).toBe(true);
    // Reopened with no end date; a later reopening for three days does not shorten it.
    expect(reopened.reopened).toEqual({ until: null });
    await t.call('journal.reopenPage', { classId: s.classes.c5a, subjectId: s.subjects.maths, periodId: s.periods.q2, reason: 'Ещё одно исправление', days: 3 }, s.tokens.deputy);
    expect((await page(s.tokens.ivanova)).reopened).toEqual({ until: null });
    const ok = await t.call('journal.setMarks', { entries: [{ lessonId: s.lessons.maths5a.id, studentId: s.students.first, text: '5' }] }, s.tokens.ivanova);
    expect(ok.results[0].ok).toBe(true);
  });

  it('lets the deputy close a period once it has ended; its pages become read-only, and the closing is in the audit log', async () => {
    // «Today» is 23.11.2026: the I quarter ended on 24.10, the II runs to 28.12.
    expect((await t.fail('journal.closePeriod', { periodId: s.periods.q1 }, s.tokens.ivanova)).code).toBe('FORBIDDEN');
    const early = await t.fail('journal.closePeriod', { periodId: s.periods.q2 }, s.tokens.deputy);
    expect(early).toMatchObject({ code: 'CONFLICT', message: 'II четверть ещё не окончена (по 28.12.2026): закрыть период можно в его последний день или позже.' });

    const closed = await t.call('journal.closePeriod', { periodId: s.periods.q1 }, s.tokens.deputy);
    expect(closed.closedAt).toBe('2026-11-23T07:00:00.000Z');
    const q1 = await page(s.tokens.ivanova, s.periods.q1);
    expect(q1.period).toMatchObject({ id: s.periods.q1, closed: true });
    expect(q1.canEdit).toBe(false);
    expect(q1.readOnlyReason).toBe('I четверть закрыта для изменений. Открыть страницу может заместитель директора по УВР.');
    // The II quarter is still open.
    expect((await page(s.tokens.ivanova)).lessons[0].editable).toBe(true);

    const again = await t.fail('journal.closePeriod', { periodId: s.periods.q1 }, s.tokens.deputy);
    expect(again).toMatchObject({ code: 'CONFLICT', message: 'I четверть уже закрыта.' });
    const history = await t.call('audit.history', { entity: 'StudyPeriod', entityId: s.periods.q1 }, s.tokens.deputy);
    expect(history.at(-1)).toMatchObject({ userLogin: 'zavuch' });
    expect(JSON.stringify(history.at(-1))).toContain('closedAt');
  });

  it('marks the day of a control work from the school’s schedule on the lesson’s column, for the teacher to plan around', async () => {
    await t.call(
      'controlWorks.save',
      { yearId: s.yearId, classId: s.classes.c5a, subjectId: s.subjects.maths, date: '2026-11-23', title: 'Контрольная работа № 2' },
      s.tokens.deputy,
    );
    const p = await page(s.tokens.ivanova);
    const columns = new Map(p.lessons.map((l) => [l.date, l.controlWork]));
    expect(columns.get('2026-11-23')).toBe('Контрольная работа № 2');
    expect([...columns].filter(([date, work]) => date !== '2026-11-23' && work !== null)).toEqual([]);
  });

  it('shows the whole year on one page when asked', async () => {
    await addLesson(t, s, { date: '2026-09-02', lessonNo: 1 });
    const p = await page(s.tokens.ivanova, 'year');
    expect(p.period).toMatchObject({ id: 'year', startDate: '2026-09-01', endDate: '2027-05-26' });
    expect(p.lessons.map((l) => l.date)).toEqual(['2026-09-02', '2026-11-23', '2026-11-24']);
  });
});
