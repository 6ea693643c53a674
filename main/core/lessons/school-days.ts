import { FIRST_GRADE, LAST_GRADE } from '../school/grade-rules';
import { addDays, isoWeekday } from '../shared/dates';

/**
 * The school days of a grade and the weekday whose timetable each follows:
 * inside one of the grade's study periods (the year itself when none is set),
 * not in a holiday or vacation, and not on Sunday — unless a decree moved a
 * working day there (WorkingDayTransfer), which then follows the timetable of
 * the weekday it names.
 */

export interface CalendarData {
  yearStart: string;
  yearEnd: string;
  periods: { startDate: string; endDate: string; gradeFrom: number; gradeTo: number; kind: string }[];
  holidays: { startDate: string; endDate: string; name?: string; gradeFrom?: number | null; gradeTo?: number | null }[];
  transfers: { date: string; worksAsWeekday: number }[];
}

export interface SchoolDay {
  date: string;
  /** The weekday whose timetable the day follows (1 = Monday). */
  weekday: number;
}

export class SchoolCalendar {
  private readonly transfer = new Map<string, number>();
  private readonly memo = new Map<number, SchoolDay[]>();

  constructor(private readonly data: CalendarData) {
    for (const t of data.transfers) this.transfer.set(t.date, t.worksAsWeekday);
  }

  get yearStart(): string {
    return this.data.yearStart;
  }

  get yearEnd(): string {
    return this.data.yearEnd;
  }

  /** Every school day of the grade in the year, in date order. */
  daysOf(grade: number): SchoolDay[] {
    let days = this.memo.get(grade);
    if (days) return days;
    const periods = this.data.periods.filter((p) => p.kind !== 'year' && p.gradeFrom <= grade && grade <= p.gradeTo);
    const spans = periods.length > 0 ? periods : [{ startDate: this.data.yearStart, endDate: this.data.yearEnd }];
    days = [];
    for (let d = this.data.yearStart; d <= this.data.yearEnd; d = addDays(d, 1)) {
      if (!spans.some((p) => p.startDate <= d && d <= p.endDate)) continue;
      if (this.data.holidays.some((h) => h.startDate <= d && d <= h.endDate && holidayCovers(h, grade))) continue;
      const weekday = this.transfer.get(d) ?? isoWeekday(d);
      if (weekday === 7) continue;
      days.push({ date: d, weekday });
    }
    this.memo.set(grade, days);
    return days;
  }

  /** The school days of the grade from `from` to `to` inclusive. */
  between(grade: number, from: string, to: string): SchoolDay[] {
    return this.daysOf(grade).filter((d) => d.date >= from && d.date <= to);
  }
}

/**
 * Whether a holiday is one of the grade's. Holidays entered before grades
 * could be set say it in their name («Дополнительные каникулы для 1-х
 * классов», «… для первоклассников»): such a holiday is grade 1's only.
 */
export function holidayCovers(h: { name?: string; gradeFrom?: number | null; gradeTo?: number | null }, grade: number): boolean {
  if (h.gradeFrom != null || h.gradeTo != null) return (h.gradeFrom ?? FIRST_GRADE) <= grade && grade <= (h.gradeTo ?? LAST_GRADE);
  if (h.name && /(1-х|первых)\s+класс|первокласс/i.test(h.name)) return grade === FIRST_GRADE;
  return true;
}
