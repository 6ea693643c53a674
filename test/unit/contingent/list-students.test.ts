import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';

/**
 * The year's list of students (Школа → Ученики, Мой класс), as the secretary
 * reads it on Monday 23.11.2026: Алексеев and Борисов in 5А, Васильева in 6А.
 */
describe('the list of students', () => {
  let t: TestRuntime;
  let s: SmallSchool;
  beforeAll(async () => {
    t = await createTestRuntime();
    s = await buildSmallSchool(t);
    const admin = s.tokens.admin;
    await t.call('contingent.saveGuardian', { studentId: s.students.first, relation: 'mother', lastName: 'Алексеева', firstName: 'Ольга' }, admin);
    await t.call('contingent.saveGuardian', { studentId: s.students.first, relation: 'father', lastName: 'Алексеев', firstName: 'Пётр' }, admin);
    await t.call('contingent.setConsent', { studentId: s.students.third, status: 'given', date: '2026-09-01' }, admin);
    // Борисов moves to 6А on 16.11 and leaves the school on 20.11.
    await t.call('contingent.transfer', { studentId: s.students.second, toClassId: s.classes.c6a, date: '2026-11-16', orderNo: '142-у' }, s.tokens.secretary);
    await t.call('contingent.withdraw', { studentId: s.students.second, date: '2026-11-20', orderNo: '150-у', destination: 'МБОУ СОШ № 5' }, s.tokens.secretary);
  });
  afterAll(() => t.close());

  it('lists those in a class today, by class and name, with their representatives and consent', async () => {
    const list = await t.call('contingent.listStudents', { yearId: s.yearId }, s.tokens.admin);
    expect(list.map((r) => [r.name, r.className, r.guardians, r.consent, r.toDate])).toEqual([
      ['Алексеев Артём', '5А', 2, 'not_asked', null],
      ['Васильева Дарья', '6А', 0, 'given', null],
    ]);
  });

  it('with those who left, each in the class of their latest span', async () => {
    const list = await t.call('contingent.listStudents', { yearId: s.yearId, includeLeft: true }, s.tokens.admin);
    expect(list.map((r) => [r.name, r.className, r.fromDate, r.toDate])).toEqual([
      ['Алексеев Артём', '5А', '2026-09-01', null],
      ['Борисов Глеб', '6А', '2026-11-16', '2026-11-19'],
      ['Васильева Дарья', '6А', '2026-09-01', null],
    ]);
  });

  it('of one class, and by a part of the name whatever the case and «ё»', async () => {
    expect((await t.call('contingent.listStudents', { yearId: s.yearId, classId: s.classes.c6a }, s.tokens.admin)).map((r) => r.name)).toEqual(['Васильева Дарья']);
    expect((await t.call('contingent.listStudents', { yearId: s.yearId, search: 'АРТЕМ' }, s.tokens.admin)).map((r) => r.name)).toEqual(['Алексеев Артём']);
  });
});
