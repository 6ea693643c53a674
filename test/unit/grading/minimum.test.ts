import { describe, expect, it } from 'vitest';
import { minimumMarks } from '../../../main/core/grading/minimum';

/** Seed 003 §5.2: at least three marks at two hours a week, more at more hours; the school's numbers. */
const rule = { quarterBase: 3, halfYearBase: 5, perExtraHour: 1 };

describe('the minimum number of marks for a period mark (seed 003 §5.2)', () => {
  it('is three in a quarter at one or two hours a week', () => {
    expect(minimumMarks(1, 'quarter', rule)).toBe(3);
    expect(minimumMarks(2, 'quarter', rule)).toBe(3);
  });

  it('grows by one for every hour above two: 3 h → 4, 4 h → 5, 5 h → 6', () => {
    expect(minimumMarks(3, 'quarter', rule)).toBe(4);
    expect(minimumMarks(4, 'quarter', rule)).toBe(5);
    expect(minimumMarks(5, 'quarter', rule)).toBe(6);
  });

  it('counts a part of an hour as an hour: 2,5 h → 4', () => {
    expect(minimumMarks(2.5, 'quarter', rule)).toBe(4);
  });

  it('starts from the half-year base for half-years: 2 h → 5, 3 h → 6', () => {
    expect(minimumMarks(2, 'half', rule)).toBe(5);
    expect(minimumMarks(3, 'half', rule)).toBe(6);
  });

  it('follows the school’s settings: base 4 and two more per hour give 8 at 4 h', () => {
    expect(minimumMarks(4, 'trimester', { quarterBase: 4, halfYearBase: 6, perExtraHour: 2 })).toBe(8);
  });
});
