import { EntitySchema } from 'typeorm';
import { col, foreignKeys, syncedColumns, type Synced } from '../columns';

/**
 * A class of one academic year (5А in 2026/2027 is another record than 5А in
 * 2027/2028: promotion creates the next year's classes).
 */
export interface SchoolClass extends Synced {
  id: string;
  yearId: string;
  /** Параллель, 1–11. */
  gradeLevel: number;
  /** «А», «Б». */
  letter: string;
  /** «5А». */
  name: string;
  classTeacherId: string | null;
  /** 1 or 2. */
  shift: number;
  /** Null: the year's schedule for the class's shift. */
  bellScheduleId: string | null;
  /** The class's home room. */
  roomId: string | null;
}

export const SchoolClassEntity = new EntitySchema<SchoolClass>({
  name: 'SchoolClass',
  tableName: 'school_classes',
  columns: {
    id: col.id(),
    yearId: col.ref(),
    gradeLevel: col.int(),
    letter: col.string(5),
    name: col.string(20),
    classTeacherId: col.ref(true),
    shift: col.int(false, 1),
    bellScheduleId: col.ref(true),
    roomId: col.ref(true),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('school_classes', {
    yearId: 'academic_years',
    classTeacherId: 'staff',
    bellScheduleId: 'bell_schedules',
    roomId: 'rooms',
  }),
  indices: [
    { name: 'IDX_school_classes_year_grade', columns: ['yearId', 'gradeLevel'] },
    { name: 'IDX_school_classes_teacher', columns: ['classTeacherId'] },
  ],
});

export const ROOM_KINDS = ['classroom', 'computer', 'lab', 'gym', 'workshop', 'hall', 'other'] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];

/** Кабинет. Not tied to a year: rooms outlive years. */
export interface Room extends Synced {
  id: string;
  /** «204», «Спортзал». */
  number: string;
  name: string | null;
  capacity: number | null;
  kind: RoomKind | null;
  note: string | null;
}

export const RoomEntity = new EntitySchema<Room>({
  name: 'Room',
  tableName: 'rooms',
  columns: {
    id: col.id(),
    number: col.string(20),
    name: col.string(200, true),
    capacity: col.int(true),
    kind: col.string(20, true),
    note: col.text(),
    ...syncedColumns,
  },
  indices: [{ name: 'IDX_rooms_number', columns: ['number'] }],
});

export const GRADING_SYSTEM_CODES = ['five_point', 'pass_fail', 'none'] as const;
export type GradingSystemCode = (typeof GRADING_SYSTEM_CODES)[number];

/** Система оценивания: five-point marks, зачёт/незачёт, or no marks (безотметочное обучение). */
export interface GradingSystem extends Synced {
  id: string;
  code: GradingSystemCode;
  name: string;
  /** «4+», «5-» are allowed. */
  allowModifiers: boolean;
}

export const GradingSystemEntity = new EntitySchema<GradingSystem>({
  name: 'GradingSystem',
  tableName: 'grading_systems',
  columns: {
    id: col.id(),
    code: col.string(20),
    name: col.string(100),
    allowModifiers: col.bool(false),
    ...syncedColumns,
  },
  indices: [{ name: 'IDX_grading_systems_code', columns: ['code'] }],
});

/** Предмет учебного плана. */
export interface Subject extends Synced {
  id: string;
  name: string;
  /** «Рус. яз.», for narrow columns and the timetable grid. */
  shortName: string;
  /** The usual grading; a curriculum item may override it for a class. */
  gradingSystemId: string;
  sortOrder: number;
  /** Normalised name for Cyrillic search (searchKey). */
  searchName: string;
}

export const SubjectEntity = new EntitySchema<Subject>({
  name: 'Subject',
  tableName: 'subjects',
  columns: {
    id: col.id(),
    name: col.string(200),
    shortName: col.string(50),
    gradingSystemId: col.ref(),
    sortOrder: col.int(false, 0),
    searchName: col.string(200),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('subjects', { gradingSystemId: 'grading_systems' }),
  indices: [{ name: 'IDX_subjects_searchName', columns: ['searchName'] }],
});

export const DEADLINE_KINDS = ['same_day', 'lessons', 'days'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/**
 * Вид работы. Every mark has one (seed 003 §4.4.4); its weight counts in the
 * weighted average and its deadline says by when marks of this kind are due
 * (seed 000 §3.2: same day / within N lessons / within N days).
 */
export interface WorkType extends Synced {
  id: string;
  name: string;
  shortName: string;
  weight: number;
  deadlineKind: DeadlineKind;
  /** N lessons or N days; 0 for same_day. */
  deadlineValue: number;
  /** Контрольная работа: shown in the control-work schedule and the deputy's checks. */
  isControl: boolean;
  sortOrder: number;
}

export const WorkTypeEntity = new EntitySchema<WorkType>({
  name: 'WorkType',
  tableName: 'work_types',
  columns: {
    id: col.id(),
    name: col.string(100),
    shortName: col.string(20),
    weight: col.real(),
    deadlineKind: col.string(10),
    deadlineValue: col.int(false, 0),
    isControl: col.bool(false),
    sortOrder: col.int(false, 0),
    ...syncedColumns,
  },
});

/** A line of the curriculum (учебный план): hours of a subject in a class. */
export interface CurriculumItem extends Synced {
  id: string;
  yearId: string;
  classId: string;
  subjectId: string;
  hoursPerWeek: number;
  /** When the year's total is not weeks × hours (a subject taught for half a year). */
  hoursPerYear: number | null;
  /** Overrides the subject's grading system for this class (e.g. none in grade 1). */
  gradingSystemId: string | null;
  /** The class is split into study groups for this subject. */
  splitIntoGroups: boolean;
}

export const CurriculumItemEntity = new EntitySchema<CurriculumItem>({
  name: 'CurriculumItem',
  tableName: 'curriculum_items',
  columns: {
    id: col.id(),
    yearId: col.ref(),
    classId: col.ref(),
    subjectId: col.ref(),
    hoursPerWeek: col.real(),
    hoursPerYear: col.int(true),
    gradingSystemId: col.ref(true),
    splitIntoGroups: col.bool(false),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('curriculum_items', {
    yearId: 'academic_years',
    classId: 'school_classes',
    subjectId: 'subjects',
    gradingSystemId: 'grading_systems',
  }),
  indices: [
    { name: 'IDX_curriculum_items_class_subject', columns: ['classId', 'subjectId'] },
    { name: 'IDX_curriculum_items_year', columns: ['yearId'] },
  ],
});

/**
 * Нагрузка: a teacher teaches a subject in a class, or in one of its groups.
 * Dated when a teacher takes over mid-year; null dates mean the whole year.
 */
export interface TeachingAssignment extends Synced {
  id: string;
  yearId: string;
  staffId: string;
  classId: string;
  groupId: string | null;
  subjectId: string;
  hoursPerWeek: number;
  fromDate: string | null;
  toDate: string | null;
}

export const TeachingAssignmentEntity = new EntitySchema<TeachingAssignment>({
  name: 'TeachingAssignment',
  tableName: 'teaching_assignments',
  columns: {
    id: col.id(),
    yearId: col.ref(),
    staffId: col.ref(),
    classId: col.ref(),
    groupId: col.ref(true),
    subjectId: col.ref(),
    hoursPerWeek: col.real(),
    fromDate: col.date(true),
    toDate: col.date(true),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('teaching_assignments', {
    yearId: 'academic_years',
    staffId: 'staff',
    classId: 'school_classes',
    groupId: 'study_groups',
    subjectId: 'subjects',
  }),
  indices: [
    { name: 'IDX_teaching_assignments_staff_year', columns: ['staffId', 'yearId'] },
    { name: 'IDX_teaching_assignments_class_subject', columns: ['classId', 'subjectId'] },
    { name: 'IDX_teaching_assignments_group', columns: ['groupId'] },
  ],
});

/**
 * Учебная группа (подгруппа) of a class for one subject. The groups of one
 * split («1 подгруппа», «2 подгруппа») share a splitKey, so the journal can
 * tell that together they cover the class once.
 */
export interface StudyGroup extends Synced {
  id: string;
  yearId: string;
  classId: string;
  subjectId: string;
  /** «1 подгруппа», «англ. гр. 1». */
  name: string;
  splitKey: string;
  note: string | null;
}

export const StudyGroupEntity = new EntitySchema<StudyGroup>({
  name: 'StudyGroup',
  tableName: 'study_groups',
  columns: {
    id: col.id(),
    yearId: col.ref(),
    classId: col.ref(),
    subjectId: col.ref(),
    name: col.string(100),
    splitKey: col.string(100),
    note: col.text(),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('study_groups', { yearId: 'academic_years', classId: 'school_classes', subjectId: 'subjects' }),
  indices: [{ name: 'IDX_study_groups_class_subject', columns: ['classId', 'subjectId'] }],
});

/**
 * A student's dated membership of a study group; membership changes only at
 * the end of a period (seed 003 §4.4.11), so a move closes one row and opens another.
 */
export interface GroupMembership extends Synced {
  id: string;
  groupId: string;
  studentId: string;
  fromDate: string;
  /** Inclusive; null = still a member. */
  toDate: string | null;
  reason: string | null;
}

export const GroupMembershipEntity = new EntitySchema<GroupMembership>({
  name: 'GroupMembership',
  tableName: 'group_memberships',
  columns: {
    id: col.id(),
    groupId: col.ref(),
    studentId: col.ref(),
    fromDate: col.date(),
    toDate: col.date(true),
    reason: col.text(),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('group_memberships', { groupId: 'study_groups', studentId: 'students' }),
  indices: [
    { name: 'IDX_group_memberships_group', columns: ['groupId', 'fromDate'] },
    { name: 'IDX_group_memberships_student', columns: ['studentId'] },
  ],
});

/** A subject a teacher may teach: the candidates offered for a substitution. */
export interface StaffQualification extends Synced {
  id: string;
  staffId: string;
  subjectId: string;
}

export const StaffQualificationEntity = new EntitySchema<StaffQualification>({
  name: 'StaffQualification',
  tableName: 'staff_qualifications',
  columns: {
    id: col.id(),
    staffId: col.ref(),
    subjectId: col.ref(),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('staff_qualifications', { staffId: 'staff', subjectId: 'subjects' }),
  indices: [
    { name: 'IDX_staff_qualifications_staff', columns: ['staffId'] },
    { name: 'IDX_staff_qualifications_subject', columns: ['subjectId'] },
  ],
});

/** A teacher's standing wish not to teach: a methodical day, or lessons at another school. */
export interface TeacherUnavailability extends Synced {
  id: string;
  staffId: string;
  /** 1 = Monday … 6 = Saturday. */
  weekday: number;
  /** Null = the whole day. */
  lessonNo: number | null;
  note: string | null;
}

export const TeacherUnavailabilityEntity = new EntitySchema<TeacherUnavailability>({
  name: 'TeacherUnavailability',
  tableName: 'teacher_unavailabilities',
  columns: {
    id: col.id(),
    staffId: col.ref(),
    weekday: col.int(),
    lessonNo: col.int(true),
    note: col.text(),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('teacher_unavailabilities', { staffId: 'staff' }),
  indices: [{ name: 'IDX_teacher_unavailabilities_staff', columns: ['staffId', 'weekday'] }],
});
