import { z } from 'zod';
import { mutation, query } from '../api/contract';
import { fail } from '../shared/errors';
import { newId } from '../shared/ids';
import { TimetableEntryEntity, type TimetableEntry } from '../db/entities/planning';
import { requireOpenYear } from '../school/common';
import { loadContext, placementOf, type TimetableContext } from './context';
import { conflictDtos, entryDto, reasonDtos } from './dto';
import { cardOf, checkDraft, confirmOrRefuse, slotFields, warningsFor } from './entry-rules';
import type { Placement } from './model';
import { slotStatuses } from './slots';

const uuid = z.string().uuid();
const force = z.boolean().default(false);

async function editable(em: Parameters<typeof loadContext>[0], timetableId: string): Promise<TimetableContext> {
  const ctx = await loadContext(em, timetableId);
  await requireOpenYear(em, ctx.timetable.yearId);
  return ctx;
}

async function contextOfEntry(em: Parameters<typeof loadContext>[0], entryId: string): Promise<{ ctx: TimetableContext; entry: TimetableEntry }> {
  const entry = await em.findOne(TimetableEntryEntity, { where: { id: entryId } });
  if (!entry || entry.deletedAt) throw fail.notFound('Урок расписания');
  const ctx = await editable(em, entry.timetableId);
  return { ctx, entry: ctx.entries.find((e) => e.id === entryId)! };
}

/** After a change: the timetable's conflicts as they now stand. */
async function conflictsNow(em: Parameters<typeof loadContext>[0], timetableId: string) {
  return conflictDtos(await loadContext(em, timetableId));
}

export const timetableEntryMethods = {
  /**
   * Puts a lesson into a slot. A slot that breaks a rule (a busy teacher,
   * room or class, the teacher's unavailable time) is refused with the reasons
   * unless `force` confirms it; the lesson then stays in the conflicts list.
   * `withEntryId` places it as a part of that lesson's card (a subgroup
   * beside the other subgroup, a class joining another class's lesson).
   */
  'timetable.place': mutation({
    params: z.object({
      timetableId: uuid,
      weekday: slotFields.weekday,
      lessonNo: slotFields.lessonNo,
      weekParity: slotFields.weekParity.default(0),
      classId: z.string({ error: 'Выберите класс' }).uuid('Выберите класс'),
      groupId: uuid.nullish(),
      subjectId: z.string({ error: 'Выберите предмет' }).uuid('Выберите предмет'),
      staffId: z.string({ error: 'Выберите учителя' }).uuid('Выберите учителя'),
      roomId: uuid.nullish(),
      individualPlanId: uuid.nullish(),
      withEntryId: uuid.nullish(),
      force,
    }),
    access: 'timetable.edit',
    action: 'составление расписания',
    handler: async (p, ctx) => {
      const tctx = await editable(ctx.em, p.timetableId);
      const draft = {
        classId: p.classId,
        groupId: p.groupId ?? null,
        subjectId: p.subjectId,
        staffId: p.staffId,
        roomId: p.roomId ?? null,
        individualPlanId: p.individualPlanId ?? null,
        weekParity: p.weekParity,
      };
      checkDraft(tctx, draft);
      let cardId: string | null = null;
      if (p.withEntryId) {
        const mate = tctx.entries.find((e) => e.id === p.withEntryId);
        if (!mate) throw fail.notFound('Урок, к которому присоединяется этот');
        if (mate.weekday !== p.weekday || mate.lessonNo !== p.lessonNo) {
          throw fail.validation('Части одного урока стоят в одно время: выберите тот же день и номер урока.', { lessonNo: 'Другое время' });
        }
        cardId = mate.cardId ?? newId();
        if (!mate.cardId) await ctx.write.update(TimetableEntryEntity, mate.id, { cardId });
      }
      const placement: Placement = { id: newId(), weekday: p.weekday, lessonNo: p.lessonNo, ...draft, cardId };
      const warnings = reasonDtos(tctx.index.reasons(placement), tctx);
      confirmOrRefuse(tctx, warnings, p.force);
      const entry = await ctx.write.insert(TimetableEntryEntity, { ...placement, timetableId: p.timetableId });
      return { entry: entryDto(entry), warnings, conflicts: await conflictsNow(ctx.em, p.timetableId) };
    },
  }),

  /** Moves a lesson (with the other parts of its card, unless `alone`) to another slot. */
  'timetable.move': mutation({
    params: z.object({
      entryId: uuid,
      weekday: slotFields.weekday,
      lessonNo: slotFields.lessonNo,
      weekParity: slotFields.weekParity.optional(),
      alone: z.boolean().default(false),
      force,
    }),
    access: 'timetable.edit',
    action: 'перестановка урока в расписании',
    handler: async (p, ctx) => {
      const { ctx: tctx, entry } = await contextOfEntry(ctx.em, p.entryId);
      if (tctx.timetable.cycleWeeks === 1 && (p.weekParity ?? 0) !== 0) throw fail.validation('Расписание на одну неделю: недели А и Б не различаются.', { weekParity: 'Только «каждая неделя»' });
      const mates = p.alone ? [placementOf(entry)] : cardOf(tctx, entry.id);
      const moving = new Set(mates.map((m) => m.id));
      // A card moves as a whole: a new week, when given, is every part's.
      const moved = mates.map((m) => ({ ...m, weekday: p.weekday, lessonNo: p.lessonNo, weekParity: p.weekParity ?? m.weekParity }));
      const warnings = warningsFor(tctx, moved, moving);
      confirmOrRefuse(tctx, warnings, p.force);
      for (const m of moved) {
        await ctx.write.update(TimetableEntryEntity, m.id, {
          weekday: m.weekday,
          lessonNo: m.lessonNo,
          weekParity: m.weekParity,
          // A part moved away from its card is a lesson of its own.
          ...(p.alone && m.cardId ? { cardId: null } : {}),
        });
      }
      return { moved: moved.map((m) => m.id), warnings, conflicts: await conflictsNow(ctx.em, tctx.timetable.id) };
    },
  }),

  /** Swaps two lessons' slots (each with its card). */
  'timetable.swap': mutation({
    params: z.object({ entryId: uuid, otherEntryId: uuid, force }),
    access: 'timetable.edit',
    action: 'перестановка уроков в расписании',
    handler: async (p, ctx) => {
      const { ctx: tctx, entry } = await contextOfEntry(ctx.em, p.entryId);
      const other = tctx.entries.find((e) => e.id === p.otherEntryId);
      if (!other) throw fail.notFound('Второй урок для перестановки');
      const a = cardOf(tctx, entry.id);
      const b = cardOf(tctx, other.id);
      if (a.some((x) => b.some((y) => y.id === x.id))) throw fail.validation('Это части одного и того же урока: переставлять их между собой не нужно.');
      const moving = new Set([...a, ...b].map((x) => x.id));
      const moved = [
        ...a.map((x) => ({ ...x, weekday: other.weekday, lessonNo: other.lessonNo, weekParity: x.weekParity === entry.weekParity ? other.weekParity : x.weekParity })),
        ...b.map((y) => ({ ...y, weekday: entry.weekday, lessonNo: entry.lessonNo, weekParity: y.weekParity === other.weekParity ? entry.weekParity : y.weekParity })),
      ];
      const warnings = warningsFor(tctx, moved, moving);
      confirmOrRefuse(tctx, warnings, p.force);
      for (const m of moved) await ctx.write.update(TimetableEntryEntity, m.id, { weekday: m.weekday, lessonNo: m.lessonNo, weekParity: m.weekParity });
      return { moved: moved.map((m) => m.id), warnings, conflicts: await conflictsNow(ctx.em, tctx.timetable.id) };
    },
  }),

  /** Changes a lesson's teacher, room, group, subject or week; the slot stays. */
  'timetable.updateEntry': mutation({
    params: z.object({
      entryId: uuid,
      staffId: uuid.optional(),
      roomId: uuid.nullish(),
      groupId: uuid.nullish(),
      subjectId: uuid.optional(),
      weekParity: slotFields.weekParity.optional(),
      force,
    }),
    access: 'timetable.edit',
    action: 'изменение урока в расписании',
    handler: async (p, ctx) => {
      const { ctx: tctx, entry } = await contextOfEntry(ctx.em, p.entryId);
      const next: Placement = {
        ...placementOf(entry),
        staffId: p.staffId ?? entry.staffId,
        roomId: p.roomId === undefined ? entry.roomId : p.roomId,
        groupId: p.groupId === undefined ? entry.groupId : p.groupId,
        subjectId: p.subjectId ?? entry.subjectId,
        weekParity: p.weekParity ?? entry.weekParity,
      };
      checkDraft(tctx, next);
      const warnings = reasonDtos(tctx.index.reasons(next, new Set([entry.id])), tctx);
      confirmOrRefuse(tctx, warnings, p.force);
      const updated = await ctx.write.update(TimetableEntryEntity, entry.id, {
        staffId: next.staffId,
        roomId: next.roomId,
        groupId: next.groupId,
        subjectId: next.subjectId,
        weekParity: next.weekParity,
      });
      return { entry: entryDto(updated), warnings, conflicts: await conflictsNow(ctx.em, tctx.timetable.id) };
    },
  }),

  /** Takes a lesson out of the timetable (only this part of its card). */
  'timetable.removeEntry': mutation({
    params: z.object({ entryId: uuid }),
    access: 'timetable.edit',
    action: 'удаление урока из расписания',
    handler: async (p, ctx) => {
      const { ctx: tctx, entry } = await contextOfEntry(ctx.em, p.entryId);
      await ctx.write.remove(TimetableEntryEntity, entry.id);
      return { id: entry.id, conflicts: await conflictsNow(ctx.em, tctx.timetable.id) };
    },
  }),

  /**
   * Every slot of the week for a lesson being placed or moved: free, or the
   * reasons why not. Give `entryId` for a lesson already placed (its card
   * moves with it), or the lesson's fields for a new one.
   */
  'timetable.slots': query({
    params: z.object({
      timetableId: uuid,
      entryId: uuid.nullish(),
      alone: z.boolean().default(false),
      lesson: z
        .object({
          classId: uuid,
          groupId: uuid.nullish(),
          subjectId: uuid,
          staffId: uuid,
          roomId: uuid.nullish(),
          individualPlanId: uuid.nullish(),
          weekParity: slotFields.weekParity.default(0),
        })
        .nullish(),
      days: z.number().int().min(5).max(6).default(6),
      lessonsPerDay: z.number().int().min(1).max(12).default(8),
    }),
    access: 'school.view',
    action: 'проверка свободных мест в расписании',
    handler: async (p, ctx) => {
      const tctx = await loadContext(ctx.em, p.timetableId);
      let lessons: Placement[];
      if (p.entryId) {
        const entry = tctx.entries.find((e) => e.id === p.entryId);
        if (!entry) throw fail.notFound('Урок расписания');
        lessons = p.alone ? [placementOf(entry)] : cardOf(tctx, entry.id);
      } else if (p.lesson) {
        const l = p.lesson;
        lessons = [
          {
            id: 'new',
            weekday: 1,
            lessonNo: 1,
            weekParity: l.weekParity,
            classId: l.classId,
            groupId: l.groupId ?? null,
            subjectId: l.subjectId,
            staffId: l.staffId,
            roomId: l.roomId ?? null,
            individualPlanId: l.individualPlanId ?? null,
            cardId: null,
          },
        ];
      } else {
        throw fail.validation('Укажите урок, для которого ищутся свободные места.');
      }
      const ignore = new Set(lessons.map((l) => l.id));
      const merged = new Map<string, { weekday: number; lessonNo: number; free: boolean; reasons: ReturnType<typeof reasonDtos> }>();
      for (const l of lessons) {
        for (const s of slotStatuses(tctx.index, l, p.days, p.lessonsPerDay, ignore)) {
          const key = `${s.weekday}|${s.lessonNo}`;
          const row = merged.get(key) ?? { weekday: s.weekday, lessonNo: s.lessonNo, free: true, reasons: [] };
          const texts = reasonDtos(s.reasons, tctx).filter((r) => !row.reasons.some((x) => x.message === r.message));
          row.reasons.push(...texts);
          row.free = row.reasons.length === 0;
          merged.set(key, row);
        }
      }
      return [...merged.values()];
    },
  }),
};
