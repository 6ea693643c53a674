import { EntitySchema } from 'typeorm';
import { col, foreignKeys, LIVE, syncedColumns, type Synced } from '../columns';

/**
 * КТП (календарно-тематическое планирование) of one teacher × subject ×
 * class or group. Its topics flow into the lessons in order.
 */
export interface ThematicPlan extends Synced {
  id: string;
  yearId: string;
  staffId: string;
  subjectId: string;
  classId: string;
  groupId: string | null;
  name: string;
  /** When the deputy approved it; null = a draft. */
  approvedAt: string | null;
  note: string | null;
}

export const ThematicPlanEntity = new EntitySchema<ThematicPlan>({
  name: 'ThematicPlan',
  tableName: 'thematic_plans',
  columns: {
    id: col.id(),
    yearId: col.ref(),
    staffId: col.ref(),
    subjectId: col.ref(),
    classId: col.ref(),
    groupId: col.ref(true),
    name: col.string(300),
    approvedAt: col.instant(true),
    note: col.text(),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('thematic_plans', {
    yearId: 'academic_years',
    staffId: 'staff',
    subjectId: 'subjects',
    classId: 'school_classes',
    groupId: 'study_groups',
  }),
  indices: [
    { name: 'IDX_thematic_plans_class_subject', columns: ['classId', 'subjectId'] },
    { name: 'IDX_thematic_plans_staff_year', columns: ['staffId', 'yearId'] },
    { name: 'IDX_thematic_plans_group', columns: ['groupId'] },
  ],
});

/** One topic of a КТП; `hours` lessons are given to it. */
export interface PlanTopic extends Synced {
  id: string;
  planId: string;
  /** Order within the plan: 1, 2, … */
  ordinal: number;
  title: string;
  hours: number;
  /** A topic that is a control work, a dictation, … */
  workTypeId: string | null;
  plannedDate: string | null;
  note: string | null;
}

export const PlanTopicEntity = new EntitySchema<PlanTopic>({
  name: 'PlanTopic',
  tableName: 'plan_topics',
  columns: {
    id: col.id(),
    planId: col.ref(),
    ordinal: col.int(),
    title: col.string(1000),
    hours: col.int(false, 1),
    workTypeId: col.ref(true),
    plannedDate: col.date(true),
    note: col.text(),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('plan_topics', { planId: 'thematic_plans', workTypeId: 'work_types' }),
  indices: [
    { name: 'IDX_plan_topics_plan_ordinal', columns: ['planId', 'ordinal'] },
    // One live topic per place in a plan (migration 0009).
    { name: 'UQ_plan_topics_plan_ordinal_live', columns: ['planId', 'ordinal'], unique: true, where: LIVE },
  ],
});

export const TIMETABLE_STATUSES = ['draft', 'active'] as const;
export type TimetableStatus = (typeof TIMETABLE_STATUSES)[number];

/**
 * A weekly timetable template, valid for a span of the year. A new version
 * (after the first quarter, say) is a new Timetable; lessons already given keep theirs.
 */
export interface Timetable extends Synced {
  id: string;
  yearId: string;
  name: string;
  validFrom: string;
  /** Inclusive; null = until the next timetable or the end of the year. */
  validTo: string | null;
  /** 1: every week alike; 2: weeks A and B alternate. */
  cycleWeeks: number;
  status: TimetableStatus;
}

export const TimetableEntity = new EntitySchema<Timetable>({
  name: 'Timetable',
  tableName: 'timetables',
  columns: {
    id: col.id(),
    yearId: col.ref(),
    name: col.string(200),
    validFrom: col.date(),
    validTo: col.date(true),
    cycleWeeks: col.int(false, 1),
    status: col.string(10),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('timetables', { yearId: 'academic_years' }),
  indices: [{ name: 'IDX_timetables_year', columns: ['yearId', 'validFrom'] }],
});

/** One cell of the template: on this weekday and lesson, this class or group has this subject. */
export interface TimetableEntry extends Synced {
  id: string;
  timetableId: string;
  /** 1 = Monday … 6 = Saturday. */
  weekday: number;
  lessonNo: number;
  /** 0 = every week, 1 = week A, 2 = week B. */
  weekParity: number;
  classId: string;
  groupId: string | null;
  subjectId: string;
  staffId: string;
  roomId: string | null;
  /** A lesson for one student studying by an individual plan. */
  individualPlanId: string | null;
  /**
   * Parts of one lesson placed together (the subgroups of a split with their
   * teachers, classes joined under one teacher; an aSc card, a FET activity)
   * share it: they never clash with each other and move together. Optional
   * for writers that place single lessons only (migration 0005).
   */
  cardId?: string | null;
}

export const TimetableEntryEntity = new EntitySchema<TimetableEntry>({
  name: 'TimetableEntry',
  tableName: 'timetable_entries',
  columns: {
    id: col.id(),
    timetableId: col.ref(),
    weekday: col.int(),
    lessonNo: col.int(),
    weekParity: col.int(false, 0),
    classId: col.ref(),
    groupId: col.ref(true),
    subjectId: col.ref(),
    staffId: col.ref(),
    roomId: col.ref(true),
    individualPlanId: col.ref(true),
    cardId: col.string(36, true),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('timetable_entries', {
    timetableId: 'timetables',
    classId: 'school_classes',
    groupId: 'study_groups',
    subjectId: 'subjects',
    staffId: 'staff',
    roomId: 'rooms',
    individualPlanId: 'individual_plans',
  }),
  indices: [
    { name: 'IDX_timetable_entries_slot', columns: ['timetableId', 'weekday', 'lessonNo'] },
    { name: 'IDX_timetable_entries_class', columns: ['timetableId', 'classId'] },
    { name: 'IDX_timetable_entries_staff', columns: ['timetableId', 'staffId'] },
  ],
});

/** A planned control work (график контрольных работ, ВШК). */
export interface ControlWork extends Synced {
  id: string;
  yearId: string;
  classId: string;
  groupId: string | null;
  subjectId: string;
  date: string;
  title: string;
  workTypeId: string | null;
  staffId: string | null;
}

export const ControlWorkEntity = new EntitySchema<ControlWork>({
  name: 'ControlWork',
  tableName: 'control_works',
  columns: {
    id: col.id(),
    yearId: col.ref(),
    classId: col.ref(),
    groupId: col.ref(true),
    subjectId: col.ref(),
    date: col.date(),
    title: col.string(500),
    workTypeId: col.ref(true),
    staffId: col.ref(true),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('control_works', {
    yearId: 'academic_years',
    classId: 'school_classes',
    groupId: 'study_groups',
    subjectId: 'subjects',
    workTypeId: 'work_types',
    staffId: 'staff',
  }),
  indices: [
    { name: 'IDX_control_works_class_date', columns: ['classId', 'date'] },
    { name: 'IDX_control_works_year_date', columns: ['yearId', 'date'] },
  ],
});

export const RECONCILIATION_REASONS = ['slot_gone', 'slot_changed'] as const;
export type ReconciliationReason = (typeof RECONCILIATION_REASONS)[number];
export const RECONCILIATION_RESOLUTIONS = ['kept', 'merged', 'rematched', 'emptied'] as const;
export type ReconciliationResolution = (typeof RECONCILIATION_RESOLUTIONS)[number];

/**
 * A lesson the timetable no longer has, kept because it holds a topic, marks,
 * absences or other entries: lessons are regenerated from a change date but
 * never lose what was written in them. The deputy reconciles each one: keeps
 * it as an extra lesson, merges its entries into a lesson of the new
 * timetable, or a later timetable brings its slot back; a lesson whose
 * entries were all taken out is removed at the next regeneration (migration 0005).
 */
export interface LessonReconciliation extends Synced {
  id: string;
  lessonId: string;
  /** The timetable whose regeneration kept the lesson. */
  timetableId: string | null;
  reason: ReconciliationReason;
  detectedAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: ReconciliationResolution | null;
  /** For a merge: the lesson that took over the entries. */
  targetLessonId: string | null;
  note: string | null;
}

export const LessonReconciliationEntity = new EntitySchema<LessonReconciliation>({
  name: 'LessonReconciliation',
  tableName: 'lesson_reconciliations',
  columns: {
    id: col.id(),
    lessonId: col.ref(),
    timetableId: col.ref(true),
    reason: col.string(20),
    detectedAt: col.instant(),
    resolvedAt: col.instant(true),
    resolvedBy: col.ref(true),
    resolution: col.string(20, true),
    targetLessonId: col.ref(true),
    note: col.text(),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('lesson_reconciliations', {
    lessonId: 'lessons',
    timetableId: 'timetables',
    resolvedBy: 'users',
    targetLessonId: 'lessons',
  }),
  indices: [
    { name: 'IDX_lesson_reconciliations_lesson', columns: ['lessonId'] },
    { name: 'IDX_lesson_reconciliations_resolved', columns: ['resolvedAt'] },
  ],
});
