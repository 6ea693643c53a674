/**
 * School dates are `YYYY-MM-DD` strings; the arithmetic is done in UTC so no
 * time zone can move a day.
 */
const DAY_MS = 86_400_000;

function parse(date: string): number {
  return Date.parse(`${date}T00:00:00.000Z`);
}

export function addDays(date: string, days: number): string {
  return new Date(parse(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const d = new Date(parse(date)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The Monday of the week the date falls in (a Russian week starts on Monday). */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** Days from `from` to `to`: 1 from Monday to Tuesday. */
export function daysBetween(from: string, to: string): number {
  return Math.round((parse(to) - parse(from)) / DAY_MS);
}

export function isSchoolDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(parse(value)) && addDays(value, 0) === value;
}

/** 23.11.2026, for the core's Russian messages. */
export function ruDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y}`;
}
