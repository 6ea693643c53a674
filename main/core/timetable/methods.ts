import { z } from 'zod';
import { IsNull } from 'typeorm';
import { mutation, query, schoolDate } from '../api/contract';
import { schoolTodayOf } from '../settings/school-today';
import { fail } from '../shared/errors';
import { newId } from '../shared/ids';
import { TimetableEntity, TimetableEntryEntity } from '../db/entities/planning';
import { AcademicYearEntity } from '../db/entities/calendar';
import { requireOpenYear } from '../school/common';
import { getSetting } from '../settings/store';
import { regenerateLessons } from '../lessons/regenerate';
import { loadContext, loadTimetable } from './context';
import { bellDtos, conflictDtos, entryDto, referenceDtos, timetableDto } from './dto';
import { timetableHours } from './hours-load';
import { pendingSince } from './pending';
import { ruDate } from '../shared/dates';

const id = z.string().uuid('Выберите расписание');
const name = z.string().trim().min(1, 'Введите название расписания').max(200, 'Не более 200 символов');
const cycle = z.union([z.literal(1), z.literal(2)], { error: 'Цикл расписания — одна или две недели' });

export const timetableMethods = {
  /** The timetables of a year (the current one by default), newest start first. */
  'timetable.list': query({
    params: z.object({ yearId: z.string().uuid().optional() }),
    access: 'school.view',
    action: 'просмотр расписаний',
    handler: async (p, ctx) => {
      const years = await ctx.em.find(AcademicYearEntity, { where: { deletedAt: IsNull() } });
      if (years.length === 0) return { yearId: null, years: [], timetables: [] };
      const today = await schoolTodayOf(ctx);
      const sorted = years.sort((a, b) => (a.startDate < b.startDate ? -1 : 1));
      const year = p.yearId
        ? sorted.find((y) => y.id === p.yearId)
        : (sorted.find((y) => y.startDate <= today && today <= y.endDate) ?? sorted[sorted.length - 1]);
      if (!year) throw fail.notFound('Учебный год');
      const list = await ctx.em.find(TimetableEntity, { where: { yearId: year.id, deletedAt: IsNull() } });
      const counts = await ctx.em
        .createQueryBuilder(TimetableEntryEntity, 'e')
        .select('e.timetableId', 'timetableId')
        .addSelect('COUNT(*)', 'n')
        .where('e.deletedAt IS NULL')
        .groupBy('e.timetableId')
        .getRawMany<{ timetableId: string; n: string | number }>();
      const countOf = new Map(counts.map((c) => [c.timetableId, Number(c.n)]));
      return {
        yearId: year.id,
        today,
        years: sorted.map((y) => ({ id: y.id, name: y.name, startDate: y.startDate, endDate: y.endDate, status: y.status })),
        timetables: list
          .sort((a, b) => (a.validFrom < b.validFrom ? 1 : a.validFrom > b.validFrom ? -1 : 0))
          .map((t) => ({ ...timetableDto(t), entries: countOf.get(t.id) ?? 0 })),
      };
    },
  }),

  /** One timetable with everything its grids show: entries, reference data, bells, conflicts. */
  'timetable.get': query({
    params: z.object({ id }),
    access: 'school.view',
    action: 'просмотр расписания',
    handler: async (p, ctx) => {
      const c = await loadContext(ctx.em, p.id);
      const schoolDays = await getSetting(ctx.em, 'timetable.schoolDays');
      const maxBell = Math.max(0, ...c.bells.map((b) => b.lessonNo));
      const maxEntry = Math.max(0, ...c.entries.map((e) => e.lessonNo));
      return {
        timetable: timetableDto(c.timetable),
        days: Math.max(schoolDays, ...c.entries.map((e) => e.weekday)),
        lessonsPerDay: Math.max(maxBell, maxEntry, 7),
        entries: c.entries.map(entryDto),
        ...referenceDtos(c),
        bells: bellDtos(c),
        conflicts: conflictDtos(c),
        pendingSince: c.timetable.status === 'active' ? await pendingSince(ctx.em, c.timetable) : null,
      };
    },
  }),

  'timetable.conflicts': query({
    params: z.object({ id }),
    access: 'school.view',
    action: 'просмотр конфликтов расписания',
    handler: async (p, ctx) => conflictDtos(await loadContext(ctx.em, p.id)),
  }),

  /** Hours placed against the curriculum (per class, subject, group) and the load (per teacher). */
  'timetable.hours': query({
    params: z.object({ id }),
    access: 'school.view',
    action: 'сверка часов расписания с учебным планом',
    handler: async (p, ctx) => timetableHours(ctx.em, await loadContext(ctx.em, p.id)),
  }),

  /** A new timetable (a draft), empty or a copy of another one: the way to a new timetable from the second quarter. */
  'timetable.create': mutation({
    params: z.object({
      yearId: z.string().uuid('Выберите учебный год'),
      name,
      validFrom: schoolDate,
      cycleWeeks: cycle.default(1),
      copyFromId: z.string().uuid().nullish(),
    }),
    access: 'timetable.edit',
    action: 'создание расписания',
    handler: async (p, ctx) => {
      const year = await requireOpenYear(ctx.em, p.yearId);
      if (p.validFrom < year.startDate || p.validFrom > year.endDate) {
        throw fail.validation(`Дата начала должна быть внутри учебного года ${year.name} (${ruDate(year.startDate)} — ${ruDate(year.endDate)}).`, {
          validFrom: 'Дата вне учебного года',
        });
      }
      const t = await ctx.write.insert(TimetableEntity, { yearId: p.yearId, name: p.name, validFrom: p.validFrom, validTo: null, cycleWeeks: p.cycleWeeks, status: 'draft' });
      let copied = 0;
      if (p.copyFromId) {
        const source = await loadTimetable(ctx.em, p.copyFromId);
        if (source.yearId !== p.yearId) throw fail.validation('Копировать можно расписание того же учебного года.', { copyFromId: 'Расписание другого года' });
        const entries = await ctx.em.find(TimetableEntryEntity, { where: { timetableId: source.id, deletedAt: IsNull() } });
        const cards = new Map<string, string>();
        // A school's week is a thousand entries and more: written in batches, each with its audit event.
        const rows = entries.map((e) => ({
          timetableId: t.id,
          weekday: e.weekday,
          lessonNo: e.lessonNo,
          // A copy into a one-week timetable puts week A and B lessons on every week: the deputy sorts them out.
          weekParity: p.cycleWeeks === 1 ? 0 : e.weekParity,
          classId: e.classId,
          groupId: e.groupId,
          subjectId: e.subjectId,
          staffId: e.staffId,
          roomId: e.roomId,
          individualPlanId: e.individualPlanId,
          cardId: e.cardId ? (cards.get(e.cardId) ?? cards.set(e.cardId, newId()).get(e.cardId)!) : null,
        }));
        await ctx.write.insertMany(TimetableEntryEntity, rows);
        copied = rows.length;
      }
      return { ...timetableDto(t), entries: copied };
    },
  }),

  /** Renames a timetable or changes its cycle or dates; an active one brings its lessons in line from the earlier start. */
  'timetable.update': mutation({
    params: z.object({
      id,
      name: name.optional(),
      validFrom: schoolDate.optional(),
      validTo: schoolDate.nullish(),
      cycleWeeks: cycle.optional(),
    }),
    access: 'timetable.edit',
    action: 'изменение расписания',
    handler: async (p, ctx) => {
      const t = await loadTimetable(ctx.em, p.id);
      const year = await requireOpenYear(ctx.em, t.yearId);
      const validFrom = p.validFrom ?? t.validFrom;
      const validTo = p.validTo === undefined ? t.validTo : p.validTo;
      if (validFrom < year.startDate || validFrom > year.endDate) {
        throw fail.validation('Дата начала должна быть внутри учебного года.', { validFrom: 'Дата вне учебного года' });
      }
      if (validTo && validTo < validFrom) throw fail.validation('Дата окончания раньше даты начала.', { validTo: 'Раньше даты начала' });
      if (t.status === 'active' && validFrom !== t.validFrom) await assertNoTwin(ctx.em, t.yearId, t.id, validFrom);
      if (p.cycleWeeks === 1 && t.cycleWeeks === 2) {
        const alternating = await ctx.em
          .createQueryBuilder(TimetableEntryEntity, 'e')
          .where('e.timetableId = :id AND e.weekParity <> 0 AND e.deletedAt IS NULL', { id: t.id })
          .getCount();
        if (alternating > 0) {
          throw fail.validation(
            `В расписании ${alternating} ${alternating % 10 === 1 && alternating % 100 !== 11 ? 'урок стоит' : 'уроков стоят'} только по неделе А или Б. Чтобы перейти на одну неделю, поставьте их на каждую неделю или уберите.`,
            { cycleWeeks: 'В расписании есть уроки недель А и Б' },
          );
        }
      }
      const updated = await ctx.write.update(TimetableEntity, t.id, { name: p.name, validFrom, validTo, cycleWeeks: p.cycleWeeks });
      let lessons = null;
      if (t.status === 'active') {
        const from = validFrom < t.validFrom ? validFrom : t.validFrom;
        lessons = await regenerateLessons(ctx.write, t.yearId, from);
      }
      return { timetable: timetableDto(updated), lessons };
    },
  }),

  /**
   * Puts a timetable in force from its start date (or the date given): the
   * lessons from that date are made from it; earlier lessons stay as they were.
   */
  'timetable.activate': mutation({
    params: z.object({ id, validFrom: schoolDate.optional() }),
    access: 'timetable.edit',
    action: 'ввод расписания в действие',
    handler: async (p, ctx) => {
      const t = await loadTimetable(ctx.em, p.id);
      const year = await requireOpenYear(ctx.em, t.yearId);
      const validFrom = p.validFrom ?? t.validFrom;
      if (validFrom < year.startDate || validFrom > year.endDate) {
        throw fail.validation('Дата начала должна быть внутри учебного года.', { validFrom: 'Дата вне учебного года' });
      }
      await assertNoTwin(ctx.em, t.yearId, t.id, validFrom);
      const updated = await ctx.write.update(TimetableEntity, t.id, { status: 'active', validFrom });
      const from = t.status === 'active' && t.validFrom < validFrom ? t.validFrom : validFrom;
      const lessons = await regenerateLessons(ctx.write, t.yearId, from);
      return { timetable: timetableDto(updated), lessons };
    },
  }),

  /** Takes a timetable out of force: its lessons from its start date are made again from the timetables left. */
  'timetable.deactivate': mutation({
    params: z.object({ id }),
    access: 'timetable.edit',
    action: 'вывод расписания из действия',
    handler: async (p, ctx) => {
      const t = await loadTimetable(ctx.em, p.id);
      await requireOpenYear(ctx.em, t.yearId);
      if (t.status !== 'active') return { timetable: timetableDto(t), lessons: null };
      const updated = await ctx.write.update(TimetableEntity, t.id, { status: 'draft' });
      const lessons = await regenerateLessons(ctx.write, t.yearId, t.validFrom);
      return { timetable: timetableDto(updated), lessons };
    },
  }),

  /** Removes a draft timetable with its entries. An active one must be taken out of force first. */
  'timetable.remove': mutation({
    params: z.object({ id }),
    access: 'timetable.edit',
    action: 'удаление расписания',
    handler: async (p, ctx) => {
      const t = await loadTimetable(ctx.em, p.id);
      await requireOpenYear(ctx.em, t.yearId);
      if (t.status === 'active') {
        throw fail.conflict(`Расписание «${t.name}» действует с ${ruDate(t.validFrom)}. Сначала выведите его из действия, затем удалите.`);
      }
      const entries = await ctx.em.find(TimetableEntryEntity, { where: { timetableId: t.id, deletedAt: IsNull() } });
      await ctx.write.removeMany(
        TimetableEntryEntity,
        entries.map((e) => e.id),
      );
      await ctx.write.remove(TimetableEntity, t.id);
      return { id: t.id };
    },
  }),

};

/** Two active timetables cannot start on one day: which would the day follow? */
async function assertNoTwin(em: Parameters<typeof loadTimetable>[0], yearId: string, selfId: string, validFrom: string): Promise<void> {
  const twin = await em.findOne(TimetableEntity, { where: { yearId, validFrom, status: 'active', deletedAt: IsNull() } });
  if (twin && twin.id !== selfId) {
    throw fail.conflict(`С ${ruDate(validFrom)} уже действует расписание «${twin.name}». Выберите другую дату начала или выведите то расписание из действия.`, {
      fields: { validFrom: 'На эту дату уже есть действующее расписание' },
    });
  }
}
