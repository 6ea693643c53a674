import { describe, expect, it } from 'vitest';
import {
  classRates,
  countValues,
  studentResult,
  subjectRates,
  showRate,
  type FinalValue,
} from '../../../main/core/reports/formulas/performance';

/**
 * The formulas of russian_anchors.md §2.1, worked by hand. The denominator N
 * leaves out the exempt («осв.») and those with no final mark; «н/а» stays in.
 * Withdrawn students never reach these functions: the roster leaves them out
 * (tested with the reports).
 */
describe('a subject: успеваемость, качество, СОУ, средний балл', () => {
  it('counts «н/а» in N and leaves the exempt and the unmarked out', () => {
    // 5, 4, 4, 3, 2, н/а — and one «осв.», one without a mark.
    const c = countValues(['5', '4', '4', '3', '2', 'н/а', 'осв.', null]);
    expect(c).toMatchObject({ n5: 1, n4: 2, n3: 1, n2: 1, na: 1, exempt: 1, missing: 1 });
    const r = subjectRates(c);
    expect(r.n).toBe(6);
    // (1 + 2 + 1) / 6 = 66,66… %
    expect(r.progress).toBe(66.7);
    // (1 + 2) / 6 = 50 %
    expect(r.quality).toBe(50);
    // (100 + 2·64 + 36 + 16 + 7) / 6 = 287 / 6 = 47,83…
    expect(r.sou).toBe(47.8);
    // (5 + 4 + 4 + 3 + 2) / 5 = 3,6 — «н/а» has no value
    expect(r.average).toBe(3.6);
  });

  it('gives every rate as «—» when nobody is counted (all exempt or unmarked)', () => {
    const r = subjectRates(countValues(['осв.', 'осв.', null]));
    expect(r).toEqual({ n: 0, progress: null, quality: null, sou: null, average: null });
    expect(showRate(r.progress)).toBe('—');
  });

  it('counts «зач» as успевающий in a pass/fail subject, which has no quality, СОУ or average', () => {
    const r = subjectRates(countValues(['зач', 'зач', 'зач', 'незач', 'осв.']), 'pass_fail');
    expect(r.n).toBe(4);
    expect(r.progress).toBe(75);
    expect(r.quality).toBeNull();
    expect(r.sou).toBeNull();
    expect(r.average).toBeNull();
  });

  it('gives СОУ 7 % when the whole class is «н/а»', () => {
    const r = subjectRates(countValues(['н/а', 'н/а']));
    expect(r.progress).toBe(0);
    expect(r.quality).toBe(0);
    expect(r.sou).toBe(7);
    expect(r.average).toBeNull();
  });

  it('is 100 % everywhere for a class of straight «5»', () => {
    const r = subjectRates(countValues(['5', '5', '5']));
    expect(r).toEqual({ n: 3, progress: 100, quality: 100, sou: 100, average: 5 });
  });

  it('prints a rate with a decimal comma', () => {
    expect(showRate(66.7)).toBe('66,7');
    expect(showRate(3.6, 2)).toBe('3,60');
  });
});

describe('a class: students by all their subjects', () => {
  const m = (studentId: string, maths: FinalValue | null, russian: FinalValue | null, pe?: FinalValue) => ({
    studentId,
    marks: [
      { subjectId: 'maths', value: maths },
      { subjectId: 'russian', value: russian },
      ...(pe ? [{ subjectId: 'pe', value: pe }] : []),
    ],
  });
  const students = [
    m('A', '5', '5', 'зач'), // отличник («зач» does not spoil it)
    m('B', '5', '4'), // хорошист with one «4»
    m('C', '4', '3'), // one «3»
    m('D', '2', 'н/а'), // неуспевающий, and not attested in Russian
    m('E', 'н/а', '4'), // not attested
    m('F', 'осв.', null), // exempt and unmarked: not counted
    m('G', '3', '3'), // успевающий with two «3»
  ];

  it('classifies each student', () => {
    expect(studentResult(students[0]).standing).toBe('excellent');
    expect(studentResult(students[1]).standing).toBe('good');
    expect(studentResult(students[2]).standing).toBe('satisfactory');
    expect(studentResult(students[3]).standing).toBe('failing');
    expect(studentResult(students[4]).standing).toBe('notAttested');
    expect(studentResult(students[5]).standing).toBe('noMarks');
    expect(studentResult(students[6]).standing).toBe('satisfactory');
  });

  it('works out N, успеваемость and качество by students, СОУ and the average by marks', () => {
    const r = classRates(students);
    // A, B, C, D, E, G: F has nothing but «осв.» and an empty cell.
    expect(r.n).toBe(6);
    expect(r.noMarks).toEqual(['F']);
    // A, B, C, G succeed: 4 / 6
    expect(r.successful).toBe(4);
    expect(r.progress).toBe(66.7);
    // A and B: 2 / 6
    expect(r.excellent).toEqual(['A']);
    expect(r.good).toEqual(['B']);
    expect(r.quality).toBe(33.3);
    expect(r.oneFour).toEqual([{ studentId: 'B', subjectId: 'russian' }]);
    expect(r.oneThree).toEqual([{ studentId: 'C', subjectId: 'russian' }]);
    expect(r.failing).toEqual([{ studentId: 'D', subjectIds: ['maths'] }]);
    expect(r.notAttested).toEqual([
      { studentId: 'D', subjectIds: ['russian'] },
      { studentId: 'E', subjectIds: ['maths'] },
    ]);
    // Marks: «5»×3, «4»×3, «3»×3, «2»×1, «н/а»×2 (and one «зач»).
    // СОУ = (300 + 192 + 108 + 16 + 14) / 12 = 630 / 12 = 52,5
    expect(r.sou).toBe(52.5);
    // Average = (15 + 12 + 9 + 2) / 10 = 3,8
    expect(r.average).toBe(3.8);
  });

  it('gives «—» for a class where nobody has marks', () => {
    const r = classRates([m('X', null, null), m('Y', 'осв.', 'осв.')]);
    expect(r.n).toBe(0);
    expect(r.progress).toBeNull();
    expect(r.quality).toBeNull();
    expect(r.noMarks).toEqual(['X', 'Y']);
  });
});
