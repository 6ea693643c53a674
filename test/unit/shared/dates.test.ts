import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  addYears,
  daysBetween,
  isoWeek,
  isoWeekday,
  isSchoolDate,
  mondayOf,
  monthOf,
  monthRu,
  ruDate,
  ruDayMonth,
  weekdayRu,
  WEEKDAY_SHORT_RU,
} from '../../../main/core/shared/dates';

// The school's computer may sit in any time zone; a school date must not move with it. São Paulo moved its clocks
// at midnight (04.11.2018 began at 01:00), Kamchatka is twelve hours ahead of UTC, Pago Pago eleven behind.
const zones = ['UTC', 'Europe/Moscow', 'Asia/Kamchatka', 'America/Sao_Paulo', 'Pacific/Pago_Pago'];

describe.each(zones)('school dates on a computer in %s', (zone) => {
  const saved = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = zone;
  });
  afterAll(() => {
    process.env.TZ = saved;
  });

  it('runs in that zone', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(zone);
  });

  it('adds days across months, years, 29 February and the nights the clocks change', () => {
    expect(addDays('2026-11-23', 1)).toBe('2026-11-24');
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2018-11-03', 1)).toBe('2018-11-04');
    expect(addDays('2018-11-04', 1)).toBe('2018-11-05');
    expect(addDays('2026-03-29', 0)).toBe('2026-03-29');
    expect(addDays('2026-09-01', 273)).toBe('2027-06-01');
  });

  it('counts whole days between two dates, whichever comes first', () => {
    expect(daysBetween('2026-11-23', '2026-11-24')).toBe(1);
    expect(daysBetween('2026-11-24', '2026-11-23')).toBe(-1);
    expect(daysBetween('2026-09-01', '2027-05-31')).toBe(272);
    expect(daysBetween('2018-11-03', '2018-11-05')).toBe(2);
    expect(daysBetween('2028-02-01', '2028-03-01')).toBe(29);
  });

  it('adds years, 29 February becoming 28 February', () => {
    expect(addYears('2026-09-01', 1)).toBe('2027-09-01');
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
  });

  it('knows the weekday and the Monday of a week: 23.11.2026 is a Monday, 29.11.2026 a Sunday', () => {
    expect(['2026-11-23', '2026-11-24', '2026-11-28', '2026-11-29'].map(isoWeekday)).toEqual([1, 2, 6, 7]);
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
    expect(mondayOf('2027-01-01')).toBe('2026-12-28');
  });

  it('gives the month of a date, February of a leap year included', () => {
    expect(monthOf('2026-11-23')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(monthOf('2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthOf('2026-12-31')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('numbers ISO weeks: 2026 has 53, and 01.01.2027 still belongs to its last', () => {
    expect(isoWeek('2026-11-23')).toBe('2026-W48');
    expect(isoWeek('2026-12-31')).toBe('2026-W53');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2027-01-03')).toBe('2026-W53');
    expect(isoWeek('2027-01-04')).toBe('2027-W01');
    expect(isoWeek('2025-12-29')).toBe('2026-W01');
    expect(isoWeek('2026-01-01')).toBe('2026-W01');
  });

  it('tells a real calendar date from one that is not', () => {
    expect(isSchoolDate('2028-02-29')).toBe(true);
    expect(isSchoolDate('2026-02-29')).toBe(false);
    expect(isSchoolDate('2026-13-01')).toBe(false);
    expect(isSchoolDate('2026-11-31')).toBe(false);
    expect(isSchoolDate('2026-11-3')).toBe(false);
    expect(isSchoolDate('23.11.2026')).toBe(false);
    expect(isSchoolDate('2018-11-04')).toBe(true);
  });
});

describe('a date in Russian', () => {
  it('writes day, month and year', () => {
    expect(ruDate('2026-11-23')).toBe('23.11.2026');
    expect(ruDate('2026-11-23T07:00:00.000Z')).toBe('23.11.2026');
  });

  it('writes nothing for no date (an empty cell of a form or a CSV file)', () => {
    expect(ruDate(null)).toBe('');
    expect(ruDate(undefined)).toBe('');
  });

  it('writes the day and month alone for narrow columns', () => {
    expect(ruDayMonth('2026-11-23')).toBe('23.11');
  });

  it('names the month of a date or a `YYYY-MM` month', () => {
    expect(monthRu('2026-11')).toBe('ноябрь 2026 г.');
    expect(monthRu('2027-01-15')).toBe('январь 2027 г.');
  });

  it('names the weekday, in a sentence and as a heading, and shortly', () => {
    expect(weekdayRu(1)).toBe('понедельник');
    expect(weekdayRu(7)).toBe('воскресенье');
    expect(weekdayRu(isoWeekday('2026-11-28'), true)).toBe('Суббота');
    expect(WEEKDAY_SHORT_RU.slice(1)).toEqual(['Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб', 'Вс']);
  });
});
