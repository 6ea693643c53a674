import { EntitySchema } from 'typeorm';
import { col, foreignKeys, LIVE, syncedColumns, type Synced } from '../columns';

export const LESSON_STATUSES = ['planned', 'given', 'cancelled'] as const;
export type LessonStatus = (typeof LESSON_STATUSES)[number];

/**
 * A dated lesson: one column of a journal page. Made from the timetable and
 * the calendar, then filled in by the teacher (or the substitute). The
 * `…Late` flags record that the entry as it stands came after its deadline,
 * for the deputy's timeliness checks: each change of the topic or the
 * homework sets its flag anew (a timely topic corrected after the deadline
 * becomes late), and a merge of two lessons carries them over.
 */
export interface Lesson extends Synced {
  id: string;
  yearId: string;
  date: string;
  lessonNo: number;
  classId: string;
  groupId: string | null;
  subjectId: string;
  /** The teacher the timetable planned. */
  staffId: string;
  /** Who actually gave it (замена); null = the planned teacher. */
  substituteStaffId: string | null;
  roomId: string | null;
  timetableEntryId: string | null;
  planTopicId: string | null;
  topic: string | null;
  topicSetAt: string | null;
  /** User who entered the topic. */
  topicSetBy: string | null;
  topicLate: boolean;
  homework: string | null;
  homeworkSetAt: string | null;
  homeworkSetBy: string | null;
  homeworkLate: boolean;
  status: LessonStatus;
  /** Set on a lesson moved here by a LessonMove (перенос). */
  movedFromDate: string | null;
  movedFromLessonNo: number | null;
  /** JSON array of WorkType ids used in this lesson (the columns of marks it shows). */
  workTypeIds: string | null;
  note: string | null;
}

export const LessonEntity = new EntitySchema<Lesson>({
  name: 'Lesson',
  tableName: 'lessons',
  columns: {
    id: col.id(),
    yearId: col.ref(),
    date: col.date(),
    lessonNo: col.int(),
    classId: col.ref(),
    groupId: col.ref(true),
    subjectId: col.ref(),
    staffId: col.ref(),
    substituteStaffId: col.ref(true),
    roomId: col.ref(true),
    timetableEntryId: col.ref(true),
    planTopicId: col.ref(true),
    topic: col.text(),
    topicSetAt: col.instant(true),
    topicSetBy: col.ref(true),
    topicLate: col.bool(false),
    homework: col.text(),
    homeworkSetAt: col.instant(true),
    homeworkSetBy: col.ref(true),
    homeworkLate: col.bool(false),
    status: col.string(10),
    movedFromDate: col.date(true),
    movedFromLessonNo: col.int(true),
    workTypeIds: col.json(),
    note: col.text(),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('lessons', {
    yearId: 'academic_years',
    classId: 'school_classes',
    groupId: 'study_groups',
    subjectId: 'subjects',
    staffId: 'staff',
    substituteStaffId: 'staff',
    roomId: 'rooms',
    timetableEntryId: 'timetable_entries',
    planTopicId: 'plan_topics',
    topicSetBy: 'users',
    homeworkSetBy: 'users',
  }),
  indices: [
    { name: 'IDX_lessons_class_subject_date', columns: ['classId', 'subjectId', 'date'] },
    { name: 'IDX_lessons_group_subject_date', columns: ['groupId', 'subjectId', 'date'] },
    { name: 'IDX_lessons_staff_date', columns: ['staffId', 'date'] },
    { name: 'IDX_lessons_substitute_date', columns: ['substituteStaffId', 'date'] },
    { name: 'IDX_lessons_date_lessonNo', columns: ['date', 'lessonNo'] },
  ],
});

export const ATTENDANCE_CODES = ['absent', 'late'] as const;
export type AttendanceCode = (typeof ATTENDANCE_CODES)[number];
export const ABSENCE_REASON_KINDS = ['illness', 'valid', 'invalid'] as const;
export type AbsenceReasonKind = (typeof ABSENCE_REASON_KINDS)[number];

/**
 * «н» or lateness of a student at a lesson. One live row per lesson and
 * student (kept so by the code: a tombstoned row may sit beside a live one).
 */
export interface Attendance extends Synced {
  id: string;
  lessonId: string;
  studentId: string;
  code: AttendanceCode;
  /** Set by the class teacher's weekly correction (or copied from an AbsenceReason). */
  reasonKind: AbsenceReasonKind | null;
  reasonNote: string | null;
  setAt: string;
  setBy: string;
}

export const AttendanceEntity = new EntitySchema<Attendance>({
  name: 'Attendance',
  tableName: 'attendances',
  columns: {
    id: col.id(),
    lessonId: col.ref(),
    studentId: col.ref(),
    code: col.string(10),
    reasonKind: col.string(10, true),
    reasonNote: col.text(),
    setAt: col.instant(),
    setBy: col.ref(),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('attendances', { lessonId: 'lessons', studentId: 'students', setBy: 'users' }),
  indices: [
    { name: 'IDX_attendances_lesson_student', columns: ['lessonId', 'studentId'] },
    // One live attendance per lesson and student (migration 0009).
    { name: 'UQ_attendances_lesson_student_live', columns: ['lessonId', 'studentId'], unique: true, where: LIVE },
    { name: 'IDX_attendances_student', columns: ['studentId'] },
  ],
});

/**
 * The class teacher's reason for a student's absence over a day or a span
 * (a medical certificate for a week): it explains every «н» in those dates.
 */
export interface AbsenceReason extends Synced {
  id: string;
  studentId: string;
  fromDate: string;
  /** Inclusive. */
  toDate: string;
  kind: AbsenceReasonKind;
  note: string | null;
  /** «Справка № 15 от 12.11.2026». */
  document: string | null;
  setBy: string;
}

export const AbsenceReasonEntity = new EntitySchema<AbsenceReason>({
  name: 'AbsenceReason',
  tableName: 'absence_reasons',
  columns: {
    id: col.id(),
    studentId: col.ref(),
    fromDate: col.date(),
    toDate: col.date(),
    kind: col.string(10),
    note: col.text(),
    document: col.string(300, true),
    setBy: col.ref(),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('absence_reasons', { studentId: 'students', setBy: 'users' }),
  indices: [{ name: 'IDX_absence_reasons_student_from', columns: ['studentId', 'fromDate'] }],
});

/** A current mark. Several per student and lesson are allowed (different work types). */
export interface Mark extends Synced {
  id: string;
  lessonId: string;
  studentId: string;
  /** As written: '5', '4-', 'зач'. */
  value: string;
  /** For averages: '4-' → 3.75 etc.; null for marks that do not count ('зач'). */
  numericValue: number | null;
  workTypeId: string;
  /** The work type's weight when the mark was entered: later edits of the work type do not rewrite history. */
  weight: number;
  comment: string | null;
  setAt: string;
  setBy: string;
  /** Entered after the work type's checking deadline. */
  late: boolean;
}

export const MarkEntity = new EntitySchema<Mark>({
  name: 'Mark',
  tableName: 'marks',
  columns: {
    id: col.id(),
    lessonId: col.ref(),
    studentId: col.ref(),
    value: col.string(10),
    numericValue: col.real(true),
    workTypeId: col.ref(),
    weight: col.real(),
    comment: col.text(),
    setAt: col.instant(),
    setBy: col.ref(),
    late: col.bool(false),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('marks', { lessonId: 'lessons', studentId: 'students', workTypeId: 'work_types', setBy: 'users' }),
  indices: [
    { name: 'IDX_marks_lesson_student', columns: ['lessonId', 'studentId'] },
    { name: 'IDX_marks_student', columns: ['studentId'] },
  ],
});

export const FINAL_MARK_KINDS = ['period', 'year', 'exam', 'final'] as const;
export type FinalMarkKind = (typeof FINAL_MARK_KINDS)[number];
export const FINAL_MARK_VALUES = ['5', '4', '3', '2', 'н/а', 'осв.', 'зач', 'незач'] as const;
export type FinalMarkValue = (typeof FINAL_MARK_VALUES)[number];

/** Итоговая отметка for a period (periodId) or the year, an exam, or the final (аттестат) mark. */
export interface FinalMark extends Synced {
  id: string;
  studentId: string;
  subjectId: string;
  classId: string;
  groupId: string | null;
  /** Null for year, exam and final marks. */
  periodId: string | null;
  kind: FinalMarkKind;
  value: FinalMarkValue;
  setAt: string;
  setBy: string;
  /** Set later than two days before the period's end (seed 001 §6.4). */
  late: boolean;
  note: string | null;
}

export const FinalMarkEntity = new EntitySchema<FinalMark>({
  name: 'FinalMark',
  tableName: 'final_marks',
  columns: {
    id: col.id(),
    studentId: col.ref(),
    subjectId: col.ref(),
    classId: col.ref(),
    groupId: col.ref(true),
    periodId: col.ref(true),
    kind: col.string(10),
    value: col.string(10),
    setAt: col.instant(),
    setBy: col.ref(),
    late: col.bool(false),
    note: col.text(),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('final_marks', {
    studentId: 'students',
    subjectId: 'subjects',
    classId: 'school_classes',
    groupId: 'study_groups',
    periodId: 'study_periods',
    setBy: 'users',
  }),
  indices: [
    { name: 'IDX_final_marks_class_subject', columns: ['classId', 'subjectId'] },
    { name: 'IDX_final_marks_student', columns: ['studentId'] },
    // One live final mark per student, subject, period and kind; a year or exam mark has no period (migration 0009).
    { name: 'UQ_final_marks_period_live', columns: ['studentId', 'subjectId', 'periodId', 'kind'], unique: true, where: `${LIVE} AND "periodId" IS NOT NULL` },
    { name: 'UQ_final_marks_year_live', columns: ['studentId', 'subjectId', 'kind'], unique: true, where: `${LIVE} AND "periodId" IS NULL` },
  ],
});

/**
 * The deputy reopens a closed period's page for corrections, with a reason,
 * until closesAt (null: until closed again by hand, i.e. the row is tombstoned).
 */
export interface PageReopen extends Synced {
  id: string;
  periodId: string;
  classId: string;
  groupId: string | null;
  subjectId: string;
  reason: string;
  reopenedBy: string;
  reopenedAt: string;
  closesAt: string | null;
}

export const PageReopenEntity = new EntitySchema<PageReopen>({
  name: 'PageReopen',
  tableName: 'page_reopens',
  columns: {
    id: col.id(),
    periodId: col.ref(),
    classId: col.ref(),
    groupId: col.ref(true),
    subjectId: col.ref(),
    reason: col.text(false),
    reopenedBy: col.ref(),
    reopenedAt: col.instant(),
    closesAt: col.instant(true),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('page_reopens', {
    periodId: 'study_periods',
    classId: 'school_classes',
    groupId: 'study_groups',
    subjectId: 'subjects',
    reopenedBy: 'users',
  }),
  indices: [{ name: 'IDX_page_reopens_page', columns: ['periodId', 'classId', 'subjectId'] }],
});
