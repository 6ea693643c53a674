import { EntitySchema } from 'typeorm';
import { col, foreignKeys, LIVE, syncedColumns, type Synced } from '../columns';

export const TEACHER_ABSENCE_REASONS = ['illness', 'course', 'business', 'other'] as const;
export type TeacherAbsenceReason = (typeof TEACHER_ABSENCE_REASONS)[number];

/**
 * A teacher is away (больничный, курсы, командировка) for whole days or,
 * on a single day, for some lessons only: its lessons need a substitution.
 */
export interface TeacherAbsence extends Synced {
  id: string;
  staffId: string;
  fromDate: string;
  /** Inclusive. */
  toDate: string;
  /** Null = from the first lesson of fromDate. */
  fromLessonNo: number | null;
  /** Null = to the last lesson of toDate. */
  toLessonNo: number | null;
  reason: TeacherAbsenceReason;
  note: string | null;
  createdBy: string;
}

export const TeacherAbsenceEntity = new EntitySchema<TeacherAbsence>({
  name: 'TeacherAbsence',
  tableName: 'teacher_absences',
  columns: {
    id: col.id(),
    staffId: col.ref(),
    fromDate: col.date(),
    toDate: col.date(),
    fromLessonNo: col.int(true),
    toLessonNo: col.int(true),
    reason: col.string(10),
    note: col.text(),
    createdBy: col.ref(),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('teacher_absences', { staffId: 'staff', createdBy: 'users' }),
  indices: [
    { name: 'IDX_teacher_absences_staff_from', columns: ['staffId', 'fromDate'] },
    { name: 'IDX_teacher_absences_from', columns: ['fromDate'] },
  ],
});

export const SUBSTITUTION_KINDS = ['substitute', 'merge', 'cancel', 'room_change'] as const;
export type SubstitutionKind = (typeof SUBSTITUTION_KINDS)[number];

/**
 * Замена of one lesson: another teacher, merged with another class's lesson,
 * cancelled, or moved to another room. One live row per lesson (kept so by
 * the code; sync lists two as a conflict). Lesson.substituteStaffId mirrors it.
 */
export interface Substitution extends Synced {
  id: string;
  lessonId: string;
  kind: SubstitutionKind;
  teacherAbsenceId: string | null;
  substituteStaffId: string | null;
  /** For a merge: the lesson this class joins. */
  mergedWithLessonId: string | null;
  newRoomId: string | null;
  /** Counts in the substitute's paid hours (учёт замен). */
  paid: boolean;
  hours: number;
  note: string | null;
  /** Last time it appeared on a printed list of changes; a later edit means «reprint». */
  printedAt: string | null;
  createdBy: string;
}

export const SubstitutionEntity = new EntitySchema<Substitution>({
  name: 'Substitution',
  tableName: 'substitutions',
  columns: {
    id: col.id(),
    lessonId: col.ref(),
    kind: col.string(12),
    teacherAbsenceId: col.ref(true),
    substituteStaffId: col.ref(true),
    mergedWithLessonId: col.ref(true),
    newRoomId: col.ref(true),
    paid: col.bool(false),
    hours: col.real(),
    note: col.text(),
    printedAt: col.instant(true),
    createdBy: col.ref(),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('substitutions', {
    lessonId: 'lessons',
    teacherAbsenceId: 'teacher_absences',
    substituteStaffId: 'staff',
    mergedWithLessonId: 'lessons',
    newRoomId: 'rooms',
    createdBy: 'users',
  }),
  indices: [
    { name: 'IDX_substitutions_lesson', columns: ['lessonId'] },
    // One live substitution (or other solution) per lesson (migration 0009).
    { name: 'UQ_substitutions_lesson_live', columns: ['lessonId'], unique: true, where: LIVE },
    { name: 'IDX_substitutions_substitute', columns: ['substituteStaffId'] },
    { name: 'IDX_substitutions_absence', columns: ['teacherAbsenceId'] },
  ],
});

/**
 * Перенос: the lesson moved from one date and number to another (and maybe a
 * room). The Lesson row itself takes the new date; this keeps where it was.
 */
export interface LessonMove extends Synced {
  id: string;
  lessonId: string;
  fromDate: string;
  fromLessonNo: number;
  toDate: string;
  toLessonNo: number;
  toRoomId: string | null;
  reason: string | null;
  teacherAbsenceId: string | null;
  createdBy: string;
}

export const LessonMoveEntity = new EntitySchema<LessonMove>({
  name: 'LessonMove',
  tableName: 'lesson_moves',
  columns: {
    id: col.id(),
    lessonId: col.ref(),
    fromDate: col.date(),
    fromLessonNo: col.int(),
    toDate: col.date(),
    toLessonNo: col.int(),
    toRoomId: col.ref(true),
    reason: col.text(),
    teacherAbsenceId: col.ref(true),
    createdBy: col.ref(),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('lesson_moves', {
    lessonId: 'lessons',
    toRoomId: 'rooms',
    teacherAbsenceId: 'teacher_absences',
    createdBy: 'users',
  }),
  indices: [
    { name: 'IDX_lesson_moves_lesson', columns: ['lessonId'] },
    { name: 'IDX_lesson_moves_from', columns: ['fromDate'] },
    { name: 'IDX_lesson_moves_to', columns: ['toDate'] },
  ],
});

export const CHANGE_PRINT_SCOPES = ['class', 'teacher'] as const;
export type ChangePrintScope = (typeof CHANGE_PRINT_SCOPES)[number];

/** The day's list of changes was printed (for classes or for teachers). */
export interface ChangePrint extends Synced {
  id: string;
  date: string;
  scope: ChangePrintScope;
  printedAt: string;
  printedBy: string;
}

export const ChangePrintEntity = new EntitySchema<ChangePrint>({
  name: 'ChangePrint',
  tableName: 'change_prints',
  columns: {
    id: col.id(),
    date: col.date(),
    scope: col.string(10),
    printedAt: col.instant(),
    printedBy: col.ref(),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('change_prints', { printedBy: 'users' }),
  indices: [{ name: 'IDX_change_prints_date', columns: ['date'] }],
});
