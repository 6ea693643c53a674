import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRanked, scoreOf, type Ranked } from '../../../main/core/substitutions/ranking';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildSubSchool, type SubSchool } from './fixture';
import { StaffEntity } from '../../../main/core/db/entities/staff';
import { SchoolClassEntity, StaffQualificationEntity, TeachingAssignmentEntity } from '../../../main/core/db/entities/school';
import { LessonEntity } from '../../../main/core/db/entities/journal';
import { plannedLesson } from '../../../main/core/lessons/planned-lesson';
import { searchKey } from '../../../main/core/shared/text';

const DEFAULT_WEIGHTS = { teachesClass: 10, subject: 20, qualified: 10, classTeacher: 5, distance: 3, lessonsToday: 2, month: 4 };

describe('the score of a candidate', () => {
  it('adds the bonuses and takes off the penalties, weight by weight', () => {
    // 10 (class) + 10 (qualified) + 0 − 3·2 (two lessons away) − 2·3 (three lessons today) − 4·1 (one this month) = 4.
    const c = { teachesClass: true, subject: 'qualified' as const, classTeacher: false, continuity: false, distance: 2, lessonsToday: 3, month: 1 };
    expect(scoreOf(c, DEFAULT_WEIGHTS)).toBe(4);
    expect(scoreOf({ ...c, subject: 'teaches' }, DEFAULT_WEIGHTS)).toBe(14);
    expect(scoreOf({ ...c, subject: 'other_level' }, DEFAULT_WEIGHTS)).toBe(-6);
    expect(scoreOf({ ...c, classTeacher: true }, DEFAULT_WEIGHTS)).toBe(9);
    expect(scoreOf({ ...c, distance: null, lessonsToday: 0 }, DEFAULT_WEIGHTS)).toBe(16);
  });

  it('puts teachers at school that day first; then a teacher of the subject, one who knows the class, the rest; within each the neighbouring lesson, then the score', () => {
    const base: Ranked = { name: 'Я', teachesClass: false, subject: null, classTeacher: false, continuity: false, distance: 1, lessonsToday: 1, month: 0, score: 0 };
    const list: Ranked[] = [
      { ...base, name: 'Предмет, нет уроков', subject: 'teaches', distance: null, score: 100 },
      { ...base, name: 'Никто, балл 30', score: 30 },
      { ...base, name: 'Знает класс, балл 10', teachesClass: true, score: 10 },
      { ...base, name: 'Кл. рук., соседний урок', classTeacher: true, continuity: true, score: -50 },
      { ...base, name: 'Предмет, балл 5', subject: 'teaches', score: 5 },
      { ...base, name: 'Квалификация, балл 8', subject: 'qualified', score: 8 },
      { ...base, name: 'Предмет в другой ступени, балл 20', subject: 'other_level', score: 20 },
    ];
    expect(list.sort(compareRanked).map((r) => r.name)).toEqual([
      'Квалификация, балл 8',
      'Предмет, балл 5',
      'Кл. рук., соседний урок',
      'Знает класс, балл 10',
      'Никто, балл 30',
      'Предмет в другой ступени, балл 20',
      'Предмет, нет уроков',
    ]);
  });
});

describe('suggestions for a lesson of an absent teacher', () => {
  let t: TestRuntime;
  let s: SubSchool;

  beforeAll(async () => {
    t = await createTestRuntime();
    s = await buildSubSchool(t);
    await t.call('substitutions.saveAbsence', { staffId: s.staff.ivanova, fromDate: '2026-11-23', toDate: '2026-11-23', reason: 'illness' }, s.tokens.deputy);
  });
  afterAll(() => t.close());

  const row = (r: { name: string; teachesClass: boolean; subject: string | null; classTeacher: boolean; continuity: boolean; distance: number | null; lessonsToday: number; month: number; score: number }) => [
    r.name,
    r.teachesClass,
    r.subject,
    r.classTeacher,
    r.continuity,
    r.distance,
    r.lessonsToday,
    r.month,
    r.score,
  ];

  it('ranks the free teachers of 5А maths, lesson 2, with every criterion as worked out by hand', async () => {
    const r = await t.call('substitutions.suggest', { lessonId: s.lessons['mon.5a.2'].id }, s.tokens.deputy);
    expect(r.weights).toEqual(DEFAULT_WEIGHTS);
    // name, teaches 5А, subject, leads 5А, continuity, distance, lessons today, this month, score
    expect(r.candidates.map(row)).toEqual([
      // The maths teachers first. Кузнецов teaches maths in 6А and 5В (grades 5–9): 20 − 3·1 − 2·3 − 0 (20.10 is another
      // month; 17.11 was taken back) = 11.
      ['Кузнецов И.И.', false, 'teaches', false, false, 1, 3, 0, 11],
      // Смирнова is qualified for maths and teaches in 5–9: 10 (class) + 10 − 3·1 (5Б at the 1st) − 2·2 − 4·1 (05.11) = 9.
      ['Смирнова Е.В.', true, 'qualified', false, false, 1, 2, 1, 9],
      // Then who knows the class: Петрова teaches and leads 5А: 10 + 5 − 3·1 − 2·2 − 4·2 (10.11, 12.11) = 0.
      ['Петрова М.И.', true, null, true, false, 1, 2, 2, 0],
      // 10, but he has no lessons on Monday: last.
      ['Волков С.П.', true, null, false, false, null, 0, 0, 10],
    ]);
    expect(r.candidates[1].nearest).toBe('1-й урок, 5Б, История');
    // Никитин is busy (6А PE at the 2nd), Орлова has her two lessons already, Белова never teaches Monday's 2nd;
    // only Белова teaches 5А, so only she is named with the reason.
    expect(r.excluded).toEqual([{ staffId: s.staff.belova, name: 'Белова Д.А.', reason: 'не ведёт уроки в это время: методический час' }]);
    expect(r.lesson.state).toBe('open');
  });

  it('lists the parallel lessons to merge with and the free rooms', async () => {
    const r = await t.call('substitutions.suggest', { lessonId: s.lessons['mon.5b.4'].id }, s.tokens.deputy);
    // 5В has maths with Кузнецов at the 4th; 5А has English with Белова: the same subject first.
    expect(r.merges.map((m) => [m.className, m.subjectName, m.teacherName, m.sameSubject, m.roomName])).toEqual([
      ['5В', 'Математика', 'Кузнецов И.И.', true, '13'],
      ['5А', 'Английский язык', 'Белова Д.А.', false, '11'],
    ]);
    // At the 4th rooms 11, 13, 14 are used; 12 is the lesson's own.
    expect(r.rooms.map((x) => x.number)).toEqual(['Спортзал']);
    // At the 4th Белова, Кузнецов and Смирнова teach; Орлова is at her maximum: Никитин −8, Петрова −15, Волков last.
    expect(r.candidates.map((c) => [c.name, c.score])).toEqual([
      ['Никитин П.С.', -8],
      ['Петрова М.И.', -15],
      ['Волков С.П.', 0],
    ]);
    expect(r.excluded.map((x) => [x.name, x.reason])).toEqual([
      ['Кузнецов И.И.', 'занят: 4-й урок, 5В, Математика'],
      ['Орлова О.О.', 'уже 2 урока в этот день — больше не положено (не более 2)'],
      ['Смирнова Е.В.', 'занят: 4-й урок, 6А, История'],
    ]);
  });

  it('takes the weights from the school settings', async () => {
    await t.call('substitutions.setRules', { values: { 'substitutions.weightMonth': 20 } }, s.tokens.deputy);
    const r = await t.call('substitutions.suggest', { lessonId: s.lessons['mon.5a.2'].id }, s.tokens.deputy);
    // Кузнецов 20 − 3 − 6 = 11; Смирнова 20 − 3 − 4 − 20 = −7; Петрова 15 − 3 − 4 − 40 = −32; Волков last.
    expect(r.candidates.map((c) => [c.name, c.score])).toEqual([
      ['Кузнецов И.И.', 11],
      ['Смирнова Е.В.', -7],
      ['Петрова М.И.', -32],
      ['Волков С.П.', 10],
    ]);
    await t.call('substitutions.setRules', { values: { 'substitutions.weightMonth': 4 } }, s.tokens.deputy);
  });

  it('refuses a weight out of range with the message next to the field', async () => {
    const e = await t.fail('substitutions.setRules', { values: { 'substitutions.weightDistance': 500, 'school.name': 1 } }, s.tokens.deputy);
    expect(e.code).toBe('VALIDATION');
    expect(e.details?.fields).toMatchObject({ 'substitutions.weightDistance': expect.stringMatching(/100/), 'school.name': 'Эта настройка не относится к заменам' });
  });
});

/**
 * Issue 16, item 3: «qualified» means the subject at the level of school of
 * the class (1–4, 5–9, 10–11). A primary teacher who teaches mathematics in
 * 2А is no mathematics teacher for 5А, and a history teacher qualified for
 * mathematics who teaches in 5–9 is none for 2А.
 */
describe('the subject at the level of school of the class', () => {
  let t: TestRuntime;
  let s: SubSchool;
  let sokolova: string;
  let second: { maths3: string };

  beforeAll(async () => {
    t = await createTestRuntime();
    s = await buildSubSchool(t);
    // 2А with its primary teacher Соколова: maths at the 1st and the 3rd on Monday; she is qualified for maths, as primary teachers are.
    ({ sokolova, second } = await t.runtime.transact({ userId: null, method: 'test.fixture' }, async (write) => {
      const staffId = (
        await write.insert(StaffEntity, {
          lastName: 'Соколова',
          firstName: 'Вера',
          middleName: 'Ильинична',
          searchName: searchKey('Соколова', 'Вера', 'Ильинична'),
          position: 'Учитель начальных классов',
          phone: null,
          email: null,
          hiredOn: null,
          leftOn: null,
          maxLessonsPerDay: null,
          note: null,
        })
      ).id;
      const classId = (
        await write.insert(SchoolClassEntity, { yearId: s.yearId, gradeLevel: 2, letter: 'А', name: '2А', classTeacherId: staffId, shift: 1, bellScheduleId: null, roomId: s.rooms.r11 })
      ).id;
      for (const subjectId of [s.subjects.maths, s.subjects.russian]) {
        await write.insert(TeachingAssignmentEntity, { yearId: s.yearId, staffId, classId, groupId: null, subjectId, hoursPerWeek: 4, fromDate: null, toDate: null });
      }
      await write.insert(StaffQualificationEntity, { staffId, subjectId: s.subjects.maths });
      const lesson = async (lessonNo: number) =>
        (
          await write.insert(
            LessonEntity,
            plannedLesson({ yearId: s.yearId, date: '2026-11-23', lessonNo, classId, subjectId: s.subjects.maths, staffId, roomId: s.rooms.r11 }),
          )
        ).id;
      await lesson(1);
      return { sokolova: staffId, second: { maths3: await lesson(3) } };
    }));
    await t.call('substitutions.saveAbsence', { staffId: s.staff.ivanova, fromDate: '2026-11-23', toDate: '2026-11-23', reason: 'illness' }, s.tokens.deputy);
  });
  afterAll(() => t.close());

  it('ranks the primary teacher of 2А, free at 5А’s 2nd, after the teachers of 5А maths and of 5А itself', async () => {
    const r = await t.call('substitutions.suggest', { lessonId: s.lessons['mon.5a.2'].id }, s.tokens.deputy);
    // Соколова: maths only in grades 1–4 — «другая ступень», no points: 0 − 3·1 (2А at the 1st) − 2·2 (the 1st and the 3rd) = −7.
    expect(r.candidates.map((c) => [c.name, c.subject, c.score])).toEqual([
      ['Кузнецов И.И.', 'teaches', 11],
      ['Смирнова Е.В.', 'qualified', 9],
      ['Петрова М.И.', null, 0],
      ['Соколова В.И.', 'other_level', -7],
      ['Волков С.П.', null, 10],
    ]);
  });

  it('does not count a qualification for maths at grades 5–9 as one for 2А', async () => {
    await t.call('substitutions.saveAbsence', { staffId: sokolova, fromDate: '2026-11-23', toDate: '2026-11-23', fromLessonNo: 3, toLessonNo: 3, reason: 'course' }, s.tokens.deputy);
    const r = await t.call('substitutions.suggest', { lessonId: second.maths3 }, s.tokens.deputy);
    const subject = Object.fromEntries(r.candidates.map((c) => [c.name, c.subject]));
    // Смирнова is qualified for maths but teaches in 5–9 only; Кузнецов teaches maths in 5–9 only: busy with 6А at the 3rd,
    // he is not among those «who teach this class or subject» either.
    expect(subject['Смирнова Е.В.']).toBe('other_level');
    expect(r.candidates.filter((c) => c.subject === 'teaches' || c.subject === 'qualified')).toEqual([]);
    expect(r.excluded.map((x) => x.name)).not.toContain('Кузнецов И.И.');
  });
});
