import type { ReadableDb } from '../../db/readable';
import { AttendanceEntity, LessonEntity, MarkEntity } from '../../db/entities/journal';
import { PlanTopicEntity, ThematicPlanEntity } from '../../db/entities/planning';
import { StudyGroupEntity } from '../../db/entities/school';
import type { PlanTopicHours } from '../formulas/programme';

/**
 * A class's journal over a span, in three queries (lessons, marks,
 * attendance) for every subject and group at once: the printout of a year is
 * some 3 000 lessons and 30 000 marks, too many for a query per page.
 */
export interface JLesson {
  id: string;
  date: string;
  lessonNo: number;
  classId: string;
  groupId: string | null;
  subjectId: string;
  staffId: string;
  substituteStaffId: string | null;
  topic: string | null;
  homework: string | null;
  topicSetAt: string | null;
  homeworkSetAt: string | null;
  topicLate: boolean;
  homeworkLate: boolean;
  status: string;
  planTopicId: string | null;
}

export interface JMark {
  lessonId: string;
  studentId: string;
  value: string;
  numericValue: number | null;
  workTypeId: string;
  setAt: string;
  late: boolean;
}

export interface JAttendance {
  lessonId: string;
  studentId: string;
  code: 'absent' | 'late';
}

export interface ClassJournal {
  lessons: JLesson[];
  marksByLesson: Map<string, JMark[]>;
  attendanceByLesson: Map<string, JAttendance[]>;
}

/** `class|group|subject`: one journal page. */
export function pageKey(l: { classId: string; groupId: string | null; subjectId: string }): string {
  return `${l.classId}|${l.groupId ?? ''}|${l.subjectId}`;
}

export async function loadClassJournal(em: ReadableDb, classIds: string[], from: string, to: string): Promise<ClassJournal> {
  if (classIds.length === 0) return { lessons: [], marksByLesson: new Map(), attendanceByLesson: new Map() };
  const lessons = await em
    .createQueryBuilder(LessonEntity, 'l')
    .select([
      'l.id',
      'l.date',
      'l.lessonNo',
      'l.classId',
      'l.groupId',
      'l.subjectId',
      'l.staffId',
      'l.substituteStaffId',
      'l.topic',
      'l.homework',
      'l.topicSetAt',
      'l.homeworkSetAt',
      'l.topicLate',
      'l.homeworkLate',
      'l.status',
      'l.planTopicId',
    ])
    .where('l.classId IN (:...classIds) AND l.deletedAt IS NULL AND l.date >= :from AND l.date <= :to', { classIds, from, to })
    .orderBy('l.date', 'ASC')
    .addOrderBy('l.lessonNo', 'ASC')
    .getMany();
  const [marks, attendance] = await Promise.all([
    em
      .createQueryBuilder(MarkEntity, 'm')
      .innerJoin(LessonEntity.options.name, 'l', 'l.id = m.lessonId')
      .select('m.lessonId', 'lessonId')
      .addSelect('m.studentId', 'studentId')
      .addSelect('m.value', 'value')
      .addSelect('m.numericValue', 'numericValue')
      .addSelect('m.workTypeId', 'workTypeId')
      .addSelect('m.setAt', 'setAt')
      .addSelect('m.late', 'late')
      .where('l.classId IN (:...classIds) AND l.deletedAt IS NULL AND m.deletedAt IS NULL AND l.date >= :from AND l.date <= :to', { classIds, from, to })
      .orderBy('m.setAt', 'ASC')
      .getRawMany<JMark>(),
    em
      .createQueryBuilder(AttendanceEntity, 'a')
      .innerJoin(LessonEntity.options.name, 'l', 'l.id = a.lessonId')
      .select('a.lessonId', 'lessonId')
      .addSelect('a.studentId', 'studentId')
      .addSelect('a.code', 'code')
      .where('l.classId IN (:...classIds) AND l.deletedAt IS NULL AND a.deletedAt IS NULL AND l.date >= :from AND l.date <= :to', { classIds, from, to })
      .getRawMany<JAttendance>(),
  ]);
  const marksByLesson = new Map<string, JMark[]>();
  for (const m of marks) {
    m.late = Boolean(m.late);
    m.numericValue = m.numericValue === null ? null : Number(m.numericValue);
    const list = marksByLesson.get(m.lessonId);
    if (list) list.push(m);
    else marksByLesson.set(m.lessonId, [m]);
  }
  const attendanceByLesson = new Map<string, JAttendance[]>();
  for (const a of attendance) {
    const list = attendanceByLesson.get(a.lessonId);
    if (list) list.push(a);
    else attendanceByLesson.set(a.lessonId, [a]);
  }
  for (const l of lessons) {
    l.topicLate = Boolean(l.topicLate);
    l.homeworkLate = Boolean(l.homeworkLate);
  }
  return { lessons, marksByLesson, attendanceByLesson };
}

/** The КТП topics of every page of these classes in a year, in order (page key → topics). */
export async function plansOfClasses(em: ReadableDb, classIds: string[], yearId: string): Promise<Map<string, PlanTopicHours[]>> {
  const out = new Map<string, PlanTopicHours[]>();
  if (classIds.length === 0) return out;
  const rows = await em
    .createQueryBuilder(PlanTopicEntity, 't')
    .innerJoin(ThematicPlanEntity.options.name, 'p', 'p.id = t.planId')
    .select('p.classId', 'classId')
    .addSelect('p.groupId', 'groupId')
    .addSelect('p.subjectId', 'subjectId')
    .addSelect('t.title', 'title')
    .addSelect('t.hours', 'hours')
    .addSelect('t.plannedDate', 'plannedDate')
    .where('p.classId IN (:...classIds) AND p.yearId = :yearId AND p.deletedAt IS NULL AND t.deletedAt IS NULL', { classIds, yearId })
    .orderBy('p.id', 'ASC')
    .addOrderBy('t.ordinal', 'ASC')
    .getRawMany<{ classId: string; groupId: string | null; subjectId: string; title: string; hours: number; plannedDate: string | null }>();
  for (const r of rows) {
    const key = pageKey(r);
    const list = out.get(key) ?? [];
    list.push({ title: r.title, hours: Number(r.hours), plannedDate: r.plannedDate });
    out.set(key, list);
  }
  return out;
}

/** Names of study groups by id. */
export async function groupNames(em: ReadableDb, classIds: string[]): Promise<Map<string, string>> {
  if (classIds.length === 0) return new Map();
  const rows = await em
    .createQueryBuilder(StudyGroupEntity, 'g')
    .where('g.classId IN (:...classIds)', { classIds })
    .getMany();
  return new Map(rows.map((g) => [g.id, g.name]));
}

export interface LessonState {
  id: string;
  date: string;
  classId: string;
  groupId: string | null;
  subjectId: string;
  staffId: string;
  substituteStaffId: string | null;
  status: string;
}

/** Lessons of some classes in a span without their marks: dates, pages, status (for hours planned and given). */
export async function lessonStates(em: ReadableDb, classIds: string[], from: string, to: string): Promise<LessonState[]> {
  if (classIds.length === 0) return [];
  return em
    .createQueryBuilder(LessonEntity, 'l')
    .select('l.id', 'id')
    .addSelect('l.date', 'date')
    .addSelect('l.classId', 'classId')
    .addSelect('l.groupId', 'groupId')
    .addSelect('l.subjectId', 'subjectId')
    .addSelect('l.staffId', 'staffId')
    .addSelect('l.substituteStaffId', 'substituteStaffId')
    .addSelect('l.status', 'status')
    .where('l.classId IN (:...classIds) AND l.deletedAt IS NULL AND l.date >= :from AND l.date <= :to', { classIds, from, to })
    .orderBy('l.date', 'ASC')
    .addOrderBy('l.lessonNo', 'ASC')
    .getRawMany<LessonState>();
}
