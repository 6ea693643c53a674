import { z } from 'zod';
import { mutation, query, schoolDate } from '../api/contract';
import { fail } from '../shared/errors';
import { regenerateLessons } from './regenerate';
import { LessonEntity } from '../db/entities/journal';
import { LessonReconciliationEntity } from '../db/entities/planning';
import { requireOpenYear } from '../school/common';
import { openReconciliations, resolveReconciliation } from './reconcile';

export const lessonMethods = {
  /** Applies the timetable's changes to the dated lessons from a date (the screen offers today). */
  'lessons.generate': mutation({
    params: z.object({ yearId: z.string().uuid('Выберите учебный год'), fromDate: schoolDate, toDate: schoolDate.nullish() }),
    access: 'timetable.edit',
    action: 'формирование уроков по расписанию',
    handler: async (p, ctx) => {
      await requireOpenYear(ctx.em, p.yearId);
      if (p.toDate && p.toDate < p.fromDate) throw fail.validation('Дата окончания раньше даты начала.', { toDate: 'Раньше даты начала' });
      return regenerateLessons(ctx.write, p.yearId, p.fromDate, p.toDate);
    },
  }),
  /** Lessons the timetable no longer has, kept because something was written in them. */
  'lessons.reconciliation': query({
    params: z.object({ yearId: z.string().uuid('Выберите учебный год') }),
    access: 'journal.view',
    action: 'просмотр уроков для сверки с расписанием',
    handler: async (p, ctx) => openReconciliations(ctx.em, p.yearId),
  }),

  /** Keeps a lesson as an extra one, or moves its entries into a lesson of the same page. */
  'lessons.reconcile': mutation({
    params: z.discriminatedUnion('action', [
      z.object({ id: z.string().uuid(), action: z.literal('keep') }),
      z.object({ id: z.string().uuid(), action: z.literal('merge'), targetLessonId: z.string({ error: 'Выберите урок' }).uuid('Выберите урок') }),
    ]),
    access: 'timetable.edit',
    action: 'сверка уроков с расписанием',
    handler: async (p, ctx) => {
      const rec = await ctx.em.findOne(LessonReconciliationEntity, { where: { id: p.id } });
      if (!rec || rec.deletedAt) throw fail.notFound('Запись сверки');
      if (rec.resolvedAt) throw fail.conflict('Этот урок уже сверен. Обновите список.');
      const lesson = await ctx.em.findOne(LessonEntity, { where: { id: rec.lessonId } });
      if (!lesson) throw fail.notFound('Урок');
      await requireOpenYear(ctx.em, lesson.yearId);
      await resolveReconciliation(
        ctx.em,
        ctx.write,
        ctx.clock.now().toISOString(),
        ctx.actor?.userId ?? null,
        rec,
        p.action === 'keep' ? { kind: 'keep' } : { kind: 'merge', targetLessonId: p.targetLessonId },
      );
      return { id: rec.id, resolution: p.action === 'keep' ? 'kept' : 'merged' };
    },
  }),
};
