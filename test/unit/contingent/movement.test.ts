import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';
import { LessonEntity, MarkEntity, type Lesson } from '../../../main/core/db/entities/journal';
import { classRoster } from '../../../main/core/contingent/roster';
import { plannedLesson } from '../../../main/core/lessons/planned-lesson';

/**
 * Movement by order (seed 002, 003 §4.7): a transferred student's marks stay
 * on the lessons they were given at; the old class's pages show the student
 * as left from the transfer date and the new class's from that date.
 */
describe('enrolment, transfer and withdrawal', () => {
  let t: TestRuntime;
  let s: SmallSchool;
  let secretary: string;
  let newcomer: string;
  const lessons: Record<string, Lesson> = {};

  const lesson = (key: string, classId: string, date: string) =>
    t.runtime.transact({ userId: null, method: 'test.lesson' }, async (write) => {
      lessons[key] = await write.insert(
        LessonEntity,
        plannedLesson({ yearId: s.yearId, date, lessonNo: 1, classId, subjectId: s.subjects.maths, staffId: s.staff.ivanova, status: 'given' }),
      );
    });
  const mark = (lessonKey: string, studentId: string, value: string) =>
    t.runtime.transact({ userId: null, method: 'test.mark' }, (write) =>
      write.insert(MarkEntity, {
        lessonId: lessons[lessonKey].id,
        studentId,
        value,
        numericValue: Number(value),
        workTypeId: s.workTypes.classwork,
        weight: 1,
        comment: null,
        setAt: '2026-11-10T09:00:00.000Z',
        setBy: s.userIds.ivanova,
        late: false,
      }),
    );

  beforeAll(async () => {
    t = await createTestRuntime();
    s = await buildSmallSchool(t);
    secretary = s.tokens.secretary;
  });
  afterAll(() => t.close());

  it('enrols a new student by order, with the record checked field by field', async () => {
    const bad = await t.fail(
      'contingent.enrol',
      { student: { lastName: 'Гусев', firstName: 'Ян1', birthDate: '2030-01-01', sex: 'm' }, classId: s.classes.c6a, date: '2026-11-09', orderNo: '' },
      secretary,
    );
    expect(bad.code).toBe('VALIDATION');
    expect(bad.details?.fields).toMatchObject({ 'student.firstName': 'Только буквы, дефис и пробел', orderNo: 'Укажите номер приказа' });
    const future = await t.fail(
      'contingent.enrol',
      { student: { lastName: 'Гусев', firstName: 'Ян', birthDate: '2030-01-01' }, classId: s.classes.c6a, date: '2026-11-09', orderNo: '140-у' },
      secretary,
    );
    expect(future.details?.fields?.['student.birthDate']).toBe('Дата рождения не может быть в будущем');
    const r = await t.call(
      'contingent.enrol',
      {
        student: { lastName: 'Гусев', firstName: 'Ян', middleName: 'Петрович', birthDate: '2014-04-12', sex: 'm' },
        classId: s.classes.c6a,
        date: '2026-11-09',
        orderNo: '140-у',
        orderDate: '2026-11-06',
        consent: { status: 'given', date: '2026-11-06', document: 'Заявление № 40' },
      },
      secretary,
    );
    newcomer = r.studentId;
    const card = await t.call('contingent.getStudent', { id: newcomer }, secretary);
    expect(card.consent).toBe('given');
    expect(card.spans).toEqual([{ classId: s.classes.c6a, className: '6А', fromDate: '2026-11-09', toDate: null }]);
    expect(card.movements[0]).toMatchObject({ kind: 'enrolment', toClass: '6А', orderNo: '140-у' });
  });

  it('refuses the same student twice (name and birth date)', async () => {
    const e = await t.fail(
      'contingent.enrol',
      { student: { lastName: 'гусев', firstName: 'Ян', middleName: 'Петрович', birthDate: '2014-04-12' }, classId: s.classes.c5a, date: '2026-11-09', orderNo: '141-у' },
      secretary,
    );
    expect(e.details?.fields?.['student.lastName']).toBe('Обучающийся Гусев Ян Петрович, 12.04.2014 г. р., уже есть (6А)');
  });

  it('refuses an enrolment outside the class’s year and of a student already in a class', async () => {
    const outside = await t.fail('contingent.enrol', { studentId: s.students.third, classId: s.classes.c5a, date: '2027-07-01', orderNo: '1' }, secretary);
    expect(outside.details?.fields?.date).toBe('Дата — внутри 2026/2027 учебного года (01.09.2026 — 31.05.2027), к которому относится класс 5А');
    const twice = await t.fail('contingent.enrol', { studentId: s.students.third, classId: s.classes.c5a, date: '2026-11-09', orderNo: '1' }, secretary);
    expect(twice.message).toBe('Обучающийся уже числится в 6А с 01.09.2026: оформите перевод, а не зачисление.');
  });

  it('keeps each mark on its lesson when a student moves from 5А to 6А', async () => {
    await lesson('5a-before', s.classes.c5a, '2026-11-10');
    await lesson('6a-after', s.classes.c6a, '2026-11-17');
    await mark('5a-before', s.students.first, '4');

    const e = await t.fail('contingent.transfer', { studentId: s.students.first, toClassId: s.classes.c6a, date: '2026-11-09', orderNo: '142-у' }, secretary);
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toBe(
      'В 5А у обучающегося есть отметки или пропуски с 09.11.2026 (последняя запись — 10.11.2026): перевод с этой даты убрал бы их со страниц журнала класса. Укажите дату после 10.11.2026.',
    );

    await t.call('contingent.transfer', { studentId: s.students.first, toClassId: s.classes.c6a, date: '2026-11-16', orderNo: '142-у', reason: 'Заявление родителей' }, secretary);
    await mark('6a-after', s.students.first, '5');

    const em = t.runtime.database().manager;
    const marks = await em.find(MarkEntity, { where: { studentId: s.students.first } });
    const where = Object.fromEntries(marks.map((m) => [m.value, m.lessonId]));
    expect(where).toEqual({ '4': lessons['5a-before'].id, '5': lessons['6a-after'].id });

    const old = (await classRoster(em, s.classes.c5a, '2026-11-01', '2026-11-30')).find((r) => r.studentId === s.students.first)!;
    expect(old).toMatchObject({ fromDate: '2026-09-01', toDate: '2026-11-15', left: '2026-11-16', arrived: null });
    const fresh = (await classRoster(em, s.classes.c6a, '2026-11-01', '2026-11-30')).find((r) => r.studentId === s.students.first)!;
    expect(fresh).toMatchObject({ fromDate: '2026-11-16', toDate: null, arrived: '2026-11-16', left: null });
    expect((await classRoster(em, s.classes.c5a, '2026-11-16', '2026-11-30')).some((r) => r.studentId === s.students.first)).toBe(false);

    const card = await t.call('contingent.getStudent', { id: s.students.first }, secretary);
    expect(card.marksByClass.map((g) => [g.className, g.marks.map((m) => m.value)])).toEqual([
      ['5А', ['4']],
      ['6А', ['5']],
    ]);
    expect(card.movements.map((m) => [m.kind, m.fromClass, m.toClass, m.date])).toEqual([['transfer', '5А', '6А', '2026-11-16']]);
  });

  it('refuses a transfer to the same class and an earlier movement than the last', async () => {
    const same = await t.fail('contingent.transfer', { studentId: s.students.first, toClassId: s.classes.c6a, date: '2026-11-20', orderNo: '143-у' }, secretary);
    expect(same.details?.fields?.toClassId).toBe('Обучающийся уже в 6А');
    const earlier = await t.fail('contingent.transfer', { studentId: s.students.first, toClassId: s.classes.c5a, date: '2026-11-12', orderNo: '143-у' }, secretary);
    expect(earlier.details?.fields?.date).toMatch(/^Дата перевода — позже 16\.11\.2026/);
  });

  it('the class teacher may not transfer; only the secretary and the administrator', async () => {
    const e = await t.fail('contingent.transfer', { studentId: s.students.second, toClassId: s.classes.c6a, date: '2026-11-20', orderNo: '1' }, s.tokens.petrova);
    expect(e.code).toBe('FORBIDDEN');
  });

  it('withdraws with the destination, and the latest movement can be cancelled with a reason', async () => {
    const before = await t.fail('contingent.withdraw', { studentId: s.students.first, date: '2026-11-17', orderNo: '150-у' }, secretary);
    expect(before.message).toContain('последняя запись — 17.11.2026');
    await t.call('contingent.withdraw', { studentId: s.students.first, date: '2026-11-20', orderNo: '150-у', destination: 'МАОУ «Гимназия № 2»' }, secretary);
    let card = await t.call('contingent.getStudent', { id: s.students.first }, secretary);
    expect(card.spans.map((x) => [x.className, x.toDate])).toEqual([
      ['5А', '2026-11-15'],
      ['6А', '2026-11-19'],
    ]);
    const transferId = card.movements[0].id;
    const notLatest = await t.fail('contingent.cancelMovement', { id: transferId, reason: 'Ошибка' }, secretary);
    expect(notLatest.message).toBe('Отменить можно только последнее движение обучающегося; последнее — выбытие 20.11.2026.');
    await t.call('contingent.cancelMovement', { id: card.movements[1].id, reason: 'Приказ отменён' }, secretary);
    card = await t.call('contingent.getStudent', { id: s.students.first }, secretary);
    expect(card.spans.map((x) => [x.className, x.toDate])).toEqual([
      ['5А', '2026-11-15'],
      ['6А', null],
    ]);
  });

  it('a transfer whose new class already has the student’s marks cannot be cancelled', async () => {
    const card = await t.call('contingent.getStudent', { id: s.students.first }, secretary);
    const e = await t.fail('contingent.cancelMovement', { id: card.movements[0].id, reason: 'Ошибка' }, secretary);
    expect(e.message).toContain('отмена движения убрала бы их со страниц журнала класса');
  });

  it('lists the book of movements of the year, newest first', async () => {
    const book = await t.call('contingent.movements', { yearId: s.yearId }, secretary);
    expect(book.map((m) => [m.kindName, m.studentName])).toEqual([
      ['Перевод в другой класс', 'Алексеев Артём'],
      ['Зачисление', 'Гусев Ян Петрович'],
    ]);
  });
});
