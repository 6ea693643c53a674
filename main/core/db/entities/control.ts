import { EntitySchema } from 'typeorm';
import { col, foreignKeys, syncedColumns, type Synced } from '../columns';

export const JOURNAL_CHECK_STATUSES = ['draft', 'final'] as const;
export type JournalCheckStatus = (typeof JOURNAL_CHECK_STATUSES)[number];

/** Проверка журнала by the deputy (ВШК): what was checked over which dates, and the conclusions. */
export interface JournalCheck extends Synced {
  id: string;
  yearId: string;
  fromDate: string;
  toDate: string;
  /** JSON: the classes, subjects, teachers and check codes covered. */
  scope: string;
  /** «Своевременность заполнения», «Накопляемость отметок». */
  purpose: string;
  conclusions: string | null;
  checkedBy: string;
  checkedAt: string;
  status: JournalCheckStatus;
}

export const JournalCheckEntity = new EntitySchema<JournalCheck>({
  name: 'JournalCheck',
  tableName: 'journal_checks',
  columns: {
    id: col.id(),
    yearId: col.ref(),
    fromDate: col.date(),
    toDate: col.date(),
    scope: col.json(false),
    purpose: col.string(500),
    conclusions: col.text(),
    checkedBy: col.ref(),
    checkedAt: col.instant(),
    status: col.string(10),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('journal_checks', { yearId: 'academic_years', checkedBy: 'users' }),
  indices: [{ name: 'IDX_journal_checks_year_from', columns: ['yearId', 'fromDate'] }],
});

/**
 * Замечание to a teacher, from a check or on its own. The teacher notes the
 * fix; the deputy confirms it.
 */
export interface Remark extends Synced {
  id: string;
  checkId: string | null;
  toStaffId: string;
  classId: string | null;
  subjectId: string | null;
  lessonId: string | null;
  /** Code of the automatic check that found it (`topics_late`), or null for a free remark. */
  finding: string | null;
  text: string;
  createdBy: string;
  fixedAt: string | null;
  fixNote: string | null;
  confirmedAt: string | null;
}

export const RemarkEntity = new EntitySchema<Remark>({
  name: 'Remark',
  tableName: 'remarks',
  columns: {
    id: col.id(),
    checkId: col.ref(true),
    toStaffId: col.ref(),
    classId: col.ref(true),
    subjectId: col.ref(true),
    lessonId: col.ref(true),
    finding: col.string(60, true),
    text: col.text(false),
    createdBy: col.ref(),
    fixedAt: col.instant(true),
    fixNote: col.text(),
    confirmedAt: col.instant(true),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('remarks', {
    checkId: 'journal_checks',
    toStaffId: 'staff',
    classId: 'school_classes',
    subjectId: 'subjects',
    lessonId: 'lessons',
    createdBy: 'users',
  }),
  indices: [
    { name: 'IDX_remarks_to_staff', columns: ['toStaffId'] },
    { name: 'IDX_remarks_check', columns: ['checkId'] },
  ],
});

export const PARENT_EXTRACT_KINDS = ['week', 'month', 'period'] as const;
export type ParentExtractKind = (typeof PARENT_EXTRACT_KINDS)[number];

/**
 * A printed extract for a student's parents and the registered fact that
 * they have seen it (seed 002).
 */
export interface ParentExtractAck extends Synced {
  id: string;
  studentId: string;
  fromDate: string;
  toDate: string;
  kind: ParentExtractKind;
  printedAt: string;
  acknowledgedAt: string | null;
  /** The guardian's name as they signed, free text. */
  acknowledgedBy: string | null;
  /** User who registered the acknowledgement. */
  registeredBy: string | null;
  /** «Выписка № 37»: one after another through the school year of `fromDate` (null only on a row synced half-way). */
  serialNo: number | null;
}

export const ParentExtractAckEntity = new EntitySchema<ParentExtractAck>({
  name: 'ParentExtractAck',
  tableName: 'parent_extract_acks',
  columns: {
    id: col.id(),
    studentId: col.ref(),
    fromDate: col.date(),
    toDate: col.date(),
    kind: col.string(10),
    printedAt: col.instant(),
    acknowledgedAt: col.instant(true),
    acknowledgedBy: col.string(300, true),
    registeredBy: col.ref(true),
    serialNo: col.int(true),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('parent_extract_acks', { studentId: 'students', registeredBy: 'users' }),
  indices: [
    { name: 'IDX_parent_extract_acks_student_from', columns: ['studentId', 'fromDate'] },
    { name: 'IDX_parent_extract_acks_from', columns: ['fromDate'] },
  ],
});
