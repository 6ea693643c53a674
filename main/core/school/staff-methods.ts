import { z } from 'zod';
import { In, IsNull } from 'typeorm';
import { mutation, query, idParam } from '../api/contract';
import { schoolTodayOf } from '../settings/school-today';
import { StaffEntity, type Staff } from '../db/entities/staff';
import { UserEntity, UserRoleEntity, type Role } from '../db/entities/users';
import { AcademicYearEntity } from '../db/entities/calendar';
import {
  SchoolClassEntity,
  StaffQualificationEntity,
  SubjectEntity,
  TeacherUnavailabilityEntity,
  TeachingAssignmentEntity,
} from '../db/entities/school';
import type { Writer } from '../write/writer';
import { compareRu, fullName, searchKey, shortName } from '../shared/text';
import { Problems, emailField, findLive, idField, optionalDate, optionalPersonName, optionalText, personName, phoneField, requireLive, requiredText } from './common';
import { refuseIfUsed } from './in-use';
import { ruDate } from '../shared/dates';

export interface StaffDto {
  id: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  fullName: string;
  shortName: string;
  position: string;
  phone: string | null;
  email: string | null;
  hiredOn: string | null;
  leftOn: string | null;
  maxLessonsPerDay: number | null;
  note: string | null;
  subjectIds: string[];
  login: string | null;
  roles: Role[];
  accountDisabled: boolean;
  /** Classes led in the open years. */
  classNames: string[];
}

export const staffFields = {
  lastName: personName('Введите фамилию'),
  firstName: personName('Введите имя'),
  middleName: optionalPersonName,
  position: requiredText(200, 'Укажите должность, например «Учитель математики»'),
  phone: phoneField,
  email: emailField,
  hiredOn: optionalDate,
  leftOn: optionalDate,
  maxLessonsPerDay: z.number().int('Целое число').min(1, 'От 1 до 12').max(12, 'От 1 до 12').nullish().transform((v) => v ?? null),
  note: optionalText(2000),
  subjectIds: z.array(idField).default([]),
};

async function staffDtos(em: Parameters<typeof findLive>[0], ids?: string[]): Promise<StaffDto[]> {
  const staff = ids ? await em.find(StaffEntity, { where: { id: In(ids) } }) : await findLive(em, StaffEntity);
  const quals = await findLive(em, StaffQualificationEntity);
  const users = await findLive(em, UserEntity);
  const roles = await em.find(UserRoleEntity, { where: { deletedAt: IsNull() } });
  const openYears = (await findLive(em, AcademicYearEntity, { status: 'open' })).map((y) => y.id);
  const classes = openYears.length ? await findLive(em, SchoolClassEntity, { yearId: In(openYears) }) : [];
  return staff
    .filter((s) => !s.deletedAt)
    .sort((a, b) => compareRu(fullName(a), fullName(b)))
    .map((s) => {
      const user = users.find((u) => u.staffId === s.id);
      return {
        id: s.id,
        lastName: s.lastName,
        firstName: s.firstName,
        middleName: s.middleName,
        fullName: fullName(s),
        shortName: shortName(s),
        position: s.position,
        phone: s.phone,
        email: s.email,
        hiredOn: s.hiredOn,
        leftOn: s.leftOn,
        maxLessonsPerDay: s.maxLessonsPerDay,
        note: s.note,
        subjectIds: quals.filter((q) => q.staffId === s.id).map((q) => q.subjectId),
        login: user?.login ?? null,
        roles: user ? roles.filter((r) => r.userId === user.id).map((r) => r.role as Role).sort() : [],
        accountDisabled: !!user?.disabledAt,
        classNames: classes.filter((c) => c.classTeacherId === s.id).map((c) => c.name),
      };
    });
}

/**
 * A staff record. Dates in order; a person who leaves first hands over their
 * class and their teaching load (or the load ends by the day they leave).
 */
async function staffProblems(
  em: Parameters<typeof findLive>[0],
  p: { id?: string; lastName: string; firstName: string; middleName: string | null; position: string; hiredOn: string | null; leftOn: string | null; subjectIds: string[] },
): Promise<Problems> {
  const problems = new Problems();
  if (p.hiredOn && p.leftOn && p.leftOn < p.hiredOn) problems.add('leftOn', 'Дата увольнения не может быть раньше даты приёма');
  const key = searchKey(p.lastName, p.firstName, p.middleName);
  const twin = (await findLive(em, StaffEntity, { searchName: key })).find(
    (s) => s.id !== p.id && s.position.toLowerCase() === p.position.toLowerCase(),
  );
  if (twin) problems.add('lastName', `Сотрудник ${fullName(twin)} (${twin.position}) уже есть`);
  if (p.subjectIds.length) {
    const subjects = await findLive(em, SubjectEntity, { id: In(p.subjectIds) });
    if (subjects.length !== new Set(p.subjectIds).size) problems.add('subjectIds', 'Выберите предметы из списка');
  }
  if (p.id && p.leftOn) {
    const openYears = (await findLive(em, AcademicYearEntity, { status: 'open' })).filter((y) => y.endDate > p.leftOn!);
    const yearIds = openYears.map((y) => y.id);
    if (yearIds.length) {
      const led = await findLive(em, SchoolClassEntity, { classTeacherId: p.id, yearId: In(yearIds) });
      if (led.length) problems.add('leftOn', `Сначала назначьте другого классного руководителя: ${led.map((c) => c.name).join(', ')}`);
      const load = (await findLive(em, TeachingAssignmentEntity, { staffId: p.id, yearId: In(yearIds) })).filter(
        (a) => a.toDate === null || a.toDate > p.leftOn!,
      );
      if (load.length) {
        problems.add('leftOn', `Нагрузка сотрудника продолжается после ${ruDate(p.leftOn)} (записей: ${load.length}): передайте её другому учителю или укажите дату окончания`);
      }
    }
  }
  return problems;
}

export const staffMethods = {
  'school.listStaff': query({
    params: z.object({ includeLeft: z.boolean().optional() }),
    access: 'school.view',
    action: 'просмотр сотрудников',
    handler: async (p, ctx) => {
      const all = await staffDtos(ctx.em);
      const today = await schoolTodayOf(ctx);
      return p.includeLeft ? all : all.filter((s) => !s.leftOn || s.leftOn >= today);
    },
  }),

  'school.saveStaff': mutation({
    params: z.object({ id: idField.optional(), ...staffFields }),
    access: 'school.edit',
    action: 'изменение сведений о сотрудниках',
    handler: async (p, ctx) => {
      if (p.id) await requireLive(ctx.em, StaffEntity, p.id, 'Сотрудник');
      (await staffProblems(ctx.em, p)).throwIfAny();
      const values: Omit<Staff, 'id' | 'createdAt' | 'updatedAt' | 'deletedAt'> = {
        lastName: p.lastName,
        firstName: p.firstName,
        middleName: p.middleName,
        searchName: searchKey(p.lastName, p.firstName, p.middleName),
        position: p.position,
        phone: p.phone,
        email: p.email,
        hiredOn: p.hiredOn,
        leftOn: p.leftOn,
        maxLessonsPerDay: p.maxLessonsPerDay,
        note: p.note,
      };
      const id = p.id ?? (await ctx.write.insert(StaffEntity, values)).id;
      if (p.id) await ctx.write.update(StaffEntity, id, values);
      await setQualifications(ctx.write, id, p.subjectIds);
      return (await staffDtos(ctx.em, [id]))[0];
    },
  }),

  'school.removeStaff': mutation({
    params: idParam,
    access: 'school.edit',
    action: 'удаление сотрудника',
    handler: async (p, ctx) => {
      const s = await requireLive(ctx.em, StaffEntity, p.id, 'Сотрудник');
      // The subjects they may teach and their wishes for the timetable are the record's own parts;
      // anything else that names the person keeps it.
      await refuseIfUsed(ctx.em, StaffEntity, p.id, `карточку сотрудника «${shortName(s)}»`, {
        except: ['StaffQualification', 'TeacherUnavailability'],
        advice: 'Если сотрудник уволился, укажите дату увольнения: его записи в журнале сохранятся.',
      });
      for (const q of await findLive(ctx.em, StaffQualificationEntity, { staffId: p.id })) await ctx.write.remove(StaffQualificationEntity, q.id);
      for (const u of await findLive(ctx.em, TeacherUnavailabilityEntity, { staffId: p.id })) await ctx.write.remove(TeacherUnavailabilityEntity, u.id);
      await ctx.write.remove(StaffEntity, p.id);
      return null;
    },
  }),
};

/** Keeps the subjects a teacher may teach (the candidates for a substitution) in step with the list given. */
export async function setQualifications(write: Writer, staffId: string, subjectIds: string[]): Promise<void> {
  const em = write.db;
  const current = await findLive(em, StaffQualificationEntity, { staffId });
  const wanted = new Set(subjectIds);
  for (const q of current) if (!wanted.has(q.subjectId)) await write.remove(StaffQualificationEntity, q.id);
  for (const subjectId of wanted) if (!current.some((q) => q.subjectId === subjectId)) await write.insert(StaffQualificationEntity, { staffId, subjectId });
}
