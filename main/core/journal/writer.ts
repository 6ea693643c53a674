import type { MutationContext } from '../api/contract';
import { actorOf } from '../api/contract';
import { AppError, fail } from '../shared/errors';
import { schoolToday } from '../shared/school-time';
import { getSetting } from '../settings/store';
import { LessonEntity, MarkEntity, AttendanceEntity, AbsenceReasonEntity, type Lesson, type Mark, type Attendance } from '../db/entities/journal';
import { ClassMembershipEntity } from '../db/entities/contingent';
import { GroupMembershipEntity, WorkTypeEntity, type WorkType } from '../db/entities/school';
import type { StudyPeriod } from '../db/entities/calendar';
import { parseMark } from '../grading/values';
import { loadPageContext, type PageContext } from './context';
import { PageAccess, requireEditable } from './access';
import { periodsForGrade } from './periods';
import { onPage, parseWorkTypeIds, type PageRef } from './page-data';
import { markDeadline, isPastDeadline } from './deadlines';
import { cachedRaw, bool, num, numOrNull } from './sql';
import { ruDate } from '../shared/dates';

export interface LoadedPage {
  ref: PageRef;
  context: PageContext;
  access: PageAccess;
  periods: StudyPeriod[];
}

/** A mark of a cell, as the writes need it. */
export type CellMark = Pick<Mark, 'id' | 'value' | 'numericValue' | 'workTypeId' | 'weight' | 'late'>;
export type CellAttendance = Pick<Attendance, 'id' | 'code' | 'reasonKind'>;

export interface LoadedLesson {
  lesson: Lesson;
  page: LoadedPage;
}

/**
 * The journal's writes share one set of checks, cached for the length of a
 * call (a pasted block touches one page many times): the lesson exists, this
 * user may write in it (scope and closed periods), the student is on the
 * page's roll that day, the lesson has taken place, and corrections after a
 * deadline carry a reason.
 */
export class JournalContext {
  private readonly lessons = new Map<string, LoadedLesson>();
  private readonly pages = new Map<string, LoadedPage>();
  private readonly laterDates = new Map<string, string[]>();
  private readonly roll = new Map<string, boolean>();
  private workTypeMap: Map<string, WorkType> | null = null;

  private constructor(
    readonly ctx: MutationContext,
    readonly today: string,
  ) {}

  static async open(ctx: MutationContext): Promise<JournalContext> {
    const tz = await getSetting(ctx.em, 'school.timeZone');
    return new JournalContext(ctx, schoolToday(ctx.clock.now(), tz));
  }

  get userId(): string {
    return actorOf(this.ctx).userId;
  }

  get nowIso(): string {
    return this.ctx.clock.now().toISOString();
  }

  async page(ref: PageRef, yearId: string): Promise<LoadedPage> {
    const key = `${ref.classId}|${ref.groupId ?? ''}|${ref.subjectId}`;
    let page = this.pages.get(key);
    if (!page) {
      const context = await loadPageContext(this.ctx.em, ref);
      const periods = await periodsForGrade(this.ctx.em, yearId, context.schoolClass.gradeLevel);
      const access = await PageAccess.load(this.ctx.em, actorOf(this.ctx), ref, yearId, periods, this.nowIso);
      page = { ref, context, access, periods };
      this.pages.set(key, page);
    }
    return page;
  }

  async lesson(id: string): Promise<LoadedLesson> {
    let loaded = this.lessons.get(id);
    if (!loaded) {
      const [lesson] = await cachedRaw<Lesson>(
        this.ctx.em,
        'journal.lessonById',
        (m) => {
          const q = m.createQueryBuilder(LessonEntity, 'l').select([]);
          for (const column of Object.keys(LessonEntity.options.columns)) q.addSelect(`l.${column}`, column);
          return q.where('l.id = :id');
        },
        { id },
      );
      if (!lesson || lesson.deletedAt) throw fail.notFound('Урок');
      lesson.lessonNo = num(lesson.lessonNo);
      const ref = { classId: lesson.classId, groupId: lesson.groupId, subjectId: lesson.subjectId };
      loaded = { lesson, page: await this.page(ref, lesson.yearId) };
      this.lessons.set(id, loaded);
    }
    return loaded;
  }

  /** The lesson, if this user may write in it; otherwise a Russian refusal. */
  async editableLesson(id: string): Promise<LoadedLesson> {
    const loaded = await this.lesson(id);
    requireEditable(loaded.page.access.lesson(loaded.lesson));
    if (loaded.lesson.status === 'cancelled') throw new AppError('READ_ONLY', 'Урок отменён: записи в нём не ведутся.');
    return loaded;
  }

  /** Marks and absences are entered on the day of the lesson or later, never ahead. */
  assertTookPlace(lesson: Lesson): void {
    if (lesson.date > this.today) {
      throw new AppError(
        'VALIDATION',
        `Урок ${ruDate(lesson.date)} ещё не прошёл: отметки и пропуски ставятся в день урока или позже.`,
      );
    }
  }

  async assertOnRoll(lesson: Lesson, studentId: string, studentName?: string): Promise<void> {
    const key = `${lesson.classId}|${lesson.groupId ?? ''}|${studentId}|${lesson.date}`;
    let on = this.roll.get(key);
    if (on === undefined) {
      const group = Boolean(lesson.groupId);
      const [row] = await cachedRaw<{ n: number | string }>(
        this.ctx.em,
        `journal.onRoll:${group ? 'group' : 'class'}`,
        (m) =>
          m
            .createQueryBuilder(group ? GroupMembershipEntity : ClassMembershipEntity, 'm')
            .select('COUNT(*)', 'n')
            .where(group ? 'm.groupId = :owner' : 'm.classId = :owner')
            .andWhere('m.studentId = :studentId AND m.deletedAt IS NULL')
            .andWhere('m.fromDate <= :date AND (m.toDate IS NULL OR m.toDate >= :date)'),
        { owner: lesson.groupId ?? lesson.classId, studentId, date: lesson.date },
      );
      on = num(row?.n ?? 0) > 0;
      this.roll.set(key, on);
    }
    if (!on) {
      const who = studentName ? `${studentName} ` : 'Ученик ';
      throw new AppError('VALIDATION', `${who}не числится на этой странице журнала ${ruDate(lesson.date)}: записи за этот день ему не ставятся.`);
    }
  }

  async workTypes(): Promise<Map<string, WorkType>> {
    if (!this.workTypeMap) {
      const rows = await cachedRaw<WorkType>(
        this.ctx.em,
        'journal.writer.workTypes',
        (m) => {
          const q = m.createQueryBuilder(WorkTypeEntity, 'w').select([]);
          for (const column of Object.keys(WorkTypeEntity.options.columns)) q.addSelect(`w.${column}`, column);
          return q.where('w.deletedAt IS NULL').orderBy('w.sortOrder', 'ASC');
        },
        {},
      );
      for (const w of rows) {
        w.weight = num(w.weight);
        w.deadlineValue = num(w.deadlineValue);
      }
      this.workTypeMap = new Map(rows.map((w) => [w.id, w]));
    }
    return this.workTypeMap;
  }

  async workType(id: string): Promise<WorkType> {
    const wt = (await this.workTypes()).get(id);
    if (!wt) throw new AppError('VALIDATION', 'Такого вида работы нет в справочнике школы.', { fields: { workTypeId: 'Выберите вид работы' } });
    return wt;
  }

  /**
   * The work type a new mark gets: the first of the day's work types (set in
   * the lesson panel), else the school's first everyday one (работа на уроке).
   */
  async defaultWorkType(lesson: Lesson): Promise<WorkType> {
    const types = await this.workTypes();
    for (const id of parseWorkTypeIds(lesson.workTypeIds)) {
      const wt = types.get(id);
      if (wt) return wt;
    }
    const all = [...types.values()];
    const fallback = all.find((w) => w.deadlineKind === 'same_day') ?? all[0];
    if (!fallback) throw new AppError('CONFLICT', 'В справочнике школы нет видов работ: отметку не к чему отнести. Обратитесь к администратору.');
    return fallback;
  }

  /** The dates of the page's lessons after this one (for «within two lessons»). */
  async laterLessonDates(lesson: Lesson): Promise<string[]> {
    let dates = this.laterDates.get(lesson.id);
    if (!dates) {
      const ref = { classId: lesson.classId, groupId: lesson.groupId, subjectId: lesson.subjectId };
      const rows = await cachedRaw<{ date: string }>(
        this.ctx.em,
        `journal.laterLessons:${ref.groupId ? 'group' : 'class'}`,
        (m) =>
          onPage(m.createQueryBuilder(LessonEntity, 'l'), ref)
            .select('l.date', 'date')
            .andWhere("(l.date > :date OR (l.date = :date AND l.lessonNo > :no)) AND l.status <> 'cancelled'")
            .orderBy('l.date', 'ASC')
            .addOrderBy('l.lessonNo', 'ASC')
            .limit(10),
        { classId: ref.classId, subjectId: ref.subjectId, ...(ref.groupId ? { groupId: ref.groupId } : {}), date: lesson.date, no: lesson.lessonNo },
      );
      dates = rows.map((r) => r.date);
      this.laterDates.set(lesson.id, dates);
    }
    return dates;
  }

  async deadlineOf(lesson: Lesson, workTypeId: string): Promise<string | null> {
    const wt = (await this.workTypes()).get(workTypeId);
    if (!wt) return null;
    return markDeadline(wt, lesson.date, await this.laterLessonDates(lesson));
  }

  /** A new mark after its work type's deadline is accepted and flagged. */
  async isLate(lesson: Lesson, workTypeId: string): Promise<boolean> {
    return isPastDeadline(await this.deadlineOf(lesson, workTypeId), this.today);
  }

  /** Changing or removing a mark after its deadline needs a reason (seed 002: every correction is recorded with why). */
  async assertReasonForCorrection(lesson: Lesson, mark: Pick<Mark, 'value' | 'workTypeId'>, reason: string | null | undefined): Promise<void> {
    const deadline = await this.deadlineOf(lesson, mark.workTypeId);
    if (!isPastDeadline(deadline, this.today) || (reason && reason.trim())) return;
    const wt = (await this.workTypes()).get(mark.workTypeId);
    throw new AppError(
      'VALIDATION',
      `Срок выставления отметки ${mark.value} (${wt ? `«${wt.name}», ` : ''}урок ${ruDate(lesson.date)}) истёк ${ruDate(deadline!)}: исправить её можно, указав причину.`,
      { needsReason: true, fields: { reason: 'Укажите причину исправления' } },
    );
  }

  /** The cell's marks in the order they were entered. */
  async liveMarks(lessonId: string, studentId: string): Promise<CellMark[]> {
    const rows = await cachedRaw<CellMark>(
      this.ctx.em,
      'journal.cellMarks',
      (m) =>
        m
          .createQueryBuilder(MarkEntity, 'm')
          .select('m.id', 'id')
          .addSelect('m.value', 'value')
          .addSelect('m.numericValue', 'numericValue')
          .addSelect('m.workTypeId', 'workTypeId')
          .addSelect('m.weight', 'weight')
          .addSelect('m.late', 'late')
          .where('m.lessonId = :lessonId AND m.studentId = :studentId AND m.deletedAt IS NULL')
          .orderBy('m.setAt', 'ASC')
          .addOrderBy('m.id', 'ASC'),
      { lessonId, studentId },
    );
    for (const r of rows) {
      r.numericValue = numOrNull(r.numericValue);
      r.weight = num(r.weight);
      r.late = bool(r.late);
    }
    return rows;
  }

  async liveAttendance(lessonId: string, studentId: string): Promise<CellAttendance | null> {
    const [row] = await cachedRaw<CellAttendance>(
      this.ctx.em,
      'journal.cellAttendance',
      (m) =>
        m
          .createQueryBuilder(AttendanceEntity, 'a')
          .select('a.id', 'id')
          .addSelect('a.code', 'code')
          .addSelect('a.reasonKind', 'reasonKind')
          .where('a.lessonId = :lessonId AND a.studentId = :studentId AND a.deletedAt IS NULL'),
      { lessonId, studentId },
    );
    return row ?? null;
  }

  /** The class teacher's reason already entered for the day (a certificate brought in advance). */
  async reasonFor(studentId: string, date: string): Promise<{ kind: Attendance['reasonKind']; note: string | null } | null> {
    const r = await this.ctx.em
      .createQueryBuilder(AbsenceReasonEntity, 'r')
      .where('r.studentId = :studentId AND r.fromDate <= :date AND r.toDate >= :date AND r.deletedAt IS NULL', { studentId, date })
      .orderBy('r.createdAt', 'DESC')
      .getOne();
    return r ? { kind: r.kind, note: [r.note, r.document].filter(Boolean).join('; ') || null } : null;
  }

  parse(page: PageContext, raw: string) {
    if (!page.marksAllowed) {
      throw new AppError('VALIDATION', page.noMarksReason ?? 'Отметки на этой странице не ставятся.', {
        fields: { value: page.noMarksReason ?? '' },
      });
    }
    return parseMark(raw, page.rule);
  }
}
