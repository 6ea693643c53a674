import { localTime } from '../shared/school-time';

/**
 * Topics and homework are entered on the day of the lesson: by 15:00 for the
 * first shift and by 20:00 for the second (seed 003 §4.4.6). A later entry is
 * accepted but marked as late.
 */
export const TOPIC_DEADLINE_BY_SHIFT: Record<number, string> = { 1: '15:00', 2: '20:00' };

export function isTopicLate(lessonDate: string, shift: number, enteredAt: Date, timeZone: string): boolean {
  const local = localTime(enteredAt, timeZone);
  if (local.date !== lessonDate) return local.date > lessonDate;
  return local.time > (TOPIC_DEADLINE_BY_SHIFT[shift] ?? TOPIC_DEADLINE_BY_SHIFT[1]);
}
