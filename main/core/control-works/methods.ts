import type { ReadableDb } from '../db/readable';
import { z } from 'zod';
import { IsNull } from 'typeorm';
import { actorOf, mutation, query, schoolDate } from '../api/contract';
import type { Actor } from '../auth/sessions';
import { AppError, fail } from '../shared/errors';
import { shortName } from '../shared/text';
import { getSetting } from '../settings/store';
import { ControlWorkEntity, PlanTopicEntity, type ControlWork } from '../db/entities/planning';
import { LessonEntity } from '../db/entities/journal';
import { SchoolClassEntity, StudyGroupEntity, SubjectEntity, TeachingAssignmentEntity, WorkTypeEntity } from '../db/entities/school';
import { StaffEntity } from '../db/entities/staff';
import { requireOpenYear } from '../school/common';
import { loadYear } from '../lessons/load';
import { canViewPage, teachesPage } from '../journal/access';
import { plansByPage } from '../plans/plan-topics';
import { overLimit, worksRu } from './limit';
import type { GroupShape } from '../timetable/parts';
import { ruDate } from '../shared/dates';

const uuid = z.string().uuid();

export interface ControlWorkDto {
  id: string;
  classId: string;
  className: string;
  groupId: string | null;
  groupName: string | null;
  subjectId: string;
  subjectName: string;
  date: string;
  title: string;
  workTypeId: string | null;
  workTypeName: string | null;
  staffId: string | null;
  teacher: string | null;
}

async function dtos(em: ReadableDb, yearId: string, works: ControlWork[]): Promise<ControlWorkDto[]> {
  const classes = new Map((await em.find(SchoolClassEntity, { where: { yearId } })).map((c) => [c.id, c]));
  const groups = new Map((await em.find(StudyGroupEntity, { where: { yearId } })).map((g) => [g.id, g.name]));
  const subjects = new Map((await em.find(SubjectEntity)).map((s) => [s.id, s.name]));
  const types = new Map((await em.find(WorkTypeEntity)).map((w) => [w.id, w.name]));
  const staff = new Map((await em.find(StaffEntity)).map((s) => [s.id, shortName(s)]));
  return works
    .map((w) => ({
      id: w.id,
      classId: w.classId,
      className: classes.get(w.classId)?.name ?? '',
      groupId: w.groupId,
      groupName: w.groupId ? (groups.get(w.groupId) ?? null) : null,
      subjectId: w.subjectId,
      subjectName: subjects.get(w.subjectId) ?? '',
      date: w.date,
      title: w.title,
      workTypeId: w.workTypeId,
      workTypeName: w.workTypeId ? (types.get(w.workTypeId) ?? null) : null,
      staffId: w.staffId,
      teacher: w.staffId ? (staff.get(w.staffId) ?? null) : null,
    }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : (classes.get(a.classId)?.gradeLevel ?? 0) - (classes.get(b.classId)?.gradeLevel ?? 0) || a.className.localeCompare(b.className, 'ru')));
}

/** The deputy keeps the whole schedule; a teacher keeps the works of the pages they teach. */
async function assertCanEdit(em: ReadableDb, actor: Actor, page: { classId: string; groupId: string | null; subjectId: string }): Promise<void> {
  if (actor.roles.includes('deputy')) return;
  if (actor.staffId && actor.roles.includes('teacher') && (await teachesPage(em, actor.staffId, page, null))) return;
  throw new AppError('FORBIDDEN', 'Вносить контрольные работы в график может заместитель директора по УВР или учитель, который ведёт этот предмет в классе.');
}

/** The split and part of each study group of a year (what tells whether two groups share students). */
async function groupShapes(em: ReadableDb, where: { yearId: string } | { classId: string }): Promise<Map<string, GroupShape>> {
  return new Map((await em.find(StudyGroupEntity, { where })).map((g) => [g.id, { splitKey: g.splitKey, name: g.name }]));
}

/** Other works of the class that day (its groups' included), and the warning when a student would sit more than the limit. */
async function dayWarning(em: ReadableDb, w: { id?: string; classId: string; groupId: string | null; date: string }, className: string): Promise<string | null> {
  const limit = await getSetting(em, 'controlWorks.maxPerDay');
  const sameDay = await em.find(ControlWorkEntity, { where: { classId: w.classId, date: w.date, deletedAt: IsNull() } });
  const works = [...sameDay.filter((x) => x.id !== w.id), { id: w.id ?? 'new', classId: w.classId, date: w.date, groupId: w.groupId }];
  const [day] = overLimit(works, limit, await groupShapes(em, { classId: w.classId }));
  if (!day) return null;
  return `У ${className} ${ruDate(w.date)} будет ${worksRu(day.count)}, а допускается не больше ${limit} в день.`;
}

/** Who teaches a page: the teacher of its lesson that day, else of its teaching load; null when nobody does. */
async function pageTeacher(em: ReadableDb, yearId: string, page: { classId: string; groupId: string | null; subjectId: string }, date: string): Promise<string | null> {
  const group = page.groupId ?? IsNull();
  const lesson = await em.findOne(LessonEntity, { where: { classId: page.classId, groupId: group, subjectId: page.subjectId, date, deletedAt: IsNull() } });
  if (lesson) return lesson.staffId;
  const load = await em.find(TeachingAssignmentEntity, { where: { yearId, classId: page.classId, groupId: group, subjectId: page.subjectId, deletedAt: IsNull() } });
  const current = load.find((a) => (!a.fromDate || a.fromDate <= date) && (!a.toDate || a.toDate >= date)) ?? load[0];
  return current?.staffId ?? null;
}

export const controlWorkMethods = {
  /** The control-work schedule of a year (or a span, a class), with the days over the limit. */
  'controlWorks.list': query({
    params: z.object({ yearId: uuid, from: schoolDate.optional(), to: schoolDate.optional(), classId: uuid.optional() }),
    access: 'journal.view',
    action: 'просмотр графика контрольных работ',
    handler: async (p, ctx) => {
      const actor = actorOf(ctx);
      const q = ctx.em.createQueryBuilder(ControlWorkEntity, 'w').where('w.yearId = :yearId AND w.deletedAt IS NULL', { yearId: p.yearId });
      if (p.from) q.andWhere('w.date >= :from', { from: p.from });
      if (p.to) q.andWhere('w.date <= :to', { to: p.to });
      if (p.classId) q.andWhere('w.classId = :classId', { classId: p.classId });
      const all = await q.getMany();
      // Teachers see the works of every class they teach or lead: they plan around them.
      const visible: ControlWork[] = [];
      const seen = new Map<string, boolean>();
      for (const w of all) {
        const key = w.classId;
        if (!seen.has(key)) seen.set(key, await canViewClass(ctx.em, actor, w));
        if (seen.get(key)) visible.push(w);
      }
      const limit = await getSetting(ctx.em, 'controlWorks.maxPerDay');
      const works = await dtos(ctx.em, p.yearId, visible);
      const names = new Map(works.map((w) => [w.classId, w.className]));
      return {
        limit,
        works,
        overLimit: overLimit(visible, limit, await groupShapes(ctx.em, { yearId: p.yearId })).map((d) => ({ ...d, message: `${names.get(d.classId)}, ${ruDate(d.date)}: ${worksRu(d.count)} в один день (допускается ${limit}).` })),
        choices: await choices(ctx.em, actor, p.yearId),
      };
    },
  }),

  /** Adds or changes a planned control work; over the day's limit it needs confirming (`force`). */
  'controlWorks.save': mutation({
    params: z.object({
      id: uuid.optional(),
      yearId: uuid,
      classId: z.string({ error: 'Выберите класс' }).uuid('Выберите класс'),
      groupId: uuid.nullish(),
      subjectId: z.string({ error: 'Выберите предмет' }).uuid('Выберите предмет'),
      date: schoolDate,
      title: z.string({ error: 'Введите название работы' }).trim().min(1, 'Введите название работы').max(500, 'Не более 500 символов'),
      workTypeId: uuid.nullish(),
      staffId: uuid.nullish(),
      force: z.boolean().default(false),
    }),
    access: 'plans.edit',
    action: 'планирование контрольной работы',
    handler: async (p, ctx) => {
      const actor = actorOf(ctx);
      const year = await requireOpenYear(ctx.em, p.yearId);
      const page = { classId: p.classId, groupId: p.groupId ?? null, subjectId: p.subjectId };
      await assertCanEdit(ctx.em, actor, page);
      const cls = await ctx.em.findOne(SchoolClassEntity, { where: { id: p.classId } });
      if (!cls || cls.deletedAt || cls.yearId !== p.yearId) throw fail.validation('Класс не найден в этом учебном году.', { classId: 'Класс не найден' });
      if (p.date < year.startDate || p.date > year.endDate) throw fail.validation('Дата вне учебного года.', { date: 'Дата вне учебного года' });
      if (p.groupId) {
        const g = await ctx.em.findOne(StudyGroupEntity, { where: { id: p.groupId } });
        if (!g || g.classId !== p.classId) throw fail.validation('Группа не принадлежит этому классу.', { groupId: 'Группа другого класса' });
      }
      const warnings: string[] = [];
      const over = await dayWarning(ctx.em, { id: p.id, classId: p.classId, groupId: p.groupId ?? null, date: p.date }, cls.name);
      if (over) warnings.push(over);
      const lessonThatDay = await ctx.em.count(LessonEntity, { where: { classId: p.classId, subjectId: p.subjectId, date: p.date, deletedAt: IsNull() } });
      if (lessonThatDay === 0) warnings.push(`У ${cls.name} ${ruDate(p.date)} нет урока по этому предмету.`);
      if (warnings.length > 0 && !p.force) {
        throw new AppError('CONFLICT', `${warnings.join(' ')} Сохранить всё равно?`, { warnings, needsConfirm: true });
      }
      const values = {
        yearId: p.yearId,
        ...page,
        date: p.date,
        title: p.title,
        workTypeId: p.workTypeId ?? null,
        // A teacher plans their own work; the deputy's goes to the teacher of the page, not to the deputy.
        staffId:
          p.staffId ??
          (actor.staffId && actor.roles.includes('teacher') && (await teachesPage(ctx.em, actor.staffId, page, null)) ? actor.staffId : null) ??
          (await pageTeacher(ctx.em, p.yearId, page, p.date)) ??
          actor.staffId ??
          null,
      };
      let saved: ControlWork;
      if (p.id) {
        const old = await ctx.em.findOne(ControlWorkEntity, { where: { id: p.id } });
        if (!old || old.deletedAt) throw fail.notFound('Контрольная работа');
        await assertCanEdit(ctx.em, actor, old);
        saved = await ctx.write.update(ControlWorkEntity, p.id, values);
      } else {
        saved = await ctx.write.insert(ControlWorkEntity, values);
      }
      return { work: (await dtos(ctx.em, p.yearId, [saved]))[0], warnings };
    },
  }),

  'controlWorks.remove': mutation({
    params: z.object({ id: uuid }),
    access: 'plans.edit',
    action: 'удаление контрольной работы из графика',
    handler: async (p, ctx) => {
      const w = await ctx.em.findOne(ControlWorkEntity, { where: { id: p.id } });
      if (!w || w.deletedAt) throw fail.notFound('Контрольная работа');
      await requireOpenYear(ctx.em, w.yearId);
      await assertCanEdit(ctx.em, actorOf(ctx), w);
      await ctx.write.remove(ControlWorkEntity, w.id);
      return { id: w.id };
    },
  }),

  /**
   * Fills the schedule from the КТП: each topic of a control work type gets a
   * control work on the date its lesson falls on (works already there stay).
   */
  'controlWorks.fromPlans': mutation({
    params: z.object({ yearId: uuid, classId: uuid.optional() }),
    access: 'control.manage',
    action: 'заполнение графика контрольных работ по КТП',
    handler: async (p, ctx) => {
      await requireOpenYear(ctx.em, p.yearId);
      await loadYear(ctx.em, p.yearId);
      const controlTypes = new Set((await ctx.em.find(WorkTypeEntity, { where: { isControl: true, deletedAt: IsNull() } })).map((w) => w.id));
      const existing = new Set(
        (await ctx.em.find(ControlWorkEntity, { where: { yearId: p.yearId, deletedAt: IsNull() } })).map((w) => `${w.classId}|${w.groupId ?? ''}|${w.subjectId}|${w.date}`),
      );
      let created = 0;
      for (const plan of (await plansByPage(ctx.em, p.yearId)).values()) {
        if (p.classId && plan.classId !== p.classId) continue;
        const topics = (await ctx.em.find(PlanTopicEntity, { where: { planId: plan.id, deletedAt: IsNull() } })).filter((t) => t.workTypeId && controlTypes.has(t.workTypeId));
        for (const t of topics) {
          const lesson = await ctx.em.findOne(LessonEntity, { where: { planTopicId: t.id, deletedAt: IsNull() }, order: { date: 'ASC' } });
          const date = t.plannedDate ?? lesson?.date;
          if (!date) continue;
          const key = `${plan.classId}|${plan.groupId ?? ''}|${plan.subjectId}|${date}`;
          if (existing.has(key)) continue;
          existing.add(key);
          await ctx.write.insert(ControlWorkEntity, {
            yearId: p.yearId,
            classId: plan.classId,
            groupId: plan.groupId,
            subjectId: plan.subjectId,
            date,
            title: t.title,
            workTypeId: t.workTypeId,
            staffId: plan.staffId,
          });
          created++;
        }
      }
      return { created };
    },
  }),
};

async function canViewClass(em: ReadableDb, actor: Actor, w: ControlWork): Promise<boolean> {
  if (actor.roles.some((r) => r === 'deputy' || r === 'director' || r === 'admin')) return true;
  if (await canViewPage(em, actor, w)) return true;
  // A teacher of any subject in the class sees its schedule.
  if (!actor.staffId) return false;
  return (await em.count(TeachingAssignmentEntity, { where: { staffId: actor.staffId, classId: w.classId, deletedAt: IsNull() } })) > 0;
}

/** What the actor may put in the schedule: the pages of the load (a teacher's own), and the work types, control ones first. */
async function choices(em: ReadableDb, actor: Actor, yearId: string) {
  const q = em.createQueryBuilder(TeachingAssignmentEntity, 'a').where('a.yearId = :yearId AND a.deletedAt IS NULL', { yearId });
  if (!actor.roles.includes('deputy')) q.andWhere('a.staffId = :staffId', { staffId: actor.staffId ?? '' });
  const load = await q.getMany();
  const classes = new Map((await em.find(SchoolClassEntity, { where: { yearId } })).map((c) => [c.id, c]));
  const groups = new Map((await em.find(StudyGroupEntity, { where: { yearId } })).map((g) => [g.id, g.name]));
  const subjects = new Map((await em.find(SubjectEntity)).map((x) => [x.id, x]));
  const seen = new Set<string>();
  const pages = load
    .filter((a) => {
      const key = `${a.classId}|${a.groupId ?? ''}|${a.subjectId}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((a) => ({
      classId: a.classId,
      className: classes.get(a.classId)?.name ?? '',
      gradeLevel: classes.get(a.classId)?.gradeLevel ?? 0,
      groupId: a.groupId,
      groupName: a.groupId ? (groups.get(a.groupId) ?? null) : null,
      subjectId: a.subjectId,
      subjectName: subjects.get(a.subjectId)?.name ?? '',
      sortOrder: subjects.get(a.subjectId)?.sortOrder ?? 0,
    }))
    .sort((a, b) => a.gradeLevel - b.gradeLevel || a.className.localeCompare(b.className, 'ru') || a.sortOrder - b.sortOrder || (a.groupName ?? '').localeCompare(b.groupName ?? '', 'ru'));
  const workTypes = (await em.find(WorkTypeEntity, { where: { deletedAt: IsNull() } }))
    .sort((a, b) => Number(b.isControl) - Number(a.isControl) || a.sortOrder - b.sortOrder)
    .map((w) => ({ id: w.id, name: w.name, isControl: w.isControl }));
  return { pages, workTypes };
}
