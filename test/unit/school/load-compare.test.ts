import { describe, expect, it } from 'vitest';
import { compareLoad, concurrentHours, type CompareInput } from '../../../main/core/school/load-compare';

const year = { startDate: '2026-09-01', endDate: '2027-05-31' };
const a = (id: string, staffId: string, classId: string, subjectId: string, hoursPerWeek: number, over: Partial<CompareInput['assignments'][number]> = {}) => ({
  id,
  staffId,
  classId,
  subjectId,
  hoursPerWeek,
  groupId: null,
  fromDate: null,
  toDate: null,
  ...over,
});

describe('hours assigned at once over the year', () => {
  it('a whole-year assignment is its hours on every day', () => {
    expect(concurrentHours(year, [{ hoursPerWeek: 5, fromDate: null, toDate: null }])).toEqual({ min: 5, max: 5 });
  });
  it('a handover on 16.11 is neither a gap nor a double', () => {
    const spans = [
      { hoursPerWeek: 5, fromDate: null, toDate: '2026-11-15' },
      { hoursPerWeek: 5, fromDate: '2026-11-16', toDate: null },
    ];
    expect(concurrentHours(year, spans)).toEqual({ min: 5, max: 5 });
  });
  it('a gap of a week between two teachers shows as a day with no hours', () => {
    const spans = [
      { hoursPerWeek: 5, fromDate: null, toDate: '2026-11-15' },
      { hoursPerWeek: 5, fromDate: '2026-11-23', toDate: null },
    ];
    expect(concurrentHours(year, spans)).toEqual({ min: 0, max: 5 });
  });
  it('an overlap of a week counts double on those days', () => {
    const spans = [
      { hoursPerWeek: 4, fromDate: null, toDate: '2026-11-22' },
      { hoursPerWeek: 4, fromDate: '2026-11-16', toDate: null },
    ];
    expect(concurrentHours(year, spans)).toEqual({ min: 4, max: 8 });
  });
  it('no assignment at all is zero', () => {
    expect(concurrentHours(year, [])).toEqual({ min: 0, max: 0 });
  });
});

/*
 * Hand-worked: 5А has Математика 5 ч, Русский язык 4 ч, Английский язык 3 ч
 * split into two subgroups. Иванова has maths 5 ч; Петрова has Russian 4 ч;
 * Сидоров also has Russian 4 ч (by mistake); Английский: Орлова 3 ч in
 * subgroup 1, nobody in subgroup 2. 6А has Математика 5 ч, nobody assigned;
 * Иванова also has Химия 2 ч in 6А, which 6А's curriculum lacks.
 *   5А planned 5 + 4 + 3 + 3 = 15; unassigned 3 (англ., 2 подгр.); twice 4 (рус.).
 *   6А planned 5; unassigned 5; twice 2 (химия: not in the curriculum).
 *   Иванова 5 + 2 = 7 ч, twice 2 ч; Петрова 4 ч, twice 4; Сидоров 4 ч, twice 4; Орлова 3 ч.
 */
const input: CompareInput = {
  year,
  classes: [
    { id: '5a', name: '5А' },
    { id: '6a', name: '6А' },
  ],
  curriculum: [
    { classId: '5a', subjectId: 'maths', hoursPerWeek: 5, splitIntoGroups: false },
    { classId: '5a', subjectId: 'russian', hoursPerWeek: 4, splitIntoGroups: false },
    { classId: '5a', subjectId: 'english', hoursPerWeek: 3, splitIntoGroups: true },
    { classId: '6a', subjectId: 'maths', hoursPerWeek: 5, splitIntoGroups: false },
  ],
  groups: [
    { id: 'g1', classId: '5a', subjectId: 'english', name: '1 подгруппа' },
    { id: 'g2', classId: '5a', subjectId: 'english', name: '2 подгруппа' },
  ],
  assignments: [
    a('1', 'ivanova', '5a', 'maths', 5),
    a('2', 'petrova', '5a', 'russian', 4),
    a('3', 'sidorov', '5a', 'russian', 4),
    a('4', 'orlova', '5a', 'english', 3, { groupId: 'g1' }),
    a('5', 'ivanova', '6a', 'chemistry', 2),
  ],
};

describe('the teaching load against the curriculum', () => {
  const result = compareLoad(input, '2026-11-23');
  const c5a = result.byClass.find((c) => c.classId === '5a')!;
  const c6a = result.byClass.find((c) => c.classId === '6a')!;

  it('per class: planned, unassigned and assigned twice', () => {
    expect([c5a.planned, c5a.unassigned, c5a.twice]).toEqual([15, 3, 4]);
    expect([c6a.planned, c6a.unassigned, c6a.twice]).toEqual([5, 5, 2]);
    expect(result.totals).toEqual({ planned: 20, unassigned: 8, twice: 6 });
  });

  it('each subgroup of a split subject needs the subject’s full hours', () => {
    const english = c5a.lines.filter((l) => l.subjectId === 'english');
    expect(english.map((l) => [l.groupName, l.planned, l.unassigned])).toEqual([
      ['1 подгруппа', 3, 0],
      ['2 подгруппа', 3, 3],
    ]);
  });

  it('names the teachers of a subject assigned twice', () => {
    const russian = c5a.lines.find((l) => l.subjectId === 'russian')!;
    expect(russian.staffIds.sort()).toEqual(['petrova', 'sidorov']);
    expect(russian.twice).toBe(4);
  });

  it('load in a subject missing from the curriculum is all too much', () => {
    const chemistry = c6a.lines.find((l) => l.subjectId === 'chemistry')!;
    expect(chemistry).toMatchObject({ planned: 0, twice: 2, note: 'not_in_curriculum' });
  });

  it('per teacher: hours a week, and hours in doubled slots', () => {
    const t = Object.fromEntries(result.byTeacher.map((x) => [x.staffId, [x.hours, x.twice]]));
    expect(t).toEqual({ ivanova: [7, 2], petrova: [4, 4], sidorov: [4, 4], orlova: [3, 0] });
  });

  it('a split subject without subgroups yet shows its hours once, unassigned', () => {
    const r = compareLoad({ ...input, groups: [], assignments: [] }, '2026-11-23');
    const english = r.byClass[0].lines.find((l) => l.subjectId === 'english')!;
    expect(english).toMatchObject({ planned: 3, unassigned: 3, note: 'no_groups' });
  });

  it('a whole-class assignment of a split subject covers each subgroup', () => {
    const r = compareLoad({ ...input, assignments: [a('9', 'orlova', '5a', 'english', 3)] }, '2026-11-23');
    const english = r.byClass[0].lines.filter((l) => l.subjectId === 'english');
    expect(english.map((l) => l.unassigned)).toEqual([0, 0]);
  });

  it('counts a teacher’s hours on the reference day: a load that ended is not counted', () => {
    const r = compareLoad({ ...input, assignments: [a('1', 'ivanova', '5a', 'maths', 5, { toDate: '2026-11-15' })] }, '2026-11-23');
    expect(r.byTeacher[0].hours).toBe(0);
    expect(r.byClass[0].lines.find((l) => l.subjectId === 'maths')!.unassigned).toBe(5);
  });
});
