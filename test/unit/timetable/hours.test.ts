import { describe, expect, it } from 'vitest';
import { compareHours } from '../../../main/core/timetable/hours';
import type { Placement } from '../../../main/core/timetable/model';

let seq = 0;
const e = (over: Partial<Placement> & Pick<Placement, 'classId' | 'subjectId' | 'staffId'>): Placement => ({
  id: `e${++seq}`,
  weekday: 1,
  lessonNo: 1,
  weekParity: 0,
  groupId: null,
  roomId: null,
  individualPlanId: null,
  cardId: null,
  ...over,
});

describe('hours placed against the curriculum and the load', () => {
  it('counts a hand-worked week', () => {
    // 5А: mathematics 5 h by the curriculum, 4 placed plus one every other week = 4,5.
    // English 3 h split into two groups: group 1 has 3, group 2 has 2.
    // Иванова's load: mathematics in 5А (5 h) and in 6Б (5 h), of which 6Б has 1 lesson
    // placed jointly with 6В (one card): one hour of her work, two classes' hours.
    const entries = [
      ...[1, 2, 3, 4].map((weekday) => e({ classId: '5A', subjectId: 'maths', staffId: 'ivanova', weekday })),
      e({ classId: '5A', subjectId: 'maths', staffId: 'ivanova', weekday: 5, weekParity: 1 }),
      ...[1, 2, 3].map((weekday) => e({ classId: '5A', subjectId: 'english', groupId: 'g1', staffId: 'smirnova', weekday, lessonNo: 3 })),
      ...[1, 2].map((weekday) => e({ classId: '5A', subjectId: 'english', groupId: 'g2', staffId: 'kuznetsova', weekday, lessonNo: 3 })),
      e({ classId: '6B', subjectId: 'maths', staffId: 'ivanova', cardId: 'joint', lessonNo: 5 }),
      e({ classId: '6V', subjectId: 'maths', staffId: 'ivanova', cardId: 'joint', lessonNo: 5 }),
    ];
    const report = compareHours(
      entries,
      [
        { classId: '5A', subjectId: 'maths', hoursPerWeek: 5, splitIntoGroups: false },
        { classId: '5A', subjectId: 'english', hoursPerWeek: 3, splitIntoGroups: true },
        { classId: '6B', subjectId: 'maths', hoursPerWeek: 5, splitIntoGroups: false },
      ],
      [
        { id: 'g1', classId: '5A', subjectId: 'english' },
        { id: 'g2', classId: '5A', subjectId: 'english' },
      ],
      [
        { id: 'a1', staffId: 'ivanova', classId: '5A', groupId: null, subjectId: 'maths', hoursPerWeek: 5 },
        { id: 'a2', staffId: 'ivanova', classId: '6B', groupId: null, subjectId: 'maths', hoursPerWeek: 5 },
        { id: 'a3', staffId: 'smirnova', classId: '5A', groupId: 'g1', subjectId: 'english', hoursPerWeek: 3 },
      ],
    );
    expect(report.subjects).toEqual([
      { classId: '5A', subjectId: 'maths', groupId: null, required: 5, placed: 4.5 },
      { classId: '5A', subjectId: 'english', groupId: 'g1', required: 3, placed: 3 },
      { classId: '5A', subjectId: 'english', groupId: 'g2', required: 3, placed: 2 },
      { classId: '6B', subjectId: 'maths', groupId: null, required: 5, placed: 1 },
      // 6В's mathematics is not in this curriculum: placed, nothing required.
      { classId: '6V', subjectId: 'maths', groupId: null, required: 0, placed: 1 },
    ]);
    expect(report.teachers.find((t) => t.staffId === 'ivanova')).toEqual({ staffId: 'ivanova', load: 10, placed: 5.5 });
    expect(report.teachers.find((t) => t.staffId === 'kuznetsova')).toEqual({ staffId: 'kuznetsova', load: 0, placed: 2 });
    expect(report.load.map((l) => [l.assignmentId, l.load, l.placed])).toEqual([
      ['a1', 5, 4.5],
      ['a2', 5, 1],
      ['a3', 3, 3],
    ]);
  });
});
