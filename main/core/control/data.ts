import type { ReadableDb } from '../db/readable';
import { LessonEntity, MarkEntity } from '../db/entities/journal';
import { PlanTopicEntity, ThematicPlanEntity } from '../db/entities/planning';
import { SubstitutionEntity, TeacherAbsenceEntity } from '../db/entities/changes';

/**
 * The rows a check reads, aggregated in SQL where it can: a school's quarter
 * is some 10 000 lessons and 60 000 marks, and the check must answer in a
 * few seconds.
 */
export interface CheckLesson {
  id: string;
  date: string;
  lessonNo: number;
  classId: string;
  groupId: string | null;
  subjectId: string;
  staffId: string;
  substituteStaffId: string | null;
  topic: string | null;
  topicLate: boolean;
  homework: string | null;
  status: string;
}

export async function lessonsIn(em: ReadableDb, classIds: string[], from: string, to: string): Promise<CheckLesson[]> {
  if (classIds.length === 0) return [];
  const rows = await em
    .createQueryBuilder(LessonEntity, 'l')
    .select('l.id', 'id')
    .addSelect('l.date', 'date')
    .addSelect('l.lessonNo', 'lessonNo')
    .addSelect('l.classId', 'classId')
    .addSelect('l.groupId', 'groupId')
    .addSelect('l.subjectId', 'subjectId')
    .addSelect('l.staffId', 'staffId')
    .addSelect('l.substituteStaffId', 'substituteStaffId')
    .addSelect('l.topic', 'topic')
    .addSelect('l.topicLate', 'topicLate')
    .addSelect('l.homework', 'homework')
    .addSelect('l.status', 'status')
    .where('l.classId IN (:...classIds) AND l.deletedAt IS NULL AND l.date >= :from AND l.date <= :to', { classIds, from, to })
    .orderBy('l.date', 'ASC')
    .addOrderBy('l.lessonNo', 'ASC')
    .getRawMany<CheckLesson>();
  for (const r of rows) {
    r.topicLate = Boolean(r.topicLate);
    r.lessonNo = Number(r.lessonNo);
  }
  return rows;
}

/** Marks per page and student in the span: how many, how many late. */
export interface MarkCount {
  classId: string;
  groupId: string | null;
  subjectId: string;
  studentId: string;
  total: number;
  late: number;
}

export async function markCounts(em: ReadableDb, classIds: string[], from: string, to: string): Promise<MarkCount[]> {
  if (classIds.length === 0) return [];
  const rows = await em
    .createQueryBuilder(MarkEntity, 'm')
    .innerJoin(LessonEntity.options.name, 'l', 'l.id = m.lessonId')
    .select('l.classId', 'classId')
    .addSelect('l.groupId', 'groupId')
    .addSelect('l.subjectId', 'subjectId')
    .addSelect('m.studentId', 'studentId')
    .addSelect('COUNT(*)', 'total')
    .addSelect('SUM(CASE WHEN m.late = :yes THEN 1 ELSE 0 END)', 'late')
    .where('l.classId IN (:...classIds) AND l.deletedAt IS NULL AND m.deletedAt IS NULL AND l.date >= :from AND l.date <= :to', {
      classIds,
      from,
      to,
      yes: true,
    })
    .groupBy('l.classId')
    .addGroupBy('l.groupId')
    .addGroupBy('l.subjectId')
    .addGroupBy('m.studentId')
    .getRawMany<MarkCount>();
  for (const r of rows) {
    r.total = Number(r.total);
    r.late = Number(r.late ?? 0);
  }
  return rows;
}

/** Per page, from the year's start to the day: lessons dated (not cancelled or cancelled alike) and given. */
export interface LessonTotals {
  classId: string;
  groupId: string | null;
  subjectId: string;
  dated: number;
  given: number;
  year: number;
}

export async function lessonTotals(em: ReadableDb, classIds: string[], yearFrom: string, asOf: string, yearTo: string): Promise<LessonTotals[]> {
  if (classIds.length === 0) return [];
  const rows = await em
    .createQueryBuilder(LessonEntity, 'l')
    .select('l.classId', 'classId')
    .addSelect('l.groupId', 'groupId')
    .addSelect('l.subjectId', 'subjectId')
    .addSelect('SUM(CASE WHEN l.date <= :asOf THEN 1 ELSE 0 END)', 'dated')
    .addSelect("SUM(CASE WHEN l.date <= :asOf AND l.status = 'given' THEN 1 ELSE 0 END)", 'given')
    .addSelect('COUNT(*)', 'year')
    .where('l.classId IN (:...classIds) AND l.deletedAt IS NULL AND l.date >= :yearFrom AND l.date <= :yearTo', { classIds, yearFrom, yearTo, asOf })
    .groupBy('l.classId')
    .addGroupBy('l.groupId')
    .addGroupBy('l.subjectId')
    .getRawMany<LessonTotals>();
  for (const r of rows) {
    r.dated = Number(r.dated ?? 0);
    r.given = Number(r.given ?? 0);
    r.year = Number(r.year);
  }
  return rows;
}

/** Per КТП page: hours in all, hours dated up to the day, topics without a date. */
export interface PlanTotals {
  classId: string;
  groupId: string | null;
  subjectId: string;
  hours: number;
  hoursToDate: number;
  undated: number;
}

export async function planTotals(em: ReadableDb, classIds: string[], yearId: string, asOf: string): Promise<PlanTotals[]> {
  if (classIds.length === 0) return [];
  const rows = await em
    .createQueryBuilder(PlanTopicEntity, 't')
    .innerJoin(ThematicPlanEntity.options.name, 'p', 'p.id = t.planId')
    .select('p.classId', 'classId')
    .addSelect('p.groupId', 'groupId')
    .addSelect('p.subjectId', 'subjectId')
    .addSelect('SUM(t.hours)', 'hours')
    .addSelect('SUM(CASE WHEN t.plannedDate <= :asOf THEN t.hours ELSE 0 END)', 'hoursToDate')
    .addSelect('SUM(CASE WHEN t.plannedDate IS NULL THEN 1 ELSE 0 END)', 'undated')
    .where('p.classId IN (:...classIds) AND p.yearId = :yearId AND p.deletedAt IS NULL AND t.deletedAt IS NULL', { classIds, yearId, asOf })
    .groupBy('p.classId')
    .addGroupBy('p.groupId')
    .addGroupBy('p.subjectId')
    .getRawMany<PlanTotals>();
  for (const r of rows) {
    r.hours = Number(r.hours ?? 0);
    r.hoursToDate = Number(r.hoursToDate ?? 0);
    r.undated = Number(r.undated ?? 0);
  }
  return rows;
}

/** Lessons of the span that have a substitution record (a substitute, a merge, a cancellation). */
export async function substitutedLessonIds(em: ReadableDb, classIds: string[], from: string, to: string): Promise<Set<string>> {
  if (classIds.length === 0) return new Set();
  const rows = await em
    .createQueryBuilder(SubstitutionEntity, 's')
    .innerJoin(LessonEntity.options.name, 'l', 'l.id = s.lessonId')
    .select('s.lessonId', 'lessonId')
    .where("s.deletedAt IS NULL AND s.kind <> 'room_change' AND l.classId IN (:...classIds) AND l.date >= :from AND l.date <= :to", { classIds, from, to })
    .getRawMany<{ lessonId: string }>();
  return new Set(rows.map((r) => r.lessonId));
}

export async function teacherAbsences(em: ReadableDb, from: string, to: string) {
  return em
    .createQueryBuilder(TeacherAbsenceEntity, 'a')
    .where('a.deletedAt IS NULL AND a.fromDate <= :to AND a.toDate >= :from', { from, to })
    .getMany();
}
