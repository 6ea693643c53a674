import type { ReadableDb } from '../db/readable';
import { Day } from '../substitutions/day';
import { absenceDto, dayLessons, lessonDto, type AbsenceDto, type DayLessonDto } from '../substitutions/dto';
import { staffName } from '../substitutions/candidates';
import { dayChanges } from '../substitutions/changes';
import { loadRemarks, type RemarkDto } from '../control/remarks';

export interface AbsenceToday extends AbsenceDto {
  /** The absent teacher's lessons today, and how many of them still have no decision. */
  lessons: number;
  open: number;
}

export interface DeputyDay {
  date: string;
  weekday: number;
  yearClosed: boolean;
  absences: AbsenceToday[];
  /** Lessons of the day that still need a decision (no substitute, or one that no longer holds). */
  open: DayLessonDto[];
  /** Lines of the day's changes not on the posted sheets yet: never printed, or changed since the print. */
  unprinted: { classes: number; teachers: number; lastPrinted: { class: string | null; teacher: string | null } };
  /** Remarks the teachers marked fixed, waiting for the deputy to confirm. */
  toConfirm: RemarkDto[];
}

/**
 * The deputy's first screen (issue 16 §12): what today asks of her before the
 * first bell — who is away, which lessons still have nobody, whether the
 * sheet on the board says so, and whose fixes wait for her confirmation.
 */
export async function deputyDay(em: ReadableDb, date: string): Promise<DeputyDay> {
  const day = await Day.load(em, date);
  const shown = dayLessons(day).map((l) => lessonDto(day, l));
  const open = shown.filter((l) => l.state === 'open' || l.state === 'problem');
  const absences = day.absences.map((a) => {
    const own = shown.filter((l) => l.absenceId === a.id);
    return { ...absenceDto(a, staffName(day, a.staffId)), lessons: own.length, open: own.filter((l) => l.state === 'open' || l.state === 'problem').length };
  });
  const changes = await dayChanges(em, date, day);
  const unprintedOf = (rows: { changed: boolean }[], printed: string | null) => (printed ? rows.filter((r) => r.changed).length : rows.length);
  return {
    date,
    weekday: day.weekday,
    yearClosed: day.year?.status === 'closed',
    absences,
    open,
    unprinted: {
      classes: unprintedOf(changes.classes, changes.lastPrinted.class),
      teachers: unprintedOf(changes.teachers, changes.lastPrinted.teacher),
      lastPrinted: changes.lastPrinted,
    },
    toConfirm: await loadRemarks(em, { status: 'fixed' }),
  };
}
