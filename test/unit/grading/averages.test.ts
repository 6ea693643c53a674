import { describe, expect, it } from 'vitest';
import { plainAverage, shownAverage, weightedAverage, countedMarks } from '../../../main/core/grading/averages';

const mark = (numericValue: number | null, weight = 1) => ({ numericValue, weight });

describe('averages of current marks (russian_anchors §2.2)', () => {
  it('plain: Σ mark / n — 5, 3, 4, 4 give 16 / 4 = 4,00', () => {
    expect(plainAverage([mark(5), mark(3), mark(4), mark(4)])).toBe(4);
  });

  it('weighted: Σ(mark × weight) / Σ weight — classwork 5 (×1), control 3 (×2), independent 4 (×1,5), oral 4 (×1) give 21 / 5,5 = 3,82', () => {
    const w = weightedAverage([mark(5, 1), mark(3, 2), mark(4, 1.5), mark(4, 1)]);
    expect(w).toBeCloseTo(21 / 5.5, 12);
    expect(shownAverage(w!)).toBe(3.82);
  });

  it('МЭШ’s example: (5 × 2 + 3 × 1) / (2 + 1) = 4,33', () => {
    expect(shownAverage(weightedAverage([mark(5, 2), mark(3, 1)])!)).toBe(4.33);
  });

  it('equals the plain average when every weight is 1', () => {
    const marks = [mark(5), mark(2), mark(4)];
    expect(weightedAverage(marks)).toBe(plainAverage(marks));
  });

  it('counts a double mark «5/4» as two marks and leaves зач/незач out', () => {
    const marks = [mark(5), mark(4), mark(null), mark(3)];
    expect(plainAverage(marks)).toBe(4);
    expect(countedMarks(marks)).toBe(3);
  });

  it('counts modifiers as quarters: 4− (3,75), 5, 4+ (4,25) give 13 / 3 = 4,33', () => {
    expect(shownAverage(plainAverage([mark(3.75), mark(5), mark(4.25)])!)).toBe(4.33);
  });

  it('has no average without marks', () => {
    expect(plainAverage([])).toBeNull();
    expect(weightedAverage([mark(null)])).toBeNull();
  });

  it('shows 23 / 5 as 4,60 although in binary 4,6 × 100 is 459,99…', () => {
    expect((23 / 5) * 100).toBeLessThan(460);
    expect(shownAverage(23 / 5)).toBe(4.6);
  });
});
