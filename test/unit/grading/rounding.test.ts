import { describe, expect, it } from 'vitest';
import { averageForRule, roundByThreshold, roundToMark } from '../../../main/core/grading/rounding';
import { weightedAverage } from '../../../main/core/grading/averages';

describe('rounding an average to a period mark by the school’s rule (russian_anchors §2.3)', () => {
  it('from x,50 (mathematical rounding): 3,50 → 4, 3,49 → 3', () => {
    expect(roundByThreshold(3.5, 50)).toBe(4);
    expect(roundByThreshold(3.49, 50)).toBe(3);
  });

  it('from x,60: 3,59 → 3, 3,60 → 4', () => {
    expect(roundByThreshold(3.59, 60)).toBe(3);
    expect(roundByThreshold(3.6, 60)).toBe(4);
  });

  it('from x,65 (Novosibirsk: «5» from 4,65, «4» from 3,65 to 4,64)', () => {
    expect(roundByThreshold(4.64, 65)).toBe(4);
    expect(roundByThreshold(4.65, 65)).toBe(5);
    expect(roundByThreshold(3.65, 65)).toBe(4);
    expect(roundByThreshold(3.64, 65)).toBe(3);
  });

  it('rounds the average the teacher sees: 13 fours and 7 threes give 3,65, which is «4» at x,65', () => {
    const marks = [...Array(13).fill({ numericValue: 4, weight: 1 }), ...Array(7).fill({ numericValue: 3, weight: 1 })];
    expect(roundByThreshold(weightedAverage(marks)!, 65)).toBe(4);
  });

  it('in the student’s favour takes the higher of the weighted (3,45) and plain (3,60) averages', () => {
    expect(averageForRule(3.45, 3.6, { threshold: 50, inFavour: true })).toBe(3.6);
    expect(roundToMark(averageForRule(3.45, 3.6, { threshold: 50, inFavour: true })!, { threshold: 50, inFavour: true })).toBe(4);
    expect(roundToMark(averageForRule(3.45, 3.6, { threshold: 50, inFavour: false })!, { threshold: 50, inFavour: false })).toBe(3);
  });

  it('gives period marks from 2 to 5 only: an average of 1,4 is «2»', () => {
    expect(roundToMark(1.4, { threshold: 50, inFavour: false })).toBe(2);
  });
});
