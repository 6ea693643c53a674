import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IsNull } from 'typeorm';
import * as XLSX from 'xlsx';
import { LessonEntity } from '../../../main/core/db/entities/journal';
import { CurriculumItemEntity, SchoolClassEntity, TeachingAssignmentEntity } from '../../../main/core/db/entities/school';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildTimetableSchool, type TimetableSchool } from '../lessons/school-with-timetable';

function ktpFile(rows: [number, string, number][]): string {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['№', 'Тема', 'Часы'], ...rows]), 'КТП');
  return (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64');
}

/**
 * КТП: a teacher imports a plan from a spreadsheet, its topics flow into the
 * page's lessons in order, a topic written in a lesson shifts nothing, the
 * plan is compared with the curriculum, copied to a parallel class, and its
 * fulfilment is counted.
 */
describe('thematic plans', () => {
  let t: TestRuntime;
  let s: TimetableSchool;
  let c5b: string;

  beforeEach(async () => {
    t = await createTestRuntime({ now: '2026-09-10T12:00:00.000Z' });
    s = await buildTimetableSchool(t);
    c5b = await t.runtime.transact({ userId: null, method: 'test.fixture' }, async (write) => {
      const id = (await write.insert(SchoolClassEntity, { yearId: s.yearId, gradeLevel: 5, letter: 'Б', name: '5Б', classTeacherId: null, shift: 1, bellScheduleId: null, roomId: null })).id;
      await write.insert(TeachingAssignmentEntity, { yearId: s.yearId, staffId: s.staff.ivanova, classId: id, groupId: null, subjectId: s.subjects.maths, hoursPerWeek: 5, fromDate: null, toDate: null });
      await write.insert(CurriculumItemEntity, { yearId: s.yearId, classId: s.classes.c5a, subjectId: s.subjects.maths, hoursPerWeek: 5, hoursPerYear: null, gradingSystemId: null, splitIntoGroups: false });
      return id;
    });
    // 5А mathematics on Monday and Thursday, lesson 2.
    const tt = await t.call('timetable.create', { yearId: s.yearId, name: 'Основное', validFrom: '2026-09-01' }, s.tokens.deputy);
    for (const weekday of [1, 4]) {
      await t.call('timetable.place', { timetableId: tt.id, weekday, lessonNo: 2, classId: s.classes.c5a, subjectId: s.subjects.maths, staffId: s.staff.ivanova }, s.tokens.deputy);
    }
    await t.call('timetable.activate', { id: tt.id }, s.tokens.deputy);
  });
  afterEach(() => t.close());

  const pageLessons = async () =>
    (await t.runtime.database().manager.find(LessonEntity, { where: { classId: s.classes.c5a, subjectId: s.subjects.maths, deletedAt: IsNull() }, order: { date: 'ASC', lessonNo: 'ASC' } })).filter(
      (l) => l.timetableEntryId,
    );

  it('imports a plan from XLSX and sees its topics in the lessons, in order, by hours', async () => {
    const teacher = s.tokens.ivanova;
    const parsed = await t.call(
      'plans.parseFile',
      { yearId: s.yearId, fileName: 'КТП математика 5А.xlsx', contentBase64: ktpFile([[1, 'Натуральные числа', 2], [2, 'Сложение', 1], [3, 'Вычитание', 1]]) },
      teacher,
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.totalHours).toBe(4);
    const { id } = await t.call(
      'plans.create',
      { yearId: s.yearId, classId: s.classes.c5a, subjectId: s.subjects.maths, topics: parsed.topics.map((x) => ({ title: x.title, hours: x.hours })) },
      teacher,
    );
    const lessons = await t.call('plans.lessons', { id }, teacher);
    // September: Thu 03, Mon 07, Thu 10, (Mon 14 is a day off), Thu 17, Mon 21 …
    expect(lessons.slice(0, 5).map((l) => [l.date, l.plannedTopic])).toEqual([
      ['2026-09-03', 'Натуральные числа'],
      ['2026-09-07', 'Натуральные числа'],
      ['2026-09-10', 'Сложение'],
      ['2026-09-17', 'Вычитание'],
      ['2026-09-21', null],
    ]);

    // The teacher writes a topic of her own on 07.09: the next lessons keep their planned topics.
    const sept7 = lessons[1];
    await t.call('journal.setLessonText', { lessonId: sept7.id, topic: 'Натуральные числа. Решение задач' }, teacher);
    const after = await t.call('plans.lessons', { id }, teacher);
    expect(after.slice(0, 4).map((l) => [l.plannedTopic, l.topic])).toEqual([
      ['Натуральные числа', null],
      ['Натуральные числа', 'Натуральные числа. Решение задач'],
      ['Сложение', null],
      ['Вычитание', null],
    ]);

    // A topic inserted at the start moves every planned topic one lesson on.
    const plan = await t.call('plans.get', { id }, teacher);
    await t.call('plans.saveTopics', { id, topics: [{ title: 'Повторение', hours: 1 }, ...plan.topics.map((x) => ({ id: x.id, title: x.title, hours: x.hours }))] }, teacher);
    expect((await t.call('plans.lessons', { id }, teacher)).slice(0, 5).map((l) => l.plannedTopic)).toEqual([
      'Повторение',
      'Натуральные числа',
      'Натуральные числа',
      'Сложение',
      'Вычитание',
    ]);
    // The lessons carry the very topic rows (ids kept), so journal pages find them.
    const stored = await pageLessons();
    const topicIds = (await t.call('plans.get', { id }, teacher)).topics.map((x) => x.id);
    expect(stored.slice(0, 5).map((l) => l.planTopicId)).toEqual([topicIds[0], topicIds[1], topicIds[1], topicIds[2], topicIds[3]]);
  });

  it('compares the plan with the curriculum and counts its fulfilment', async () => {
    const teacher = s.tokens.ivanova;
    const { id } = await t.call(
      'plans.create',
      { yearId: s.yearId, classId: s.classes.c5a, subjectId: s.subjects.maths, topics: [40, 40, 40, 40].map((hours, i) => ({ title: `Раздел ${i + 1}`, hours })) },
      teacher,
    );
    // Today, 10.09: the lessons of 03.09 and 07.09 were due, one was given with its topic written;
    // today's is still under way, so it is not due yet.
    const lessons = await pageLessons();
    await t.call('journal.setLessonText', { lessonId: lessons[0].id, topic: 'Натуральные числа' }, teacher);
    const { plan } = await t.call('plans.get', { id }, teacher);
    expect(plan.curriculumHours).toBe(170);
    expect(plan.fulfilment).toMatchObject({ planHours: 160, planned: 2, given: 1, difference: -1, state: 'behind' });
    // Asked for a past day, the whole day counts: by the end of 07.09 both its lessons were due.
    expect((await t.call('plans.get', { id, date: '2026-09-07' }, teacher)).plan.fulfilment).toMatchObject({ planned: 2, given: 1 });
    // The year's lessons: the timetable's and the one entered by hand on Tuesday 24.11.
    expect(plan.fulfilment.yearLessons).toBe(lessons.length + 1);
  });

  it('a plan entered with dates expects the hours dated up to the day, in the school’s list as in the plan itself', async () => {
    const teacher = s.tokens.ivanova;
    const topics = [
      { title: 'Натуральные числа', hours: 2, plannedDate: '2026-09-03' },
      { title: 'Сложение', hours: 1, plannedDate: '2026-09-07' },
      { title: 'Вычитание', hours: 3, plannedDate: '2026-09-14' },
    ];
    const { id } = await t.call('plans.create', { yearId: s.yearId, classId: s.classes.c5a, subjectId: s.subjects.maths, topics }, teacher);
    const lessons = await pageLessons();
    await t.call('journal.setLessonText', { lessonId: lessons[0].id, topic: 'Натуральные числа' }, teacher);
    // On 10.09: 2 + 1 hours dated by then; one lesson given (its topic written).
    const expected = { planHours: 6, planned: 3, given: 1, difference: -2, state: 'behind' };
    expect((await t.call('plans.get', { id }, teacher)).plan.fulfilment).toMatchObject(expected);
    const list = await t.call('plans.list', { yearId: s.yearId }, s.tokens.deputy);
    expect(list.plans.find((p) => p.id === id)?.fulfilment).toMatchObject(expected);
    expect(list.plans.find((p) => p.id === id)?.topics).toBe(3);
  });

  it('copies a plan to the parallel class, and keeps other teachers’ plans out of reach', async () => {
    const { id } = await t.call(
      'plans.create',
      { yearId: s.yearId, classId: s.classes.c5a, subjectId: s.subjects.maths, topics: [{ title: 'Натуральные числа', hours: 2 }, { title: 'Дроби', hours: 3 }] },
      s.tokens.ivanova,
    );
    const { copyTargets } = await t.call('plans.get', { id }, s.tokens.ivanova);
    expect(copyTargets.map((x) => x.label)).toEqual(['5Б']);
    const [copied] = await t.call('plans.copy', { id, targets: [{ classId: c5b }] }, s.tokens.ivanova);
    expect(copied).toMatchObject({ status: 'created' });
    const copy = await t.call('plans.get', { id: copied.planId! }, s.tokens.ivanova);
    expect(copy.plan).toMatchObject({ className: '5Б', name: 'Математика, 5Б', topics: 2, approvedAt: null });
    expect(copy.topics.map((x) => [x.title, x.hours])).toEqual([
      ['Натуральные числа', 2],
      ['Дроби', 3],
    ]);
    // A second copy does not overwrite without asking.
    const [again] = await t.call('plans.copy', { id, targets: [{ classId: c5b }] }, s.tokens.ivanova);
    expect(again.status).toBe('skipped');

    // Петрова teaches Russian, not mathematics: the plan is not hers to change.
    const refused = await t.fail('plans.saveTopics', { id, topics: [] }, s.tokens.petrova);
    expect(refused.code).toBe('FORBIDDEN');
    // One page, one plan.
    const twin = await t.fail('plans.create', { yearId: s.yearId, classId: s.classes.c5a, subjectId: s.subjects.maths }, s.tokens.ivanova);
    expect(twin.code).toBe('CONFLICT');
  });

  it('sends an approved plan back for approval when the teacher changes it', async () => {
    const { id } = await t.call('plans.create', { yearId: s.yearId, classId: s.classes.c5a, subjectId: s.subjects.maths, topics: [{ title: 'Дроби', hours: 5 }] }, s.tokens.ivanova);
    await t.call('plans.approve', { id, approved: true }, s.tokens.deputy);
    expect((await t.call('plans.get', { id }, s.tokens.ivanova)).plan.approvedAt).not.toBeNull();
    const teacherTry = await t.fail('plans.approve', { id, approved: true }, s.tokens.ivanova);
    expect(teacherTry.code).toBe('FORBIDDEN');
    const plan = await t.call('plans.get', { id }, s.tokens.ivanova);
    await t.call('plans.saveTopics', { id, topics: plan.topics.map((x) => ({ id: x.id, title: x.title, hours: 6 })) }, s.tokens.ivanova);
    expect((await t.call('plans.get', { id }, s.tokens.ivanova)).plan.approvedAt).toBeNull();
  });
});
