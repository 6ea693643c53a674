import type { ReadableDb } from '../db/readable';
import { ClassMembershipEntity, StudentEntity } from '../db/entities/contingent';
import { compareRu, fullName, shortName } from '../shared/text';
import { addDays } from '../shared/dates';

/**
 * A student's place on a class list over a span of dates. Journal pages and
 * reports read the list through this function: a student transferred on
 * 16.11 is on the old class's pages until 15.11 («выбыл(а) 16.11») and on the
 * new class's from 16.11 («прибыл(а) 16.11»), while every mark stays on the
 * lesson it was given at.
 */
export interface RosterEntry {
  studentId: string;
  /** «Фамилия Имя Отчество». */
  name: string;
  /** «Фамилия И.О.» */
  shortName: string;
  lastName: string;
  firstName: string;
  /** The span in the class that meets the dates asked for (the latest, if more than one). */
  fromDate: string;
  /** Inclusive; null = still in the class. */
  toDate: string | null;
  /** Came to the class after the span's first day. */
  arrived: string | null;
  /** The first day not in the class, if it is inside the span. */
  left: string | null;
}

/** Students who were in the class on at least one day from `fromDate` to `toDate` (inclusive), in list order. */
export async function classRoster(em: ReadableDb, classId: string, fromDate: string, toDate: string): Promise<RosterEntry[]> {
  const spans = await em
    .createQueryBuilder(ClassMembershipEntity, 'm')
    .where('m.classId = :classId AND m.deletedAt IS NULL', { classId })
    .andWhere('m.fromDate <= :toDate AND (m.toDate IS NULL OR m.toDate >= :fromDate)', { fromDate, toDate })
    .orderBy('m.fromDate', 'ASC')
    .getMany();
  if (spans.length === 0) return [];
  const students = await em
    .createQueryBuilder(StudentEntity, 's')
    .where('s.id IN (:...ids)', { ids: [...new Set(spans.map((s) => s.studentId))] })
    .getMany();
  const byId = new Map(students.map((s) => [s.id, s]));
  const latest = new Map<string, (typeof spans)[number]>();
  for (const span of spans) latest.set(span.studentId, span);
  const entries: RosterEntry[] = [];
  for (const span of latest.values()) {
    const s = byId.get(span.studentId);
    if (!s || s.deletedAt) continue;
    const leftDay = span.toDate && span.toDate < toDate ? addDays(span.toDate, 1) : null;
    entries.push({
      studentId: s.id,
      name: fullName(s),
      shortName: shortName(s),
      lastName: s.lastName,
      firstName: s.firstName,
      fromDate: span.fromDate,
      toDate: span.toDate,
      arrived: span.fromDate > fromDate ? span.fromDate : null,
      left: leftDay,
    });
  }
  return entries.sort((a, b) => compareRu(a.name, b.name));
}

/** The class a student is in on a date, or null. */
export async function classOn(em: ReadableDb, studentId: string, date: string): Promise<string | null> {
  const span = await em
    .createQueryBuilder(ClassMembershipEntity, 'm')
    .where('m.studentId = :studentId AND m.deletedAt IS NULL', { studentId })
    .andWhere('m.fromDate <= :date AND (m.toDate IS NULL OR m.toDate >= :date)', { date })
    .getOne();
  return span?.classId ?? null;
}
