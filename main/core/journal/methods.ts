import { z } from 'zod';
import { mutation, query, actorOf, schoolDate } from '../api/contract';
import { AppError, fail } from '../shared/errors';
import { LessonEntity, PageReopenEntity, ABSENCE_REASON_KINDS } from '../db/entities/journal';
import { SchoolClassEntity } from '../db/entities/school';
import { StudyPeriodEntity } from '../db/entities/calendar';
import { getSetting } from '../settings/store';
import { schoolTodayOf } from '../settings/school-today';
import { isTopicLate } from './deadlines';
import { loadJournalPage, summaryOf, type StudentSummaryDto } from './page';
import { studentMarks } from './page-data';
import { JournalContext } from './writer';
import { planCell, applyCell, setOneMark, removeOneMark, markGiven, type CellDto } from './cells';
import { parseCellText } from './cell-text';
import { cellHistory } from './history';
import { loadFinalMarks, setFinalMark } from './finals';
import { PageAccess, requireEditable } from './access';
import { periodsForGrade, agree } from './periods';
import { loadAttendanceWeek, setAbsenceReason, removeAbsenceReason, classAccess, classStudents } from './attendance-week';
import { loadDiaryWeek } from './diary';
import { diaryModel } from './diary-print';
import { writeReport } from '../reports/output';
import { listPages, myLessons } from './pages';
import { requireLive, requireOpenYear } from '../school/common';
import { isoWeekday, ruDate } from '../shared/dates';
import { TEXT_LIMITS, tooLong } from '../shared/text-limits';

const lessonText = z.string().trim().max(TEXT_LIMITS.lessonText, tooLong('lessonText'));
const id = z.string().uuid();
const reason = z.string().trim().max(500, 'Не более 500 символов').optional();
const pageRef = { classId: id, subjectId: id, groupId: id.nullable().default(null) };
/** The range whose averages the grid shows, for the averages returned after a save. */
const range = z.object({ from: schoolDate, to: schoolDate }).optional();
const monday = schoolDate.refine((d) => isoWeekday(d) === 1, 'Неделя начинается с понедельника');


/** A student's averages on the lesson's page in the range the grid shows. */
async function summaries(
  j: JournalContext,
  cells: CellDto[],
  r: { from: string; to: string } | undefined,
): Promise<Record<string, StudentSummaryDto>> {
  const out: Record<string, StudentSummaryDto> = {};
  if (!r) return out;
  for (const c of cells) {
    if (out[c.studentId]) continue;
    const { page } = await j.lesson(c.lessonId);
    out[c.studentId] = summaryOf(await studentMarks(j.ctx.em, page.ref, c.studentId, r.from, r.to));
  }
  return out;
}

const journalCore = {
  'journal.listPages': query({
    params: z.object({}).strict(),
    access: 'journal.view',
    action: 'просмотр списка страниц журнала',
    handler: async (_p, ctx) => listPages(ctx.em, actorOf(ctx), await schoolTodayOf(ctx)),
  }),

  'journal.myLessons': query({
    params: z.object({ date: schoolDate.optional() }),
    access: 'journal.edit',
    action: 'просмотр своих уроков',
    handler: async (p, ctx) => myLessons(ctx.em, actorOf(ctx), p.date ?? (await schoolTodayOf(ctx))),
  }),

  'journal.getPage': query({
    params: z.object({ ...pageRef, period: z.union([id, z.literal('year')]).optional() }),
    access: 'journal.view',
    action: 'просмотр страницы журнала',
    handler: async (p, ctx) =>
      loadJournalPage(ctx.em, actorOf(ctx), { classId: p.classId, groupId: p.groupId, subjectId: p.subjectId }, p.period, ctx.clock.now(), await schoolTodayOf(ctx)),
  }),

  /**
   * The topic and the homework of a lesson. Grade 1 has no homework at all
   * (seed 000 §2.8). An entry after the day's deadline is kept, marked late.
   */
  'journal.setLessonText': mutation({
    params: z.object({
      lessonId: id,
      topic: lessonText.nullable().optional(),
      /** The КТП topic the teacher took (its title may have been edited). */
      planTopicId: id.nullable().optional(),
      homework: lessonText.nullable().optional(),
      reason,
    }),
    access: 'journal.edit',
    action: 'запись темы урока и домашнего задания',
    handler: async (p, ctx) => {
      const actor = actorOf(ctx);
      const { lesson, page } = await (await JournalContext.open(ctx)).lesson(p.lessonId);
      requireEditable(page.access.lesson(lesson));
      const { schoolClass } = page.context;
      const now = ctx.clock.now();
      if (!page.context.homeworkAllowed && p.homework) {
        throw new AppError('VALIDATION', 'В 1 классе домашние задания не задаются.', {
          fields: { homework: 'В 1 классе домашние задания не задаются' },
        });
      }
      const late = isTopicLate(lesson.date, schoolClass.shift, now, await getSetting(ctx.em, 'school.timeZone'));
      const patch: Partial<typeof lesson> = {};
      if (p.topic !== undefined && (p.topic || null) !== lesson.topic) {
        Object.assign(patch, { topic: p.topic || null, topicSetAt: now.toISOString(), topicSetBy: actor.userId, topicLate: late });
      }
      if (p.planTopicId !== undefined) patch.planTopicId = p.planTopicId;
      if (p.homework !== undefined && (p.homework || null) !== lesson.homework) {
        Object.assign(patch, {
          homework: p.homework || null,
          homeworkSetAt: now.toISOString(),
          homeworkSetBy: actor.userId,
          homeworkLate: late,
        });
      }
      const updated = await ctx.write.update(LessonEntity, lesson.id, patch, { reason: p.reason ?? null });
      return {
        id: updated.id,
        topic: updated.topic,
        homework: updated.homework,
        topicLate: Boolean(updated.topicLate),
        homeworkLate: Boolean(updated.homeworkLate),
      };
    },
  }),

  /** The work types used in the lesson: the first is what new marks of the day get. */
  'journal.setLessonWorkTypes': mutation({
    params: z.object({ lessonId: id, workTypeIds: z.array(id).max(10, 'Не более 10 видов работ') }),
    access: 'journal.edit',
    action: 'выбор видов работ урока',
    handler: async (p, ctx) => {
      const j = await JournalContext.open(ctx);
      const { lesson } = await j.editableLesson(p.lessonId);
      const ids = [...new Set(p.workTypeIds)];
      for (const w of ids) await j.workType(w);
      const json = ids.length ? JSON.stringify(ids) : null;
      if (json !== lesson.workTypeIds) await ctx.write.update(LessonEntity, lesson.id, { workTypeIds: json });
      return { id: lesson.id, workTypeIds: ids };
    },
  }),

  /** «Все присутствуют»: the attendance of the lesson is taken, with no absences to record. */
  'journal.confirmAttendance': mutation({
    params: z.object({ lessonId: id }),
    access: 'journal.edit',
    action: 'отметка посещаемости',
    handler: async (p, ctx) => {
      const j = await JournalContext.open(ctx);
      const loaded = await j.editableLesson(p.lessonId);
      j.assertTookPlace(loaded.lesson);
      await markGiven(j, loaded);
      return { id: p.lessonId, status: loaded.lesson.status };
    },
  }),

  'journal.setMark': mutation({
    params: z.object({
      lessonId: id,
      studentId: id,
      value: z.string().trim().min(1, 'Введите отметку').max(10),
      workTypeId: id.optional(),
      /** Changes this mark of the cell; without it a new mark is added. */
      markId: id.optional(),
      comment: z.string().trim().max(300).nullable().optional(),
      reason,
      range,
    }),
    access: 'journal.edit',
    action: 'выставление отметок',
    handler: async (p, ctx) => {
      const j = await JournalContext.open(ctx);
      const cell = await setOneMark(j, p);
      return { cell, summaries: await summaries(j, [cell], p.range) };
    },
  }),

  'journal.removeMark': mutation({
    params: z.object({ markId: id, reason, range }),
    access: 'journal.edit',
    action: 'удаление отметок',
    handler: async (p, ctx) => {
      const j = await JournalContext.open(ctx);
      const cell = await removeOneMark(j, p.markId, p.reason);
      return { cell, summaries: await summaries(j, [cell], p.range) };
    },
  }),

  /**
   * Cells as typed or pasted: «5», «5/4», «н», «оп/5», or empty to clear.
   * Each cell is checked on its own; those that fail are reported with the
   * reason and the others are saved, so a pasted block never half-lands
   * silently.
   */
  'journal.setMarks': mutation({
    params: z.object({
      entries: z
        // Longer texts are refused cell by cell (parseCellText), not the whole block.
        .array(z.object({ lessonId: id, studentId: id, text: z.string().max(1000, 'Не длиннее 1000 символов') }))
        .min(1)
        .max(3000, 'Не более 3000 клеток за раз'),
      reason,
      range,
    }),
    access: 'journal.edit',
    action: 'выставление отметок',
    handler: async (p, ctx) => {
      const j = await JournalContext.open(ctx);
      type Outcome =
        | { ok: true; lessonId: string; studentId: string; cell: CellDto }
        | { ok: false; lessonId: string; studentId: string; code: string; message: string; needsReason: boolean };
      const results: Outcome[] = [];
      const saved: CellDto[] = [];
      for (const e of p.entries) {
        try {
          const text = parseCellText(e.text);
          const plan = await planCell(j, { lessonId: e.lessonId, studentId: e.studentId, marks: text.marks, attendance: text.attendance }, p.reason);
          const cell = await applyCell(j, plan, p.reason);
          saved.push(cell);
          results.push({ ok: true, lessonId: e.lessonId, studentId: e.studentId, cell });
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          results.push({
            ok: false,
            lessonId: e.lessonId,
            studentId: e.studentId,
            code: err.code,
            message: err.message,
            needsReason: Boolean(err.details?.needsReason),
          });
        }
      }
      return { results, summaries: await summaries(j, saved, p.range) };
    },
  }),

  'journal.setAttendance': mutation({
    params: z.object({ lessonId: id, studentId: id, code: z.enum(['absent', 'late']).nullable(), range }),
    access: 'journal.edit',
    action: 'отметка посещаемости',
    handler: async (p, ctx) => {
      const j = await JournalContext.open(ctx);
      const plan = await planCell(j, { lessonId: p.lessonId, studentId: p.studentId, attendance: p.code }, null);
      const cell = await applyCell(j, plan, null);
      return { cell, summaries: await summaries(j, [cell], p.range) };
    },
  }),

  /** Who changed a cell, when, from what to what, and why (seed 002). */
  'journal.cellHistory': query({
    params: z.object({ lessonId: id, studentId: id }),
    access: 'journal.view',
    action: 'просмотр истории изменений',
    handler: async (p, ctx) => {
      const lesson = await ctx.em.findOne(LessonEntity, { where: { id: p.lessonId } });
      if (!lesson) throw fail.notFound('Урок');
      const ref = { classId: lesson.classId, groupId: lesson.groupId, subjectId: lesson.subjectId };
      const cls = await ctx.em.findOneOrFail(SchoolClassEntity, { where: { id: lesson.classId } });
      const periods = await periodsForGrade(ctx.em, lesson.yearId, cls.gradeLevel);
      const access = await PageAccess.load(ctx.em, actorOf(ctx), ref, lesson.yearId, periods, ctx.clock.now().toISOString());
      access.requireView();
      return cellHistory(ctx.em, p.lessonId, p.studentId);
    },
  }),

  'journal.getFinalMarks': query({
    params: z.object(pageRef),
    access: 'journal.view',
    action: 'просмотр итоговых отметок',
    handler: async (p, ctx) => loadFinalMarks(ctx.em, actorOf(ctx), p, ctx.clock.now(), await schoolTodayOf(ctx)),
  }),

  /** The teacher's final mark; null removes it. The program's suggestion is never written by itself. */
  'journal.setFinalMark': mutation({
    params: z.object({ ...pageRef, studentId: id, periodId: id.nullable(), value: z.string().trim().min(1).max(10).nullable(), reason }),
    access: 'journal.edit',
    action: 'выставление итоговых отметок',
    handler: async (p, ctx) => setFinalMark(ctx, await schoolTodayOf(ctx), p),
  }),

  /**
   * The deputy closes a period once it has ended (after its final marks are
   * set): from then on its pages are read-only, and a correction needs the
   * page reopened for a stated reason (seed 002).
   */
  'journal.closePeriod': mutation({
    params: z.object({ periodId: id }),
    access: 'journal.reopen',
    action: 'закрытие учебного периода',
    handler: async (p, ctx) => {
      const period = await requireLive(ctx.em, StudyPeriodEntity, p.periodId, 'Учебный период');
      await requireOpenYear(ctx.em, period.yearId);
      if (period.closedAt) throw new AppError('CONFLICT', `${period.name} уже ${agree(period.name, ['закрыта', 'закрыто', 'закрыт'])}.`);
      const today = await schoolTodayOf(ctx);
      if (today < period.endDate) {
        throw new AppError(
          'CONFLICT',
          `${period.name} ещё не ${agree(period.name, ['окончена', 'окончено', 'окончен'])} (по ${ruDate(period.endDate)}): закрыть период можно в его последний день или позже.`,
        );
      }
      const row = await ctx.write.update(StudyPeriodEntity, period.id, { closedAt: ctx.clock.now().toISOString() });
      return { id: row.id, closedAt: row.closedAt };
    },
  }),

  /** The deputy reopens a closed period's page for corrections, with the reason (seed 002). */
  'journal.reopenPage': mutation({
    params: z.object({
      ...pageRef,
      periodId: id,
      reason: z.string().trim().min(5, 'Укажите причину (не короче 5 символов)').max(500),
      days: z.number().int().min(1).max(30).optional(),
    }),
    access: 'journal.reopen',
    action: 'открытие страницы закрытого периода',
    handler: async (p, ctx) => {
      const period = await ctx.em.findOne(StudyPeriodEntity, { where: { id: p.periodId } });
      if (!period || period.deletedAt) throw fail.notFound('Учебный период');
      if (!period.closedAt) {
        throw new AppError('CONFLICT', `${period.name} не ${agree(period.name, ['закрыта', 'закрыто', 'закрыт'])}: страница и так открыта для записей.`);
      }
      const now = ctx.clock.now();
      const row = await ctx.write.insert(
        PageReopenEntity,
        {
          periodId: p.periodId,
          classId: p.classId,
          groupId: p.groupId,
          subjectId: p.subjectId,
          reason: p.reason,
          reopenedBy: actorOf(ctx).userId,
          reopenedAt: now.toISOString(),
          closesAt: p.days ? new Date(now.getTime() + p.days * 86_400_000).toISOString() : null,
        },
        { reason: p.reason },
      );
      return { id: row.id, closesAt: row.closesAt };
    },
  }),
};

const attendanceMethods = {
  'attendance.getWeek': query({
    params: z.object({ classId: id, weekStart: monday }),
    access: 'journal.view',
    action: 'просмотр посещаемости класса',
    handler: async (p, ctx) => loadAttendanceWeek(ctx.em, actorOf(ctx), p.classId, p.weekStart),
  }),

  /** A reason for the student's absences of a day or a span, entered once (seed 000 §3.3). */
  'attendance.setReasons': mutation({
    params: z.object({
      classId: id,
      studentId: id,
      fromDate: schoolDate,
      toDate: schoolDate,
      kind: z.enum(ABSENCE_REASON_KINDS, 'Выберите причину'),
      note: z.string().trim().max(500).nullable().optional(),
      document: z.string().trim().max(300).nullable().optional(),
    }),
    access: 'attendance.reasons',
    action: 'ввод причин пропусков',
    handler: async (p, ctx) => setAbsenceReason(ctx, p),
  }),

  'attendance.removeReason': mutation({
    params: z.object({ id, classId: id }),
    access: 'attendance.reasons',
    action: 'ввод причин пропусков',
    handler: async (p, ctx) => removeAbsenceReason(ctx, p.id, p.classId),
  }),
};

const diaryMethods = {
  'diary.getWeek': query({
    params: z.object({ studentId: id, weekStart: monday }),
    access: 'journal.view',
    action: 'просмотр дневника ученика',
    handler: async (p, ctx) => loadDiaryWeek(ctx.em, actorOf(ctx), p.studentId, p.weekStart),
  }),

  /**
   * The diary week as a PDF file from the report engine (A4 landscape). A file
   * may leave the school: for a student without consent to personal-data
   * processing it is refused, and the screen's «Печать» gives the parents
   * their paper (contingent/README.md).
   */
  'diary.pdf': query({
    params: z.object({ studentId: id, weekStart: monday }),
    access: 'journal.view',
    action: 'сохранение дневника ученика в файл',
    handler: async (p, ctx) => {
      const week = await loadDiaryWeek(ctx.em, actorOf(ctx), p.studentId, p.weekStart);
      if (week.paperOnly) {
        throw new AppError(
          'NO_CONSENT',
          'Согласие на обработку персональных данных этого ученика не получено: дневник выдаётся родителям только на бумаге. Нажмите «Печать».',
        );
      }
      return writeReport(await diaryModel(ctx.em, week, await schoolTodayOf(ctx)), 'pdf');
    },
  }),

  'diary.students': query({
    params: z.object({ classId: id, date: schoolDate.optional() }),
    access: 'journal.view',
    action: 'просмотр списка класса',
    handler: async (p, ctx) => {
      const access = await classAccess(ctx.em, actorOf(ctx), p.classId);
      if (!access.canView) throw new AppError('FORBIDDEN', 'Список класса доступен его классному руководителю и администрации школы.');
      const date = p.date ?? (await schoolTodayOf(ctx));
      const students = await classStudents(ctx.em, p.classId, date, date);
      if (students.length === 0) throw new AppError('NOT_FOUND', `На ${ruDate(date)} в классе нет учеников.`);
      return students;
    },
  }),
};

/** Everything of the journal: pages, cells, final marks, the attendance week and the diary. */
export const journalMethods = { ...journalCore, ...attendanceMethods, ...diaryMethods };
