import { EntitySchema } from 'typeorm';
import { col, foreignKeys, syncedColumns, type Synced } from '../columns';

export const YEAR_STATUSES = ['open', 'closed'] as const;
export type YearStatus = (typeof YEAR_STATUSES)[number];

/** Учебный год. Closing it (year closing, seed 003 §4.1.12) makes every page of the year read-only. */
export interface AcademicYear extends Synced {
  id: string;
  /** «2026/2027». */
  name: string;
  startDate: string;
  endDate: string;
  status: YearStatus;
  closedAt: string | null;
  /** User who closed the year. */
  closedBy: string | null;
}

export const AcademicYearEntity = new EntitySchema<AcademicYear>({
  name: 'AcademicYear',
  tableName: 'academic_years',
  columns: {
    id: col.id(),
    name: col.string(20),
    startDate: col.date(),
    endDate: col.date(),
    status: col.string(10),
    closedAt: col.instant(true),
    closedBy: col.ref(true),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('academic_years', { closedBy: 'users' }),
  indices: [{ name: 'IDX_academic_years_startDate', columns: ['startDate'] }],
});

export const STUDY_PERIOD_KINDS = ['quarter', 'trimester', 'half', 'year'] as const;
export type StudyPeriodKind = (typeof STUDY_PERIOD_KINDS)[number];

/**
 * Учебный период: a quarter, trimester or half-year. Grades of one school
 * may count in different periods (quarters in 1–9, half-years in 10–11), so
 * each period says which grade levels it applies to.
 */
export interface StudyPeriod extends Synced {
  id: string;
  yearId: string;
  kind: StudyPeriodKind;
  /** 1, 2, … within the year and kind. */
  ordinal: number;
  /** «I четверть», «II полугодие». */
  name: string;
  startDate: string;
  endDate: string;
  gradeFrom: number;
  gradeTo: number;
  /** Set when the period's pages are closed for ordinary editing. */
  closedAt: string | null;
}

export const StudyPeriodEntity = new EntitySchema<StudyPeriod>({
  name: 'StudyPeriod',
  tableName: 'study_periods',
  columns: {
    id: col.id(),
    yearId: col.ref(),
    kind: col.string(10),
    ordinal: col.int(),
    name: col.string(50),
    startDate: col.date(),
    endDate: col.date(),
    gradeFrom: col.int(),
    gradeTo: col.int(),
    closedAt: col.instant(true),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('study_periods', { yearId: 'academic_years' }),
  indices: [{ name: 'IDX_study_periods_year_start', columns: ['yearId', 'startDate'] }],
});

export const HOLIDAY_KINDS = ['vacation', 'holiday', 'dayOff'] as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];

/** Каникулы, a public holiday or a day off: no lessons from startDate to endDate inclusive. */
export interface Holiday extends Synced {
  id: string;
  yearId: string;
  name: string;
  startDate: string;
  endDate: string;
  kind: HolidayKind;
  /**
   * Grades the holiday is for (the February week of first-graders); null =
   * every grade. Optional for writers that make whole-school holidays only
   * (migration 0005).
   */
  gradeFrom?: number | null;
  gradeTo?: number | null;
}

export const HolidayEntity = new EntitySchema<Holiday>({
  name: 'Holiday',
  tableName: 'holidays',
  columns: {
    id: col.id(),
    yearId: col.ref(),
    name: col.string(200),
    startDate: col.date(),
    endDate: col.date(),
    kind: col.string(10),
    gradeFrom: col.int(true),
    gradeTo: col.int(true),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('holidays', { yearId: 'academic_years' }),
  indices: [{ name: 'IDX_holidays_year_start', columns: ['yearId', 'startDate'] }],
});

/**
 * A day off moved by the government's decree: a Saturday (or another day)
 * that is worked, by the timetable of the given weekday.
 */
export interface WorkingDayTransfer extends Synced {
  id: string;
  yearId: string;
  date: string;
  /** 1 = Monday … 6 = Saturday: whose timetable the day follows. */
  worksAsWeekday: number;
  note: string | null;
}

export const WorkingDayTransferEntity = new EntitySchema<WorkingDayTransfer>({
  name: 'WorkingDayTransfer',
  tableName: 'working_day_transfers',
  columns: {
    id: col.id(),
    yearId: col.ref(),
    date: col.date(),
    worksAsWeekday: col.int(),
    note: col.text(),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('working_day_transfers', { yearId: 'academic_years' }),
  indices: [{ name: 'IDX_working_day_transfers_year_date', columns: ['yearId', 'date'] }],
});

/** Режим звонков of one shift (and, optionally, only some weekdays: a shortened Saturday). */
export interface BellSchedule extends Synced {
  id: string;
  yearId: string;
  name: string;
  /** 1 or 2. */
  shift: number;
  /** Bit i set = applies on weekday i+1 (bit 0 Monday … bit 5 Saturday); null = every school day. */
  weekdays: number | null;
}

export const BellScheduleEntity = new EntitySchema<BellSchedule>({
  name: 'BellSchedule',
  tableName: 'bell_schedules',
  columns: {
    id: col.id(),
    yearId: col.ref(),
    name: col.string(100),
    shift: col.int(),
    weekdays: col.int(true),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('bell_schedules', { yearId: 'academic_years' }),
  indices: [{ name: 'IDX_bell_schedules_year', columns: ['yearId'] }],
});

/** One lesson of a bell schedule: its number and times, `HH:MM` local. */
export interface BellSlot extends Synced {
  id: string;
  scheduleId: string;
  lessonNo: number;
  startTime: string;
  endTime: string;
}

export const BellSlotEntity = new EntitySchema<BellSlot>({
  name: 'BellSlot',
  tableName: 'bell_slots',
  columns: {
    id: col.id(),
    scheduleId: col.ref(),
    lessonNo: col.int(),
    startTime: col.string(5),
    endTime: col.string(5),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('bell_slots', { scheduleId: 'bell_schedules' }),
  indices: [{ name: 'IDX_bell_slots_schedule_lesson', columns: ['scheduleId', 'lessonNo'] }],
});
