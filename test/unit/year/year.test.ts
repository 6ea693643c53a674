import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';
import { AcademicYearEntity, StudyPeriodEntity } from '../../../main/core/db/entities/calendar';
import { SchoolClassEntity, TeachingAssignmentEntity, SubjectEntity } from '../../../main/core/db/entities/school';
import { ClassMembershipEntity, StudentEntity, StudentMovementEntity } from '../../../main/core/db/entities/contingent';
import { AttendanceEntity, FinalMarkEntity, LessonEntity } from '../../../main/core/db/entities/journal';
import { searchKey } from '../../../main/core/shared/text';

describe('closing the year and promotion', () => {
  let t: TestRuntime;
  let s: SmallSchool;
  let c9b: string;
  let graduate: string;
  const em = () => t.runtime.database().manager;

  beforeEach(async () => {
    t = await createTestRuntime();
    s = await buildSmallSchool(t);
    await t.runtime.transact({ userId: s.userIds.admin, method: 'test.fixture' }, async (w) => {
      // Алексеев and Борисов study in 5А (the fixture may already say so).
      for (const id of [s.students.first, s.students.second]) {
        if (!(await em().findOneBy(ClassMembershipEntity, { studentId: id }))) {
          await w.insert(ClassMembershipEntity, { studentId: id, classId: s.classes.c5a, fromDate: '2026-09-01', toDate: null });
        }
      }
      c9b = (await w.insert(SchoolClassEntity, { yearId: s.yearId, gradeLevel: 9, letter: 'Б', name: '9Б', classTeacherId: s.staff.ivanova, shift: 1, bellScheduleId: null, roomId: null })).id;
      graduate = (
        await w.insert(StudentEntity, {
          lastName: 'Григорьева', firstName: 'Дарья', middleName: 'Олеговна', searchName: searchKey('Григорьева', 'Дарья', 'Олеговна'),
          birthDate: '2011-02-02', sex: 'f', personalFileNo: null, address: null, phone: null, email: null, snils: null, note: null, dataCheckedAt: null,
        })
      ).id;
      await w.insert(ClassMembershipEntity, { studentId: graduate, classId: c9b, fromDate: '2026-09-01', toDate: null });
      await w.insert(AttendanceEntity, { lessonId: s.lessons.russian5a.id, studentId: s.students.second, code: 'absent', reasonKind: null, reasonNote: null, setAt: '2026-11-23T09:00:00.000Z', setBy: s.userIds.petrova });
    });
  });
  afterEach(() => t.close());

  it('lists the gaps before closing, class by class', async () => {
    const list = await t.call('year.checklist', { yearId: s.yearId }, s.tokens.admin);
    expect(list.ready).toBe(false);
    expect(list.items.map((i) => [i.key, i.ok, i.gaps])).toEqual([
      [
        'finalMarks',
        false,
        [
          '5А, Математика: нет годовой отметки у 2 обуч. (Алексеев А., Борисов Г.)',
          '5А, Русский язык: нет годовой отметки у 2 обуч. (Алексеев А., Борисов Г.)',
        ],
      ],
      [
        'programmes',
        false,
        [
          '1А, Математика: 1 урок без темы (первый — 23.11.2026)',
          // Today is 23.11.2026: the lesson of 24.11 is still ahead and is not a gap.
          '5А, Математика: 1 урок без темы (первый — 23.11.2026)',
          '5А, Русский язык: 1 урок без темы (первый — 23.11.2026)',
        ],
      ],
      ['attendanceReasons', false, ['5А: 1 пропуск без причины (Борисов Г.)']],
    ]);

    // Filled in: the marks, the topics, the reason.
    await t.runtime.transact({ userId: s.userIds.ivanova, method: 'test.fill' }, async (w) => {
      for (const subjectId of [s.subjects.maths, s.subjects.russian]) {
        for (const studentId of [s.students.first, s.students.second]) {
          await w.insert(FinalMarkEntity, { studentId, subjectId, classId: s.classes.c5a, groupId: null, periodId: null, kind: 'year', value: '4', setAt: '2027-05-25T09:00:00.000Z', setBy: s.userIds.ivanova, late: false, note: null });
        }
      }
      for (const l of Object.values(s.lessons)) await w.update(LessonEntity, l.id, { topic: 'Повторение' });
      const [a] = await em().find(AttendanceEntity);
      await w.update(AttendanceEntity, a.id, { reasonKind: 'illness' });
    });
    expect((await t.call('year.checklist', { yearId: s.yearId }, s.tokens.admin)).ready).toBe(true);
  });

  it('closes the year read-only; with gaps only when told so, with a reason', async () => {
    const refused = await t.fail('year.close', { yearId: s.yearId }, s.tokens.admin);
    expect(refused).toMatchObject({ code: 'CONFLICT', message: 'Перед закрытием года остались незаполненные пункты (6). Заполните их или закройте год, указав причину.' });
    const noReason = await t.fail('year.close', { yearId: s.yearId, acceptGaps: true }, s.tokens.admin);
    expect(noReason).toMatchObject({ code: 'VALIDATION', details: { fields: { reason: 'Укажите причину' } } });
    await t.call('year.close', { yearId: s.yearId, acceptGaps: true, reason: 'Решение педсовета от 30.05.2027' }, s.tokens.admin);
    const year = await em().findOneByOrFail(AcademicYearEntity, { id: s.yearId });
    expect(year).toMatchObject({ status: 'closed', closedAt: '2026-11-23T07:00:00.000Z', closedBy: s.userIds.admin });
    expect((await em().find(StudyPeriodEntity)).every((p) => p.closedAt === '2026-11-23T07:00:00.000Z')).toBe(true);
    const locked = await t.fail('journal.setLessonText', { lessonId: s.lessons.maths5a.id, topic: 'Поздно' }, s.tokens.ivanova);
    expect(locked).toMatchObject({ code: 'READ_ONLY', message: 'Учебный год 2026/2027 закрыт: записи в нём изменять нельзя.' });
    expect((await t.fail('year.close', { yearId: s.yearId }, s.tokens.admin)).message).toBe('Учебный год 2026/2027 уже закрыт.');
  });

  it('creates the next year with the periods shifted by 52 weeks, weekdays kept', async () => {
    const next = await t.call('year.createNext', { fromYearId: s.yearId }, s.tokens.admin);
    expect(next).toMatchObject({ name: '2027/2028', startDate: '2027-09-01', endDate: '2028-05-31', periods: 4 });
    const periods = (await em().find(StudyPeriodEntity, { where: { yearId: next.yearId } })).sort((a, b) => a.ordinal - b.ordinal);
    // I: from 01.09 (the year's first day) to Sat 24.10.2026 + 364 = Sat 23.10.2027; IV ends Wed 26.05.2027 + 364 = Wed 24.05.2028.
    expect(periods.map((p) => [p.name, p.startDate, p.endDate])).toEqual([
      ['I четверть', '2027-09-01', '2027-10-23'],
      ['II четверть', '2027-11-04', '2027-12-27'],
      ['III четверть', '2028-01-11', '2028-03-18'],
      // Tue 30.03.2027 + 364 = Tue 28.03.2028 (2028 has a 29 February).
      ['IV четверть', '2028-03-28', '2028-05-24'],
    ]);
    expect((await t.fail('year.createNext', { fromYearId: s.yearId }, s.tokens.admin)).message).toBe('Следующий учебный год 2027/2028 уже создан.');
  });

  it('promotes by the order with individual decisions, previews, and undoes until the first entry', async () => {
    const next = await t.call('year.createNext', { fromYearId: s.yearId }, s.tokens.admin);
    const draft = await t.call('year.draftPromotion', { fromYearId: s.yearId, toYearId: next.yearId, orderNo: '45-о', orderDate: '2027-05-30' }, s.tokens.admin);
    expect(draft.classes.map((c) => [c.name, c.students.map((x) => [x.name, x.decision, x.toClass])])).toEqual([
      ['5А', [['Алексеев Артём', 'promoted', '6А'], ['Борисов Глеб', 'promoted', '6А']]],
      ['6А', [['Васильева Дарья', 'promoted', '7А']]],
      ['9Б', [['Григорьева Дарья Олеговна', 'graduated', null]]],
    ]);
    expect(draft.newClasses).toEqual(['6А', '7А']);

    const bad = await t.fail('year.setDecision', { orderId: draft.orderId, studentId: s.students.first, decision: 'conditional' }, s.tokens.admin);
    expect(bad).toMatchObject({ code: 'VALIDATION', details: { fields: { note: 'Укажите предмет задолженности' } } });
    await t.call('year.setDecision', { orderId: draft.orderId, studentId: s.students.first, decision: 'conditional', note: 'математика' }, s.tokens.admin);
    const preview = await t.call('year.setDecision', { orderId: draft.orderId, studentId: s.students.second, decision: 'held_back' }, s.tokens.admin);
    expect(preview.classes[0].students.map((x) => [x.decision, x.toClass])).toEqual([['conditional', '6А'], ['held_back', '5А']]);
    expect(preview.newClasses).toEqual(['5А', '6А', '7А']);
    expect(preview.totals).toEqual({ promoted: 1, conditional: 1, held_back: 1, graduated: 1, left: 0 });

    await t.call('year.applyPromotion', { orderId: draft.orderId }, s.tokens.admin);
    const newClasses = await em().find(SchoolClassEntity, { where: { yearId: next.yearId } });
    const c6a = newClasses.find((c) => c.name === '6А')!;
    expect(newClasses.map((c) => c.name).sort()).toEqual(['5А', '6А', '7А']);
    // The class teacher goes with the class: 5А's becomes 6А's, 6А's becomes 7А's.
    expect(c6a.classTeacherId).toBe(s.staff.petrova);
    expect(newClasses.find((c) => c.name === '7А')!.classTeacherId).toBe(s.staff.ivanova);
    const memberships = await em().find(ClassMembershipEntity);
    const of = (student: string) => memberships.filter((m) => m.studentId === student && !m.deletedAt).map((m) => [newClasses.find((c) => c.id === m.classId)?.name ?? 'old', m.fromDate, m.toDate]);
    expect(of(s.students.first)).toEqual([['old', '2026-09-01', '2027-05-31'], ['6А', '2027-09-01', null]]);
    expect(of(s.students.second)).toEqual([['old', '2026-09-01', '2027-05-31'], ['5А', '2027-09-01', null]]);
    expect(of(graduate)).toEqual([['old', '2026-09-01', '2027-05-31']]);
    const movements = await em().find(StudentMovementEntity);
    expect(movements.map((m) => [m.kind, m.date, m.orderNo, m.reason]).sort()).toEqual([
      ['transfer', '2027-09-01', '45-о', 'Оставлен на повторное обучение'],
      ['transfer', '2027-09-01', '45-о', 'Переведён'],
      ['transfer', '2027-09-01', '45-о', 'Переведён условно (математика)'],
      ['withdrawal', '2027-06-01', '45-о', 'Окончание обучения (9 класс)'],
    ]);

    // Undone as a whole: nothing of it is left.
    await t.call('year.undoPromotion', { orderId: draft.orderId }, s.tokens.admin);
    expect((await em().find(SchoolClassEntity, { where: { yearId: next.yearId } })).every((c) => c.deletedAt)).toBe(true);
    expect((await em().find(StudentMovementEntity)).every((m) => m.deletedAt)).toBe(true);
    const live = (await em().find(ClassMembershipEntity)).filter((m) => !m.deletedAt);
    expect(live.map((m) => m.toDate)).toEqual([null, null, null, null]);

    // Again, and after the first entry in the new year the undo is refused.
    const again = await t.call('year.draftPromotion', { fromYearId: s.yearId, toYearId: next.yearId, orderNo: '46-о', orderDate: '2027-05-31' }, s.tokens.admin);
    await t.call('year.applyPromotion', { orderId: again.orderId }, s.tokens.admin);
    const c6 = (await em().find(SchoolClassEntity, { where: { yearId: next.yearId, name: '6А' } })).find((c) => !c.deletedAt)!;
    await t.runtime.transact({ userId: s.userIds.ivanova, method: 'test' }, async (w) => {
      const [maths] = await em().find(SubjectEntity);
      await w.insert(TeachingAssignmentEntity, { yearId: next.yearId, staffId: s.staff.ivanova, classId: c6.id, groupId: null, subjectId: maths.id, hoursPerWeek: 5, fromDate: null, toDate: null });
      await w.insert(LessonEntity, {
        yearId: next.yearId, date: '2027-09-01', lessonNo: 1, classId: c6.id, groupId: null, subjectId: maths.id, staffId: s.staff.ivanova, substituteStaffId: null, roomId: null,
        timetableEntryId: null, planTopicId: null, topic: 'Повторение', topicSetAt: null, topicSetBy: null, topicLate: false, homework: null, homeworkSetAt: null,
        homeworkSetBy: null, homeworkLate: false, status: 'given', movedFromDate: null, movedFromLessonNo: null, workTypeIds: null, note: null,
      });
    });
    const refused = await t.fail('year.undoPromotion', { orderId: again.orderId }, s.tokens.admin);
    expect(refused).toMatchObject({ code: 'CONFLICT', message: 'Перевод отменить нельзя: в новом учебном году уже есть записи в журнале (первая — 01.09.2027).' });
  });
});
