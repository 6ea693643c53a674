import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/sessions';
import { AcademicYearEntity, type StudyPeriod } from '../db/entities/calendar';
import { TeachingAssignmentEntity, SchoolClassEntity } from '../db/entities/school';
import { PageReopenEntity, LessonEntity } from '../db/entities/journal';
import { onPage } from './page-data';
import type { PageRef } from './scope';
import { cachedRaw, num } from './sql';
import { periodOfDate, agree } from './periods';

export interface LessonAccess {
  editable: boolean;
  /** The refusal's code: not this user's lesson, or a closed year or period. */
  code: 'FORBIDDEN' | 'READ_ONLY' | null;
  /** Why not, in Russian; null when editable. */
  reason: string | null;
}

interface Span {
  fromDate: string | null;
  toDate: string | null;
}

export const NOT_YOUR_PAGE =
  'Страница открыта для просмотра: записи вносит учитель, который ведёт этот предмет по нагрузке, или учитель на замене.';
export const SUBSTITUTED_LESSON = 'Урок проведён на замене: записи в нём вносит заменявший учитель.';

/**
 * Who may write where on one page, loaded once for a whole page (the rules of
 * scope.ts, canEditLesson and assertLessonWritable, without a query per
 * lesson): the teacher of the page by the load on the lesson's date, the
 * substitute of a substituted lesson; never in a closed year, nor in a closed
 * period unless the deputy reopened the page.
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
    em: EntityManager,
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
    const teacher = actor.staffId && actor.roles.includes('teacher') ? actor.staffId : null;
    let spans: Span[] = [];
    let leads = false;
    let substitutes = false;
    if (teacher) {
      spans = await cachedRaw<Span>(
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
        { staffId: teacher, classId: ref.classId, subjectId: ref.subjectId, ...(ref.groupId ? { groupId: ref.groupId } : {}) },
      );
      const [led] = await cachedRaw<{ n: number | string }>(
        em,
        'journal.access.leads',
        (m) =>
          m
            .createQueryBuilder(SchoolClassEntity, 'c')
            .select('COUNT(*)', 'n')
            .where('c.id = :classId AND c.classTeacherId = :staffId AND c.deletedAt IS NULL'),
        { classId: ref.classId, staffId: teacher },
      );
      leads = num(led?.n ?? 0) > 0;
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
    const admin = actor.roles.some((r) => r === 'director' || r === 'deputy' || r === 'admin');
    return new PageAccess(
      actor,
      periods,
      spans,
      reopened,
      year?.status === 'closed' ? year.name : null,
      admin || spans.length > 0 || leads || substitutes,
      leads,
    );
  }

  /** Teaches the page at some time of the year. */
  get teaches(): boolean {
    return this.spans.length > 0;
  }

  private teachesOn(date: string): boolean {
    return this.spans.some((s) => (s.fromDate === null || s.fromDate <= date) && (s.toDate === null || s.toDate >= date));
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
    const staffId = this.actor.staffId;
    const teacher = staffId !== null && this.actor.roles.includes('teacher');
    let own = false;
    if (teacher) {
      own = l.substituteStaffId ? l.substituteStaffId === staffId : l.staffId === staffId || this.teachesOn(l.date);
    }
    if (!own) {
      const reason = teacher && l.substituteStaffId && (l.staffId === staffId || this.teachesOn(l.date)) ? SUBSTITUTED_LESSON : NOT_YOUR_PAGE;
      return { editable: false, code: 'FORBIDDEN', reason };
    }
    return this.open(l.date);
  }

  /** Final marks of a period: the teacher of the page, in an open (or reopened) period. */
  finalMarks(period: { endDate: string; id: string | null }): LessonAccess {
    if (!this.teaches) return { editable: false, code: 'FORBIDDEN', reason: NOT_YOUR_PAGE };
    return this.open(period.endDate);
  }

  private open(date: string): LessonAccess {
    const closed = this.closedReason(date);
    return closed ? { editable: false, code: 'READ_ONLY', reason: closed } : { editable: true, code: null, reason: null };
  }
}
