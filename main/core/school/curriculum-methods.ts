import type { ReadableDb } from '../db/readable';
import { z } from 'zod';
import { mutation, query, idParam } from '../api/contract';
import { schoolTodayOf } from '../settings/school-today';
import {
  CurriculumItemEntity,
  GradingSystemEntity,
  SchoolClassEntity,
  StudyGroupEntity,
  SubjectEntity,
  TeachingAssignmentEntity,
  type CurriculumItem,
  type TeachingAssignment,
} from '../db/entities/school';
import { AcademicYearEntity } from '../db/entities/calendar';
import { StaffEntity } from '../db/entities/staff';
import { LessonEntity } from '../db/entities/journal';
import { TimetableEntryEntity } from '../db/entities/planning';
import { fail } from '../shared/errors';
import { shortName } from '../shared/text';
import { Problems, clash, findLive, idField, optionalDate, optionalId, requireLive, requireOpenYear } from './common';
import { compareLoad } from './load-compare';
import { gradeRules } from './grade-rules';
import { ruDate } from '../shared/dates';

/** Hours a week: from 0.5 to 10, in halves (a subject every other week is 0.5). */
const hoursField = z
  .number({ error: 'Укажите число часов' })
  .min(0.5, 'От 0,5 до 10 часов в неделю')
  .max(10, 'От 0,5 до 10 часов в неделю')
  .refine((h) => Number.isInteger(h * 2), 'Часы — целые или с половиной: 1; 1,5; 2');

const itemDto = (i: CurriculumItem) => ({
  id: i.id,
  classId: i.classId,
  subjectId: i.subjectId,
  hoursPerWeek: i.hoursPerWeek,
  hoursPerYear: i.hoursPerYear,
  gradingSystemId: i.gradingSystemId,
  splitIntoGroups: i.splitIntoGroups,
});
const assignmentDto = (a: TeachingAssignment) => ({
  id: a.id,
  staffId: a.staffId,
  classId: a.classId,
  groupId: a.groupId,
  subjectId: a.subjectId,
  hoursPerWeek: a.hoursPerWeek,
  fromDate: a.fromDate,
  toDate: a.toDate,
});

async function requireClassOfOpenYear(em: ReadableDb, classId: string) {
  const schoolClass = await requireLive(em, SchoolClassEntity, classId, 'Класс');
  const year = await requireOpenYear(em, schoolClass.yearId);
  return { schoolClass, year };
}

/**
 * The grading a class gets in a subject. Grade 1 has no marks at all (seed 000
 * §2.8, 003 §3.7, §4.4.5): its curriculum always says «без отметок».
 */
async function gradingFor(em: ReadableDb, gradeLevel: number, subjectGradingId: string, requested: string | null, problems: Problems): Promise<string | null> {
  const systems = await findLive(em, GradingSystemEntity);
  if (requested && !systems.some((g) => g.id === requested)) problems.add('gradingSystemId', 'Выберите систему оценивания из списка');
  if (gradeRules(gradeLevel).marks) return requested;
  const none = systems.find((g) => g.code === 'none');
  if (!none) {
    problems.add('gradingSystemId', 'В 1 классе отметки не ставятся: сначала заполните системы оценивания («Без отметок»)');
    return requested;
  }
  if (requested && requested !== none.id) problems.add('gradingSystemId', 'В 1 классе отметки не ставятся: выберите «Без отметок»');
  return subjectGradingId === none.id ? null : none.id;
}

export const curriculumMethods = {
  'school.curriculum': query({
    params: z.object({ yearId: idField }),
    access: 'school.view',
    action: 'просмотр учебного плана',
    handler: async (p, ctx) => {
      await requireLive(ctx.em, AcademicYearEntity, p.yearId, 'Учебный год');
      return (await findLive(ctx.em, CurriculumItemEntity, { yearId: p.yearId })).map(itemDto);
    },
  }),

  /** A line of the curriculum: hours of a subject in a class (one line per class and subject). */
  'school.saveCurriculumItem': mutation({
    params: z.object({
      id: idField.optional(),
      classId: idField,
      subjectId: idField,
      hoursPerWeek: hoursField,
      hoursPerYear: z.number().int('Целое число').min(1, 'От 1 до 400').max(400, 'От 1 до 400').nullish().transform((v) => v ?? null),
      gradingSystemId: optionalId,
      splitIntoGroups: z.boolean().default(false),
    }),
    access: 'school.edit',
    action: 'изменение учебного плана',
    handler: async (p, ctx) => {
      const { schoolClass } = await requireClassOfOpenYear(ctx.em, p.classId);
      const subject = await requireLive(ctx.em, SubjectEntity, p.subjectId, 'Предмет');
      const problems = new Problems();
      const same = (await findLive(ctx.em, CurriculumItemEntity, { classId: p.classId, subjectId: p.subjectId })).find((i) => i.id !== p.id);
      if (same) problems.add('subjectId', `«${subject.name}» уже есть в учебном плане ${schoolClass.name}`);
      const gradingSystemId = await gradingFor(ctx.em, schoolClass.gradeLevel, subject.gradingSystemId, p.gradingSystemId, problems);
      if (!p.splitIntoGroups) {
        const groups = await findLive(ctx.em, StudyGroupEntity, { classId: p.classId, subjectId: p.subjectId });
        if (groups.length) problems.add('splitIntoGroups', `Класс уже разделён на подгруппы (${groups.map((g) => g.name).join(', ')}): сначала удалите их`);
      }
      problems.throwIfAny();
      const values = {
        hoursPerWeek: p.hoursPerWeek,
        hoursPerYear: p.hoursPerYear,
        gradingSystemId,
        splitIntoGroups: p.splitIntoGroups,
      };
      if (!p.id) {
        return itemDto(await ctx.write.insert(CurriculumItemEntity, { yearId: schoolClass.yearId, classId: p.classId, subjectId: p.subjectId, ...values }));
      }
      const current = await requireLive(ctx.em, CurriculumItemEntity, p.id, 'Строка учебного плана');
      if (current.classId !== p.classId || current.subjectId !== p.subjectId) throw fail.notFound('Строка учебного плана');
      return itemDto(await ctx.write.update(CurriculumItemEntity, p.id, values));
    },
  }),

  'school.removeCurriculumItem': mutation({
    params: idParam,
    access: 'school.edit',
    action: 'удаление строки учебного плана',
    handler: async (p, ctx) => {
      const item = await requireLive(ctx.em, CurriculumItemEntity, p.id, 'Строка учебного плана');
      const { schoolClass } = await requireClassOfOpenYear(ctx.em, item.classId);
      const subject = await requireLive(ctx.em, SubjectEntity, item.subjectId, 'Предмет');
      const where = { classId: item.classId, subjectId: item.subjectId };
      const load = await findLive(ctx.em, TeachingAssignmentEntity, where);
      const groups = await findLive(ctx.em, StudyGroupEntity, where);
      const lessons = await ctx.em.count(LessonEntity, { where });
      const parts = [
        load.length && `записей нагрузки: ${load.length}`,
        groups.length && `подгрупп: ${groups.length}`,
        lessons && `уроков в журнале: ${lessons}`,
      ].filter(Boolean);
      if (parts.length) {
        throw clash(`Убрать «${subject.name}» из учебного плана ${schoolClass.name} нельзя — по предмету уже есть ${parts.join(', ')}. Сначала уберите нагрузку и подгруппы`);
      }
      await ctx.write.remove(CurriculumItemEntity, p.id);
      return null;
    },
  }),

  /** Copies the curriculum of one class to its parallel classes: lines they already have stay as they are. */
  'school.copyCurriculum': mutation({
    params: z.object({ fromClassId: idField, toClassIds: z.array(idField).min(1, 'Выберите классы') }),
    access: 'school.edit',
    action: 'копирование учебного плана',
    handler: async (p, ctx) => {
      const { schoolClass: source } = await requireClassOfOpenYear(ctx.em, p.fromClassId);
      const items = await findLive(ctx.em, CurriculumItemEntity, { classId: p.fromClassId });
      let added = 0;
      for (const classId of p.toClassIds) {
        if (classId === p.fromClassId) continue;
        const { schoolClass } = await requireClassOfOpenYear(ctx.em, classId);
        if (schoolClass.yearId !== source.yearId) throw clash(`Класс ${schoolClass.name} — другого учебного года`);
        if (gradeRules(schoolClass.gradeLevel).marks !== gradeRules(source.gradeLevel).marks) {
          throw clash(`Учебный план ${source.name} нельзя скопировать в ${schoolClass.name}: в 1 классе отметки не ставятся, а в других — ставятся`);
        }
        const existing = await findLive(ctx.em, CurriculumItemEntity, { classId });
        for (const item of items) {
          if (existing.some((e) => e.subjectId === item.subjectId)) continue;
          await ctx.write.insert(CurriculumItemEntity, {
            yearId: item.yearId,
            classId,
            subjectId: item.subjectId,
            hoursPerWeek: item.hoursPerWeek,
            hoursPerYear: item.hoursPerYear,
            gradingSystemId: item.gradingSystemId,
            splitIntoGroups: item.splitIntoGroups,
          });
          added++;
        }
      }
      return { added };
    },
  }),

  /** The load and its live comparison with the curriculum, per class and per teacher. */
  'school.load': query({
    params: z.object({ yearId: idField }),
    access: 'school.view',
    action: 'просмотр нагрузки',
    handler: async (p, ctx) => {
      const year = await requireLive(ctx.em, AcademicYearEntity, p.yearId, 'Учебный год');
      const assignments = await findLive(ctx.em, TeachingAssignmentEntity, { yearId: p.yearId });
      const today = await schoolTodayOf(ctx);
      const reference = today < year.startDate ? year.startDate : today > year.endDate ? year.endDate : today;
      const comparison = compareLoad(
        {
          year,
          classes: await findLive(ctx.em, SchoolClassEntity, { yearId: p.yearId }),
          curriculum: await findLive(ctx.em, CurriculumItemEntity, { yearId: p.yearId }),
          groups: await findLive(ctx.em, StudyGroupEntity, { yearId: p.yearId }),
          assignments,
        },
        reference,
      );
      return { assignments: assignments.map(assignmentDto), comparison, referenceDay: reference };
    },
  }),

  /**
   * A line of the load: a teacher teaches a subject of the class's curriculum
   * to the class, or to one of its subgroups when the curriculum splits it; no
   * more hours than the curriculum gives; inside the year; the same teacher
   * not twice on the same lessons. A second teacher on the same lessons is
   * allowed (a handover being entered) and shown as «назначено дважды».
   */
  'school.saveAssignment': mutation({
    params: z.object({
      id: idField.optional(),
      staffId: idField,
      classId: idField,
      groupId: optionalId,
      subjectId: idField,
      hoursPerWeek: hoursField,
      fromDate: optionalDate,
      toDate: optionalDate,
    }),
    access: 'school.edit',
    action: 'изменение нагрузки',
    handler: async (p, ctx) => {
      const { schoolClass, year } = await requireClassOfOpenYear(ctx.em, p.classId);
      const problems = new Problems();
      const subject = await requireLive(ctx.em, SubjectEntity, p.subjectId, 'Предмет');
      const staff = await ctx.em.findOne(StaffEntity, { where: { id: p.staffId } });
      if (!staff || staff.deletedAt) problems.add('staffId', 'Выберите учителя из списка');
      const item = (await findLive(ctx.em, CurriculumItemEntity, { classId: p.classId, subjectId: p.subjectId }))[0];
      if (!item) problems.add('subjectId', `«${subject.name}» нет в учебном плане ${schoolClass.name}: сначала добавьте предмет в учебный план`);
      else {
        if (item.splitIntoGroups && !p.groupId) problems.add('groupId', `${schoolClass.name} изучает «${subject.name}» по подгруппам: выберите подгруппу`);
        if (!item.splitIntoGroups && p.groupId) problems.add('groupId', `${schoolClass.name} изучает «${subject.name}» всем классом: подгруппа не указывается`);
        if (p.hoursPerWeek > item.hoursPerWeek) problems.add('hoursPerWeek', `По учебному плану — ${String(item.hoursPerWeek).replace('.', ',')} ч в неделю`);
      }
      if (p.groupId) {
        const group = await ctx.em.findOne(StudyGroupEntity, { where: { id: p.groupId } });
        if (!group || group.deletedAt || group.classId !== p.classId || group.subjectId !== p.subjectId) {
          problems.add('groupId', `Выберите подгруппу ${schoolClass.name} по предмету «${subject.name}»`);
        }
      }
      const from = p.fromDate ?? year.startDate;
      const to = p.toDate ?? year.endDate;
      if (p.fromDate && (p.fromDate < year.startDate || p.fromDate > year.endDate)) problems.add('fromDate', `Дата вне учебного года (${ruDate(year.startDate)} — ${ruDate(year.endDate)})`);
      if (p.toDate && (p.toDate < year.startDate || p.toDate > year.endDate)) problems.add('toDate', `Дата вне учебного года (${ruDate(year.startDate)} — ${ruDate(year.endDate)})`);
      if (from > to) problems.add('toDate', 'Дата окончания не может быть раньше даты начала');
      if (staff?.leftOn && staff.leftOn < to) problems.add(p.toDate ? 'toDate' : 'staffId', `${shortName(staff)} уволен(а) с ${ruDate(staff.leftOn)}: нагрузка должна закончиться не позже`);
      if (staff?.hiredOn && staff.hiredOn > from) problems.add(p.fromDate ? 'fromDate' : 'staffId', `${shortName(staff)} принят(а) на работу ${ruDate(staff.hiredOn)}: нагрузка не может начаться раньше`);
      const twin = (await findLive(ctx.em, TeachingAssignmentEntity, { staffId: p.staffId, classId: p.classId, subjectId: p.subjectId })).find(
        (a) =>
          a.id !== p.id &&
          (a.groupId ?? null) === (p.groupId ?? null) &&
          (a.fromDate ?? year.startDate) <= to &&
          from <= (a.toDate ?? year.endDate),
      );
      if (twin && staff) problems.add('staffId', `Эта нагрузка уже есть (учитель — ${shortName(staff)})`);
      problems.throwIfAny();
      const values = { staffId: p.staffId, groupId: p.groupId, hoursPerWeek: p.hoursPerWeek, fromDate: p.fromDate, toDate: p.toDate };
      if (!p.id) {
        return assignmentDto(await ctx.write.insert(TeachingAssignmentEntity, { yearId: year.id, classId: p.classId, subjectId: p.subjectId, ...values }));
      }
      const current = await requireLive(ctx.em, TeachingAssignmentEntity, p.id, 'Запись нагрузки');
      if (current.classId !== p.classId || current.subjectId !== p.subjectId) throw fail.notFound('Запись нагрузки');
      if (current.staffId !== p.staffId) await refuseIfTaught(ctx.em, current, 'Заменить учителя в этой записи нельзя');
      return assignmentDto(await ctx.write.update(TeachingAssignmentEntity, p.id, values));
    },
  }),

  'school.removeAssignment': mutation({
    params: idParam,
    access: 'school.edit',
    action: 'удаление нагрузки',
    handler: async (p, ctx) => {
      const a = await requireLive(ctx.em, TeachingAssignmentEntity, p.id, 'Запись нагрузки');
      await requireOpenYear(ctx.em, a.yearId);
      await refuseIfTaught(ctx.em, a, 'Удалить эту нагрузку нельзя');
      await ctx.write.remove(TeachingAssignmentEntity, p.id);
      return null;
    },
  }),
};

/**
 * The load is what lets a teacher write in the journal (journal/access.ts): once
 * lessons were given or planned by it, it is ended by a date, not removed.
 */
async function refuseIfTaught(em: ReadableDb, a: TeachingAssignment, headline: string): Promise<void> {
  const q = (entity: typeof LessonEntity | typeof TimetableEntryEntity) => {
    const b = em
      .createQueryBuilder(entity, 'l')
      .where('l.staffId = :staffId AND l.classId = :classId AND l.subjectId = :subjectId AND l.deletedAt IS NULL', a)
      .andWhere(a.groupId ? 'l.groupId = :groupId' : 'l.groupId IS NULL', { groupId: a.groupId });
    if (entity === LessonEntity) {
      if (a.fromDate) b.andWhere('l.date >= :fromDate', { fromDate: a.fromDate });
      if (a.toDate) b.andWhere('l.date <= :toDate', { toDate: a.toDate });
    }
    return b.getCount();
  };
  const lessons = await q(LessonEntity);
  const entries = await q(TimetableEntryEntity);
  if (lessons || entries) {
    const what = [lessons && `уроков в журнале: ${lessons}`, entries && `уроков в расписании: ${entries}`].filter(Boolean).join(', ');
    throw clash(`${headline} — по ней уже есть ${what}. Если учитель больше не ведёт предмет, укажите дату окончания нагрузки и добавьте новую запись для другого учителя`);
  }
}
