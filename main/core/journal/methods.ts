import { z } from 'zod';
import { mutation, actorOf } from '../api/contract';
import { AppError, fail } from '../shared/errors';
import { LessonEntity } from '../db/entities/journal';
import { SchoolClassEntity } from '../db/entities/school';
import { getSetting } from '../settings/store';
import { assertCanEditLesson, assertLessonWritable } from './scope';
import { isTopicLate } from './deadlines';

const lessonText = z.string().trim().max(2000, 'Не более 2000 символов');

export const journalMethods = {
  /**
   * The topic and the homework of a lesson. Grade 1 has no homework at all
   * (seed 000 §2.8). An entry after the day's deadline is kept, marked late.
   */
  'journal.setLessonText': mutation({
    params: z.object({
      lessonId: z.string().uuid(),
      topic: lessonText.nullable().optional(),
      homework: lessonText.nullable().optional(),
      reason: z.string().trim().max(500).optional(),
    }),
    access: 'journal.edit',
    action: 'запись темы урока и домашнего задания',
    handler: async (p, ctx) => {
      const actor = actorOf(ctx);
      const lesson = await ctx.em.findOne(LessonEntity, { where: { id: p.lessonId } });
      if (!lesson || lesson.deletedAt) throw fail.notFound('Урок');
      await assertCanEditLesson(ctx.em, actor, lesson);
      const schoolClass = await ctx.em.findOneOrFail(SchoolClassEntity, { where: { id: lesson.classId } });
      const now = ctx.clock.now();
      await assertLessonWritable(ctx.em, lesson, schoolClass.gradeLevel, now.toISOString());
      if (schoolClass.gradeLevel === 1 && p.homework) {
        throw new AppError('VALIDATION', 'В 1 классе домашние задания не задаются.', {
          fields: { homework: 'В 1 классе домашние задания не задаются' },
        });
      }
      const late = isTopicLate(lesson.date, schoolClass.shift, now, await getSetting(ctx.em, 'school.timeZone'));
      const patch: Partial<typeof lesson> = {};
      if (p.topic !== undefined && (p.topic || null) !== lesson.topic) {
        Object.assign(patch, { topic: p.topic || null, topicSetAt: now.toISOString(), topicSetBy: actor.userId, topicLate: late });
      }
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
        topicLate: updated.topicLate,
        homeworkLate: updated.homeworkLate,
      };
    },
  }),
};
