import { describe, expect, it } from 'vitest';
import { flowTopics } from '../../../main/core/plans/flow';
import { fulfilment } from '../../../main/core/plans/fulfilment';
import { planTopicChanges } from '../../../main/core/plans/reflow';
import { curriculumYearHours } from '../../../main/core/plans/year-hours';

const lesson = (id: string, date: string, lessonNo = 2, status = 'planned', topic: string | null = null) => ({ id, date, lessonNo, status, topic });

describe('topics flowing into lessons', () => {
  it('gives each topic as many lessons as it has hours, in date order; a cancelled lesson takes none', () => {
    const topics = [
      { id: 'fractions', ordinal: 1, hours: 2 },
      { id: 'test', ordinal: 3, hours: 1 },
      { id: 'decimals', ordinal: 2, hours: 1 },
    ];
    const lessons = [lesson('d', '2026-09-10'), lesson('a', '2026-09-03'), lesson('c', '2026-09-08', 2, 'cancelled'), lesson('b', '2026-09-07'), lesson('e', '2026-09-14'), lesson('f', '2026-09-17')];
    const flow = flowTopics(lessons, topics);
    expect(Object.fromEntries(flow)).toEqual({ a: 'fractions', b: 'fractions', c: null, d: 'decimals', e: 'test', f: null });
  });

  it('leaves the other lessons alone when the teacher writes a topic of their own in one', () => {
    const topics = [
      { id: 't1', ordinal: 1, hours: 1 },
      { id: 't2', ordinal: 2, hours: 1 },
      { id: 't3', ordinal: 3, hours: 1 },
    ];
    const rows = [
      { id: 'a', date: '2026-09-03', lessonNo: 1, classId: '5A', groupId: null, subjectId: 'maths', status: 'given', planTopicId: 't1' },
      { id: 'b', date: '2026-09-07', lessonNo: 1, classId: '5A', groupId: null, subjectId: 'maths', status: 'given', planTopicId: 't2' },
      { id: 'c', date: '2026-09-10', lessonNo: 1, classId: '5A', groupId: null, subjectId: 'maths', status: 'planned', planTopicId: 't3' },
    ];
    // Lesson b has the teacher's own topic written (Lesson.topic): the flow does not look at it, so nothing moves.
    expect(planTopicChanges(rows, new Map([['5A||maths', topics]]))).toEqual([]);
    // Cancelling lesson b shifts the plan by one lesson.
    rows[1].status = 'cancelled';
    expect(planTopicChanges(rows, new Map([['5A||maths', topics]]))).toEqual([
      { id: 'b', from: 't2', to: null },
      { id: 'c', from: 't3', to: 't2' },
    ]);
  });
});

describe('programme fulfilment', () => {
  // Plan of 6 hours; lessons Mon/Thu from 03.09; on 14.09 five lessons were due, one was cancelled, three were given.
  const lessons = [
    lesson('1', '2026-09-03', 2, 'given', 'Тема 1'),
    lesson('2', '2026-09-07', 2, 'planned', 'Тема 2'),
    lesson('3', '2026-09-10', 2, 'cancelled'),
    lesson('4', '2026-09-14', 2, 'given'),
    lesson('5', '2026-09-14', 5, 'planned'),
    lesson('6', '2026-09-17'),
    lesson('7', '2026-09-21'),
  ];
  const topics = [
    { hours: 2, plannedDate: null },
    { hours: 4, plannedDate: null },
  ];
  /** A school's today after the days counted: they are over and count whole. */
  const LATER = '2026-11-23';

  it('counts planned hours by the lessons scheduled and given ones by what was held', () => {
    expect(fulfilment(topics, lessons, '2026-09-14', LATER)).toEqual({
      date: '2026-09-14',
      planHours: 6,
      yearLessons: 6,
      planned: 5,
      given: 3,
      difference: -2,
      state: 'behind',
    });
    // Planned never exceeds the plan: by 21.09 seven lessons were due but the plan has six hours.
    expect(fulfilment(topics, lessons, '2026-09-21', LATER)).toMatchObject({ planned: 6, given: 3, difference: -3 });
  });

  it('on the school’s today counts a lesson not held yet neither way: the day is under way', () => {
    // 14.09 is today: the 2nd lesson is held, the 5th (12:30) is still to come.
    expect(fulfilment(topics, lessons, '2026-09-14', '2026-09-14')).toMatchObject({ planned: 4, given: 3, difference: -1 });
    // Held, it counts on both sides; the day over, the same figures as any past day.
    const held = lessons.map((l) => (l.id === '5' ? { ...l, status: 'given' } : l));
    expect(fulfilment(topics, held, '2026-09-14', '2026-09-14')).toMatchObject({ planned: 5, given: 4, difference: -1 });
    expect(fulfilment(topics, lessons, '2026-09-14', '2026-09-15')).toMatchObject({ planned: 5, given: 3, difference: -2 });
    // With dates: the hour of the topic dated today is not due until its lesson is held.
    const dated = [
      { hours: 2, plannedDate: '2026-09-03' },
      { hours: 1, plannedDate: '2026-09-14' },
      { hours: 3, plannedDate: '2026-09-17' },
    ];
    expect(fulfilment(dated, lessons, '2026-09-14', '2026-09-14')).toMatchObject({ planned: 2, given: 3, difference: 1 });
    expect(fulfilment(dated, lessons, '2026-09-14', LATER)).toMatchObject({ planned: 3, given: 3, difference: 0, state: 'onTrack' });
  });

  it('follows the teacher’s own dates when every topic has one', () => {
    const dated = [
      { hours: 2, plannedDate: '2026-09-03' },
      { hours: 3, plannedDate: '2026-09-17' },
    ];
    expect(fulfilment(dated, lessons, '2026-09-14', LATER)).toMatchObject({ planned: 2, given: 3, difference: 1, state: 'ahead' });
  });
});

describe('hours a year by the curriculum', () => {
  it('is weekly hours times 34 weeks, 33 in grade 1, unless the school set its own figure', () => {
    expect(curriculumYearHours({ hoursPerWeek: 5, hoursPerYear: null }, 5)).toBe(170);
    expect(curriculumYearHours({ hoursPerWeek: 4, hoursPerYear: null }, 1)).toBe(132);
    expect(curriculumYearHours({ hoursPerWeek: 0.5, hoursPerYear: null }, 9)).toBe(17);
    expect(curriculumYearHours({ hoursPerWeek: 1, hoursPerYear: 17 }, 10)).toBe(17);
  });
});
