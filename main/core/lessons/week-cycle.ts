import { daysBetween, mondayOf } from '../shared/dates';

/**
 * Which week of a two-week cycle a date falls in: the week of the academic
 * year's first day is week A, and weeks alternate by the calendar from there,
 * holidays included (as «числитель» and «знаменатель» do). Returns the
 * TimetableEntry.weekParity that applies: 1 = week A, 2 = week B; 0 when the
 * timetable has no cycle.
 */
export function weekParityOf(date: string, yearStart: string, cycleWeeks: number): 0 | 1 | 2 {
  if (cycleWeeks !== 2) return 0;
  const weeks = Math.floor(daysBetween(mondayOf(yearStart), mondayOf(date)) / 7);
  return ((weeks % 2) + 2) % 2 === 0 ? 1 : 2;
}

/** Whether an entry of the given parity is held in a week of the given parity. */
export function heldInWeek(entryParity: number, weekParity: 0 | 1 | 2): boolean {
  return entryParity === 0 || weekParity === 0 || entryParity === weekParity;
}
