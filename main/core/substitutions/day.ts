import type { ReadableDb } from '../db/readable';
import { IsNull } from 'typeorm';
import { LessonEntity, type Lesson } from '../db/entities/journal';
import { SubstitutionEntity, type Substitution, type TeacherAbsence } from '../db/entities/changes';
import { StaffEntity, type Staff } from '../db/entities/staff';
import { UserEntity, UserRoleEntity } from '../db/entities/users';
import { AcademicYearEntity, BellScheduleEntity, BellSlotEntity, type AcademicYear } from '../db/entities/calendar';
import {
  RoomEntity,
  SchoolClassEntity,
  StaffQualificationEntity,
  StudyGroupEntity,
  SubjectEntity,
  TeacherUnavailabilityEntity,
  TeachingAssignmentEntity,
  type Room,
  type SchoolClass,
  type StudyGroup,
  type Subject,
  type TeacherUnavailability,
} from '../db/entities/school';
import { TimeLine } from '../timetable/time-line';
import { absencesBetween, covers } from './absences';
import { loadRules, type Rules } from './rules';
import { isoWeekday, monthOf } from '../shared/dates';
import { educationLevelOf, type EducationLevel } from '../school/education-level';
import type { SubjectTie } from './ranking';

/** The lesson columns the substitution screens read (raw, by their property names). */
const LESSON_COLUMNS = [
  'id',
  'yearId',
  'date',
  'lessonNo',
  'classId',
  'groupId',
  'subjectId',
  'staffId',
  'substituteStaffId',
  'roomId',
  'timetableEntryId',
  'status',
  'movedFromDate',
  'movedFromLessonNo',
  'createdAt',
  'updatedAt',
  'deletedAt',
] as const;

/** A lesson of the day with its place on the school's common time line. */
export interface DayLesson extends Lesson {
  /** TimeLine index: two lessons clash when their times overlap. */
  time: number;
  /** Order in the day (0, 1, …) for distances between lessons: shifts share one order. */
  pos: number;
}

/** The kinds that put a teacher in front of the class (and count as a substitution for them). */
const TEACHING_KINDS = new Set(['substitute', 'merge']);

/**
 * Everything the substitution screens need about one school day, loaded in a
 * few queries: the lessons and their solutions, who is away, who could step
 * in and what they teach, and how many substitutions each teacher already has
 * this month. Suggestions, «fill the day» and the conflict checks all read it.
 */
export class Day {
  readonly byId = new Map<string, DayLesson>();
  /** Effective lessons of each teacher (cancelled ones left out). */
  private readonly teaching = new Map<string, DayLesson[]>();

  private constructor(
    readonly date: string,
    readonly weekday: number,
    readonly year: AcademicYear | null,
    readonly lessons: DayLesson[],
    readonly subs: Map<string, Substitution>,
    readonly absences: TeacherAbsence[],
    readonly staff: Map<string, Staff>,
    readonly classes: Map<string, SchoolClass>,
    readonly groups: Map<string, StudyGroup>,
    readonly subjects: Map<string, Subject>,
    readonly rooms: Map<string, Room>,
    readonly line: TimeLine,
    /** `staffId|classId`, `staffId|subjectId|level` by the teaching load on the date. */
    readonly teachesClassSet: Set<string>,
    readonly teachesSubjectSet: Set<string>,
    readonly qualifiedSet: Set<string>,
    /** The levels of education (1–4, 5–9, 10–11) each teacher has load at, on the date. */
    readonly levelsOf: Map<string, Set<EducationLevel>>,
    /** Staff who may be asked to substitute: teachers on the staff that day. */
    readonly candidates: string[],
    readonly unavailable: Map<string, TeacherUnavailability[]>,
    /** Substitutions (and merges taken on) this month, per teacher. */
    readonly month: Map<string, number>,
    readonly rules: Rules,
  ) {
    for (const l of lessons) this.byId.set(l.id, l);
    this.reindex();
  }

  private reindex(): void {
    this.teaching.clear();
    for (const l of this.lessons) {
      const t = this.teacherOf(l);
      if (!t) continue;
      const list = this.teaching.get(t) ?? [];
      list.push(l);
      this.teaching.set(t, list);
    }
  }

  /** Takes a saved change into account, so that several changes made in one call see each other. */
  record(lesson: DayLesson, patch: Partial<Lesson>, sub: Substitution | null): void {
    Object.assign(lesson, patch);
    if (sub) this.subs.set(lesson.id, sub);
    else this.subs.delete(lesson.id);
    this.reindex();
  }

  static async load(em: ReadableDb, date: string): Promise<Day> {
    const weekday = isoWeekday(date);
    const year = await em
      .createQueryBuilder(AcademicYearEntity, 'y')
      .where('y.deletedAt IS NULL AND y.startDate <= :date AND y.endDate >= :date', { date })
      .getOne();
    const rules = await loadRules(em);
    const live = { deletedAt: IsNull() };
    const yearLive = { yearId: year?.id ?? '', deletedAt: IsNull() };
    // Raw rows of the columns used: hydrating a few hundred full entities costs more than the query.
    const lq = em.createQueryBuilder(LessonEntity, 'l').select('l.id', 'id');
    for (const c of LESSON_COLUMNS) if (c !== 'id') lq.addSelect(`l.${c}`, c);
    const lessons = (await lq.where('l.date = :date AND l.deletedAt IS NULL', { date }).getRawMany()) as Lesson[];
    for (const l of lessons) {
      l.lessonNo = Number(l.lessonNo);
      if (l.movedFromLessonNo !== null) l.movedFromLessonNo = Number(l.movedFromLessonNo);
    }
    const subRows = lessons.length
      ? await em
          .createQueryBuilder(SubstitutionEntity, 's')
          .innerJoin(LessonEntity.options.name, 'l', 'l.id = s.lessonId')
          .where('l.date = :date AND s.deletedAt IS NULL AND l.deletedAt IS NULL', { date })
          .orderBy('s.createdAt', 'ASC')
          .getMany()
      : [];
    const [absences, staffRows, classRows, groupRows, subjectRows, roomRows, schedules] = await Promise.all([
      absencesBetween(em, date, date),
      em.find(StaffEntity, { where: live }),
      em.find(SchoolClassEntity, { where: yearLive }),
      em.find(StudyGroupEntity, { where: yearLive }),
      em.find(SubjectEntity, { where: live }),
      em.find(RoomEntity, { where: live }),
      em.find(BellScheduleEntity, { where: yearLive }),
    ]);
    const bells = schedules.length
      ? await em
          .createQueryBuilder(BellSlotEntity, 's')
          .where('s.scheduleId IN (:...ids) AND s.deletedAt IS NULL', { ids: schedules.map((s) => s.id) })
          .getMany()
      : [];
    const assignments: { staffId: string; classId: string; subjectId: string; fromDate: string | null; toDate: string | null }[] = await em
      .createQueryBuilder(TeachingAssignmentEntity, 't')
      .select('t.staffId', 'staffId')
      .addSelect('t.classId', 'classId')
      .addSelect('t.subjectId', 'subjectId')
      .addSelect('t.fromDate', 'fromDate')
      .addSelect('t.toDate', 'toDate')
      .where('t.yearId = :yearId AND t.deletedAt IS NULL', { yearId: year?.id ?? '' })
      .getRawMany();
    const qualifications: { staffId: string; subjectId: string }[] = await em
      .createQueryBuilder(StaffQualificationEntity, 'q')
      .select('q.staffId', 'staffId')
      .addSelect('q.subjectId', 'subjectId')
      .where('q.deletedAt IS NULL')
      .getRawMany();
    const unavailability = await em.find(TeacherUnavailabilityEntity, { where: { weekday, deletedAt: IsNull() } });
    const teacherRows: { staffId: string }[] = await em
      .createQueryBuilder(UserEntity, 'u')
      .innerJoin(UserRoleEntity.options.name, 'r', "r.userId = u.id AND r.role = 'teacher' AND r.deletedAt IS NULL")
      .select('u.staffId', 'staffId')
      .where('u.deletedAt IS NULL AND u.disabledAt IS NULL AND u.staffId IS NOT NULL')
      .getRawMany();
    const month = await monthCounts(em, date);

    const line = new TimeLine(classRows, schedules, bells);
    const placed = lessons.map((l) => ({ ...l, time: line.timeOf(l.classId, weekday, l.lessonNo), pos: 0 }));
    assignPositions(placed, line);

    const onDate = (a: { fromDate: string | null; toDate: string | null }) => (!a.fromDate || a.fromDate <= date) && (!a.toDate || a.toDate >= date);
    const teachesClassSet = new Set<string>();
    const teachesSubjectSet = new Set<string>();
    const levelsOf = new Map<string, Set<EducationLevel>>();
    const loadStaff = new Set<string>();
    const gradeOf = new Map(classRows.map((c) => [c.id, c.gradeLevel]));
    for (const a of assignments) {
      loadStaff.add(a.staffId);
      if (!onDate(a)) continue;
      const grade = gradeOf.get(a.classId);
      if (grade === undefined) continue;
      const level = educationLevelOf(grade);
      teachesClassSet.add(`${a.staffId}|${a.classId}`);
      teachesSubjectSet.add(`${a.staffId}|${a.subjectId}|${level}`);
      levelsOf.set(a.staffId, (levelsOf.get(a.staffId) ?? new Set()).add(level));
    }
    const staff = new Map(staffRows.map((s) => [s.id, s]));
    const onStaff = (s: Staff) => (!s.hiredOn || s.hiredOn <= date) && (!s.leftOn || s.leftOn >= date);
    const candidates = [...new Set([...loadStaff, ...teacherRows.map((r) => r.staffId)])].filter((id) => {
      const s = staff.get(id);
      return !!s && onStaff(s);
    });
    const unavailable = new Map<string, TeacherUnavailability[]>();
    for (const u of unavailability) unavailable.set(u.staffId, [...(unavailable.get(u.staffId) ?? []), u]);
    const subs = new Map<string, Substitution>();
    for (const s of subRows) subs.set(s.lessonId, s);
    return new Day(
      date,
      weekday,
      year,
      placed,
      subs,
      absences,
      staff,
      new Map(classRows.map((c) => [c.id, c])),
      new Map(groupRows.map((g) => [g.id, g])),
      new Map(subjectRows.map((s) => [s.id, s])),
      new Map(roomRows.map((r) => [r.id, r])),
      line,
      teachesClassSet,
      teachesSubjectSet,
      new Set(qualifications.map((q) => `${q.staffId}|${q.subjectId}`)),
      levelsOf,
      candidates,
      unavailable,
      month,
      rules,
    );
  }

  /** Who is in front of the class: the substitute, the teacher a merged class joined, or the planned teacher. */
  teacherOf(l: Lesson): string | null {
    if (l.status === 'cancelled') return null;
    const s = this.subs.get(l.id);
    if (s && TEACHING_KINDS.has(s.kind) && s.substituteStaffId) return s.substituteStaffId;
    return l.substituteStaffId ?? l.staffId;
  }

  /** Where the lesson is held: a changed room, the room of the lesson a class joined, or the planned room. */
  roomOf(l: Lesson): string | null {
    const s = this.subs.get(l.id);
    if (s?.newRoomId) return s.newRoomId;
    if (s?.kind === 'merge' && s.mergedWithLessonId) {
      const target = this.byId.get(s.mergedWithLessonId);
      if (target && target.id !== l.id) return this.roomOf(target);
    }
    return l.roomId;
  }

  /** The absence that keeps a teacher from this lesson, if any. */
  absenceOf(staffId: string, lessonNo: number): TeacherAbsence | null {
    return this.absences.find((a) => a.staffId === staffId && covers(a, this.date, lessonNo)) ?? null;
  }

  /** The teacher's effective lessons of the day. */
  lessonsOf(staffId: string): DayLesson[] {
    return this.teaching.get(staffId) ?? [];
  }

  /** Lessons whose time overlaps the given one. */
  clashes<T extends { id: string; time: number }>(time: number, list: T[], exceptId?: string): T[] {
    const over = new Set(this.line.overlapping(time));
    return list.filter((x) => x.id !== exceptId && over.has(x.time));
  }

  maxLessonsOf(staffId: string): number {
    return this.staff.get(staffId)?.maxLessonsPerDay ?? this.rules.maxLessonsPerDay;
  }

  teachesClass(staffId: string, classId: string): boolean {
    return this.teachesClassSet.has(`${staffId}|${classId}`);
  }

  /**
   * How the teacher stands to the lesson's subject at the level of education
   * of its class: teaches it there by the load; holds a qualification for it
   * and teaches at that level (or has no load at all); teaches it, or is
   * qualified for it, only at another level (a primary teacher and 5А
   * mathematics); or none.
   */
  subjectTie(staffId: string, subjectId: string, gradeLevel: number): SubjectTie | null {
    const level = educationLevelOf(gradeLevel);
    if (this.teachesSubjectSet.has(`${staffId}|${subjectId}|${level}`)) return 'teaches';
    const levels = this.levelsOf.get(staffId);
    const qualified = this.qualifiedSet.has(`${staffId}|${subjectId}`);
    if (qualified && (!levels || levels.has(level))) return 'qualified';
    const elsewhere = (['primary', 'basic', 'secondary'] as const).some((l) => this.teachesSubjectSet.has(`${staffId}|${subjectId}|${l}`));
    return qualified || elsewhere ? 'other_level' : null;
  }

  /** The lesson's teacher is away and nothing has been decided for it yet (or the decision no longer holds). */
  openReason(l: DayLesson): string | null {
    if (l.status === 'cancelled') return null;
    const s = this.subs.get(l.id);
    const solved = s && s.kind !== 'room_change';
    const teacher = this.teacherOf(l);
    if (!teacher) return null;
    const away = this.absenceOf(teacher, l.lessonNo);
    if (!away) return null;
    if (!solved && teacher === l.staffId) return 'Учитель отсутствует, решение не выбрано.';
    return 'Назначенный учитель сам отсутствует в этот день: выберите другое решение.';
  }
}

/**
 * Positions of the day's lessons for distances. With bells, lessons are
 * ordered by their start times across both shifts (the second shift's first
 * lesson sits with the first shift's seventh); without bells, the lesson
 * number is the position.
 */
function assignPositions(lessons: DayLesson[], line: TimeLine): void {
  const starts = lessons.map((l) => line.clock(l.time)?.slice(0, 5) ?? null);
  if (starts.some((s) => s === null)) {
    for (const l of lessons) l.pos = l.lessonNo;
    return;
  }
  const order = [...new Set(starts as string[])].sort();
  lessons.forEach((l, i) => (l.pos = order.indexOf(starts[i]!) + 1));
}

/**
 * Substitutions given (or merged classes taken on) this month, per teacher.
 * Counted on the lessons, which mirror their live substitution in
 * substituteStaffId: the (substituteStaffId, date) index reads only the
 * substituted lessons, where a join from the month's lessons reads them all.
 */
async function monthCounts(em: ReadableDb, date: string): Promise<Map<string, number>> {
  const { from, to } = monthOf(date);
  const rows: { staffId: string; n: string | number }[] = await em
    .createQueryBuilder(LessonEntity, 'l')
    .select('l.substituteStaffId', 'staffId')
    .addSelect('COUNT(*)', 'n')
    .where('l.substituteStaffId IS NOT NULL AND l.date >= :from AND l.date <= :to', { from, to })
    .andWhere("l.deletedAt IS NULL AND l.status <> 'cancelled' AND l.substituteStaffId <> l.staffId")
    .groupBy('l.substituteStaffId')
    .getRawMany();
  return new Map(rows.map((r) => [r.staffId, Number(r.n)]));
}
