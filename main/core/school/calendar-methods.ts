import { z } from 'zod';
import { mutation, query, noParams, idParam } from '../api/contract';
import { schoolTodayOf } from '../settings/school-today';
import {
  AcademicYearEntity,
  BellScheduleEntity,
  BellSlotEntity,
  HolidayEntity,
  HOLIDAY_KINDS,
  STUDY_PERIOD_KINDS,
  StudyPeriodEntity,
  WorkingDayTransferEntity,
  type AcademicYear,
  type BellSchedule,
  type BellSlot,
  type Holiday,
  type StudyPeriod,
} from '../db/entities/calendar';
import { fail } from '../shared/errors';
import { dateField, findLive, gradeField, idField, invalid, requireLive, requireOpenYear, requiredText } from './common';
import {
  holidayProblems,
  outsideYear,
  periodName,
  periodProblems,
  scheduleDayProblems,
  slotProblems,
  weekdayMask,
  weekdaysOf,
  yearProblems,
} from './calendar-rules';
import { refuseIfUsed } from './in-use';
import { ruDate } from '../shared/dates';

export interface YearDto {
  id: string;
  name: string;
  startDate: string;
  endDate: string;
  status: AcademicYear['status'];
}

export interface BellScheduleDto {
  id: string;
  name: string;
  shift: number;
  /** 1 = Monday … 6 = Saturday; null = every school day (the shift's usual schedule). */
  weekdays: number[] | null;
  slots: { lessonNo: number; startTime: string; endTime: string }[];
}

const yearDto = (y: AcademicYear): YearDto => ({ id: y.id, name: y.name, startDate: y.startDate, endDate: y.endDate, status: y.status });
const periodDto = (p: StudyPeriod) => ({
  id: p.id,
  kind: p.kind,
  ordinal: p.ordinal,
  name: p.name,
  startDate: p.startDate,
  endDate: p.endDate,
  gradeFrom: p.gradeFrom,
  gradeTo: p.gradeTo,
  closed: !!p.closedAt,
});
const holidayDto = (h: Holiday) => ({ id: h.id, name: h.name, kind: h.kind, startDate: h.startDate, endDate: h.endDate });
function scheduleDto(s: BellSchedule, slots: BellSlot[]): BellScheduleDto {
  return {
    id: s.id,
    name: s.name,
    shift: s.shift,
    weekdays: s.weekdays === null ? null : weekdaysOf(s.weekdays),
    slots: slots
      .filter((x) => x.scheduleId === s.id)
      .sort((a, b) => a.lessonNo - b.lessonNo)
      .map((x) => ({ lessonNo: x.lessonNo, startTime: x.startTime, endTime: x.endTime })),
  };
}

const byStart = <T extends { startDate: string }>(a: T, b: T) => a.startDate.localeCompare(b.startDate);

export const calendarMethods = {
  /** The years, and the one to open by default: the one that contains today, else the latest open one. */
  'school.listYears': query({
    params: noParams,
    access: 'school.view',
    action: 'просмотр учебных годов',
    handler: async (_p, ctx) => {
      const years = (await findLive(ctx.em, AcademicYearEntity)).sort(byStart);
      const today = await schoolTodayOf(ctx);
      const current =
        years.find((y) => y.startDate <= today && today <= y.endDate) ??
        [...years].reverse().find((y) => y.status === 'open') ??
        years[years.length - 1];
      return { years: years.map(yearDto), currentYearId: current?.id ?? null, today };
    },
  }),

  'school.saveYear': mutation({
    params: z.object({
      id: idField.optional(),
      name: z.string().trim().max(20, 'Не более 20 символов').optional(),
      startDate: dateField,
      endDate: dateField,
    }),
    access: 'school.edit',
    action: 'изменение учебного года',
    handler: async (p, ctx) => {
      const name = p.name || defaultYearName(p.startDate, p.endDate);
      if (!name) throw invalid({ name: 'Укажите название года, например 2026/2027' });
      const others = await findLive(ctx.em, AcademicYearEntity);
      const problems = yearProblems(p, others, p.id ?? null);
      if (others.some((y) => y.id !== p.id && y.name === name)) problems.add('name', `Учебный год ${name} уже есть`);
      problems.throwIfAny();
      if (!p.id) {
        const year = await ctx.write.insert(AcademicYearEntity, { name, startDate: p.startDate, endDate: p.endDate, status: 'open', closedAt: null, closedBy: null });
        return yearDto(year);
      }
      await requireOpenYear(ctx.em, p.id);
      const inside = [
        ...(await findLive(ctx.em, StudyPeriodEntity, { yearId: p.id })),
        ...(await findLive(ctx.em, HolidayEntity, { yearId: p.id })),
        ...(await findLive(ctx.em, WorkingDayTransferEntity, { yearId: p.id })).map((t) => ({
          name: `рабочий день ${ruDate(t.date)}`,
          startDate: t.date,
          endDate: t.date,
        })),
      ];
      outsideYear(p, inside).throwIfAny();
      return yearDto(await ctx.write.update(AcademicYearEntity, p.id, { name, startDate: p.startDate, endDate: p.endDate }));
    },
  }),

  'school.removeYear': mutation({
    params: idParam,
    access: 'school.edit',
    action: 'удаление учебного года',
    handler: async (p, ctx) => {
      const year = await requireOpenYear(ctx.em, p.id);
      await refuseIfUsed(ctx.em, AcademicYearEntity, p.id, `учебный год ${year.name}`, {
        advice: 'Удалить можно только пустой год, созданный по ошибке.',
      });
      await ctx.write.remove(AcademicYearEntity, p.id);
      return null;
    },
  }),

  /** Everything of a year's calendar at once: periods, holidays, bell schedules. */
  'school.calendar': query({
    params: z.object({ yearId: idField }),
    access: 'school.view',
    action: 'просмотр календаря учебного года',
    handler: async (p, ctx) => {
      const year = await requireLive(ctx.em, AcademicYearEntity, p.yearId, 'Учебный год');
      const periods = (await findLive(ctx.em, StudyPeriodEntity, { yearId: p.yearId })).sort(
        (a, b) => a.gradeFrom - b.gradeFrom || byStart(a, b),
      );
      const holidays = (await findLive(ctx.em, HolidayEntity, { yearId: p.yearId })).sort(byStart);
      const schedules = (await findLive(ctx.em, BellScheduleEntity, { yearId: p.yearId })).sort(
        (a, b) => a.shift - b.shift || (a.weekdays ?? -1) - (b.weekdays ?? -1),
      );
      const slots = schedules.length
        ? await ctx.em
            .createQueryBuilder(BellSlotEntity, 's')
            .where('s.scheduleId IN (:...ids) AND s.deletedAt IS NULL', { ids: schedules.map((s) => s.id) })
            .getMany()
        : [];
      return {
        year: yearDto(year),
        /** The school's date today: a period can be closed from its last day. */
        today: await schoolTodayOf(ctx),
        periods: periods.map(periodDto),
        holidays: holidays.map(holidayDto),
        bellSchedules: schedules.map((s) => scheduleDto(s, slots)),
      };
    },
  }),

  'school.savePeriod': mutation({
    params: z.object({
      id: idField.optional(),
      yearId: idField,
      kind: z.enum(STUDY_PERIOD_KINDS, { error: 'Выберите вид периода' }),
      ordinal: z.number({ error: 'Укажите номер периода' }).int().min(1, 'Номер — от 1'),
      name: z.string().trim().max(50, 'Не более 50 символов').optional(),
      startDate: dateField,
      endDate: dateField,
      gradeFrom: gradeField,
      gradeTo: gradeField,
    }),
    access: 'school.edit',
    action: 'изменение учебных периодов',
    handler: async (p, ctx) => {
      const year = await requireOpenYear(ctx.em, p.yearId);
      const name = p.name || periodName(p.kind, p.ordinal);
      const others = await findLive(ctx.em, StudyPeriodEntity, { yearId: p.yearId });
      periodProblems({ ...p, name }, year, others, p.id ?? null).throwIfAny();
      const values = { kind: p.kind, ordinal: p.ordinal, name, startDate: p.startDate, endDate: p.endDate, gradeFrom: p.gradeFrom, gradeTo: p.gradeTo };
      if (!p.id) return periodDto(await ctx.write.insert(StudyPeriodEntity, { yearId: p.yearId, closedAt: null, ...values }));
      const current = await requireLive(ctx.em, StudyPeriodEntity, p.id, 'Учебный период');
      if (current.yearId !== p.yearId) throw fail.notFound('Учебный период');
      if (current.closedAt) throw fail.readOnly(`«${current.name}»: период закрыт для изменений, его даты менять нельзя.`);
      return periodDto(await ctx.write.update(StudyPeriodEntity, p.id, values));
    },
  }),

  'school.removePeriod': mutation({
    params: idParam,
    access: 'school.edit',
    action: 'удаление учебного периода',
    handler: async (p, ctx) => {
      const period = await requireLive(ctx.em, StudyPeriodEntity, p.id, 'Учебный период');
      await requireOpenYear(ctx.em, period.yearId);
      await refuseIfUsed(ctx.em, StudyPeriodEntity, p.id, `период «${period.name}»`);
      await ctx.write.remove(StudyPeriodEntity, p.id);
      return null;
    },
  }),

  'school.saveHoliday': mutation({
    params: z.object({
      id: idField.optional(),
      yearId: idField,
      name: requiredText(200, 'Введите название, например «Осенние каникулы»'),
      kind: z.enum(HOLIDAY_KINDS, { error: 'Выберите вид' }),
      startDate: dateField,
      endDate: dateField,
    }),
    access: 'school.edit',
    action: 'изменение каникул',
    handler: async (p, ctx) => {
      const year = await requireOpenYear(ctx.em, p.yearId);
      const others = await findLive(ctx.em, HolidayEntity, { yearId: p.yearId });
      holidayProblems(p, year, others, p.id ?? null).throwIfAny();
      const values = { name: p.name, kind: p.kind, startDate: p.startDate, endDate: p.endDate };
      if (!p.id) return holidayDto(await ctx.write.insert(HolidayEntity, { yearId: p.yearId, ...values }));
      const current = await requireLive(ctx.em, HolidayEntity, p.id, 'Запись о каникулах');
      if (current.yearId !== p.yearId) throw fail.notFound('Запись о каникулах');
      return holidayDto(await ctx.write.update(HolidayEntity, p.id, values));
    },
  }),

  'school.removeHoliday': mutation({
    params: idParam,
    access: 'school.edit',
    action: 'удаление каникул',
    handler: async (p, ctx) => {
      const h = await requireLive(ctx.em, HolidayEntity, p.id, 'Запись о каникулах');
      await requireOpenYear(ctx.em, h.yearId);
      await ctx.write.remove(HolidayEntity, p.id);
      return null;
    },
  }),

  /** A bell schedule with its lessons, saved whole: the lessons are its parts, kept in step with the form. */
  'school.saveBellSchedule': mutation({
    params: z.object({
      id: idField.optional(),
      yearId: idField,
      name: requiredText(100, 'Введите название, например «Основной»'),
      shift: z.union([z.literal(1), z.literal(2)], { error: 'Смена — 1 или 2' }),
      weekdays: z.array(z.number().int().min(1).max(6)).nullable().optional(),
      slots: z.array(
        z.object({
          lessonNo: z.number({ error: 'Укажите номер урока' }).int().min(0).max(12, 'Не больше 12 уроков'),
          startTime: z.string().trim(),
          endTime: z.string().trim(),
        }),
      ),
    }),
    access: 'school.edit',
    action: 'изменение режима звонков',
    handler: async (p, ctx) => {
      await requireOpenYear(ctx.em, p.yearId);
      const slots = [...p.slots].sort((a, b) => a.lessonNo - b.lessonNo);
      const problems = slotProblems(slots);
      const weekdays = weekdayMask(p.weekdays ?? null);
      const others = await findLive(ctx.em, BellScheduleEntity, { yearId: p.yearId });
      for (const [k, v] of Object.entries(scheduleDayProblems({ shift: p.shift, weekdays }, others, p.id ?? null).fields)) problems.add(k, v);
      if (others.some((o) => o.id !== p.id && o.name.toLowerCase() === p.name.toLowerCase())) {
        problems.add('name', `Режим «${p.name}» уже есть в этом учебном году`);
      }
      problems.throwIfAny();
      let schedule: BellSchedule;
      if (!p.id) {
        schedule = await ctx.write.insert(BellScheduleEntity, { yearId: p.yearId, name: p.name, shift: p.shift, weekdays });
      } else {
        const current = await requireLive(ctx.em, BellScheduleEntity, p.id, 'Режим звонков');
        if (current.yearId !== p.yearId) throw fail.notFound('Режим звонков');
        schedule = await ctx.write.update(BellScheduleEntity, p.id, { name: p.name, shift: p.shift, weekdays });
      }
      const existing = await findLive(ctx.em, BellSlotEntity, { scheduleId: schedule.id });
      for (const s of slots) {
        const row = existing.find((e) => e.lessonNo === s.lessonNo);
        if (row) await ctx.write.update(BellSlotEntity, row.id, { startTime: s.startTime, endTime: s.endTime });
        else await ctx.write.insert(BellSlotEntity, { scheduleId: schedule.id, ...s });
      }
      for (const row of existing) if (!slots.some((s) => s.lessonNo === row.lessonNo)) await ctx.write.remove(BellSlotEntity, row.id);
      return scheduleDto(schedule, await findLive(ctx.em, BellSlotEntity, { scheduleId: schedule.id }));
    },
  }),

  'school.removeBellSchedule': mutation({
    params: idParam,
    access: 'school.edit',
    action: 'удаление режима звонков',
    handler: async (p, ctx) => {
      const schedule = await requireLive(ctx.em, BellScheduleEntity, p.id, 'Режим звонков');
      await requireOpenYear(ctx.em, schedule.yearId);
      await refuseIfUsed(ctx.em, BellScheduleEntity, p.id, `режим звонков «${schedule.name}»`, {
        except: ['BellSlot'],
        advice: 'Сначала выберите для этих классов другой режим.',
      });
      for (const slot of await findLive(ctx.em, BellSlotEntity, { scheduleId: p.id })) await ctx.write.remove(BellSlotEntity, slot.id);
      await ctx.write.remove(BellScheduleEntity, p.id);
      return null;
    },
  }),
};

/** 2026-09-01 … 2027-05-31 → «2026/2027». */
function defaultYearName(startDate: string, endDate: string): string | null {
  const a = Number(startDate.slice(0, 4));
  const b = Number(endDate.slice(0, 4));
  return b === a + 1 ? `${a}/${b}` : null;
}

