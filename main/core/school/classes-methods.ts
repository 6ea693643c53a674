import { z } from 'zod';
import { mutation, query, noParams, idParam } from '../api/contract';
import { schoolTodayOf } from '../settings/school-today';
import { ROOM_KINDS, RoomEntity, SchoolClassEntity, type Room, type SchoolClass } from '../db/entities/school';
import { AcademicYearEntity, BellScheduleEntity } from '../db/entities/calendar';
import { ClassMembershipEntity } from '../db/entities/contingent';
import { StaffEntity } from '../db/entities/staff';
import { compareRu, shortName } from '../shared/text';
import { fail } from '../shared/errors';
import { Problems, findLive, gradeField, idField, optionalId, optionalText, requireLive, requireOpenYear, requiredText } from './common';
import { refuseIfUsed } from './in-use';
import { ruDate } from '../shared/dates';

export interface ClassDto {
  id: string;
  yearId: string;
  gradeLevel: number;
  letter: string;
  name: string;
  classTeacherId: string | null;
  classTeacherName: string | null;
  shift: number;
  bellScheduleId: string | null;
  roomId: string | null;
  roomNumber: string | null;
  /** Students in the class today (or on the year's last day, for a past year). */
  studentCount: number;
}

const roomDto = (r: Room) => ({ id: r.id, number: r.number, name: r.name, capacity: r.capacity, kind: r.kind, note: r.note });

/** «5А», sorted as a school lists them: by grade, then letter. */
export function compareClasses(a: { gradeLevel: number; letter: string }, b: { gradeLevel: number; letter: string }): number {
  return a.gradeLevel - b.gradeLevel || compareRu(a.letter, b.letter);
}

async function classDtos(em: Parameters<typeof findLive>[0], yearId: string, today: string): Promise<ClassDto[]> {
  const classes = (await findLive(em, SchoolClassEntity, { yearId })).sort(compareClasses);
  const staff = new Map((await findLive(em, StaffEntity)).map((s) => [s.id, s]));
  const rooms = new Map((await findLive(em, RoomEntity)).map((r) => [r.id, r]));
  const counts = new Map<string, number>();
  if (classes.length) {
    const rows = await em
      .createQueryBuilder(ClassMembershipEntity, 'm')
      .select('m.classId', 'classId')
      .addSelect('COUNT(*)', 'n')
      .where('m.classId IN (:...ids) AND m.deletedAt IS NULL', { ids: classes.map((c) => c.id) })
      .andWhere('m.fromDate <= :today AND (m.toDate IS NULL OR m.toDate >= :today)', { today })
      .groupBy('m.classId')
      .getRawMany<{ classId: string; n: string | number }>();
    for (const r of rows) counts.set(r.classId, Number(r.n));
  }
  return classes.map((c) => {
    const teacher = c.classTeacherId ? staff.get(c.classTeacherId) : undefined;
    return {
      id: c.id,
      yearId: c.yearId,
      gradeLevel: c.gradeLevel,
      letter: c.letter,
      name: c.name,
      classTeacherId: c.classTeacherId,
      classTeacherName: teacher ? shortName(teacher) : null,
      shift: c.shift,
      bellScheduleId: c.bellScheduleId,
      roomId: c.roomId,
      roomNumber: c.roomId ? (rooms.get(c.roomId)?.number ?? null) : null,
      studentCount: counts.get(c.id) ?? 0,
    };
  });
}

/** The class letter as schools write it: «а» → «А»; one to three Russian capitals («А», «ИТ»). */
function normaliseLetter(letter: string): string {
  return letter.trim().toLocaleUpperCase('ru-RU');
}

export const classMethods = {
  'school.listClasses': query({
    params: z.object({ yearId: idField }),
    access: 'school.view',
    action: 'просмотр классов',
    handler: async (p, ctx) => {
      const year = await requireLive(ctx.em, AcademicYearEntity, p.yearId, 'Учебный год');
      const today = await schoolTodayOf(ctx);
      const day = today < year.startDate ? year.startDate : today > year.endDate ? year.endDate : today;
      return classDtos(ctx.em, p.yearId, day);
    },
  }),

  /**
   * A class: grade 1–11, a letter, unique in its year; its class teacher leads
   * no other class that year and still works at school; its bell schedule is
   * one of the same year and shift.
   */
  'school.saveClass': mutation({
    params: z.object({
      id: idField.optional(),
      yearId: idField,
      gradeLevel: gradeField,
      letter: requiredText(3, 'Укажите букву класса').transform(normaliseLetter),
      classTeacherId: optionalId,
      shift: z.union([z.literal(1), z.literal(2)], { error: 'Смена — 1 или 2' }),
      bellScheduleId: optionalId,
      roomId: optionalId,
    }),
    access: 'school.edit',
    action: 'изменение классов',
    handler: async (p, ctx) => {
      const year = await requireOpenYear(ctx.em, p.yearId);
      const problems = new Problems();
      if (!/^[А-ЯЁ]{1,3}$/.test(p.letter)) problems.add('letter', 'Буква класса — русская буква: А, Б, В');
      const name = `${p.gradeLevel}${p.letter}`;
      const classes = await findLive(ctx.em, SchoolClassEntity, { yearId: p.yearId });
      if (classes.some((c) => c.id !== p.id && c.name === name)) problems.add('letter', `Класс ${name} уже есть в ${year.name} учебном году`);
      if (p.classTeacherId) {
        const teacher = await ctx.em.findOne(StaffEntity, { where: { id: p.classTeacherId } });
        if (!teacher || teacher.deletedAt) problems.add('classTeacherId', 'Выберите сотрудника из списка');
        else if (teacher.leftOn && teacher.leftOn < year.endDate) problems.add('classTeacherId', `${shortName(teacher)} уволен(а) с ${ruDate(teacher.leftOn)}`);
        else {
          const other = classes.find((c) => c.id !== p.id && c.classTeacherId === p.classTeacherId);
          if (other) problems.add('classTeacherId', `${shortName(teacher)} уже классный руководитель ${other.name}`);
        }
      }
      if (p.bellScheduleId) {
        const schedule = await ctx.em.findOne(BellScheduleEntity, { where: { id: p.bellScheduleId } });
        if (!schedule || schedule.deletedAt || schedule.yearId !== p.yearId) problems.add('bellScheduleId', 'Выберите режим звонков этого учебного года');
        else if (schedule.shift !== p.shift) {
          problems.add('bellScheduleId', `Режим «${schedule.name}» — для ${schedule.shift} смены, а класс учится в ${p.shift} смене`);
        }
      }
      if (p.roomId) {
        const room = await ctx.em.findOne(RoomEntity, { where: { id: p.roomId } });
        if (!room || room.deletedAt) problems.add('roomId', 'Выберите кабинет из списка');
      }
      problems.throwIfAny();
      const values: Omit<SchoolClass, 'id' | 'yearId' | 'createdAt' | 'updatedAt' | 'deletedAt'> = {
        gradeLevel: p.gradeLevel,
        letter: p.letter,
        name,
        classTeacherId: p.classTeacherId,
        shift: p.shift,
        bellScheduleId: p.bellScheduleId,
        roomId: p.roomId,
      };
      let id = p.id;
      if (!id) id = (await ctx.write.insert(SchoolClassEntity, { yearId: p.yearId, ...values })).id;
      else {
        const current = await requireLive(ctx.em, SchoolClassEntity, id, 'Класс');
        if (current.yearId !== p.yearId) throw fail.notFound('Класс');
        await ctx.write.update(SchoolClassEntity, id, values);
      }
      const today = await schoolTodayOf(ctx);
      return (await classDtos(ctx.em, p.yearId, today)).find((c) => c.id === id)!;
    },
  }),

  'school.removeClass': mutation({
    params: idParam,
    access: 'school.edit',
    action: 'удаление класса',
    handler: async (p, ctx) => {
      const c = await requireLive(ctx.em, SchoolClassEntity, p.id, 'Класс');
      await requireOpenYear(ctx.em, c.yearId);
      await refuseIfUsed(ctx.em, SchoolClassEntity, p.id, `класс ${c.name}`);
      await ctx.write.remove(SchoolClassEntity, p.id);
      return null;
    },
  }),

  'school.listRooms': query({
    params: noParams,
    access: 'school.view',
    action: 'просмотр кабинетов',
    handler: async (_p, ctx) => (await findLive(ctx.em, RoomEntity)).sort((a, b) => a.number.localeCompare(b.number, 'ru', { numeric: true })).map(roomDto),
  }),

  'school.saveRoom': mutation({
    params: z.object({
      id: idField.optional(),
      number: requiredText(20, 'Укажите номер или название кабинета'),
      name: optionalText(200),
      capacity: z.number().int('Целое число').min(1, 'От 1 места').max(500, 'Не более 500 мест').nullish().transform((v) => v ?? null),
      kind: z.enum(ROOM_KINDS).nullish().transform((v) => v ?? null),
      note: optionalText(1000),
    }),
    access: 'school.edit',
    action: 'изменение кабинетов',
    handler: async (p, ctx) => {
      const rooms = await findLive(ctx.em, RoomEntity);
      const problems = new Problems();
      if (rooms.some((r) => r.id !== p.id && r.number.toLowerCase() === p.number.toLowerCase())) problems.add('number', `Кабинет ${p.number} уже есть`);
      problems.throwIfAny();
      const values = { number: p.number, name: p.name, capacity: p.capacity, kind: p.kind, note: p.note };
      if (!p.id) return roomDto(await ctx.write.insert(RoomEntity, values));
      await requireLive(ctx.em, RoomEntity, p.id, 'Кабинет');
      return roomDto(await ctx.write.update(RoomEntity, p.id, values));
    },
  }),

  'school.removeRoom': mutation({
    params: idParam,
    access: 'school.edit',
    action: 'удаление кабинета',
    handler: async (p, ctx) => {
      const r = await requireLive(ctx.em, RoomEntity, p.id, 'Кабинет');
      await refuseIfUsed(ctx.em, RoomEntity, p.id, `кабинет ${r.number}`);
      await ctx.write.remove(RoomEntity, p.id);
      return null;
    },
  }),
};
