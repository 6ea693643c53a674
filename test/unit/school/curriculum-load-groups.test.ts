import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';
import { AuditEventEntity } from '../../../main/core/db/entities/system';
import { periodCutBy } from '../../../main/core/school/groups-rules';

const quarters = [
  { name: 'I четверть', kind: 'quarter' as const, startDate: '2026-09-01', endDate: '2026-10-24', gradeFrom: 1, gradeTo: 9, deletedAt: null },
  { name: 'II четверть', kind: 'quarter' as const, startDate: '2026-11-05', endDate: '2026-12-28', gradeFrom: 1, gradeTo: 9, deletedAt: null },
  { name: 'I полугодие', kind: 'half' as const, startDate: '2026-09-01', endDate: '2026-12-28', gradeFrom: 10, gradeTo: 11, deletedAt: null },
];

describe('a subgroup change falls inside a period or at its boundary (seed 003 §4.4.11)', () => {
  it('the first day of a period is a boundary', () => {
    expect(periodCutBy('2026-11-05', 5, quarters)).toBeNull();
  });
  it('a day in the vacation between periods is a boundary', () => {
    expect(periodCutBy('2026-10-30', 5, quarters)).toBeNull();
  });
  it('any later day of a period is its middle', () => {
    expect(periodCutBy('2026-11-23', 5, quarters)?.name).toBe('II четверть');
    expect(periodCutBy('2026-12-28', 5, quarters)?.name).toBe('II четверть');
  });
  it('the periods of the class’s own grade count', () => {
    expect(periodCutBy('2026-11-05', 10, quarters)?.name).toBe('I полугодие');
  });
});

describe('curriculum, teaching load and subgroups', () => {
  let t: TestRuntime;
  let s: SmallSchool;
  let admin: string;
  let english: string;
  let none: string;

  beforeAll(async () => {
    t = await createTestRuntime();
    s = await buildSmallSchool(t);
    admin = s.tokens.admin;
    await t.call('school.installDefaults', {}, admin);
    const lists = await t.call('school.subjects', {}, admin);
    none = lists.gradingSystems.find((g) => g.code === 'none')!.id;
    english = (await t.call('school.saveSubject', { name: 'Английский язык', shortName: 'Англ.', gradingSystemId: lists.gradingSystems[0].id }, admin)).id;
  });
  afterAll(() => t.close());

  describe('curriculum', () => {
    it('hours a week: from 0,5 to 10, whole or with a half', async () => {
      const low = await t.fail('school.saveCurriculumItem', { classId: s.classes.c5a, subjectId: s.subjects.maths, hoursPerWeek: 0.3 }, admin);
      expect(low.details?.fields?.hoursPerWeek).toBe('От 0,5 до 10 часов в неделю');
      const odd = await t.fail('school.saveCurriculumItem', { classId: s.classes.c5a, subjectId: s.subjects.maths, hoursPerWeek: 1.3 }, admin);
      expect(odd.details?.fields?.hoursPerWeek).toBe('Часы — целые или с половиной: 1; 1,5; 2');
      const high = await t.fail('school.saveCurriculumItem', { classId: s.classes.c5a, subjectId: s.subjects.maths, hoursPerWeek: 12 }, admin);
      expect(high.details?.fields?.hoursPerWeek).toBe('От 0,5 до 10 часов в неделю');
    });
    it('one line per subject in a class', async () => {
      await t.call('school.saveCurriculumItem', { classId: s.classes.c5a, subjectId: s.subjects.maths, hoursPerWeek: 5 }, admin);
      await t.call('school.saveCurriculumItem', { classId: s.classes.c5a, subjectId: s.subjects.russian, hoursPerWeek: 5 }, admin);
      const e = await t.fail('school.saveCurriculumItem', { classId: s.classes.c5a, subjectId: s.subjects.maths, hoursPerWeek: 4 }, admin);
      expect(e.details?.fields?.subjectId).toBe('«Математика» уже есть в учебном плане 5А');
    });
    it('grade 1 has no marks: its lines say «без отметок» and refuse marks', async () => {
      const item = await t.call('school.saveCurriculumItem', { classId: s.classes.c1a, subjectId: s.subjects.maths, hoursPerWeek: 4 }, admin);
      expect(item.gradingSystemId).toBe(none);
      const five = (await t.call('school.subjects', {}, admin)).gradingSystems[0].id;
      const e = await t.fail('school.saveCurriculumItem', { classId: s.classes.c1a, subjectId: s.subjects.russian, hoursPerWeek: 5, gradingSystemId: five }, admin);
      expect(e.details?.fields?.gradingSystemId).toBe('В 1 классе отметки не ставятся: выберите «Без отметок»');
    });
    it('copies a class’s curriculum to a parallel class, but not from grade 5 into grade 1', async () => {
      const r = await t.call('school.copyCurriculum', { fromClassId: s.classes.c5a, toClassIds: [s.classes.c6a] }, admin);
      expect(r.added).toBe(2);
      const e = await t.fail('school.copyCurriculum', { fromClassId: s.classes.c5a, toClassIds: [s.classes.c1a] }, admin);
      expect(e.message).toBe('Учебный план 5А нельзя скопировать в 1А: в 1 классе отметки не ставятся, а в других — ставятся.');
    });
  });

  describe('teaching load and its comparison with the curriculum', () => {
    it('shows hours not assigned, per class and per teacher', async () => {
      const load = await t.call('school.load', { yearId: s.yearId }, admin);
      const byClass = Object.fromEntries(load.comparison.byClass.map((c) => [c.classId, [c.planned, c.unassigned, c.twice]]));
      // 5А: maths 5 (Иванова 4) + Russian 5 (Петрова 4) → 2 h unassigned; 6А: 10 h, nobody; 1А: maths 4 (Сидоров 4).
      expect(byClass[s.classes.c5a]).toEqual([10, 2, 0]);
      expect(byClass[s.classes.c6a]).toEqual([10, 10, 0]);
      expect(byClass[s.classes.c1a]).toEqual([4, 0, 0]);
      const ivanova = load.comparison.byTeacher.find((x) => x.staffId === s.staff.ivanova)!;
      expect(ivanova.hours).toBe(4);
    });
    it('refuses a subject the class does not study, and more hours than the curriculum gives', async () => {
      const notIn = await t.fail('school.saveAssignment', { staffId: s.staff.ivanova, classId: s.classes.c6a, subjectId: english, hoursPerWeek: 3 }, admin);
      expect(notIn.details?.fields?.subjectId).toBe('«Английский язык» нет в учебном плане 6А: сначала добавьте предмет в учебный план');
      const more = await t.fail('school.saveAssignment', { staffId: s.staff.ivanova, classId: s.classes.c6a, subjectId: s.subjects.maths, hoursPerWeek: 6 }, admin);
      expect(more.details?.fields?.hoursPerWeek).toBe('По учебному плану — 5 ч в неделю');
    });
    it('refuses the same teacher twice on the same lessons and dates outside the year', async () => {
      await t.call('school.saveAssignment', { staffId: s.staff.ivanova, classId: s.classes.c6a, subjectId: s.subjects.maths, hoursPerWeek: 5 }, admin);
      const twin = await t.fail('school.saveAssignment', { staffId: s.staff.ivanova, classId: s.classes.c6a, subjectId: s.subjects.maths, hoursPerWeek: 5 }, admin);
      expect(twin.details?.fields?.staffId).toBe('Эта нагрузка уже есть (учитель — Иванова А.П.)');
      const dates = await t.fail(
        'school.saveAssignment',
        { staffId: s.staff.petrova, classId: s.classes.c6a, subjectId: s.subjects.russian, hoursPerWeek: 5, fromDate: '2026-12-01', toDate: '2026-11-01' },
        admin,
      );
      expect(dates.details?.fields?.toDate).toBe('Дата окончания не может быть раньше даты начала');
      const outside = await t.fail('school.saveAssignment', { staffId: s.staff.petrova, classId: s.classes.c6a, subjectId: s.subjects.russian, hoursPerWeek: 5, toDate: '2027-07-01' }, admin);
      expect(outside.details?.fields?.toDate).toBe('Дата вне учебного года (01.09.2026 — 31.05.2027)');
    });
    it('a second teacher on the same lessons is shown as hours assigned twice', async () => {
      await t.call('school.saveAssignment', { staffId: s.staff.sidorov, classId: s.classes.c6a, subjectId: s.subjects.maths, hoursPerWeek: 5 }, admin);
      const load = await t.call('school.load', { yearId: s.yearId }, admin);
      const c6a = load.comparison.byClass.find((c) => c.classId === s.classes.c6a)!;
      expect([c6a.unassigned, c6a.twice]).toEqual([5, 5]);
      const sidorov = load.comparison.byTeacher.find((x) => x.staffId === s.staff.sidorov)!;
      expect([sidorov.hours, sidorov.twice]).toEqual([9, 5]);
    });
    it('a load with lessons in the journal is ended by a date, not removed', async () => {
      const load = await t.call('school.load', { yearId: s.yearId }, admin);
      const maths5a = load.assignments.find((a) => a.staffId === s.staff.ivanova && a.classId === s.classes.c5a)!;
      const e = await t.fail('school.removeAssignment', { id: maths5a.id }, admin);
      expect(e.message).toBe(
        'Удалить эту нагрузку нельзя — по ней уже есть уроков в журнале: 2. Если учитель больше не ведёт предмет, укажите дату окончания нагрузки и добавьте новую запись для другого учителя.',
      );
      const double = load.assignments.find((a) => a.staffId === s.staff.sidorov && a.classId === s.classes.c6a)!;
      await t.call('school.removeAssignment', { id: double.id }, admin);
    });
    it('a subject with load cannot leave the curriculum', async () => {
      const items = await t.call('school.curriculum', { yearId: s.yearId }, admin);
      const item = items.find((i) => i.classId === s.classes.c6a && i.subjectId === s.subjects.maths)!;
      const e = await t.fail('school.removeCurriculumItem', { id: item.id }, admin);
      expect(e.message).toBe('Убрать «Математика» из учебного плана 6А нельзя — по предмету уже есть записей нагрузки: 1. Сначала уберите нагрузку и подгруппы.');
    });
  });

  describe('subgroups', () => {
    let groups: { id: string; name: string }[];

    it('splits only a subject of the curriculum', async () => {
      const e = await t.fail('school.splitClass', { classId: s.classes.c5a, subjectId: english, count: 2, date: '2026-09-01' }, admin);
      expect(e.details?.fields?.subjectId).toBe('Предмета нет в учебном плане 5А');
    });
    it('splits a class by list: the alphabetical list halved', async () => {
      await t.call('school.saveCurriculumItem', { classId: s.classes.c5a, subjectId: english, hoursPerWeek: 3, splitIntoGroups: true }, admin);
      groups = await t.call('school.splitClass', { classId: s.classes.c5a, subjectId: english, count: 2, date: '2026-09-01' }, admin);
      const view = await t.call('school.groups', { classId: s.classes.c5a, date: '2026-11-23' }, admin);
      const split = view.splits.find((x) => x.subjectId === english)!;
      expect(split.groups.map((g) => [g.name, g.memberIds])).toEqual([
        ['1 подгруппа', [s.students.first]],
        ['2 подгруппа', [s.students.second]],
      ]);
      expect(split.unassignedIds).toEqual([]);
    });
    it('the load of a split subject names a subgroup', async () => {
      const e = await t.fail('school.saveAssignment', { staffId: s.staff.petrova, classId: s.classes.c5a, subjectId: english, hoursPerWeek: 3 }, admin);
      expect(e.details?.fields?.groupId).toBe('5А изучает «Английский язык» по подгруппам: выберите подгруппу');
      await t.call('school.saveAssignment', { staffId: s.staff.petrova, classId: s.classes.c5a, subjectId: english, groupId: groups[0].id, hoursPerWeek: 3 }, admin);
      const load = await t.call('school.load', { yearId: s.yearId }, admin);
      const lines = load.comparison.byClass.find((c) => c.classId === s.classes.c5a)!.lines.filter((l) => l.subjectId === english);
      expect(lines.map((l) => [l.groupName, l.unassigned])).toEqual([
        ['1 подгруппа', 0],
        ['2 подгруппа', 3],
      ]);
    });
    it('in the middle of a period the administrator may not move a student', async () => {
      const e = await t.fail(
        'school.setGroupMembers',
        { classId: s.classes.c5a, subjectId: english, date: '2026-11-23', members: [{ studentId: s.students.first, groupId: groups[1].id }] },
        admin,
      );
      expect(e.code).toBe('FORBIDDEN');
      expect(e.message).toBe(
        'Перевод из подгруппы в подгруппу (Алексеев А.) возможен только по окончании учебного периода, а 23.11.2026 — середина периода «II четверть» (05.11.2026 — 28.12.2026). В середине периода перевод подтверждает заместитель директора по УВР с указанием причины.',
      );
      expect(e.details?.fields?.date).toBe('Середина периода «II четверть»: нужен перевод с 29.12.2026 или подтверждение заместителя директора');
    });
    it('the deputy must give a reason, and the reason is logged', async () => {
      const params = { classId: s.classes.c5a, subjectId: english, date: '2026-11-23', members: [{ studentId: s.students.first, groupId: groups[1].id }] };
      const noReason = await t.fail('school.setGroupMembers', params, s.tokens.deputy);
      expect(noReason.code).toBe('CONFLICT');
      expect(noReason.details?.fields?.reason).toBe('Укажите причину перевода в середине периода');
      const done = await t.call('school.setGroupMembers', { ...params, reason: 'Заявление родителей, согласовано с учителем' }, s.tokens.deputy);
      expect(done.changed).toBe(1);
      const view = await t.call('school.groups', { classId: s.classes.c5a, date: '2026-11-23' }, admin);
      expect(view.splits.find((x) => x.subjectId === english)!.groups[1].memberIds.sort()).toEqual([s.students.first, s.students.second].sort());
      const before = await t.call('school.groups', { classId: s.classes.c5a, date: '2026-11-22' }, admin);
      expect(before.splits.find((x) => x.subjectId === english)!.groups[0].memberIds).toEqual([s.students.first]);
      const events = await t.runtime.database().manager.find(AuditEventEntity, { where: { field: 'переводВСерединеПериода' } });
      expect(events).toHaveLength(1);
      expect(events[0].reason).toBe('Заявление родителей, согласовано с учителем');
    });
    it('at the end of a period no confirmation is needed', async () => {
      const r = await t.call(
        'school.setGroupMembers',
        { classId: s.classes.c5a, subjectId: english, date: '2026-12-29', members: [{ studentId: s.students.first, groupId: groups[0].id }] },
        admin,
      );
      expect(r.changed).toBe(1);
    });
    it('a subgroup with students cannot be removed', async () => {
      const e = await t.fail('school.removeGroup', { id: groups[1].id }, admin);
      expect(e.message).toBe('Удалить подгруппу «2 подгруппа» 5А нельзя — в ней 2 обучающихся: сначала переведите обучающихся в другую подгруппу.');
    });
    it('the curriculum cannot stop splitting a class that has subgroups', async () => {
      const items = await t.call('school.curriculum', { yearId: s.yearId }, admin);
      const item = items.find((i) => i.classId === s.classes.c5a && i.subjectId === english)!;
      const e = await t.fail('school.saveCurriculumItem', { id: item.id, classId: s.classes.c5a, subjectId: english, hoursPerWeek: 3, splitIntoGroups: false }, admin);
      expect(e.details?.fields?.splitIntoGroups).toBe('Класс уже разделён на подгруппы (1 подгруппа, 2 подгруппа): сначала удалите их');
    });
  });
});
