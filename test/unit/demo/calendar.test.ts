import { describe, expect, it } from 'vitest';
import { buildCalendar, currentYearStart, isSchoolDay } from '../../../main/core/demo/calendar';
import { isoWeekday } from '../../../main/core/shared/dates';

describe('demo calendar', () => {
  it('builds the 2026/2027 year with quarters, half-years and holidays', () => {
    const cal = buildCalendar(2026);
    expect(cal.name).toBe('2026/2027');
    expect([cal.startDate, cal.endDate]).toEqual(['2026-09-01', '2027-05-31']);
    const q = cal.periods.filter((p) => p.kind === 'quarter').map((p) => [p.startDate, p.endDate]);
    expect(q).toEqual([
      ['2026-09-01', '2026-10-23'],
      ['2026-11-05', '2026-12-28'],
      ['2027-01-11', '2027-03-19'],
      ['2027-03-29', '2027-05-26'],
    ]);
    const h = cal.periods.filter((p) => p.kind === 'half_year');
    expect(h.map((p) => [p.gradeFrom, p.gradeTo])).toEqual([
      [10, 11],
      [10, 11],
    ]);
    for (const p of cal.periods) {
      expect(isoWeekday(p.startDate)).toBeLessThanOrEqual(5);
      expect(isoWeekday(p.endDate)).toBeLessThanOrEqual(5);
    }
    const names = cal.holidays.map((x) => x.name);
    expect(names.some((n) => n.startsWith('Осенние'))).toBe(true);
    expect(names.some((n) => n.startsWith('Зимние'))).toBe(true);
    expect(names.some((n) => n.startsWith('Весенние'))).toBe(true);
    const feb = cal.holidays.find((x) => x.name.includes('1-х классов'))!;
    expect([feb.gradeFrom, feb.gradeTo]).toEqual([1, 1]);
  });

  it('knows school days per grade', () => {
    const cal = buildCalendar(2026);
    expect(isSchoolDay(cal, '2026-09-01', 5)).toBe(true);
    expect(isSchoolDay(cal, '2026-09-05', 5)).toBe(false); // Saturday
    expect(isSchoolDay(cal, '2026-10-28', 5)).toBe(false); // autumn holidays
    expect(isSchoolDay(cal, '2027-01-05', 5)).toBe(false); // winter holidays
    expect(isSchoolDay(cal, '2027-02-23', 5)).toBe(false); // public holiday
    expect(isSchoolDay(cal, '2027-02-24', 1)).toBe(false); // first-graders' February week
    expect(isSchoolDay(cal, '2027-02-24', 2)).toBe(true);
    expect(isSchoolDay(cal, '2027-05-03', 5)).toBe(false); // 1 May on a Saturday moves to Monday
  });

  it('takes the school year that contains a date', () => {
    expect(currentYearStart(new Date(2026, 10, 23))).toBe(2026);
    expect(currentYearStart(new Date(2027, 2, 1))).toBe(2026);
    expect(currentYearStart(new Date(2027, 7, 20))).toBe(2027);
  });
});
