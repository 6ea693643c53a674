import type { ReadableDb } from '../db/readable';
import type { Actor } from '../auth/sessions';
import { AppError } from '../shared/errors';
import { AcademicYearEntity, type StudyPeriod } from '../db/entities/calendar';
import { TeachingAssignmentEntity, SchoolClassEntity } from '../db/entities/school';
import { PageReopenEntity, LessonEntity } from '../db/entities/journal';
import { onPage, type PageRef } from './page-data';
import { cachedRaw, num } from './sql';
import { periodOfDate, agree } from './periods';

/**
 * Who may see and write what in the journal — the one home of the rule (seed
 * 001 §5.2, 003 §4.4):
 * - the administration (director, deputy, administrator) sees every page; a
 *   teacher sees the pages they teach by the load and every page of the class
 *   they lead, and a substitute the page of a lesson they covered;
 * - in a lesson writes its substitute, if it has one; otherwise the teacher
 *   of the page by the load on the lesson's date; the director, the deputy and
 *   the class teacher see other pages but do not edit them;
 * - nothing is written in a closed year, nor in a closed period unless the
 *   deputy reopened the page.
 */

export type LessonAccess =
  | { editable: true; code: null; reason: null }
  /** The refusal's code: not this user's lesson, or a closed year or period; and why, in Russian. */
  | { editable: false; code: 'FORBIDDEN' | 'READ_ONLY'; reason: string };

const NOT_YOUR_PAGE =
  'Страница открыта для просмотра: записи вносит учитель, который ведёт этот предмет по нагрузке, или учитель на замене.';
const SUBSTITUTED_LESSON = 'Урок проведён на замене: записи в нём вносит заменявший учитель.';
const NOT_VISIBLE = 'Эта страница журнала вам недоступна: учитель видит страницы своих предметов и своего класса.';

const EDITABLE: LessonAccess = { editable: true, code: null, reason: null };

/** Throws the refusal of a write that `access` does not allow. */
export function requireEditable(access: LessonAccess): void {
  if (!access.editable) throw new AppError(access.code, access.reason);
}

/** A teaching assignment's dates (null: from the start, or to the end, of the year). */
interface Span {
  fromDate: string | null;
  toDate: string | null;
}

function isAdministration(actor: Actor): boolean {
  return actor.roles.some((r) => r === 'director' || r === 'deputy' || r === 'admin');
}

/** The staff id of an actor who teaches; null for anyone else. */
function teacherOf(actor: Actor): string | null {
  return actor.staffId && actor.roles.includes('teacher') ? actor.staffId : null;
}

/** The teacher's assignments to the page (a group page: the group's and the whole class's). */
function teachingSpans(em: ReadableDb, staffId: string, ref: PageRef): Promise<Span[]> {
  return cachedRaw<Span>(
    em,
    `journal.access.spans:${ref.groupId ? 'group' : 'class'}`,
    (m) => {
      const q = m
        .createQueryBuilder(TeachingAssignmentEntity, 't')
        .select('t.fromDate', 'fromDate')
        .addSelect('t.toDate', 'toDate')
        .where('t.staffId = :staffId AND t.classId = :classId AND t.subjectId = :subjectId AND t.deletedAt IS NULL');
      return ref.groupId ? q.andWhere('(t.groupId = :groupId OR t.groupId IS NULL)') : q;
    },
    { staffId, classId: ref.classId, subjectId: ref.subjectId, ...(ref.groupId ? { groupId: ref.groupId } : {}) },
  );
}

/** Whether the spans cover the date (null: any date of the year). */
function covers(spans: readonly Span[], date: string | null): boolean {
  if (date === null) return spans.length > 0;
  return spans.some((s) => (s.fromDate === null || s.fromDate <= date) && (s.toDate === null || s.toDate >= date));
}

/**
 * Whether the teacher teaches this page by the teaching load on the date
 * (null date: at any time of the year).
 */
export async function teachesPage(em: ReadableDb, staffId: string, page: PageRef, date: string | null): Promise<boolean> {
  return covers(await teachingSpans(em, staffId, page), date);
}

export async function leadsClass(em: ReadableDb, staffId: string, classId: string): Promise<boolean> {
  const [led] = await cachedRaw<{ n: number | string }>(
    em,
    'journal.access.leads',
    (m) =>
      m
        .createQueryBuilder(SchoolClassEntity, 'c')
        .select('COUNT(*)', 'n')
        .where('c.id = :classId AND c.classTeacherId = :staffId AND c.deletedAt IS NULL'),
    { classId, staffId },
  );
  return num(led?.n ?? 0) > 0;
}

/**
 * Whether the actor sees the page by the administration's role, the load or
 * the class they lead (a substitute's view of the lessons they covered is the
 * journal page's own: PageAccess.canView).
 */
export async function canViewPage(em: ReadableDb, actor: Actor, page: PageRef): Promise<boolean> {
  if (isAdministration(actor)) return true;
  const staffId = teacherOf(actor);
  if (!staffId) return false;
  return (await teachesPage(em, staffId, page, null)) || (await leadsClass(em, staffId, page.classId));
}

/**
 * Who may write where on one page, loaded once for a whole page (no query
 * per lesson).
 */
export class PageAccess {
  private constructor(
    private readonly actor: Actor,
    private readonly periods: readonly StudyPeriod[],
    private readonly spans: Span[],
    /** Periods the deputy reopened this page in, and until when (null: until closed again). */
    private readonly reopened: Map<string, string | null>,
    private readonly yearClosed: string | null,
    readonly canView: boolean,
    readonly leadsClass: boolean,
  ) {}

  static async load(
    em: ReadableDb,
    actor: Actor,
    ref: PageRef,
    yearId: string,
    periods: readonly StudyPeriod[],
    nowIso: string,
  ): Promise<PageAccess> {
    const [year] = await cachedRaw<{ name: string; status: string }>(
      em,
      'journal.access.year',
      (m) => m.createQueryBuilder(AcademicYearEntity, 'y').select('y.name', 'name').addSelect('y.status', 'status').where('y.id = :yearId'),
      { yearId },
    );
    const teacher = teacherOf(actor);
    let spans: Span[] = [];
    let leads = false;
    let substitutes = false;
    if (teacher) {
      spans = await teachingSpans(em, teacher, ref);
      leads = await leadsClass(em, teacher, ref.classId);
      // A substitute opens the page to fill in the lessons they covered.
      if (spans.length === 0 && !leads) {
        substitutes =
          (await onPage(em.createQueryBuilder(LessonEntity, 'l'), ref)
            .andWhere('l.yearId = :yearId AND l.substituteStaffId = :staffId', { yearId, staffId: teacher })
            .getCount()) > 0;
      }
    }
    const reopened = new Map<string, string | null>();
    if (periods.some((p) => p.closedAt)) {
      const rows = await cachedRaw<{ periodId: string; closesAt: string | null }>(
        em,
        `journal.access.reopened:${ref.groupId ? 'group' : 'class'}`,
        (m) =>
          m
            .createQueryBuilder(PageReopenEntity, 'r')
            .select('r.periodId', 'periodId')
            .addSelect('r.closesAt', 'closesAt')
            .where('r.classId = :classId AND r.subjectId = :subjectId AND r.deletedAt IS NULL')
            .andWhere(ref.groupId ? 'r.groupId = :groupId' : 'r.groupId IS NULL')
            .andWhere('(r.closesAt IS NULL OR r.closesAt > :now)'),
        { classId: ref.classId, subjectId: ref.subjectId, now: nowIso, ...(ref.groupId ? { groupId: ref.groupId } : {}) },
      );
      // The latest closing time wins: an open-ended reopening (null) outlasts every dated one.
      for (const r of rows) {
        const known = reopened.get(r.periodId);
        if (known === undefined || (known !== null && (r.closesAt === null || r.closesAt > known))) reopened.set(r.periodId, r.closesAt);
      }
    }
    return new PageAccess(
      actor,
      periods,
      spans,
      reopened,
      year?.status === 'closed' ? year.name : null,
      isAdministration(actor) || spans.length > 0 || leads || substitutes,
      leads,
    );
  }

  /** Teaches the page at some time of the year. */
  get teaches(): boolean {
    return this.spans.length > 0;
  }

  /** Refuses a user who may not see the page. */
  requireView(): void {
    if (!this.canView) throw new AppError('FORBIDDEN', NOT_VISIBLE);
  }

  /** The deputy's reopening of this page in a closed period, if one is in force: until when (null: no end date). */
  reopening(periodId: string): { until: string | null } | null {
    return this.reopened.has(periodId) ? { until: this.reopened.get(periodId) ?? null } : null;
  }

  /** Why a date of this page is closed (the year, or a period not reopened); null when open. */
  closedReason(date: string): string | null {
    if (this.yearClosed) return `Учебный год ${this.yearClosed} закрыт: записи в нём изменять нельзя.`;
    const period = periodOfDate(this.periods, date);
    if (period?.closedAt && !this.reopened.has(period.id)) {
      return `${period.name} ${agree(period.name, ['закрыта', 'закрыто', 'закрыт'])} для изменений. Открыть страницу может заместитель директора по УВР.`;
    }
    return null;
  }

  lesson(l: { date: string; staffId: string; substituteStaffId: string | null }): LessonAccess {
    const staffId = teacherOf(this.actor);
    const ownByLoad = staffId !== null && (l.staffId === staffId || covers(this.spans, l.date));
    const own = l.substituteStaffId ? staffId !== null && l.substituteStaffId === staffId : ownByLoad;
    if (!own) return { editable: false, code: 'FORBIDDEN', reason: l.substituteStaffId && ownByLoad ? SUBSTITUTED_LESSON : NOT_YOUR_PAGE };
    return this.open(l.date);
  }

  /** Final marks of a period: the teacher of the page, in an open (or reopened) period. */
  finalMarks(period: { endDate: string }): LessonAccess {
    if (!this.teaches) return { editable: false, code: 'FORBIDDEN', reason: NOT_YOUR_PAGE };
    return this.open(period.endDate);
  }

  private open(date: string): LessonAccess {
    const closed = this.closedReason(date);
    return closed ? { editable: false, code: 'READ_ONLY', reason: closed } : EDITABLE;
  }
}
