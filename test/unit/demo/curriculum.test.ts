import { describe, expect, it } from 'vitest';
import { curriculumFor, dailyLessons, weeklyHours, weeklyTotal, yearlyHours } from '../../../main/core/demo/curriculum';
import { gradeRules } from '../../../main/core/school/grade-rules';

describe('demo curriculum (ФОП, five-day week)', () => {
  it('has the documented weekly totals per grade, within the SanPiN limits', () => {
    const totals = Array.from({ length: 11 }, (_, i) => weeklyTotal(i + 1));
    expect(totals).toEqual([21, 23, 23, 23, 28, 30, 30, 31, 32, 30, 29]);
    const limits = [21, 23, 23, 23, 29, 30, 32, 33, 33, 34, 34];
    totals.forEach((t, i) => expect(t).toBeLessThanOrEqual(limits[i]));
  });

  it('has the documented hours of key subjects', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((g) => weeklyHours('russian', g))).toEqual([5, 5, 5, 5, 5, 6, 4, 3, 3, 2, 2]);
    expect([1, 2, 3, 4, 5, 6].map((g) => weeklyHours('math', g))).toEqual([4, 4, 4, 4, 5, 5]);
    expect([7, 8, 9].map((g) => weeklyHours('algebra', g))).toEqual([3, 3, 3]);
    expect([1, 2, 3, 4, 5, 9, 11].map((g) => weeklyHours('english', g))).toEqual([0, 2, 2, 2, 3, 3, 3]);
    expect([4, 5, 6, 7, 11].map((g) => weeklyHours('informatics', g))).toEqual([0, 1, 1, 1, 1]);
    expect(weeklyHours('orkse', 4)).toBe(1);
    expect([7, 8, 9].map((g) => weeklyHours('physics', g))).toEqual([2, 2, 3]);
    expect(weeklyHours('chemistry', 7)).toBe(0);
    expect(weeklyHours('chemistry', 8)).toBe(2);
    expect(weeklyHours('pe', 1)).toBe(3);
  });

  it('splits English from grade 2 and computer science from grade 5 into subgroups', () => {
    expect(curriculumFor(1).some((s) => s.split)).toBe(false);
    expect(curriculumFor(2).filter((s) => s.split).map((s) => s.key)).toEqual(['english']);
    expect(curriculumFor(5).filter((s) => s.split).map((s) => s.key)).toEqual(['english', 'informatics']);
    expect(curriculumFor(11).filter((s) => s.split).map((s) => s.key)).toEqual(['english', 'informatics']);
  });

  it('counts 33 weeks in grade 1 and 34 otherwise, and keeps days within the limit', () => {
    expect(yearlyHours('russian', 1)).toBe(165);
    expect(yearlyHours('russian', 6)).toBe(204);
    for (let g = 1; g <= 11; g++) {
      const days = dailyLessons(g);
      expect(days).toHaveLength(5);
      expect(days.reduce((a, b) => a + b, 0)).toBe(weeklyTotal(g));
      expect(Math.max(...days)).toBeLessThanOrEqual(gradeRules(g).maxLessonsPerDay);
      expect(Math.max(...days) - Math.min(...days)).toBeLessThanOrEqual(1);
    }
  });
});
