import { localTime } from '../shared/school-time';
import { addDays } from '../shared/dates';

/**
 * Topics and homework are entered on the day of the lesson: by 15:00 for the
 * first shift and by 20:00 for the second (seed 003 §4.4.6). A later entry is
 * accepted but marked as late.
 */
const TOPIC_DEADLINE_BY_SHIFT: Record<number, string> = { 1: '15:00', 2: '20:00' };

export function isTopicLate(lessonDate: string, shift: number, enteredAt: Date, timeZone: string): boolean {
  const local = localTime(enteredAt, timeZone);
  if (local.date !== lessonDate) return local.date > lessonDate;
  return local.time > (TOPIC_DEADLINE_BY_SHIFT[shift] ?? TOPIC_DEADLINE_BY_SHIFT[1]);
}

/** A work type's checking deadline (seed 000 §3.2), as WorkType stores it. */
export interface MarkDeadlineRule {
  deadlineKind: 'same_day' | 'lessons' | 'days';
  deadlineValue: number;
}

/**
 * The last day a mark of this work type may be entered on time (seed 000
 * §3.2): work in class — the day of the lesson; a test, independent or check
 * work — within two lessons (the day of the second lesson after it); control
 * and laboratory work, dictation — by the next lesson (its day); an essay or a
 * summary — within ten days. `laterLessons` are the dates of the page's
 * lessons after this one, in order. Null: the deadline falls on a lesson not
 * yet in the timetable, so it has not passed.
 */
export function markDeadline(rule: MarkDeadlineRule, lessonDate: string, laterLessons: readonly string[]): string | null {
  switch (rule.deadlineKind) {
    case 'same_day':
      return lessonDate;
    case 'days':
      return addDays(lessonDate, rule.deadlineValue);
    case 'lessons':
      return rule.deadlineValue <= 0 ? lessonDate : (laterLessons[rule.deadlineValue - 1] ?? null);
  }
}

/** Entered (school date) after the deadline; never late while the deadline is unknown. */
export function isPastDeadline(deadline: string | null, enteredOn: string): boolean {
  return deadline !== null && enteredOn > deadline;
}
