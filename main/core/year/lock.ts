import type { ReadableDb } from '../db/readable';
import { AcademicYearEntity, BellScheduleEntity, StudyPeriodEntity, type YearStatus } from '../db/entities/calendar';
import { JournalCheckEntity } from '../db/entities/control';
import { IndividualPlanEntity } from '../db/entities/contingent';
import { LessonEntity } from '../db/entities/journal';
import { ThematicPlanEntity, TimetableEntity } from '../db/entities/planning';
import { SchoolClassEntity, StudyGroupEntity } from '../db/entities/school';
import { MessageThreadEntity } from '../db/entities/messages';
import { MailBatchEntity } from '../db/entities/mail';
import { AppError } from '../shared/errors';

/**
 * A closed school year is read-only (seed 003 §4.1.12). The rule is kept in
 * one place: the Writer (write/writer.ts), through which every domain
 * writes, asks `YearLock` before every insert, update and removal, so no code
 * path can forget it. Domains still call `requireOpenYear` (school/common.ts)
 * first where they want to refuse before doing any work; both give the same
 * refusal, `yearClosed`.
 *
 * Which year a row belongs to:
 * - rows with a `yearId` column belong to that year (a class, a curriculum
 *   line, a lesson, a КТП, a timetable, a control work, a period, a check…);
 * - rows that hang on one of those belong to its year (`YEAR_BY_PARENT`: a
 *   mark on a lesson, a substitution of a lesson, a final mark in a class, a
 *   remark on a check, a lesson or a class…);
 * - dated rows not tied to a year row belong to the year whose dates hold
 *   theirs (`YEAR_BY_DATES`: a movement by order, a reason for absences, a
 *   teacher's absence);
 * - records *about* a year that are still written after it closes are on the
 *   allow-list `WRITABLE_AFTER_CLOSE`, each with its reason;
 * - records of no year (`NOT_OF_A_YEAR`: people, accounts, subjects, rooms…)
 *   are not checked.
 * test/unit/year/closed-year.test.ts checks that every entity is in exactly
 * one of these.
 */

/** The refusal of a write into a closed year, in the one wording every domain uses. */
export function yearClosed(yearName: string): AppError {
  return new AppError('READ_ONLY', `Учебный год ${yearName} закрыт: его данные изменять нельзя.`);
}

/**
 * Records about a year that must still be written after it closes: the
 * explicit allow-list of the guard. Keyed by entity name; the value says why.
 */
export const WRITABLE_AFTER_CLOSE: Readonly<Record<string, string>> = {
  // The year row itself: closing it writes its status, closedAt and closedBy; its status is the lock.
  AcademicYear: 'the year row itself, whose status is the lock',
  // The archive of a closed year is made after it closes (seed 000 §6.4) and checked for 25 years.
  YearArchiveRecord: 'the archive of a closed year',
  // Promotion by the director's order (seed 003 §4.1.12) is made from the closed year after it closes,
  // and may be undone as a whole: the order, its decisions per student and the changes it made.
  PromotionOrder: 'the promotion order out of the closed year',
  PromotionDecision: 'a decision of the promotion order',
  PromotionChange: 'a change made by the promotion order, kept to undo it',
  // Class spans follow the movements (which are guarded by their date); promotion ends the closed
  // year's spans on its last day and opens the new year's, and its undo puts them back.
  ClassMembership: 'class spans, ended by the promotion at the end of the closed year',
  // A parent's signed slip of an extract may come back after the year has closed (seed 002).
  ParentExtractAck: 'the registered acknowledgement of a printed extract',
  // That a day's list of changes was printed: printing (reading) a closed year's day records it.
  ChangePrint: 'the record that a list of changes was printed',
  // Opening a thread of a closed year marks it read; nothing of the year's correspondence changes.
  MessageParticipant: 'the read mark of a participant of a thread',
};

/** An entity as the guard sees it: its name and its columns. */
interface Schema {
  options: { name: string; columns?: object };
}

/** Rows without a `yearId` that belong to the year of the row they hang on: field → parent. */
export const YEAR_BY_PARENT: Readonly<Record<string, readonly (readonly [string, Schema])[]>> = {
  Mark: [['lessonId', LessonEntity]],
  Attendance: [['lessonId', LessonEntity]],
  Substitution: [
    ['lessonId', LessonEntity],
    ['mergedWithLessonId', LessonEntity],
  ],
  LessonMove: [['lessonId', LessonEntity]],
  LessonReconciliation: [['lessonId', LessonEntity]],
  FinalMark: [['classId', SchoolClassEntity]],
  PageReopen: [['periodId', StudyPeriodEntity]],
  StudentDataCheck: [['classId', SchoolClassEntity]],
  GroupMembership: [['groupId', StudyGroupEntity]],
  IndividualPlanSubject: [['planId', IndividualPlanEntity]],
  PlanTopic: [['planId', ThematicPlanEntity]],
  TimetableEntry: [['timetableId', TimetableEntity]],
  BellSlot: [['scheduleId', BellScheduleEntity]],
  Message: [['threadId', MessageThreadEntity]],
  MailOutboxItem: [['batchId', MailBatchEntity]],
  MailFile: [['batchId', MailBatchEntity]],
  MessageAttachment: [['threadId', MessageThreadEntity]],
  Remark: [
    ['checkId', JournalCheckEntity],
    ['lessonId', LessonEntity],
    ['classId', SchoolClassEntity],
  ],
};

/** Dated rows tied to no year row: the first and last day they cover (the same field for a single date). */
export const YEAR_BY_DATES: Readonly<Record<string, readonly [string, string]>> = {
  // A movement by order is of the year its date falls in; the promotion's own movements are dated in
  // the new year (a transfer) or in the summer after the closed one (a graduation), so they pass.
  StudentMovement: ['date', 'date'],
  AbsenceReason: ['fromDate', 'toDate'],
  TeacherAbsence: ['fromDate', 'toDate'],
};

/** Records of no school year: the guard does not look at them. */
export const NOT_OF_A_YEAR: ReadonlySet<string> = new Set([
  'Staff',
  'User',
  'UserRole',
  'LoginState',
  'Setting',
  'AuditEvent',
  'DataSet',
  'ChangeLogEntry',
  'Room',
  'GradingSystem',
  'Subject',
  'WorkType',
  'StaffQualification',
  'TeacherUnavailability',
  // A student keeps one record, with guardians and consents, for the whole school life.
  'Student',
  'Guardian',
  'StudentGuardian',
  'DataConsent',
  'BackupRecord',
  // Sync's bookkeeping, and its conflicts: one about a closed year must still be listed and settled.
  'SyncBatch',
  'SyncCursor',
  'SyncFieldClock',
  'SyncState',
  'SyncWaiting',
  'SyncConflict',
]);

interface YearState {
  name: string;
  status: YearStatus;
  startDate: string;
  endDate: string;
  deleted: boolean;
}

type Row = Record<string, unknown>;

function carriesYear(entity: Schema): boolean {
  return 'yearId' in (entity.options.columns ?? {});
}

/**
 * The guard of one transaction (one Writer): the years are read once, and
 * the year of every parent row once, so that thousands of writes of a bulk
 * operation cost a few queries. The Writer tells it what it wrote, so a row
 * inserted earlier in the transaction is known without a query, and a year
 * closed earlier in it is closed for the rest of it.
 */
export class YearLock {
  private years: Map<string, YearState> | null = null;
  /** `Entity:id` → the parent row's yearId (null: the row is not there). */
  private readonly parents = new Map<string, string | null>();

  constructor(private readonly em: ReadableDb) {}

  /**
   * Refuses (READ_ONLY) a write that would change a closed year's data: the
   * row as it is (`before`, for an update or a removal) and as it will be
   * (`after`, for an insert or an update).
   */
  async check(entity: Schema, before: Row | null, after: Row | null): Promise<void> {
    const name = entity.options.name;
    if (name in WRITABLE_AFTER_CLOSE || NOT_OF_A_YEAR.has(name)) return;
    for (const row of before === after ? [before] : [before, after]) {
      if (!row) continue;
      for (const yearId of await this.yearIdsOf(entity, row)) {
        const year = await this.year(yearId);
        if (year?.status === 'closed') throw yearClosed(year.name);
      }
      const dates = YEAR_BY_DATES[name];
      if (dates) {
        const from = row[dates[0]];
        const to = row[dates[1]] ?? from;
        if (typeof from === 'string' && typeof to === 'string') {
          for (const year of (await this.allYears()).values()) {
            if (!year.deleted && year.status === 'closed' && from <= year.endDate && year.startDate <= to) throw yearClosed(year.name);
          }
        }
      }
    }
  }

  /** What the Writer has just written (a new year, a year closed, a row a later one will hang on). */
  wrote(entity: Schema, row: Row): void {
    const id = row.id as string;
    if (entity.options.name === AcademicYearEntity.options.name) {
      if (this.years) {
        this.years.set(id, {
          name: row.name as string,
          status: row.status as YearStatus,
          startDate: row.startDate as string,
          endDate: row.endDate as string,
          deleted: !!row.deletedAt,
        });
      }
      return;
    }
    if (carriesYear(entity)) this.parents.set(`${entity.options.name}:${id}`, (row.yearId as string | null) ?? null);
  }

  private async yearIdsOf(entity: Schema, row: Row): Promise<string[]> {
    if (carriesYear(entity)) return typeof row.yearId === 'string' ? [row.yearId] : [];
    const out: string[] = [];
    for (const [field, parent] of YEAR_BY_PARENT[entity.options.name] ?? []) {
      const parentId = row[field];
      if (typeof parentId !== 'string') continue;
      const yearId = await this.parentYear(parent, parentId);
      if (yearId) out.push(yearId);
    }
    return out;
  }

  private async parentYear(parent: Schema, id: string): Promise<string | null> {
    const key = `${parent.options.name}:${id}`;
    if (this.parents.has(key)) return this.parents.get(key)!;
    const found = await this.em
      .createQueryBuilder(parent.options.name, 'p')
      .select('p.yearId', 'yearId')
      .where('p.id = :id', { id })
      .getRawOne<{ yearId: string }>();
    const yearId = found?.yearId ?? null;
    this.parents.set(key, yearId);
    return yearId;
  }

  private async year(id: string): Promise<YearState | undefined> {
    const years = await this.allYears();
    if (!years.has(id)) {
      // A year made after the guard read them (by another writer): read again once.
      this.years = null;
      return (await this.allYears()).get(id);
    }
    return years.get(id);
  }

  private async allYears(): Promise<Map<string, YearState>> {
    if (!this.years) {
      const rows = await this.em.find(AcademicYearEntity);
      this.years = new Map(
        rows.map((y) => [y.id, { name: y.name, status: y.status, startDate: y.startDate, endDate: y.endDate, deleted: !!y.deletedAt }]),
      );
    }
    return this.years;
  }
}
