import type { ReadableDb } from '../db/readable';
import type { SelectQueryBuilder, ObjectLiteral } from 'typeorm';
import { AttendanceEntity, LessonEntity, MarkEntity, FinalMarkEntity } from '../db/entities/journal';
import { ClassMembershipEntity, StudentEntity } from '../db/entities/contingent';
import { GroupMembershipEntity } from '../db/entities/school';
import { StaffEntity } from '../db/entities/staff';
import { ControlWorkEntity, ThematicPlanEntity, PlanTopicEntity } from '../db/entities/planning';
import { compareRu, shortName } from '../shared/text';
import { cachedRaw, bool, num, numOrNull } from './sql';

/**
 * The raw rows of a journal page, read with plain selects (no entity
 * hydration: a page of a quarter is a few thousand rows and must load in
 * milliseconds). Booleans come back as 0/1 from SQLite, hence Boolean().
 */

/** A journal page: one subject in one class or group. */
export interface PageRef {
  classId: string;
  groupId: string | null;
  subjectId: string;
}

export interface LessonRow {
  id: string;
  date: string;
  lessonNo: number;
  staffId: string;
  substituteStaffId: string | null;
  topic: string | null;
  homework: string | null;
  topicLate: boolean;
  homeworkLate: boolean;
  status: string;
  workTypeIds: string | null;
  planTopicId: string | null;
  movedFromDate: string | null;
}

export interface MarkRow {
  id: string;
  lessonId: string;
  studentId: string;
  value: string;
  numericValue: number | null;
  workTypeId: string;
  weight: number;
  late: boolean;
}

export interface AttendanceRow {
  id: string;
  lessonId: string;
  studentId: string;
  code: 'absent' | 'late';
  reasonKind: 'illness' | 'valid' | 'invalid' | null;
}

export interface StudentRow {
  id: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  sex: 'm' | 'f' | null;
  /** The first day on the page's roll in the range, and the last (null: still there). */
  fromDate: string;
  toDate: string | null;
}

/** Lessons of this page: the class (or the group) and the subject. */
export function onPage<T extends ObjectLiteral>(q: SelectQueryBuilder<T>, ref: PageRef, alias = 'l'): SelectQueryBuilder<T> {
  q.andWhere(`${alias}.classId = :classId AND ${alias}.subjectId = :subjectId AND ${alias}.deletedAt IS NULL`, {
    classId: ref.classId,
    subjectId: ref.subjectId,
  });
  // COALESCE keeps SQLite from choosing the group index (every class's lessons without a group) over the class's own.
  if (ref.groupId) q.andWhere(`${alias}.groupId = :groupId`, { groupId: ref.groupId });
  else q.andWhere(`COALESCE(${alias}.groupId, '') = ''`);
  return q;
}

/** The cache key of a page-shaped query: a group page has one more parameter. */
function shape(key: string, ref: PageRef): string {
  return `${key}:${ref.groupId ? 'group' : 'class'}`;
}

function pageParams(ref: PageRef, extra: Record<string, string | number | null> = {}): Record<string, string | number | null> {
  return { classId: ref.classId, subjectId: ref.subjectId, ...(ref.groupId ? { groupId: ref.groupId } : {}), ...extra };
}

export async function pageLessons(em: ReadableDb, ref: PageRef, from: string, to: string): Promise<LessonRow[]> {
  const rows = await cachedRaw<LessonRow>(
    em,
    shape('journal.pageLessons', ref),
    (m) =>
      onPage(m.createQueryBuilder(LessonEntity, 'l'), ref)
        .select('l.id', 'id')
        .addSelect('l.date', 'date')
        .addSelect('l.lessonNo', 'lessonNo')
        .addSelect('l.staffId', 'staffId')
        .addSelect('l.substituteStaffId', 'substituteStaffId')
        .addSelect('l.topic', 'topic')
        .addSelect('l.homework', 'homework')
        .addSelect('l.topicLate', 'topicLate')
        .addSelect('l.homeworkLate', 'homeworkLate')
        .addSelect('l.status', 'status')
        .addSelect('l.workTypeIds', 'workTypeIds')
        .addSelect('l.planTopicId', 'planTopicId')
        .addSelect('l.movedFromDate', 'movedFromDate')
        .andWhere('l.date >= :from AND l.date <= :to')
        .orderBy('l.date', 'ASC')
        .addOrderBy('l.lessonNo', 'ASC'),
    pageParams(ref, { from, to }),
  );
  for (const r of rows) {
    r.topicLate = bool(r.topicLate);
    r.homeworkLate = bool(r.homeworkLate);
    r.lessonNo = num(r.lessonNo);
  }
  return rows;
}

export async function pageMarks(em: ReadableDb, ref: PageRef, from: string, to: string): Promise<MarkRow[]> {
  const rows = await cachedRaw<MarkRow>(
    em,
    shape('journal.pageMarks', ref),
    (m) =>
      onPage(m.createQueryBuilder(MarkEntity, 'm').innerJoin(LessonEntity.options.name, 'l', 'l.id = m.lessonId'), ref)
        .select('m.id', 'id')
        .addSelect('m.lessonId', 'lessonId')
        .addSelect('m.studentId', 'studentId')
        .addSelect('m.value', 'value')
        .addSelect('m.numericValue', 'numericValue')
        .addSelect('m.workTypeId', 'workTypeId')
        .addSelect('m.weight', 'weight')
        .addSelect('m.late', 'late')
        .andWhere('l.date >= :from AND l.date <= :to AND m.deletedAt IS NULL')
        .orderBy('m.setAt', 'ASC')
        .addOrderBy('m.id', 'ASC'),
    pageParams(ref, { from, to }),
  );
  for (const r of rows) {
    r.late = bool(r.late);
    r.weight = num(r.weight);
    r.numericValue = numOrNull(r.numericValue);
  }
  return rows;
}

export async function pageAttendance(em: ReadableDb, ref: PageRef, from: string, to: string): Promise<AttendanceRow[]> {
  return cachedRaw<AttendanceRow>(
    em,
    shape('journal.pageAttendance', ref),
    (m) =>
      onPage(m.createQueryBuilder(AttendanceEntity, 'a').innerJoin(LessonEntity.options.name, 'l', 'l.id = a.lessonId'), ref)
        .select('a.id', 'id')
        .addSelect('a.lessonId', 'lessonId')
        .addSelect('a.studentId', 'studentId')
        .addSelect('a.code', 'code')
        .addSelect('a.reasonKind', 'reasonKind')
        .andWhere('l.date >= :from AND l.date <= :to AND a.deletedAt IS NULL'),
    pageParams(ref, { from, to }),
  );
}

/**
 * The page's students in the range: the class roll (ClassMembership) or the
 * group's (GroupMembership), with the dates they joined and left, in Russian
 * order by surname. A student who came back is one row from the first day to the last.
 */
export async function pageStudents(em: ReadableDb, ref: PageRef, from: string, to: string): Promise<StudentRow[]> {
  const rows = await cachedRaw<StudentRow>(
    em,
    shape('journal.pageStudents', ref),
    (m) => {
      const q = m
        .createQueryBuilder(ref.groupId ? GroupMembershipEntity : ClassMembershipEntity, 'cm')
        .innerJoin(StudentEntity.options.name, 's', 's.id = cm.studentId')
        .select('s.id', 'id')
        .addSelect('s.lastName', 'lastName')
        .addSelect('s.firstName', 'firstName')
        .addSelect('s.middleName', 'middleName')
        .addSelect('s.sex', 'sex')
        .addSelect('cm.fromDate', 'fromDate')
        .addSelect('cm.toDate', 'toDate')
        .where('cm.deletedAt IS NULL AND s.deletedAt IS NULL AND cm.fromDate <= :to AND (cm.toDate IS NULL OR cm.toDate >= :from)');
      return ref.groupId ? q.andWhere('cm.groupId = :owner') : q.andWhere('cm.classId = :owner');
    },
    { owner: ref.groupId ?? ref.classId, from, to },
  );
  const byId = new Map<string, StudentRow>();
  for (const r of rows) {
    const seen = byId.get(r.id);
    if (!seen) byId.set(r.id, r);
    else {
      if (r.fromDate < seen.fromDate) seen.fromDate = r.fromDate;
      if (seen.toDate !== null && (r.toDate === null || r.toDate > seen.toDate)) seen.toDate = r.toDate;
    }
  }
  return [...byId.values()].sort(
    (a, b) => compareRu(a.lastName, b.lastName) || compareRu(a.firstName, b.firstName) || compareRu(a.middleName ?? '', b.middleName ?? ''),
  );
}

export async function staffNames(em: ReadableDb, ids: Iterable<string>): Promise<Map<string, string>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  const rows = await em
    .createQueryBuilder(StaffEntity, 's')
    .select(['s.id', 's.lastName', 's.firstName', 's.middleName'])
    .where('s.id IN (:...list)', { list })
    .getMany();
  return new Map(rows.map((s) => [s.id, shortName(s)]));
}

export interface FinalRow {
  id: string;
  studentId: string;
  periodId: string | null;
  kind: string;
  value: string;
  late: boolean;
  setAt: string;
}

/** Final marks of a class (or group) and subject: every period and the year. */
export async function pageFinals(em: ReadableDb, ref: PageRef): Promise<FinalRow[]> {
  const rows = await cachedRaw<FinalRow>(
    em,
    'journal.pageFinals',
    (m) =>
      m
        .createQueryBuilder(FinalMarkEntity, 'f')
        .select('f.id', 'id')
        .addSelect('f.studentId', 'studentId')
        .addSelect('f.periodId', 'periodId')
        .addSelect('f.kind', 'kind')
        .addSelect('f.value', 'value')
        .addSelect('f.late', 'late')
        .addSelect('f.setAt', 'setAt')
        .where('f.classId = :classId AND f.subjectId = :subjectId AND f.deletedAt IS NULL')
        .andWhere("f.kind IN ('period', 'year')"),
    { classId: ref.classId, subjectId: ref.subjectId },
  );
  for (const r of rows) r.late = bool(r.late);
  return rows;
}

/**
 * The КТП topics offered for the page's lessons: the topics in order, each
 * taking its hours, against the page's lessons of the year in order (the
 * cancelled ones skipped). `before` is the number of lessons given before the range.
 */
export async function planTopicsFor(
  em: ReadableDb,
  ref: PageRef,
  yearId: string,
): Promise<{ id: string; title: string; hours: number }[]> {
  // The topics of the page's latest plan, in one query.
  const topics = await cachedRaw<{ id: string; title: string; hours: number }>(
    em,
    shape('journal.planTopics', ref),
    (m) => {
      const plan = m
        .createQueryBuilder(ThematicPlanEntity, 'p')
        .select('p.id')
        .where('p.yearId = :yearId AND p.classId = :classId AND p.subjectId = :subjectId AND p.deletedAt IS NULL')
        .andWhere(ref.groupId ? 'p.groupId = :groupId' : 'p.groupId IS NULL')
        .orderBy('p.updatedAt', 'DESC')
        .limit(1);
      return m
        .createQueryBuilder(PlanTopicEntity, 't')
        .select('t.id', 'id')
        .addSelect('t.title', 'title')
        .addSelect('t.hours', 'hours')
        .where(`t.planId = (${plan.getQuery()}) AND t.deletedAt IS NULL`)
        .orderBy('t.ordinal', 'ASC');
    },
    { yearId, classId: ref.classId, subjectId: ref.subjectId, ...(ref.groupId ? { groupId: ref.groupId } : {}) },
  );
  return topics.map((t) => ({ ...t, hours: Math.max(1, num(t.hours)) }));
}

export async function lessonsBefore(em: ReadableDb, ref: PageRef, date: string): Promise<number> {
  const [row] = await cachedRaw<{ n: number | string }>(
    em,
    shape('journal.lessonsBefore', ref),
    (m) =>
      onPage(m.createQueryBuilder(LessonEntity, 'l'), ref)
        .select('COUNT(*)', 'n')
        .andWhere("l.date < :date AND l.status <> 'cancelled'"),
    pageParams(ref, { date }),
  );
  return num(row?.n ?? 0);
}

/** Topic k (0-based) of the plan by hours: topics of 2 hours take two lessons. */
export function topicAt(topics: readonly { id: string; title: string; hours: number }[], k: number): { id: string; title: string } | null {
  let left = k;
  for (const t of topics) {
    if (left < t.hours) return t;
    left -= t.hours;
  }
  return null;
}

/** Lesson.workTypeIds is a JSON array of ids; anything else reads as none. */
export function parseWorkTypeIds(json: string | null): string[] {
  if (!json) return [];
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** One student's marks on a page in a range: for the averages after a save. */
export async function studentMarks(em: ReadableDb, ref: PageRef, studentId: string, from: string, to: string): Promise<MarkRow[]> {
  const rows = await cachedRaw<MarkRow>(
    em,
    shape('journal.studentMarks', ref),
    (m) =>
      onPage(m.createQueryBuilder(MarkEntity, 'm').innerJoin(LessonEntity.options.name, 'l', 'l.id = m.lessonId'), ref)
        .select('m.numericValue', 'numericValue')
        .addSelect('m.weight', 'weight')
        .andWhere('m.studentId = :studentId AND l.date >= :from AND l.date <= :to AND m.deletedAt IS NULL'),
    pageParams(ref, { studentId, from, to }),
  );
  for (const r of rows) {
    r.weight = num(r.weight);
    r.numericValue = numOrNull(r.numericValue);
  }
  return rows;
}

/**
 * The control works of the school's schedule (график контрольных работ) for
 * this page's dates: the class's own, and on a group page also the group's.
 * Date → titles, for the lesson columns.
 */
export async function pageControlWorks(em: ReadableDb, ref: PageRef, from: string, to: string): Promise<Map<string, string[]>> {
  const q = em
    .createQueryBuilder(ControlWorkEntity, 'w')
    .select(['w.date', 'w.title'])
    .where('w.classId = :classId AND w.subjectId = :subjectId AND w.deletedAt IS NULL', { classId: ref.classId, subjectId: ref.subjectId })
    .andWhere('w.date >= :from AND w.date <= :to', { from, to });
  if (ref.groupId) q.andWhere('(w.groupId IS NULL OR w.groupId = :groupId)', { groupId: ref.groupId });
  else q.andWhere('w.groupId IS NULL');
  const out = new Map<string, string[]>();
  for (const w of await q.getMany()) out.set(w.date, [...(out.get(w.date) ?? []), w.title]);
  return out;
}
