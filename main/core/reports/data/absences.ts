import type { ReadableDb } from '../../db/readable';
import { AbsenceReasonEntity, AttendanceEntity, LessonEntity, type AbsenceReasonKind } from '../../db/entities/journal';

/** One «н»: the student missed this lesson; the reason is the class teacher's, if given. */
export interface AbsenceRow {
  studentId: string;
  lessonId: string;
  date: string;
  lessonNo: number;
  classId: string;
  subjectId: string;
  topic: string | null;
  reason: AbsenceReasonKind | null;
}

/**
 * Absences («н», not lateness) at the given lessons of the classes in a span.
 * The reason is the one marked on the absence, else the class teacher's
 * reason covering that day (a medical certificate for a week).
 */
export async function absencesOfClasses(em: ReadableDb, classIds: string[], from: string, to: string, studentId?: string): Promise<AbsenceRow[]> {
  if (classIds.length === 0) return [];
  const q = em
    .createQueryBuilder(AttendanceEntity, 'a')
    .innerJoin(LessonEntity.options.name, 'l', 'l.id = a.lessonId')
    .select('a.studentId', 'studentId')
    .addSelect('a.lessonId', 'lessonId')
    .addSelect('l.date', 'date')
    .addSelect('l.lessonNo', 'lessonNo')
    .addSelect('l.classId', 'classId')
    .addSelect('l.subjectId', 'subjectId')
    .addSelect('l.topic', 'topic')
    .addSelect('a.reasonKind', 'reason')
    .where("a.code = 'absent' AND a.deletedAt IS NULL AND l.deletedAt IS NULL AND l.status <> 'cancelled'")
    .andWhere('l.classId IN (:...classIds) AND l.date >= :from AND l.date <= :to', { classIds, from, to });
  if (studentId) q.andWhere('a.studentId = :studentId', { studentId });
  const rows = await q.orderBy('l.date', 'ASC').addOrderBy('l.lessonNo', 'ASC').getRawMany<AbsenceRow>();
  if (rows.length === 0) return rows;
  const rq = em
    .createQueryBuilder(AbsenceReasonEntity, 'r')
    .where('r.deletedAt IS NULL AND r.fromDate <= :to AND r.toDate >= :from', { from, to });
  if (studentId) rq.andWhere('r.studentId = :studentId', { studentId });
  const reasons = await rq.getMany();
  const byStudent = new Map<string, typeof reasons>();
  for (const r of reasons) {
    const list = byStudent.get(r.studentId) ?? [];
    list.push(r);
    byStudent.set(r.studentId, list);
  }
  for (const row of rows) {
    row.lessonNo = Number(row.lessonNo);
    if (row.reason) continue;
    const cover = byStudent.get(row.studentId)?.find((r) => r.fromDate <= row.date && r.toDate >= row.date);
    row.reason = cover?.kind ?? null;
  }
  return rows;
}

export interface AbsenceCounts {
  total: number;
  illness: number;
  valid: number;
  /** Without a valid reason, or with none given yet. */
  other: number;
}

export function countAbsences(rows: Iterable<AbsenceRow>): AbsenceCounts {
  const c: AbsenceCounts = { total: 0, illness: 0, valid: 0, other: 0 };
  for (const r of rows) {
    c.total++;
    if (r.reason === 'illness') c.illness++;
    else if (r.reason === 'valid') c.valid++;
    else c.other++;
  }
  return c;
}
