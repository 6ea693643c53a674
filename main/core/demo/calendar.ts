/**
 * The demo school's calendar: one academic year from 1 September to 31 May,
 * quarters for grades 1–9, half-years for 10–11, the usual holidays and the
 * public holidays of the Labour Code (ст. 112 ТК РФ). Dates are school dates
 * `YYYY-MM-DD` (shared/dates.ts).
 */

import { addDays, daysBetween, isoWeekday, ruDate } from '../shared/dates';

export type PeriodKind = 'quarter' | 'half_year';
export type HolidayKind = 'vacation' | 'public' | 'extra';

export interface DemoPeriod {
  kind: PeriodKind;
  ordinal: number;
  name: string;
  startDate: string;
  endDate: string;
  gradeFrom: number;
  gradeTo: number;
}

export interface DemoHoliday {
  name: string;
  startDate: string;
  endDate: string;
  kind: HolidayKind;
  /** Grades the holiday applies to (the February week is for grade 1 only). */
  gradeFrom: number;
  gradeTo: number;
}

export interface DemoCalendar {
  yearStart: number;
  name: string;
  startDate: string;
  endDate: string;
  periods: DemoPeriod[];
  holidays: DemoHoliday[];
}

function md(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The first day with the given weekday on or after `date`. */
function onOrAfter(date: string, day: number): string {
  return addDays(date, (day - isoWeekday(date) + 7) % 7);
}

/** The nearest Monday–Friday on or before `date`. */
function workdayOnOrBefore(date: string): string {
  let d = date;
  while (isoWeekday(d) > 5) d = addDays(d, -1);
  return d;
}

function workdayOnOrAfter(date: string): string {
  let d = date;
  while (isoWeekday(d) > 5) d = addDays(d, 1);
  return d;
}

/** The school year that contains `today`: from August on, the year starting this September. */
export function currentYearStart(today: Date): number {
  return today.getMonth() >= 7 ? today.getFullYear() : today.getFullYear() - 1;
}

export function buildCalendar(yearStart: number): DemoCalendar {
  const y = yearStart;
  const n = y + 1;
  const q1Start = workdayOnOrAfter(md(y, 9, 1));

  // Autumn holidays: nine days from the Saturday between 24 and 30 October;
  // when National Unity Day (4 November) falls just after, up to it.
  const autumnStart = onOrAfter(md(y, 10, 24), 6);
  let autumnEnd = addDays(autumnStart, 8);
  const unityDay = md(y, 11, 4);
  if (unityDay > autumnEnd && daysBetween(autumnEnd, unityDay) <= 3) autumnEnd = unityDay;
  const q1End = addDays(autumnStart, -1);
  const q2Start = workdayOnOrAfter(addDays(autumnEnd, 1));

  // Winter holidays: from 29 December (or the weekend before) to the Sunday after the New Year holidays (1–8 January).
  const q2End = workdayOnOrBefore(md(y, 12, 28));
  const winterStart = addDays(q2End, 1);
  const winterEnd = onOrAfter(md(n, 1, 8), 7);
  const q3Start = addDays(winterEnd, 1);

  // The extra week for first-graders in February.
  const febStart = onOrAfter(md(n, 2, 14), 6);
  const febEnd = addDays(febStart, 8);

  // Spring holidays: nine days from the Saturday between 20 and 26 March.
  const springStart = onOrAfter(md(n, 3, 20), 6);
  const springEnd = addDays(springStart, 8);
  const q3End = addDays(springStart, -1);
  const q4Start = addDays(springEnd, 1);
  const q4End = workdayOnOrBefore(md(n, 5, 26));

  const romans = ['I', 'II', 'III', 'IV'];
  const quarters: [string, string][] = [
    [q1Start, workdayOnOrBefore(q1End)],
    [q2Start, q2End],
    [q3Start, workdayOnOrBefore(q3End)],
    [q4Start, q4End],
  ];
  const periods: DemoPeriod[] = quarters.map(([startDate, endDate], i) => ({
    kind: 'quarter',
    ordinal: i + 1,
    name: `${romans[i]} четверть`,
    startDate,
    endDate,
    gradeFrom: 1,
    gradeTo: 9,
  }));
  periods.push(
    { kind: 'half_year', ordinal: 1, name: 'I полугодие', startDate: q1Start, endDate: q2End, gradeFrom: 10, gradeTo: 11 },
    { kind: 'half_year', ordinal: 2, name: 'II полугодие', startDate: q3Start, endDate: q4End, gradeFrom: 10, gradeTo: 11 },
  );

  const all = { gradeFrom: 1, gradeTo: 11 };
  const holidays: DemoHoliday[] = [
    { name: 'Осенние каникулы', startDate: autumnStart, endDate: autumnEnd, kind: 'vacation', ...all },
    { name: 'Зимние каникулы (включая новогодние праздники)', startDate: winterStart, endDate: winterEnd, kind: 'vacation', ...all },
    { name: 'Дополнительные каникулы для 1-х классов', startDate: febStart, endDate: febEnd, kind: 'extra', gradeFrom: 1, gradeTo: 1 },
    { name: 'Весенние каникулы', startDate: springStart, endDate: springEnd, kind: 'vacation', ...all },
  ];
  // Public holidays inside study time; one that falls on a weekend moves to the next Monday (ст. 112 ТК РФ).
  const publicDays: [string, string][] = [
    ['День народного единства', unityDay],
    ['День защитника Отечества', md(n, 2, 23)],
    ['Международный женский день', md(n, 3, 8)],
    ['Праздник Весны и Труда', md(n, 5, 1)],
    ['День Победы', md(n, 5, 9)],
  ];
  for (const [name, date] of publicDays) {
    const off = workdayOnOrAfter(date);
    if (holidays.some((h) => h.kind === 'vacation' && h.startDate <= off && off <= h.endDate)) continue;
    holidays.push({
      name: off === date ? name : `${name} (выходной перенесён с ${ruDate(date)})`,
      startDate: off,
      endDate: off,
      kind: 'public',
      ...all,
    });
  }
  holidays.sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0));

  return { yearStart: y, name: `${y}/${n}`, startDate: md(y, 9, 1), endDate: md(n, 5, 31), periods, holidays };
}

/** The periods a grade is assessed by (quarters or half-years), in order. */
function periodsForGrade(cal: DemoCalendar, grade: number): DemoPeriod[] {
  return cal.periods.filter((p) => p.gradeFrom <= grade && grade <= p.gradeTo).sort((a, b) => a.ordinal - b.ordinal);
}

function isHoliday(cal: DemoCalendar, date: string, grade: number): boolean {
  return cal.holidays.some((h) => h.gradeFrom <= grade && grade <= h.gradeTo && h.startDate <= date && date <= h.endDate);
}

/** Monday–Friday, inside one of the grade's periods, and not a holiday for the grade. */
export function isSchoolDay(cal: DemoCalendar, date: string, grade: number): boolean {
  if (isoWeekday(date) > 5) return false;
  if (!periodsForGrade(cal, grade).some((p) => p.startDate <= date && date <= p.endDate)) return false;
  return !isHoliday(cal, date, grade);
}

/** Every school day of the grade from `from` to `to` inclusive. */
export function schoolDays(cal: DemoCalendar, grade: number, from = cal.startDate, to = cal.endDate): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (isSchoolDay(cal, d, grade)) days.push(d);
  return days;
}
