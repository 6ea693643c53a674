import type { ReadableDb } from '../db/readable';
import { TeacherAbsenceEntity, type TeacherAbsence, type TeacherAbsenceReason } from '../db/entities/changes';

export const REASON_RU: Record<TeacherAbsenceReason, string> = {
  illness: 'болезнь',
  course: 'курсы повышения квалификации',
  business: 'командировка',
  other: 'иная причина',
};

type Span = Pick<TeacherAbsence, 'fromDate' | 'toDate' | 'fromLessonNo' | 'toLessonNo'>;

/**
 * Whether an absence covers a lesson. Between its first and last day every
 * lesson is covered; on the first day from `fromLessonNo`, on the last day up
 * to `toLessonNo` (a teacher leaves after the third lesson, or comes back for
 * the fifth). On a single day the two numbers make a range.
 */
export function covers(a: Span, date: string, lessonNo: number): boolean {
  if (date < a.fromDate || date > a.toDate) return false;
  if (date === a.fromDate && a.fromLessonNo !== null && lessonNo < a.fromLessonNo) return false;
  if (date === a.toDate && a.toLessonNo !== null && lessonNo > a.toLessonNo) return false;
  return true;
}

/** Two absences of one teacher overlap when some lesson would be covered by both. */
export function overlaps(a: Span, b: Span): boolean {
  if (a.toDate < b.fromDate || b.toDate < a.fromDate) return false;
  // They share at least one date; only a shared single boundary day can still be disjoint by lessons.
  const first = a.fromDate > b.fromDate ? a.fromDate : b.fromDate;
  const last = a.toDate < b.toDate ? a.toDate : b.toDate;
  if (first !== last) return true;
  const range = (s: Span): [number, number] => [
    first === s.fromDate && s.fromLessonNo !== null ? s.fromLessonNo : 1,
    first === s.toDate && s.toLessonNo !== null ? s.toLessonNo : 99,
  ];
  const [a1, a2] = range(a);
  const [b1, b2] = range(b);
  return a1 <= b2 && b1 <= a2;
}

/** Live absences that touch any day of [from, to]. */
export async function absencesBetween(em: ReadableDb, from: string, to: string, staffId?: string): Promise<TeacherAbsence[]> {
  const q = em
    .createQueryBuilder(TeacherAbsenceEntity, 'a')
    .where('a.deletedAt IS NULL AND a.fromDate <= :to AND a.toDate >= :from', { from, to });
  if (staffId) q.andWhere('a.staffId = :staffId', { staffId });
  return q.orderBy('a.fromDate', 'ASC').getMany();
}

/** «23.11–24.11», «23.11, уроки 3–6», «23.11 с 3-го урока – 24.11». */
export function spanText(a: Span, ruShort: (d: string) => string): string {
  const from = a.fromLessonNo !== null ? ` с ${a.fromLessonNo}-го урока` : '';
  const to = a.toLessonNo !== null ? ` по ${a.toLessonNo}-й урок` : '';
  if (a.fromDate === a.toDate) {
    if (a.fromLessonNo === null && a.toLessonNo === null) return ruShort(a.fromDate);
    return `${ruShort(a.fromDate)}, уроки ${a.fromLessonNo ?? 1}–${a.toLessonNo ?? 'последний'}`;
  }
  return `${ruShort(a.fromDate)}${from} – ${ruShort(a.toDate)}${to}`;
}
