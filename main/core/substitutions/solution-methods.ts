import { z } from 'zod';
import { IsNull } from 'typeorm';
import { mutation, query, schoolDate, type MutationContext } from '../api/contract';
import { AppError, fail } from '../shared/errors';
import { LessonEntity } from '../db/entities/journal';
import { SubstitutionEntity, SUBSTITUTION_KINDS } from '../db/entities/changes';
import { getAllSettings, setSetting } from '../settings/store';
import { SETTINGS } from '../settings/registry';
import { Day, type DayLesson } from './day';
import { mergeOptions, rankFor } from './candidates';
import { fillDay } from './fill-day';
import { absenceDto, dayLessons, lessonDto } from './dto';
import { checkSolution, enforce, removeSolution, saveSolution, type SolutionInput } from './solutions';
import { moveLesson, undoMove } from './moves';
import { lessonLabel, roomName } from './describe';
import { staffName } from './candidates';
import { WEIGHT_SETTINGS } from './rules';
import { schoolTodayOf } from '../settings/school-today';

const id = z.string().uuid();
const note = z.string().trim().max(500, 'Не более 500 символов').nullable().optional();
const solution = z.object({
  lessonId: id,
  kind: z.enum(SUBSTITUTION_KINDS),
  substituteStaffId: id.nullable().optional(),
  mergedWithLessonId: id.nullable().optional(),
  newRoomId: id.nullable().optional(),
  note,
});

async function lessonOf(ctx: { em: MutationContext['em'] }, lessonId: string): Promise<{ day: Day; lesson: DayLesson }> {
  const row = await ctx.em.findOne(LessonEntity, { where: { id: lessonId, deletedAt: IsNull() } });
  if (!row) throw fail.notFound('Урок');
  const day = await Day.load(ctx.em, row.date);
  return { day, lesson: day.byId.get(row.id)! };
}

/** Rooms free at the lesson's time (for a change of room), with the class's own first. */
function freeRooms(day: Day, lesson: DayLesson): { id: string; number: string; name: string | null }[] {
  const taken = new Set(
    day
      .clashes(lesson.time, day.lessons.filter((x) => x.id !== lesson.id && x.status !== 'cancelled'))
      .map((x) => day.roomOf(x))
      .filter((r): r is string => !!r),
  );
  return [...day.rooms.values()]
    .filter((r) => !taken.has(r.id) && r.id !== lesson.roomId)
    .sort((a, b) => a.number.localeCompare(b.number, 'ru', { numeric: true }))
    .map((r) => ({ id: r.id, number: r.number, name: r.name }));
}

const SETTING_KEYS = [
  ...Object.values(WEIGHT_SETTINGS),
  'substitutions.maxLessonsPerDay',
  'substitutions.substituteHoursPercent',
  'substitutions.mergeHoursPercent',
  'substitutions.paidIllness',
  'substitutions.paidCourse',
  'substitutions.paidBusiness',
  'substitutions.paidOther',
] as const;
type RuleKey = (typeof SETTING_KEYS)[number];

export const solutionMethods = {
  /** The deputy's day: who is away, and every lesson that needs (or has) a decision. */
  'substitutions.day': query({
    params: z.object({ date: schoolDate.optional() }),
    access: 'substitutions.manage',
    action: 'просмотр замен на день',
    handler: async (p, ctx) => {
      const date = p.date ?? (await schoolTodayOf(ctx));
      const day = await Day.load(ctx.em, date);
      const lessons = dayLessons(day).map((l) => lessonDto(day, l));
      return {
        date,
        weekday: day.weekday,
        yearClosed: day.year?.status === 'closed',
        absences: day.absences.map((a) => absenceDto(a, staffName(day, a.staffId))),
        lessons,
        open: lessons.filter((l) => l.state === 'open' || l.state === 'problem').length,
      };
    },
  }),

  /** Ranked candidates for one lesson, every criterion in its column, with the parallel lessons to merge with and the free rooms. */
  'substitutions.suggest': query({
    params: z.object({ lessonId: id }),
    access: 'substitutions.manage',
    action: 'подбор замены',
    handler: async (p, ctx) => {
      const { day, lesson } = await lessonOf(ctx, p.lessonId);
      const { candidates, excluded } = rankFor(day, lesson);
      return {
        lesson: lessonDto(day, lesson),
        weights: day.rules.weights,
        candidates,
        excluded,
        merges: mergeOptions(day, lesson),
        rooms: freeRooms(day, lesson),
      };
    },
  }),

  /** «Заполнить день»: proposals for every open lesson, to review; nothing is saved. */
  'substitutions.fillDay': query({
    params: z.object({ date: schoolDate }),
    access: 'substitutions.manage',
    action: 'подбор замен на день',
    handler: async (p, ctx) => {
      const day = await Day.load(ctx.em, p.date);
      return fillDay(day).map((x) => ({ ...x, lesson: lessonDto(day, day.byId.get(x.lessonId)!), substituteName: staffName(day, x.substituteStaffId) }));
    },
  }),

  'substitutions.apply': mutation({
    params: solution.extend({ confirm: z.boolean().default(false) }),
    access: 'substitutions.manage',
    action: 'оформление замены',
    handler: async (p, ctx) => {
      const { day, lesson } = await lessonOf(ctx, p.lessonId);
      enforce(await checkSolution(ctx, day, lesson, p), p.confirm);
      await saveSolution(ctx, day, lesson, p);
      return lessonDto(day, lesson);
    },
  }),

  /**
   * The reviewed proposals of «fill the day», saved together: each is checked
   * against the day with the ones before it, and one conflict stops them all.
   */
  'substitutions.applyMany': mutation({
    params: z.object({ items: z.array(solution).min(1, 'Не выбрано ни одного решения').max(200), confirm: z.boolean().default(false) }),
    access: 'substitutions.manage',
    action: 'оформление замен',
    handler: async (p, ctx) => {
      const days = new Map<string, Day>();
      const out = [];
      for (const item of p.items as SolutionInput[]) {
        const row = await ctx.em.findOne(LessonEntity, { where: { id: item.lessonId, deletedAt: IsNull() } });
        if (!row) throw fail.notFound('Урок');
        const day = days.get(row.date) ?? (await Day.load(ctx.em, row.date));
        days.set(row.date, day);
        const lesson = day.byId.get(row.id)!;
        enforce(await checkSolution(ctx, day, lesson, item), p.confirm, lessonLabel(day, lesson));
        await saveSolution(ctx, day, lesson, item);
        out.push(lessonDto(day, lesson));
      }
      return out;
    },
  }),

  'substitutions.remove': mutation({
    params: z.object({ lessonId: id, reason: note }),
    access: 'substitutions.manage',
    action: 'отмена замены',
    handler: async (p, ctx) => {
      const { day, lesson } = await lessonOf(ctx, p.lessonId);
      await removeSolution(ctx, day, lesson, p.reason ?? null);
      return lessonDto(day, lesson);
    },
  }),

  /** Corrects the hours and the «paid» flag of one substitution (the rules give the defaults). */
  'substitutions.setPay': mutation({
    params: z.object({
      id,
      hours: z.number().min(0, 'Часов не может быть меньше нуля').max(2, 'Не больше 2 часов за урок').multipleOf(0.25, 'Часы — с шагом 0,25'),
      paid: z.boolean(),
      note,
    }),
    access: 'substitutions.manage',
    action: 'учёт часов замены',
    handler: async (p, ctx) => {
      const s = await ctx.em.findOne(SubstitutionEntity, { where: { id: p.id, deletedAt: IsNull() } });
      if (!s) throw fail.notFound('Замена');
      if (s.kind === 'cancel' || s.kind === 'room_change') {
        throw new AppError('VALIDATION', 'Часы учитываются только у замены и объединения.', { fields: { hours: 'Часы учитываются только у замены и объединения' } });
      }
      const updated = await ctx.write.update(SubstitutionEntity, s.id, { hours: p.hours, paid: p.paid, ...(p.note !== undefined ? { note: p.note || null } : {}) });
      return { id: updated.id, hours: updated.hours, paid: Boolean(updated.paid), note: updated.note };
    },
  }),

  'substitutions.move': mutation({
    params: z.object({
      lessonId: id,
      toDate: schoolDate,
      toLessonNo: z.number().int().min(1, 'Номер урока — от 1').max(12, 'Номер урока — не больше 12'),
      toRoomId: id.nullable().optional(),
      reason: note,
      confirm: z.boolean().default(false),
    }),
    access: 'substitutions.manage',
    action: 'перенос урока',
    handler: async (p, ctx) => {
      const move = await moveLesson(ctx, p, p.confirm);
      return { id: move.id, lessonId: move.lessonId, toDate: move.toDate, toLessonNo: move.toLessonNo };
    },
  }),

  'substitutions.undoMove': mutation({
    params: z.object({ lessonId: id, confirm: z.boolean().default(false) }),
    access: 'substitutions.manage',
    action: 'отмена переноса урока',
    handler: async (p, ctx) => {
      const lesson = await undoMove(ctx, p.lessonId, p.confirm);
      return { id: lesson.id, date: lesson.date, lessonNo: lesson.lessonNo };
    },
  }),

  /** The ranking weights and the hour rules, with their labels, for the deputy's editor. */
  'substitutions.rules': query({
    params: z.object({}).strict(),
    access: 'substitutions.manage',
    action: 'просмотр правил замен',
    handler: async (_p, ctx) => {
      const all = await getAllSettings(ctx.em);
      return SETTING_KEYS.map((key) => ({ key, label: SETTINGS[key].label, value: all[key] as number | boolean }));
    },
  }),

  'substitutions.setRules': mutation({
    params: z.object({ values: z.record(z.string(), z.union([z.number(), z.boolean()])) }),
    access: 'substitutions.manage',
    action: 'изменение правил замен',
    handler: async (p, ctx) => {
      const fields: Record<string, string> = {};
      const parsed: [RuleKey, number | boolean][] = [];
      for (const [key, value] of Object.entries(p.values)) {
        if (!(SETTING_KEYS as readonly string[]).includes(key)) {
          fields[key] = 'Эта настройка не относится к заменам';
          continue;
        }
        const r = SETTINGS[key as RuleKey].schema.safeParse(value);
        if (!r.success) fields[key] = r.error.issues[0]?.message ?? 'Недопустимое значение';
        else parsed.push([key as RuleKey, r.data as number | boolean]);
      }
      if (Object.keys(fields).length > 0) {
        throw new AppError('VALIDATION', 'Некоторые значения недопустимы: исправьте отмеченные поля.', { fields });
      }
      for (const [key, value] of parsed) await setSetting(ctx.write, key, value as never);
      return null;
    },
  }),

  /** Rooms free at a lesson's time (for a change of room). */
  'substitutions.freeRooms': query({
    params: z.object({ lessonId: id }),
    access: 'substitutions.manage',
    action: 'подбор кабинета',
    handler: async (p, ctx) => {
      const { day, lesson } = await lessonOf(ctx, p.lessonId);
      return { current: roomName(day, day.roomOf(lesson)), rooms: freeRooms(day, lesson) };
    },
  }),
};
