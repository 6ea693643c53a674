import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRanked, scoreOf, type Ranked } from '../../../main/core/substitutions/ranking';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildSubSchool, type SubSchool } from './fixture';

const DEFAULT_WEIGHTS = { teachesClass: 30, subject: 20, classTeacher: 10, distance: 3, lessonsToday: 2, month: 4 };

describe('the score of a candidate', () => {
  it('adds the bonuses and takes off the penalties, weight by weight', () => {
    // 30 (class) + 20 (subject) + 0 − 3·2 (two lessons away) − 2·3 (three lessons today) − 4·1 (one this month) = 34.
    const c = { teachesClass: true, subject: 'qualified' as const, classTeacher: false, continuity: false, distance: 2, lessonsToday: 3, month: 1 };
    expect(scoreOf(c, DEFAULT_WEIGHTS)).toBe(34);
    expect(scoreOf({ ...c, classTeacher: true }, DEFAULT_WEIGHTS)).toBe(44);
    expect(scoreOf({ ...c, distance: null, lessonsToday: 0 }, DEFAULT_WEIGHTS)).toBe(46);
  });

  it('puts continuity first, then teachers at school that day, then the score', () => {
    const base: Ranked = { name: 'Я', teachesClass: false, subject: null, classTeacher: false, continuity: false, distance: 1, lessonsToday: 1, month: 0, score: 0 };
    const list: Ranked[] = [
      { ...base, name: 'Высокий балл, нет уроков', distance: null, score: 100 },
      { ...base, name: 'Балл 10', score: 10 },
      { ...base, name: 'Соседний урок', continuity: true, score: -50 },
      { ...base, name: 'Балл 20', score: 20 },
    ];
    expect(list.sort(compareRanked).map((r) => r.name)).toEqual(['Соседний урок', 'Балл 20', 'Балл 10', 'Высокий балл, нет уроков']);
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
      // 30 + 20 − 3·1 (her nearest lesson: 5Б at the 1st) − 2·2 − 4·1 (05.11) = 39
      ['Смирнова Е.В.', true, 'qualified', false, false, 1, 2, 1, 39],
      // 30 + 10 − 3·1 − 2·2 − 4·2 (10.11, 12.11) = 25
      ['Петрова М.И.', true, null, true, false, 1, 2, 2, 25],
      // 20 − 3·1 − 2·3 − 0 (20.10 is another month; 17.11 was taken back) = 11
      ['Кузнецов И.И.', false, 'teaches', false, false, 1, 3, 0, 11],
      // 30, but he has no lessons on Monday: last
      ['Волков С.П.', true, null, false, false, null, 0, 0, 30],
    ]);
    expect(r.candidates[0].nearest).toBe('1-й урок, 5Б, История');
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
    // Смирнова 50 − 3 − 4 − 20 = 23; Кузнецов 20 − 3 − 6 = 11; Петрова 40 − 3 − 4 − 40 = −7; Волков last.
    expect(r.candidates.map((c) => [c.name, c.score])).toEqual([
      ['Смирнова Е.В.', 23],
      ['Кузнецов И.И.', 11],
      ['Петрова М.И.', -7],
      ['Волков С.П.', 30],
    ]);
    await t.call('substitutions.setRules', { values: { 'substitutions.weightMonth': 4 } }, s.tokens.deputy);
  });

  it('refuses a weight out of range with the message next to the field', async () => {
    const e = await t.fail('substitutions.setRules', { values: { 'substitutions.weightDistance': 500, 'school.name': 1 } }, s.tokens.deputy);
    expect(e.code).toBe('VALIDATION');
    expect(e.details?.fields).toMatchObject({ 'substitutions.weightDistance': expect.stringMatching(/100/), 'school.name': 'Эта настройка не относится к заменам' });
  });
});
