import { describe, expect, it } from 'vitest';
import { programme, programmeVerdict } from '../../../main/core/reports/formulas/programme';

/** Programme fulfilment, worked by hand: КТП hours planned by a date against lessons given. */
describe('programme fulfilment', () => {
  const ktp = [
    { title: 'А', hours: 2, plannedDate: '2026-09-01' },
    { title: 'Б', hours: 1, plannedDate: '2026-09-03' },
    { title: 'В', hours: 2, plannedDate: '2026-09-05' },
    { title: 'Г', hours: 1, plannedDate: '2026-09-10' },
  ];

  it('counts planned hours by the КТП dates and names the topics not yet reached', () => {
    // Two lessons given by 05.09: topic А (2 h) is covered; Б and В (3 h) are behind.
    const lessons = [
      { date: '2026-09-01', given: true },
      { date: '2026-09-02', given: true },
      { date: '2026-09-03', given: false },
      { date: '2026-09-05', given: false },
    ];
    const p = programme(ktp, lessons, '2026-09-05');
    expect(p).toEqual({ plannedYear: 6, planned: 5, given: 2, behind: 3, behindTopics: ['Б', 'В'], source: 'plan' });
    expect(programmeVerdict(p)).toBe('Программа не выполнена, отставание 3 ч');
  });

  it('has no backlog when lessons run ahead of the plan', () => {
    const lessons = Array.from({ length: 4 }, (_, i) => ({ date: `2026-09-0${i + 1}`, given: true }));
    const p = programme(ktp, lessons, '2026-09-04');
    // Planned by 04.09: А (2) + Б (1) = 3; given 4.
    expect(p.planned).toBe(3);
    expect(p.behind).toBe(0);
    expect(p.behindTopics).toEqual([]);
    expect(programmeVerdict(p)).toBe('Программа выполнена');
  });

  it('on the school’s today does not count a lesson not given yet: the day is under way', () => {
    const lessons = [
      { date: '2026-09-01', given: true },
      { date: '2026-09-02', given: true },
      { date: '2026-09-03', given: true },
      { date: '2026-09-05', given: false }, // today, at 12:30
    ];
    // Planned by 05.09: А (2) + Б (1) + В (2, dated 05.09) = 5 — but one hour of В is the lesson later today.
    expect(programme(ktp, lessons, '2026-09-05', '2026-09-05')).toMatchObject({ planned: 4, given: 3, behind: 1 });
    expect(programme(ktp, lessons, '2026-09-05', '2026-09-06')).toMatchObject({ planned: 5, given: 3, behind: 2 });
    expect(programme([], lessons, '2026-09-05', '2026-09-05')).toMatchObject({ planned: 3, given: 3, behind: 0 });
  });

  it('takes the timetable as the plan when there is no КТП', () => {
    const lessons = [
      { date: '2026-09-01', given: true },
      { date: '2026-09-02', given: true },
      { date: '2026-09-03', given: false }, // cancelled: planned, not given
      { date: '2026-09-10', given: false }, // after the date: not yet planned
    ];
    expect(programme([], lessons, '2026-09-05')).toEqual({ plannedYear: 4, planned: 3, given: 2, behind: 1, behindTopics: [], source: 'timetable' });
  });
});
