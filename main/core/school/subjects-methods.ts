import { z } from 'zod';
import { mutation, query, noParams, idParam } from '../api/contract';
import {
  DEADLINE_KINDS,
  GradingSystemEntity,
  SubjectEntity,
  WorkTypeEntity,
  type GradingSystem,
  type Subject,
  type WorkType,
} from '../db/entities/school';
import { searchKey, compareRu } from '../shared/text';
import { Problems, findLive, idField, requireLive, requiredText } from './common';
import { DEFAULT_GRADING_SYSTEMS, DEFAULT_WORK_TYPES, deadlineText } from './defaults';
import { refuseIfUsed } from './in-use';

const gradingDto = (g: GradingSystem) => ({ id: g.id, code: g.code, name: g.name, allowModifiers: g.allowModifiers });
const subjectDto = (s: Subject) => ({ id: s.id, name: s.name, shortName: s.shortName, gradingSystemId: s.gradingSystemId, sortOrder: s.sortOrder });
const workTypeDto = (w: WorkType) => ({
  id: w.id,
  name: w.name,
  shortName: w.shortName,
  weight: w.weight,
  deadlineKind: w.deadlineKind,
  deadlineValue: w.deadlineValue,
  deadlineText: deadlineText(w.deadlineKind, w.deadlineValue),
  isControl: w.isControl,
  sortOrder: w.sortOrder,
});

/** Checking deadlines a school may set: the same day, 1–10 lessons, 1–30 days. */
function workTypeProblems(w: { deadlineKind: WorkType['deadlineKind']; deadlineValue: number; weight: number }): Problems {
  const p = new Problems();
  if (!(w.weight > 0 && w.weight <= 10)) p.add('weight', 'Вес — число больше 0 и не больше 10, например 1 или 1,5');
  if (w.deadlineKind === 'same_day' && w.deadlineValue !== 0) p.add('deadlineValue', 'Для срока «в день проведения» число не указывается');
  if (w.deadlineKind === 'lessons' && !(w.deadlineValue >= 1 && w.deadlineValue <= 10)) p.add('deadlineValue', 'Число уроков — от 1 до 10');
  if (w.deadlineKind === 'days' && !(w.deadlineValue >= 1 && w.deadlineValue <= 30)) p.add('deadlineValue', 'Число дней — от 1 до 30');
  return p;
}

export const subjectMethods = {
  /** Subjects, grading systems and work types: the lists every other screen chooses from. */
  'school.subjects': query({
    params: noParams,
    access: 'school.view',
    action: 'просмотр предметов',
    handler: async (_p, ctx) => {
      const subjects = (await findLive(ctx.em, SubjectEntity)).sort((a, b) => a.sortOrder - b.sortOrder || compareRu(a.name, b.name));
      const grading = await findLive(ctx.em, GradingSystemEntity);
      const order = DEFAULT_GRADING_SYSTEMS.map((g) => g.code);
      grading.sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code));
      const workTypes = (await findLive(ctx.em, WorkTypeEntity)).sort((a, b) => a.sortOrder - b.sortOrder || compareRu(a.name, b.name));
      return { subjects: subjects.map(subjectDto), gradingSystems: grading.map(gradingDto), workTypes: workTypes.map(workTypeDto) };
    },
  }),

  /**
   * Adds what a new school needs before its first subject: the three grading
   * systems, and the work types with the deadlines of seed 000 §3.2 if the
   * school has none yet. Running it again adds only what is missing.
   */
  'school.installDefaults': mutation({
    params: noParams,
    access: 'school.edit',
    action: 'заполнение справочников оценивания',
    handler: async (_p, ctx) => {
      const grading = await findLive(ctx.em, GradingSystemEntity);
      let added = 0;
      for (const g of DEFAULT_GRADING_SYSTEMS) {
        if (grading.some((x) => x.code === g.code)) continue;
        await ctx.write.insert(GradingSystemEntity, g);
        added++;
      }
      const workTypes = await findLive(ctx.em, WorkTypeEntity);
      if (workTypes.length === 0) {
        for (const [i, w] of DEFAULT_WORK_TYPES.entries()) {
          await ctx.write.insert(WorkTypeEntity, { ...w, sortOrder: i + 1 });
          added++;
        }
      }
      return { added };
    },
  }),

  'school.saveGradingSystem': mutation({
    params: z.object({ id: idField, name: requiredText(100, 'Введите название'), allowModifiers: z.boolean() }),
    access: 'school.edit',
    action: 'изменение системы оценивания',
    handler: async (p, ctx) => {
      const g = await requireLive(ctx.em, GradingSystemEntity, p.id, 'Система оценивания');
      const problems = new Problems();
      if (p.allowModifiers && g.code !== 'five_point') problems.add('allowModifiers', 'Плюсы и минусы бывают только у отметок 1–5');
      problems.throwIfAny();
      return gradingDto(await ctx.write.update(GradingSystemEntity, p.id, { name: p.name, allowModifiers: p.allowModifiers }));
    },
  }),

  'school.saveSubject': mutation({
    params: z.object({
      id: idField.optional(),
      name: requiredText(200, 'Введите название предмета'),
      shortName: z.string().trim().max(20, 'Не более 20 символов').optional(),
      gradingSystemId: idField,
      sortOrder: z.number().int().min(0).max(999).optional(),
    }),
    access: 'school.edit',
    action: 'изменение предметов',
    handler: async (p, ctx) => {
      const problems = new Problems();
      const key = searchKey(p.name);
      const all = await findLive(ctx.em, SubjectEntity);
      const twin = all.find((s) => s.id !== p.id && s.searchName === key);
      if (twin) problems.add('name', `Предмет «${twin.name}» уже есть`);
      const grading = await ctx.em.findOne(GradingSystemEntity, { where: { id: p.gradingSystemId } });
      if (!grading || grading.deletedAt) problems.add('gradingSystemId', 'Выберите систему оценивания из списка');
      problems.throwIfAny();
      const values = {
        name: p.name,
        shortName: p.shortName || p.name.slice(0, 20),
        gradingSystemId: p.gradingSystemId,
        searchName: key,
      };
      if (!p.id) {
        const sortOrder = p.sortOrder ?? Math.max(0, ...all.map((s) => s.sortOrder)) + 1;
        return subjectDto(await ctx.write.insert(SubjectEntity, { ...values, sortOrder }));
      }
      await requireLive(ctx.em, SubjectEntity, p.id, 'Предмет');
      return subjectDto(await ctx.write.update(SubjectEntity, p.id, { ...values, sortOrder: p.sortOrder }));
    },
  }),

  'school.removeSubject': mutation({
    params: idParam,
    access: 'school.edit',
    action: 'удаление предмета',
    handler: async (p, ctx) => {
      const s = await requireLive(ctx.em, SubjectEntity, p.id, 'Предмет');
      await refuseIfUsed(ctx.em, SubjectEntity, p.id, `предмет «${s.name}»`);
      await ctx.write.remove(SubjectEntity, p.id);
      return null;
    },
  }),

  'school.saveWorkType': mutation({
    params: z.object({
      id: idField.optional(),
      name: requiredText(100, 'Введите название вида работы'),
      shortName: requiredText(20, 'Введите сокращение для заголовка столбца'),
      weight: z.number({ error: 'Укажите вес числом' }),
      deadlineKind: z.enum(DEADLINE_KINDS, { error: 'Выберите срок проверки' }),
      deadlineValue: z.number({ error: 'Укажите число' }).int('Целое число'),
      isControl: z.boolean(),
      sortOrder: z.number().int().min(0).max(999).optional(),
    }),
    access: 'school.edit',
    action: 'изменение видов работ',
    handler: async (p, ctx) => {
      const problems = workTypeProblems(p);
      const all = await findLive(ctx.em, WorkTypeEntity);
      const twin = all.find((w) => w.id !== p.id && searchKey(w.name) === searchKey(p.name));
      if (twin) problems.add('name', `Вид работы «${twin.name}» уже есть`);
      problems.throwIfAny();
      const values = {
        name: p.name,
        shortName: p.shortName,
        weight: p.weight,
        deadlineKind: p.deadlineKind,
        deadlineValue: p.deadlineValue,
        isControl: p.isControl,
      };
      if (!p.id) {
        const sortOrder = p.sortOrder ?? Math.max(0, ...all.map((w) => w.sortOrder)) + 1;
        return workTypeDto(await ctx.write.insert(WorkTypeEntity, { ...values, sortOrder }));
      }
      await requireLive(ctx.em, WorkTypeEntity, p.id, 'Вид работы');
      // Marks keep the weight they were given with (Mark.weight): a new weight counts from now on.
      return workTypeDto(await ctx.write.update(WorkTypeEntity, p.id, { ...values, sortOrder: p.sortOrder }));
    },
  }),

  'school.removeWorkType': mutation({
    params: idParam,
    access: 'school.edit',
    action: 'удаление вида работы',
    handler: async (p, ctx) => {
      const w = await requireLive(ctx.em, WorkTypeEntity, p.id, 'Вид работы');
      await refuseIfUsed(ctx.em, WorkTypeEntity, p.id, `вид работы «${w.name}»`);
      await ctx.write.remove(WorkTypeEntity, p.id);
      return null;
    },
  }),
};

