import {
  addDays as addDaysTo,
  addYears as addYearsTo,
  endOfMonth,
  getISODay,
  getISOWeek,
  getISOWeekYear,
} from 'date-fns';

/**
 * School dates: `YYYY-MM-DD` strings (a lesson's day, the end of a quarter),
 * days of the calendar rather than instants. date-fns does the arithmetic on
 * the noon of the day in this computer's time zone: clocks change at night
 * (some at midnight, which then does not exist), never at noon, so no time zone
 * and no daylight-saving change can move a date to its neighbour. Instants and
 * the school's wall clock are shared/school-time.ts's.
 */

const SCHOOL_DATE = /^\d{4}-\d{2}-\d{2}$/;

function noonOf(date: string): Date {
  const d = new Date(2000, 0, 1, 12);
  // setFullYear, because the Date constructor reads the years 0–99 as 1900–1999.
  d.setFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return d;
}

function dateOf(d: Date): string {
  // By hand: date-fns' format() is five times slower, and the journal's hot paths (deadlines, school days) call this.
  return `${String(d.getFullYear()).padStart(4, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** `days` after the date (before it when negative). */
export function addDays(date: string, days: number): string {
  return dateOf(addDaysTo(noonOf(date), days));
}

/** The same day and month `years` later (29 February → 28 February). */
export function addYears(date: string, years: number): string {
  return dateOf(addYearsTo(noonOf(date), years));
}

/** Whole days from `from` to `to`: 1 from Monday to Tuesday, negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  // Noon to noon: a daylight-saving change moves it by an hour at most, which the rounding takes out.
  return Math.round((noonOf(to).getTime() - noonOf(from).getTime()) / 86_400_000);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return getISODay(noonOf(date));
}

/** The Monday of the date's week (a Russian week starts on Monday). */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** The first and the last day of the date's month. */
export function monthOf(date: string): { from: string; to: string } {
  return { from: `${date.slice(0, 7)}-01`, to: dateOf(endOfMonth(noonOf(date))) };
}

/** ISO 8601 week of the date: «2026-W48» (the Thursday of the week decides its year). */
export function isoWeek(date: string): string {
  const d = noonOf(date);
  return `${getISOWeekYear(d)}-W${String(getISOWeek(d)).padStart(2, '0')}`;
}

/** A real `YYYY-MM-DD` calendar date (2026-02-30 is not one). */
export function isSchoolDate(value: string): boolean {
  return SCHOOL_DATE.test(value) && dateOf(noonOf(value)) === value;
}

/**
 * «23.11.2026» from `2026-11-23` (or from an instant, by its first ten
 * characters), for messages, printed forms and CSV files (Excel in a Russian
 * locale reads it as a date); empty for no date.
 */
export function ruDate(date: string | null | undefined): string {
  if (!date) return '';
  return `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
}

const WEEKDAYS_RU = ['понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота', 'воскресенье'] as const;

/** «понедельник» for ISO weekday 1 … «воскресенье» for 7; «Понедельник» for a heading. */
export function weekdayRu(isoDay: number, heading = false): string {
  const name = WEEKDAYS_RU[isoDay - 1] ?? `день ${isoDay}`;
  return heading ? name[0].toUpperCase() + name.slice(1) : name;
}

/** «Пн» … «Вс» by ISO weekday (index 0 is empty). */
export const WEEKDAY_SHORT_RU = ['', 'Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб', 'Вс'] as const;

/** «23.11» of `2026-11-23`, for narrow columns and short notes. */
export function ruDayMonth(date: string): string {
  return `${date.slice(8, 10)}.${date.slice(5, 7)}`;
}

const MONTHS_RU = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'] as const;

/** «ноябрь 2026 г.» of a month `2026-11` (or of a date in it). */
export function monthRu(month: string): string {
  return `${MONTHS_RU[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)} г.`;
}
