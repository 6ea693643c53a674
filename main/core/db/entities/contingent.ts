import { EntitySchema } from 'typeorm';
import { col, foreignKeys, syncedColumns, type Synced } from '../columns';

export const SEXES = ['m', 'f'] as const;
export type Sex = (typeof SEXES)[number];

/**
 * Обучающийся. Not tied to a year or class: the class follows from
 * ClassMembership (derived from the movements), so a student keeps one record
 * for the whole school life.
 */
export interface Student extends Synced {
  id: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  /** Normalised «фамилия имя отчество» for Cyrillic search (searchKey). */
  searchName: string;
  /** Null only while the secretary has not yet entered it. */
  birthDate: string | null;
  sex: Sex | null;
  /** Номер личного дела. */
  personalFileNo: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  /** СНИЛС, «123-456-789 01». */
  snils: string | null;
  note: string | null;
  /** Last time the class teacher confirmed the record is up to date. */
  dataCheckedAt: string | null;
}

export const StudentEntity = new EntitySchema<Student>({
  name: 'Student',
  tableName: 'students',
  columns: {
    id: col.id(),
    lastName: col.string(100),
    firstName: col.string(100),
    middleName: col.string(100, true),
    searchName: col.string(310),
    birthDate: col.date(true),
    sex: col.string(1, true),
    personalFileNo: col.string(50, true),
    address: col.string(500, true),
    phone: col.string(50, true),
    email: col.string(200, true),
    snils: col.string(14, true),
    note: col.text(),
    dataCheckedAt: col.instant(true),
    ...syncedColumns,
  },
  indices: [{ name: 'IDX_students_searchName', columns: ['searchName'] }],
});

/** Законный представитель (parent or guardian). */
export interface Guardian extends Synced {
  id: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  searchName: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  workplace: string | null;
  note: string | null;
}

export const GuardianEntity = new EntitySchema<Guardian>({
  name: 'Guardian',
  tableName: 'guardians',
  columns: {
    id: col.id(),
    lastName: col.string(100),
    firstName: col.string(100),
    middleName: col.string(100, true),
    searchName: col.string(310),
    phone: col.string(50, true),
    email: col.string(200, true),
    address: col.string(500, true),
    workplace: col.string(300, true),
    note: col.text(),
    ...syncedColumns,
  },
  indices: [{ name: 'IDX_guardians_searchName', columns: ['searchName'] }],
});

export const GUARDIAN_RELATIONS = ['mother', 'father', 'guardian', 'other'] as const;
export type GuardianRelation = (typeof GUARDIAN_RELATIONS)[number];

/** Links a student to a guardian; siblings share guardians. */
export interface StudentGuardian extends Synced {
  id: string;
  studentId: string;
  guardianId: string;
  relation: GuardianRelation;
  /** The one to contact first and to name on extracts. */
  isPrimary: boolean;
}

export const StudentGuardianEntity = new EntitySchema<StudentGuardian>({
  name: 'StudentGuardian',
  tableName: 'student_guardians',
  columns: {
    id: col.id(),
    studentId: col.ref(),
    guardianId: col.ref(),
    relation: col.string(10),
    isPrimary: col.bool(false),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('student_guardians', { studentId: 'students', guardianId: 'guardians' }),
  indices: [
    { name: 'IDX_student_guardians_student', columns: ['studentId'] },
    { name: 'IDX_student_guardians_guardian', columns: ['guardianId'] },
  ],
});

export const CONSENT_STATUSES = ['given', 'refused', 'not_asked'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/**
 * Согласие на обработку персональных данных (152-ФЗ). A new row for every
 * change, so the history of consents is kept; the latest by date counts.
 */
export interface DataConsent extends Synced {
  id: string;
  studentId: string;
  status: ConsentStatus;
  /** Date of the signed document; null while not asked. */
  date: string | null;
  /** «Заявление № 12 от 01.09.2026». */
  document: string | null;
  /** Who signed it. */
  guardianId: string | null;
  note: string | null;
}

export const DataConsentEntity = new EntitySchema<DataConsent>({
  name: 'DataConsent',
  tableName: 'data_consents',
  columns: {
    id: col.id(),
    studentId: col.ref(),
    status: col.string(10),
    date: col.date(true),
    document: col.string(300, true),
    guardianId: col.ref(true),
    note: col.text(),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('data_consents', { studentId: 'students', guardianId: 'guardians' }),
  indices: [{ name: 'IDX_data_consents_student', columns: ['studentId'] }],
});

export const MOVEMENT_KINDS = ['enrolment', 'transfer', 'withdrawal'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/**
 * Движение обучающихся, by order (приказ): enrolment has only toClassId,
 * withdrawal only fromClassId, a transfer between classes both.
 */
export interface StudentMovement extends Synced {
  id: string;
  studentId: string;
  kind: MovementKind;
  /** The first day in the new class (enrolment, transfer) or the first day gone (withdrawal). */
  date: string;
  fromClassId: string | null;
  toClassId: string | null;
  orderNo: string | null;
  orderDate: string | null;
  reason: string | null;
  /** Where a withdrawn student went (another school, …). */
  destination: string | null;
}

export const StudentMovementEntity = new EntitySchema<StudentMovement>({
  name: 'StudentMovement',
  tableName: 'student_movements',
  columns: {
    id: col.id(),
    studentId: col.ref(),
    kind: col.string(12),
    date: col.date(),
    fromClassId: col.ref(true),
    toClassId: col.ref(true),
    orderNo: col.string(50, true),
    orderDate: col.date(true),
    reason: col.text(),
    destination: col.string(300, true),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('student_movements', {
    studentId: 'students',
    fromClassId: 'school_classes',
    toClassId: 'school_classes',
  }),
  indices: [
    { name: 'IDX_student_movements_student_date', columns: ['studentId', 'date'] },
    { name: 'IDX_student_movements_date', columns: ['date'] },
  ],
});

/**
 * A student's dated span in a class, derived from the movements and kept in
 * step with them, so a journal page finds its students with one indexed query.
 */
export interface ClassMembership extends Synced {
  id: string;
  studentId: string;
  classId: string;
  fromDate: string;
  /** Inclusive last day; null = still in the class. */
  toDate: string | null;
}

export const ClassMembershipEntity = new EntitySchema<ClassMembership>({
  name: 'ClassMembership',
  tableName: 'class_memberships',
  columns: {
    id: col.id(),
    studentId: col.ref(),
    classId: col.ref(),
    fromDate: col.date(),
    toDate: col.date(true),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('class_memberships', { studentId: 'students', classId: 'school_classes' }),
  indices: [
    { name: 'IDX_class_memberships_class', columns: ['classId', 'fromDate'] },
    { name: 'IDX_class_memberships_student', columns: ['studentId', 'fromDate'] },
  ],
});

/** Индивидуальный учебный план: the student studies by their own plan for a span of the year. */
export interface IndividualPlan extends Synced {
  id: string;
  studentId: string;
  yearId: string;
  fromDate: string;
  /** Null = to the end of the year. */
  toDate: string | null;
  /** Why: a medical certificate, an application. */
  basis: string | null;
  orderNo: string | null;
  note: string | null;
}

export const IndividualPlanEntity = new EntitySchema<IndividualPlan>({
  name: 'IndividualPlan',
  tableName: 'individual_plans',
  columns: {
    id: col.id(),
    studentId: col.ref(),
    yearId: col.ref(),
    fromDate: col.date(),
    toDate: col.date(true),
    basis: col.string(500, true),
    orderNo: col.string(50, true),
    note: col.text(),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('individual_plans', { studentId: 'students', yearId: 'academic_years' }),
  indices: [
    { name: 'IDX_individual_plans_student', columns: ['studentId'] },
    { name: 'IDX_individual_plans_year', columns: ['yearId'] },
  ],
});

/** A subject of an individual plan with its hours and, if not the class's own, its teacher. */
export interface IndividualPlanSubject extends Synced {
  id: string;
  planId: string;
  subjectId: string;
  hoursPerWeek: number;
  staffId: string | null;
}

export const IndividualPlanSubjectEntity = new EntitySchema<IndividualPlanSubject>({
  name: 'IndividualPlanSubject',
  tableName: 'individual_plan_subjects',
  columns: {
    id: col.id(),
    planId: col.ref(),
    subjectId: col.ref(),
    hoursPerWeek: col.real(),
    staffId: col.ref(true),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('individual_plan_subjects', {
    planId: 'individual_plans',
    subjectId: 'subjects',
    staffId: 'staff',
  }),
  indices: [{ name: 'IDX_individual_plan_subjects_plan', columns: ['planId'] }],
});

/** The class teacher's monthly confirmation that the class's student data are checked. */
export interface StudentDataCheck extends Synced {
  id: string;
  classId: string;
  /** `YYYY-MM`. */
  month: string;
  checkedOn: string;
  /** User who confirmed. */
  checkedBy: string;
  note: string | null;
}

export const StudentDataCheckEntity = new EntitySchema<StudentDataCheck>({
  name: 'StudentDataCheck',
  tableName: 'student_data_checks',
  columns: {
    id: col.id(),
    classId: col.ref(),
    month: col.string(7),
    checkedOn: col.date(),
    checkedBy: col.ref(),
    note: col.text(),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('student_data_checks', { classId: 'school_classes', checkedBy: 'users' }),
  indices: [{ name: 'IDX_student_data_checks_class_month', columns: ['classId', 'month'] }],
});
