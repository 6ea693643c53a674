import { describe, expect, it } from 'vitest';
import { suggestPeriodMark, suggestYearMark } from '../../../main/core/grading/suggest';
import { isFinalMarkLate, finalMarkDeadline } from '../../../main/core/grading/final-deadline';

const five = (...values: number[]) => values.map((v) => ({ value: String(v), numericValue: v, weight: 1 }));
const half = { threshold: 50, inFavour: false };
const p65 = { threshold: 65, inFavour: false };

describe('the suggested period mark (seed 003 §5.2)', () => {
  it('rounds the weighted average: 5, 4, 4, 3, 5 give 4,20 → «4»', () => {
    const s = suggestPeriodMark({ system: 'five_point', marks: five(5, 4, 4, 3, 5), minimum: 3, hoursPerWeek: 2, rounding: half });
    expect(s).toEqual({ value: '4', basis: 4.2, warnings: [] });
  });

  it('rests on the weighted average: a control work 3 (×2) and classwork 5, 5 give 4,00, not 4,33', () => {
    const marks = [
      { value: '3', numericValue: 3, weight: 2 },
      { value: '5', numericValue: 5, weight: 1 },
      { value: '5', numericValue: 5, weight: 1 },
    ];
    expect(suggestPeriodMark({ system: 'five_point', marks, minimum: 3, hoursPerWeek: 2, rounding: half }).basis).toBe(4);
  });

  it('gives different marks for the same 4,60 under different rules: «5» from x,50 and x,60, «4» from x,65', () => {
    const marks = five(5, 5, 5, 4, 4); // 23 / 5 = 4,60
    expect(suggestPeriodMark({ system: 'five_point', marks, minimum: 3, hoursPerWeek: 2, rounding: half }).value).toBe('5');
    expect(suggestPeriodMark({ system: 'five_point', marks, minimum: 3, hoursPerWeek: 2, rounding: { threshold: 60, inFavour: false } }).value).toBe('5');
    expect(suggestPeriodMark({ system: 'five_point', marks, minimum: 3, hoursPerWeek: 2, rounding: p65 }).value).toBe('4');
  });

  it('follows each rounding rule of the school: classwork 5, 4, 3, a control work 3 (×2) and a test 4 (×1,5)', () => {
    // Weighted (5 + 4 + 3 + 6 + 6) / (1 + 1 + 1 + 2 + 1,5) = 24 / 6,5 = 3,69; plain 19 / 5 = 3,80.
    const marks = [
      { value: '5', numericValue: 5, weight: 1 },
      { value: '4', numericValue: 4, weight: 1 },
      { value: '3', numericValue: 3, weight: 1 },
      { value: '3', numericValue: 3, weight: 2 },
      { value: '4', numericValue: 4, weight: 1.5 },
    ];
    const rule = (threshold: number, inFavour = false) =>
      suggestPeriodMark({ system: 'five_point', marks, minimum: 3, hoursPerWeek: 2, rounding: { threshold, inFavour } });
    expect(rule(50).value).toBe('4'); // 3,69 from x,50
    expect(rule(60).value).toBe('4'); // 3,69 from x,60
    expect(rule(65).value).toBe('4'); // 3,69 from x,65
    expect(rule(70).value).toBe('3'); // 3,69 below x,70
    expect(rule(70, true)).toMatchObject({ value: '4', basis: 3.8 }); // in the student's favour: the plain 3,80
    expect(rule(80, true).value).toBe('4'); // 3,80 from x,80
    expect(rule(85, true).value).toBe('3');
  });

  it('warns when there are fewer marks than the minimum, and still suggests', () => {
    const s = suggestPeriodMark({ system: 'five_point', marks: five(5, 5), minimum: 3, hoursPerWeek: 2, rounding: half });
    expect(s.value).toBe('5');
    expect(s.warnings).toEqual([{ code: 'fewMarks', message: 'Мало отметок: 2 отметки при необходимых 3 (при 2 ч в неделю).' }]);
  });

  it('suggests nothing without marks and says so', () => {
    const s = suggestPeriodMark({ system: 'five_point', marks: [], minimum: 3, hoursPerWeek: 2, rounding: half });
    expect(s.value).toBeNull();
    expect(s.warnings[0].code).toBe('noMarks');
  });

  it('suggests «зач» by the majority of pass/fail marks, a tie in the student’s favour', () => {
    const pf = (...v: string[]) => v.map((value) => ({ value, numericValue: null, weight: 1 }));
    expect(suggestPeriodMark({ system: 'pass_fail', marks: pf('зач', 'незач', 'зач'), minimum: 3, hoursPerWeek: 2, rounding: half }).value).toBe('зач');
    expect(suggestPeriodMark({ system: 'pass_fail', marks: pf('незач', 'незач', 'зач'), minimum: 3, hoursPerWeek: 2, rounding: half }).value).toBe('незач');
    expect(suggestPeriodMark({ system: 'pass_fail', marks: pf('незач', 'зач', 'зач', 'незач'), minimum: 3, hoursPerWeek: 2, rounding: half }).value).toBe('зач');
  });
});

describe('the suggested year mark, from the period marks', () => {
  const periods = (...values: (string | null)[]) =>
    values.map((value, i) => ({ name: `${['I', 'II', 'III', 'IV'][i]} четверть`, value: value as never }));

  it('is the mean of the quarters rounded by the rule: 5, 4, 4, 5 = 4,50 → «5» from x,50, «4» from x,65', () => {
    expect(suggestYearMark({ system: 'five_point', periods: periods('5', '4', '4', '5'), rounding: half })).toMatchObject({ value: '5', basis: 4.5 });
    expect(suggestYearMark({ system: 'five_point', periods: periods('5', '4', '4', '5'), rounding: p65 }).value).toBe('4');
  });

  it('rounds a tie up in the student’s favour even at x,65', () => {
    expect(suggestYearMark({ system: 'five_point', periods: periods('5', '4', '4', '5'), rounding: { threshold: 65, inFavour: true } }).value).toBe('5');
  });

  it('warns of periods without a mark and of «н/а», and suggests from the rest: 4, 4, 3 → 3,67 → «4»', () => {
    const s = suggestYearMark({ system: 'five_point', periods: periods('4', '4', '3', null), rounding: half });
    expect(s.value).toBe('4');
    expect(s.warnings).toEqual([{ code: 'missingPeriods', message: 'Не выставлены отметки за: IV четверть.' }]);
    const na = suggestYearMark({ system: 'five_point', periods: periods('н/а', '4', '4', '4'), rounding: half });
    expect(na.warnings).toEqual([{ code: 'notCertified', message: 'Не аттестован за: I четверть.' }]);
  });

  it('is «осв.» when the student was exempt all year, and «зач» only when every period was', () => {
    expect(suggestYearMark({ system: 'five_point', periods: periods('осв.', 'осв.', 'осв.', 'осв.'), rounding: half }).value).toBe('осв.');
    expect(suggestYearMark({ system: 'pass_fail', periods: periods('зач', 'зач', 'зач', 'зач'), rounding: half }).value).toBe('зач');
    expect(suggestYearMark({ system: 'pass_fail', periods: periods('зач', 'незач', 'зач', 'зач'), rounding: half }).value).toBe('незач');
  });
});

describe('the final marks’ deadline (seed 001 §6.4, seed 003 §5.3)', () => {
  it('is two days before the period ends: II quarter ends 28.12, the deadline is 26.12', () => {
    expect(finalMarkDeadline('2026-12-28', 2)).toBe('2026-12-26');
    expect(isFinalMarkLate('2026-12-26', '2026-12-28', 2)).toBe(false);
    expect(isFinalMarkLate('2026-12-27', '2026-12-28', 2)).toBe(true);
  });
});
