import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';
import { ALL_ENTITIES } from '../../../main/core/db/entities';
import { AcademicYearEntity } from '../../../main/core/db/entities/calendar';
import { CurriculumItemEntity, SchoolClassEntity } from '../../../main/core/db/entities/school';
import { ClassMembershipEntity, StudentMovementEntity } from '../../../main/core/db/entities/contingent';
import { LessonEntity, MarkEntity } from '../../../main/core/db/entities/journal';
import { plannedLesson } from '../../../main/core/lessons/planned-lesson';
import { SubstitutionEntity } from '../../../main/core/db/entities/changes';
import { RemarkEntity } from '../../../main/core/db/entities/control';
import { YearArchiveRecordEntity } from '../../../main/core/db/entities/operations';
import { closeYear } from '../../../main/core/year/close';
import { NOT_OF_A_YEAR, WRITABLE_AFTER_CLOSE, YEAR_BY_DATES, YEAR_BY_PARENT } from '../../../main/core/year/lock';
import type { ErrorPayload } from '../../../main/core/shared/errors';

/**
 * Seed 003 §4.1.12: when the school year is closed, its data are read-only.
 * Whatever the domain and whatever the code path, a write into a closed
 * year's records is refused (READ_ONLY) and changes nothing; only the records
 * *about* the closed year — the year itself, its archive, the promotion out
 * of it — are still written.
 */
describe('a closed school year is read-only', () => {
  let t: TestRuntime;
  let s: SmallSchool;
  let substitutionId: string;
  let remarkId: string;
  const em = () => t.runtime.database().manager;
  const CLOSED = { code: 'READ_ONLY', message: 'Учебный год 2026/2027 закрыт: его данные изменять нельзя.' };

  /** Every table a refused write could have touched, and the journal of changes. */
  const TABLES = ['school_classes', 'curriculum_items', 'student_movements', 'class_memberships', 'substitutions', 'remarks', 'marks', 'lessons', 'audit_events'];
  const snapshot = async () => {
    const out: Record<string, unknown[]> = {};
    for (const table of TABLES) out[table] = await em().query(`SELECT * FROM ${table} ORDER BY id`);
    return out;
  };
  /** A write through the audited Writer, as any code path would make it. */
  const direct = async (work: Parameters<TestRuntime['runtime']['transact']>[1]): Promise<ErrorPayload> => {
    try {
      await t.runtime.transact({ userId: s.userIds.admin, method: 'test.direct' }, work);
    } catch (e) {
      return e as ErrorPayload;
    }
    throw new Error('the write was expected to be refused');
  };

  beforeEach(async () => {
    t = await createTestRuntime();
    s = await buildSmallSchool(t);
    // Before closing: Сидоров's substitution of 24.11 and a remark to Иванова about her lesson of 23.11.
    await t.runtime.transact({ userId: s.userIds.deputy, method: 'test.fixture' }, async (w) => {
      substitutionId = (
        await w.insert(SubstitutionEntity, {
          lessonId: s.lessons.substituted5a.id, kind: 'substitute', teacherAbsenceId: null, substituteStaffId: s.staff.sidorov,
          mergedWithLessonId: null, newRoomId: null, paid: true, hours: 1, note: null, printedAt: null, createdBy: s.userIds.deputy,
        })
      ).id;
      remarkId = (
        await w.insert(RemarkEntity, {
          checkId: null, toStaffId: s.staff.ivanova, classId: s.classes.c5a, subjectId: s.subjects.maths, lessonId: s.lessons.maths5a.id,
          finding: null, text: 'Не записано домашнее задание', createdBy: s.userIds.deputy, fixedAt: null, fixNote: null, confirmedAt: null,
        })
      ).id;
    });
    await t.call('year.close', { yearId: s.yearId, acceptGaps: true, reason: 'Решение педсовета от 30.05.2027' }, s.tokens.admin);
  });
  afterEach(() => t.close());

  it('refuses every domain a change of its records, and nothing changes', async () => {
    const before = await snapshot();

    // School: the class and the curriculum.
    expect(await t.fail('school.saveClass', { id: s.classes.c5a, yearId: s.yearId, gradeLevel: 5, letter: 'Б', shift: 1 }, s.tokens.admin)).toMatchObject(CLOSED);
    expect(await t.fail('school.saveCurriculumItem', { classId: s.classes.c5a, subjectId: s.subjects.maths, hoursPerWeek: 5 }, s.tokens.admin)).toMatchObject(CLOSED);
    // Contingent: a transfer by order dated in the closed year.
    const transfer = { studentId: s.students.first, toClassId: s.classes.c6a, date: '2026-12-01', orderNo: '112-к' };
    expect(await t.fail('contingent.transfer', transfer, s.tokens.secretary)).toMatchObject(CLOSED);
    // Substitutions: a new solution, and the hours of one already made.
    expect(await t.fail('substitutions.apply', { lessonId: s.lessons.maths5a.id, kind: 'cancel' }, s.tokens.deputy)).toMatchObject(CLOSED);
    expect(await t.fail('substitutions.setPay', { id: substitutionId, hours: 2, paid: false }, s.tokens.deputy)).toMatchObject(CLOSED);
    // Control: a new remark about a lesson of the year, and the teacher's note of a fix.
    const remark = { toStaffId: s.staff.ivanova, classId: s.classes.c5a, lessonId: s.lessons.maths5a.id, text: 'Не записана тема урока' };
    expect(await t.fail('control.addRemark', remark, s.tokens.deputy)).toMatchObject(CLOSED);
    expect(await t.fail('control.fixRemark', { id: remarkId, fixNote: 'Задание записано' }, s.tokens.ivanova)).toMatchObject(CLOSED);
    // The journal keeps its own earlier refusal.
    expect((await t.fail('journal.setLessonText', { lessonId: s.lessons.maths5a.id, topic: 'Поздно' }, s.tokens.ivanova)).code).toBe('READ_ONLY');

    expect(await snapshot()).toEqual(before);
  });

  it('refuses it also on a code path that checks nothing itself: the audited Writer guards every write', async () => {
    const before = await snapshot();
    const [membership] = await em().find(ClassMembershipEntity, { where: { studentId: s.students.first } });

    // A row that carries the year: a class renamed, a curriculum line added.
    expect(await direct((w) => w.update(SchoolClassEntity, s.classes.c5a, { name: '5Б' }))).toMatchObject(CLOSED);
    const line = { yearId: s.yearId, classId: s.classes.c5a, subjectId: s.subjects.russian, hoursPerWeek: 5, hoursPerYear: null, gradingSystemId: null, splitIntoGroups: false };
    expect(await direct((w) => w.insert(CurriculumItemEntity, line))).toMatchObject(CLOSED);
    // Rows that hang on a row of the year: a mark on its lesson, a substitution, a remark.
    const mark = { lessonId: s.lessons.maths5a.id, studentId: s.students.first, value: '5', numericValue: 5, workTypeId: s.workTypes.classwork, weight: 1, comment: null, setAt: '2026-11-23T09:00:00.000Z', setBy: s.userIds.ivanova, late: false };
    expect(await direct((w) => w.insert(MarkEntity, mark))).toMatchObject(CLOSED);
    expect(await direct((w) => w.remove(SubstitutionEntity, substitutionId))).toMatchObject(CLOSED);
    expect(await direct((w) => w.update(RemarkEntity, remarkId, { confirmedAt: '2027-06-01T10:00:00.000Z' }))).toMatchObject(CLOSED);
    // A movement dated in the year; and a refusal in the middle of a transaction undoes its earlier writes.
    const refused = await direct(async (w) => {
      await w.update(ClassMembershipEntity, membership.id, { toDate: '2026-11-30' });
      await w.insert(StudentMovementEntity, {
        studentId: s.students.first, kind: 'transfer', date: '2026-12-01', fromClassId: s.classes.c5a, toClassId: s.classes.c6a,
        orderNo: '112-к', orderDate: null, reason: null, destination: null,
      });
    });
    expect(refused).toMatchObject(CLOSED);

    expect(await snapshot()).toEqual(before);
  });

  it('refuses bulk writes too: no timetable change, regeneration or topic flow writes lessons into a closed year', async () => {
    const before = await snapshot();
    const added = plannedLesson({ yearId: s.yearId, date: '2026-12-01', lessonNo: 7, classId: s.classes.c5a, subjectId: s.subjects.maths, staffId: s.staff.ivanova });
    expect(await direct((w) => w.insertMany(LessonEntity, [added]))).toMatchObject(CLOSED);
    const topic = { id: s.lessons.maths5a.id, field: 'topic' as const, from: s.lessons.maths5a.topic, to: 'Другая тема' };
    expect(await direct((w) => w.updateMany(LessonEntity, [topic]))).toMatchObject(CLOSED);
    expect(await direct((w) => w.removeMany(LessonEntity, [s.lessons.maths5a.id]))).toMatchObject(CLOSED);
    expect(await snapshot()).toEqual(before);
  });

  it('takes effect at once: in the transaction that closes the year, the next write into it is refused', async () => {
    const next = await t.call('year.createNext', { fromYearId: s.yearId }, s.tokens.admin);
    const refused = await direct(async (w, txEm) => {
      await w.insert(SchoolClassEntity, { yearId: next.yearId, gradeLevel: 5, letter: 'В', name: '5В', classTeacherId: null, shift: 1, bellScheduleId: null, roomId: null });
      await closeYear(w, txEm, { yearId: next.yearId, userId: s.userIds.admin, now: '2028-05-31T12:00:00.000Z', acceptGaps: true, reason: 'Проверка' });
      await w.insert(SchoolClassEntity, { yearId: next.yearId, gradeLevel: 5, letter: 'Г', name: '5Г', classTeacherId: null, shift: 1, bellScheduleId: null, roomId: null });
    });
    expect(refused).toMatchObject({ code: 'READ_ONLY', message: 'Учебный год 2027/2028 закрыт: его данные изменять нельзя.' });
    // Nothing of that transaction stays: the next year is open and has no classes.
    expect(await em().findOneByOrFail(AcademicYearEntity, { id: next.yearId })).toMatchObject({ status: 'open' });
    expect(await em().find(SchoolClassEntity, { where: { yearId: next.yearId } })).toEqual([]);
  });

  it('still writes the records about the closed year: the next year, the promotion out of it, its archive', async () => {
    // The next year is made from the closed one.
    const next = await t.call('year.createNext', { fromYearId: s.yearId }, s.tokens.admin);
    expect(next).toMatchObject({ name: '2027/2028', periods: 4 });

    // The director's order promotes the closed year's students: their spans in its classes end on its last day.
    const draft = await t.call('year.draftPromotion', { fromYearId: s.yearId, toYearId: next.yearId, orderNo: '45-о', orderDate: '2027-05-30' }, s.tokens.admin);
    await t.call('year.setDecision', { orderId: draft.orderId, studentId: s.students.second, decision: 'held_back' }, s.tokens.admin);
    const applied = await t.call('year.applyPromotion', { orderId: draft.orderId }, s.tokens.admin);
    expect(applied.status).toBe('applied');
    const spans = (await em().find(ClassMembershipEntity, { where: { studentId: s.students.first } })).filter((m) => !m.deletedAt);
    const classOf = async (id: string) => (await em().findOneByOrFail(SchoolClassEntity, { id })).name;
    expect(await Promise.all(spans.map(async (m) => [await classOf(m.classId), m.fromDate, m.toDate]))).toEqual([
      ['5А', '2026-09-01', '2027-05-31'],
      ['6А', '2027-09-01', null],
    ]);
    // … and the order can still be undone as a whole.
    await t.call('year.undoPromotion', { orderId: draft.orderId }, s.tokens.admin);
    expect((await em().find(ClassMembershipEntity, { where: { studentId: s.students.first } })).filter((m) => !m.deletedAt).map((m) => m.toDate)).toEqual([null]);

    // The archive of the closed year is recorded.
    await t.runtime.transact({ userId: s.userIds.admin, method: 'test.archive' }, (w) =>
      w.insert(YearArchiveRecordEntity, { yearId: s.yearId, path: '/archive/Архив 2026-2027', manifestSha256: 'a'.repeat(64), fileCount: 12 }),
    );
    expect(await em().count(YearArchiveRecordEntity)).toBe(1);
    // The closed year itself stays closed through all of it.
    expect(await em().findOneByOrFail(AcademicYearEntity, { id: s.yearId })).toMatchObject({ status: 'closed' });
  });

  it('knows, for every kind of record, whether and how it belongs to a year', () => {
    const carriesYear = (e: (typeof ALL_ENTITIES)[number]) => 'yearId' in (e.options.columns ?? {});
    for (const entity of ALL_ENTITIES) {
      const name = entity.options.name;
      const ways = [
        carriesYear(entity) && !(name in WRITABLE_AFTER_CLOSE) ? 'its yearId' : null,
        name in YEAR_BY_PARENT ? 'its parent row' : null,
        name in YEAR_BY_DATES ? 'its dates' : null,
        name in WRITABLE_AFTER_CLOSE ? 'allowed after closing' : null,
        NOT_OF_A_YEAR.has(name) ? 'of no year' : null,
      ].filter(Boolean);
      expect({ name, ways: ways.length }).toEqual({ name, ways: 1 });
    }
    // The allow-list holds records about a year, and only those.
    expect(Object.keys(WRITABLE_AFTER_CLOSE).sort()).toEqual([
      'AcademicYear',
      'ChangePrint',
      'ClassMembership',
      'MessageParticipant',
      'ParentExtractAck',
      'PromotionChange',
      'PromotionDecision',
      'PromotionOrder',
      'YearArchiveRecord',
    ]);
  });
});
