import type { ReadableDb } from '../db/readable';
import { z } from 'zod';
import { IsNull } from 'typeorm';
import { mutation, query, actorOf, schoolDate } from '../api/contract';
import { AppError, fail } from '../shared/errors';
import { StaffEntity } from '../db/entities/staff';
import { LessonEntity } from '../db/entities/journal';
import { SubstitutionEntity, TeacherAbsenceEntity, TEACHER_ABSENCE_REASONS, type TeacherAbsence } from '../db/entities/changes';
import { shortName } from '../shared/text';
import { absencesBetween, covers, overlaps, spanText } from './absences';
import { absenceDto } from './dto';
import { Day } from './day';
import { removeSolution } from './solutions';
import { Names } from './names';
import { daysBetween, ruDate } from '../shared/dates';

const id = z.string().uuid();
const lessonNo = z.number().int().min(1, 'Номер урока — от 1').max(12, 'Номер урока — не больше 12').nullable().default(null);

const absenceParams = z
  .object({
    id: id.optional(),
    staffId: id,
    fromDate: schoolDate,
    toDate: schoolDate,
    fromLessonNo: lessonNo,
    toLessonNo: lessonNo,
    reason: z.enum(TEACHER_ABSENCE_REASONS),
    note: z.string().trim().max(500, 'Не более 500 символов').nullable().optional(),
  })
  .refine((p) => p.fromDate <= p.toDate, { message: 'Последний день отсутствия раньше первого', path: ['toDate'] })
  .refine((p) => p.fromDate !== p.toDate || p.fromLessonNo === null || p.toLessonNo === null || p.fromLessonNo <= p.toLessonNo, {
    message: 'Последний урок раньше первого',
    path: ['toLessonNo'],
  })
  .refine((p) => p.fromDate.slice(0, 4) >= '2000' && daysBetween(p.fromDate, p.toDate) <= 366, { message: 'Отсутствие — не дольше года', path: ['toDate'] });

export interface AffectedLesson {
  id: string;
  date: string;
  lessonNo: number;
  label: string;
  /** Already has a solution. */
  solved: boolean;
}

/** The lessons an absence takes the teacher away from (given by them or as their substitution). */
async function affectedLessons(em: ReadableDb, a: TeacherAbsence): Promise<AffectedLesson[]> {
  const lessons = await em
    .createQueryBuilder(LessonEntity, 'l')
    .where('l.deletedAt IS NULL AND l.date >= :from AND l.date <= :to', { from: a.fromDate, to: a.toDate })
    .andWhere("(l.staffId = :s OR l.substituteStaffId = :s) AND l.status <> 'cancelled'", { s: a.staffId })
    .orderBy('l.date', 'ASC')
    .addOrderBy('l.lessonNo', 'ASC')
    .getMany();
  const covered = lessons.filter((l) => covers(a, l.date, l.lessonNo));
  if (covered.length === 0) return [];
  const names = await Names.load(em);
  const subs = await em
    .createQueryBuilder(SubstitutionEntity, 's')
    .where('s.deletedAt IS NULL AND s.lessonId IN (:...ids)', { ids: covered.map((l) => l.id) })
    .getMany();
  const solved = new Set(subs.filter((s) => s.kind !== 'room_change').map((s) => s.lessonId));
  return covered.map((l) => ({
    id: l.id,
    date: l.date,
    lessonNo: l.lessonNo,
    label: `${names.cls(l)}, ${names.subject(l.subjectId)}${l.staffId !== a.staffId ? ` (замена; по расписанию — ${names.teacher(l.staffId)})` : ''}`,
    solved: solved.has(l.id) && l.substituteStaffId !== a.staffId,
  }));
}

export const absenceMethods = {
  'substitutions.absences': query({
    params: z
      .object({ from: schoolDate, to: schoolDate })
      .refine((p) => p.from <= p.to, { message: 'Начало периода позже его конца', path: ['to'] }),
    access: 'substitutions.manage',
    action: 'просмотр отсутствий учителей',
    handler: async (p, ctx) => {
      const names = await Names.load(ctx.em);
      return (await absencesBetween(ctx.em, p.from, p.to)).map((a) => absenceDto(a, names.teacher(a.staffId)));
    },
  }),

  /**
   * Registers (or corrects) a teacher's absence and lists at once the lessons
   * it leaves without a teacher, each needing a solution.
   */
  'substitutions.saveAbsence': mutation({
    params: absenceParams,
    access: 'substitutions.manage',
    action: 'регистрация отсутствия учителя',
    handler: async (p, ctx) => {
      const actor = actorOf(ctx);
      const person = await ctx.em.findOne(StaffEntity, { where: { id: p.staffId, deletedAt: IsNull() } });
      if (!person) throw fail.notFound('Сотрудник');
      const existing = p.id ? await ctx.em.findOne(TeacherAbsenceEntity, { where: { id: p.id, deletedAt: IsNull() } }) : null;
      if (p.id && !existing) throw fail.notFound('Отсутствие');
      const span = { fromDate: p.fromDate, toDate: p.toDate, fromLessonNo: p.fromLessonNo, toLessonNo: p.toLessonNo };
      const clash = (await absencesBetween(ctx.em, p.fromDate, p.toDate, p.staffId)).find((a) => a.id !== p.id && overlaps(a, span));
      if (clash) {
        const message = `Отсутствие уже зарегистрировано: ${shortName(person)}, ${spanText(clash, (d) => ruDate(d))}. Измените его, а не добавляйте новое.`;
        throw new AppError('CONFLICT', message, { fields: { fromDate: message } });
      }
      const values = { staffId: p.staffId, ...span, reason: p.reason, note: p.note?.trim() || null };
      const saved = existing
        ? await ctx.write.update(TeacherAbsenceEntity, existing.id, values)
        : await ctx.write.insert(TeacherAbsenceEntity, { ...values, createdBy: actor.userId });
      return { absence: absenceDto(saved, shortName(person)), lessons: await affectedLessons(ctx.em, saved) };
    },
  }),

  /**
   * Removes an absence registered by mistake. Its substitutions are taken back
   * with it only when the deputy confirms; moved lessons must be moved back by hand.
   */
  'substitutions.removeAbsence': mutation({
    params: z.object({ id, confirm: z.boolean().default(false) }),
    access: 'substitutions.manage',
    action: 'удаление отсутствия учителя',
    handler: async (p, ctx) => {
      const absence = await ctx.em.findOne(TeacherAbsenceEntity, { where: { id: p.id, deletedAt: IsNull() } });
      if (!absence) throw fail.notFound('Отсутствие');
      const subs = await ctx.em.find(SubstitutionEntity, { where: { teacherAbsenceId: absence.id, deletedAt: IsNull() } });
      if (subs.length > 0 && !p.confirm) {
        throw new AppError('CONFLICT', `Для уроков этого отсутствия выбраны решения (${subs.length}): они будут сняты. Подтвердите удаление.`, {
          needsConfirm: true,
          warnings: [`Будут сняты решения: ${subs.length}.`],
        });
      }
      const byDate = new Map<string, Day>();
      // Classes merged into another lesson first: that lesson's own solution cannot go before them.
      subs.sort((a, b) => Number(b.kind === 'merge') - Number(a.kind === 'merge'));
      for (const s of subs) {
        const lesson = await ctx.em.findOne(LessonEntity, { where: { id: s.lessonId } });
        if (!lesson) continue;
        const day = byDate.get(lesson.date) ?? (await Day.load(ctx.em, lesson.date));
        byDate.set(lesson.date, day);
        const l = day.byId.get(lesson.id);
        if (l) await removeSolution(ctx, day, l, 'отсутствие учителя удалено');
      }
      await ctx.write.remove(TeacherAbsenceEntity, absence.id);
      return { id: absence.id, removedSolutions: subs.length };
    },
  }),
};
