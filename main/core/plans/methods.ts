import { z } from 'zod';
import { IsNull } from 'typeorm';
import { actorOf, mutation, query, schoolDate } from '../api/contract';
import { schoolTodayOf } from '../settings/school-today';
import { AppError, fail } from '../shared/errors';
import { getSetting } from '../settings/store';
import { ThematicPlanEntity, PlanTopicEntity } from '../db/entities/planning';
import { SchoolClassEntity, StudyGroupEntity, SubjectEntity, TeachingAssignmentEntity, WorkTypeEntity } from '../db/entities/school';
import { LessonEntity } from '../db/entities/journal';
import { StaffEntity } from '../db/entities/staff';
import { shortName } from '../shared/text';
import { requireOpenYear } from '../school/common';
import { loadYear } from '../lessons/load';
import { yearOf } from '../journal/pages';
import { pageKey } from './flow';
import { topicsOf } from './import-file';
import { readInWorker, uploadBytes } from '../files/read-in-worker';
import { uploadContent } from '../files/upload-schema';
import { ENCODINGS } from '../import/read-table';
import { reflowTopics } from './reflow';
import { assertCanEditPlan, canViewPlan, isDeputy } from './scope';
import { planSummaries } from './summary';
import { copyTargets, replaceTopics, type TopicInput } from './topics-write';

const uuid = z.string().uuid();

const topicInput = z.object({
  id: uuid.nullish(),
  title: z.string({ error: 'Введите тему' }).trim().min(1, 'Введите тему').max(1000, 'Не более 1000 символов'),
  hours: z.number({ error: 'Укажите часы' }).int('Часы — целое число').min(1, 'Не меньше 1 часа').max(40, 'Не больше 40 часов'),
  workTypeId: uuid.nullish(),
  plannedDate: schoolDate.nullish(),
  note: z.string().trim().max(2000).nullish(),
});

async function livePlan(em: Parameters<typeof getSetting>[0], id: string) {
  const plan = await em.findOne(ThematicPlanEntity, { where: { id } });
  if (!plan || plan.deletedAt) throw fail.notFound('КТП');
  return plan;
}

export const planMethods = {
  /**
   * The year's plans with hours and fulfilment on a date (today by default):
   * a teacher's own by default, every plan for the administration; and the
   * pages of the load that still have no plan.
   */
  'plans.list': query({
    params: z.object({ yearId: uuid.optional(), date: schoolDate.optional(), classId: uuid.optional(), staffId: uuid.optional(), mine: z.boolean().optional() }),
    access: 'journal.view',
    action: 'просмотр КТП',
    handler: async (p, ctx) => {
      const actor = actorOf(ctx);
      const today = await schoolTodayOf(ctx);
      const date = p.date ?? today;
      // Without a year: the one the day falls in (the screen asks at once, not after the list of years).
      const yearId = p.yearId ?? (await yearOf(ctx.em, date))?.id;
      if (!yearId) return { date, yearId: null, plans: [], missing: [] };
      const admin = actor.roles.some((r) => r === 'deputy' || r === 'director' || r === 'admin');
      const mine = p.mine ?? !admin;
      const staffId = mine ? (actor.staffId ?? '00000000-0000-0000-0000-000000000000') : p.staffId;
      const all = await planSummaries(ctx.em, yearId, date, today, { classId: p.classId, staffId });
      const visible = [];
      for (const s of all) if (admin || (await canViewPlan(ctx.em, actor, s))) visible.push(s);
      // Pages of the load with no plan yet.
      const loadQ = ctx.em.createQueryBuilder(TeachingAssignmentEntity, 'a').where('a.yearId = :yearId AND a.deletedAt IS NULL', { yearId: yearId });
      if (staffId) loadQ.andWhere('a.staffId = :staffId', { staffId });
      if (p.classId) loadQ.andWhere('a.classId = :classId', { classId: p.classId });
      const load = await loadQ.getMany();
      const planned = new Set((await ctx.em.find(ThematicPlanEntity, { where: { yearId: yearId, deletedAt: IsNull() } })).map((x) => pageKey(x)));
      const seen = new Set<string>();
      const names = await pageNames(ctx.em, yearId);
      const missing = load
        .filter((a) => !planned.has(pageKey(a)) && !seen.has(pageKey(a)) && seen.add(pageKey(a)))
        .map((a) => ({
          classId: a.classId,
          groupId: a.groupId,
          subjectId: a.subjectId,
          staffId: a.staffId,
          className: names.cls(a.classId),
          groupName: names.group(a.groupId),
          subjectName: names.subject(a.subjectId),
          teacher: names.teacher(a.staffId),
          gradeLevel: names.grade(a.classId),
        }))
        .sort((a, b) => a.gradeLevel - b.gradeLevel || a.className.localeCompare(b.className, 'ru') || a.subjectName.localeCompare(b.subjectName, 'ru'));
      return { date, yearId, plans: visible, missing };
    },
  }),

  /** One plan: its topics with the dates the flow gives them, the work types, and where it can be copied. */
  'plans.get': query({
    params: z.object({ id: uuid, date: schoolDate.optional() }),
    access: 'journal.view',
    action: 'просмотр КТП',
    handler: async (p, ctx) => {
      const actor = actorOf(ctx);
      const plan = await livePlan(ctx.em, p.id);
      if (!(await canViewPlan(ctx.em, actor, plan))) throw fail.forbidden('Этот КТП вам недоступен: учитель видит планы своих предметов и своего класса.');
      const today = await schoolTodayOf(ctx);
      const [summary] = await planSummaries(ctx.em, plan.yearId, p.date ?? today, today, { ids: [plan.id] });
      const topics = await ctx.em.find(PlanTopicEntity, { where: { planId: plan.id, deletedAt: IsNull() }, order: { ordinal: 'ASC' } });
      const lessons = await lessonsOfPage(ctx.em, plan);
      const datesOf = new Map<string, string[]>();
      for (const l of lessons) if (l.planTopicId) (datesOf.get(l.planTopicId) ?? datesOf.set(l.planTopicId, []).get(l.planTopicId)!).push(l.date);
      const workTypes = await ctx.em.find(WorkTypeEntity, { where: { deletedAt: IsNull() }, order: { sortOrder: 'ASC' } });
      let editable = true;
      try {
        await assertCanEditPlan(ctx.em, actor, plan);
      } catch {
        editable = false;
      }
      return {
        plan: summary,
        editable,
        canApprove: isDeputy(actor),
        topics: topics.map((t) => ({
          id: t.id,
          ordinal: t.ordinal,
          title: t.title,
          hours: t.hours,
          workTypeId: t.workTypeId,
          plannedDate: t.plannedDate,
          note: t.note,
          lessonDates: datesOf.get(t.id) ?? [],
        })),
        workTypes: workTypes.map((w) => ({ id: w.id, name: w.name, shortName: w.shortName, isControl: w.isControl })),
        copyTargets: await copyTargets(ctx.em, plan),
      };
    },
  }),

  /** The page's lessons in order with the planned topic of each and the topic written in it (an override shifts nothing). */
  'plans.lessons': query({
    params: z.object({ id: uuid }),
    access: 'journal.view',
    action: 'просмотр уроков по КТП',
    handler: async (p, ctx) => {
      const actor = actorOf(ctx);
      const plan = await livePlan(ctx.em, p.id);
      if (!(await canViewPlan(ctx.em, actor, plan))) throw fail.forbidden('Этот КТП вам недоступен.');
      const topics = new Map((await ctx.em.find(PlanTopicEntity, { where: { planId: plan.id } })).map((t) => [t.id, t]));
      return (await lessonsOfPage(ctx.em, plan)).map((l) => ({
        id: l.id,
        date: l.date,
        lessonNo: l.lessonNo,
        status: l.status,
        plannedTopic: l.planTopicId ? (topics.get(l.planTopicId)?.title ?? null) : null,
        topic: l.topic,
      }));
    },
  }),

  /** A new plan for a page of the load: a teacher's for their own pages, the deputy's for any. */
  'plans.create': mutation({
    params: z.object({
      yearId: uuid,
      classId: z.string({ error: 'Выберите класс' }).uuid('Выберите класс'),
      groupId: uuid.nullish(),
      subjectId: z.string({ error: 'Выберите предмет' }).uuid('Выберите предмет'),
      staffId: uuid.nullish(),
      name: z.string().trim().max(300).nullish(),
      topics: z.array(topicInput).max(1000).optional(),
    }),
    access: 'plans.edit',
    action: 'создание КТП',
    handler: async (p, ctx) => {
      const actor = actorOf(ctx);
      await requireOpenYear(ctx.em, p.yearId);
      const cls = await ctx.em.findOne(SchoolClassEntity, { where: { id: p.classId } });
      if (!cls || cls.deletedAt || cls.yearId !== p.yearId) throw fail.validation('Класс не найден в этом учебном году.', { classId: 'Класс не найден' });
      const subject = await ctx.em.findOne(SubjectEntity, { where: { id: p.subjectId } });
      if (!subject || subject.deletedAt) throw fail.validation('Предмет не найден.', { subjectId: 'Предмет не найден' });
      let groupName: string | null = null;
      if (p.groupId) {
        const g = await ctx.em.findOne(StudyGroupEntity, { where: { id: p.groupId } });
        if (!g || g.deletedAt || g.classId !== p.classId || g.subjectId !== p.subjectId) {
          throw fail.validation('Группа не принадлежит этому классу и предмету.', { groupId: 'Группа другого класса или предмета' });
        }
        groupName = g.name;
      }
      const page = { classId: p.classId, groupId: p.groupId ?? null, subjectId: p.subjectId };
      const staffId = p.staffId ?? (isDeputy(actor) ? await teacherOf(ctx.em, p.yearId, page) : actor.staffId);
      if (!staffId) throw fail.validation('Укажите учителя, чей это КТП.', { staffId: 'Выберите учителя' });
      await assertCanEditPlan(ctx.em, actor, { ...page, staffId });
      const twin = await ctx.em.findOne(ThematicPlanEntity, {
        where: { yearId: p.yearId, classId: p.classId, subjectId: p.subjectId, groupId: p.groupId ?? IsNull(), deletedAt: IsNull() },
      });
      if (twin) throw fail.conflict(`У этой страницы журнала уже есть КТП «${twin.name}». Откройте его, чтобы изменить или заменить темы.`);
      const plan = await ctx.write.insert(ThematicPlanEntity, {
        yearId: p.yearId,
        ...page,
        staffId,
        name: p.name || `${subject.name}, ${cls.name}${groupName ? `, ${groupName}` : ''}`,
        approvedAt: null,
        note: null,
      });
      if (p.topics?.length) {
        await replaceTopics(ctx.write, plan, p.topics as TopicInput[], await loadYear(ctx.em, p.yearId));
        await reflowTopics(ctx.write, p.yearId, new Set([pageKey(plan)]));
      }
      return { id: plan.id };
    },
  }),

  'plans.update': mutation({
    params: z.object({ id: uuid, name: z.string().trim().min(1, 'Введите название').max(300).optional(), staffId: uuid.optional(), note: z.string().trim().max(2000).nullish() }),
    access: 'plans.edit',
    action: 'изменение КТП',
    handler: async (p, ctx) => {
      const actor = actorOf(ctx);
      const plan = await livePlan(ctx.em, p.id);
      await requireOpenYear(ctx.em, plan.yearId);
      await assertCanEditPlan(ctx.em, actor, plan);
      if (p.staffId && p.staffId !== plan.staffId && !isDeputy(actor)) throw fail.forbidden('Передать КТП другому учителю может заместитель директора по УВР.');
      await ctx.write.update(ThematicPlanEntity, plan.id, { name: p.name, staffId: p.staffId, note: p.note === undefined ? undefined : p.note || null });
      return { id: plan.id };
    },
  }),

  /**
   * Replaces the plan's topics with the list given, in its order (topics keep
   * their ids when sent back, so the lessons keep them). A teacher's change
   * to an approved plan sends it back to the deputy for approval.
   */
  'plans.saveTopics': mutation({
    params: z.object({ id: uuid, topics: z.array(topicInput).max(1000, 'Не более 1000 тем') }),
    access: 'plans.edit',
    action: 'изменение тем КТП',
    handler: async (p, ctx) => {
      const actor = actorOf(ctx);
      const plan = await livePlan(ctx.em, p.id);
      const year = await requireOpenYear(ctx.em, plan.yearId);
      await assertCanEditPlan(ctx.em, actor, plan);
      const changed = await replaceTopics(ctx.write, plan, p.topics as TopicInput[], year);
      if (changed && plan.approvedAt && !isDeputy(actor)) {
        await ctx.write.update(ThematicPlanEntity, plan.id, { approvedAt: null }, { reason: 'КТП изменён учителем после утверждения' });
      }
      const lessons = await reflowTopics(ctx.write, plan.yearId, new Set([pageKey(plan)]));
      const today = await schoolTodayOf(ctx);
      const [summary] = await planSummaries(ctx.em, plan.yearId, today, today, { ids: [plan.id] });
      return { plan: summary, lessonsChanged: lessons };
    },
  }),

  /** Reads a КТП from an XLSX or CSV file and shows what it holds; nothing is written. */
  'plans.parseFile': query({
    params: z.object({
      yearId: uuid,
      fileName: z.string().trim().min(1, 'Выберите файл').max(300),
      contentBase64: uploadContent('plan'),
      /** A CSV's encoding; `auto`: found by its mark or its text. */
      encoding: z.enum(ENCODINGS).default('auto'),
    }),
    access: 'plans.edit',
    action: 'чтение файла КТП',
    readFiles: (p) => readInWorker('plan', { fileName: p.fileName, bytes: uploadBytes(p.contentBase64), encoding: p.encoding }, { fileName: p.fileName, field: 'file' }),
    handler: async (p, ctx, table) => {
      const year = await loadYear(ctx.em, p.yearId);
      const workTypes = await ctx.em.find(WorkTypeEntity, { where: { deletedAt: IsNull() } });
      const file = topicsOf(table, workTypes, year);
      return { ...file, totalHours: file.topics.reduce((s, t) => s + t.hours, 0) };
    },
  }),

  /** The deputy approves a plan (or takes the approval back). */
  'plans.approve': mutation({
    params: z.object({ id: uuid, approved: z.boolean() }),
    access: 'control.manage',
    action: 'утверждение КТП',
    handler: async (p, ctx) => {
      const plan = await livePlan(ctx.em, p.id);
      await requireOpenYear(ctx.em, plan.yearId);
      await ctx.write.update(ThematicPlanEntity, plan.id, { approvedAt: p.approved ? ctx.clock.now().toISOString() : null });
      return { id: plan.id, approved: p.approved };
    },
  }),

  /** Copies a plan's topics to parallel classes (the same subject, and the same part of the split for a group). */
  'plans.copy': mutation({
    params: z.object({
      id: uuid,
      targets: z.array(z.object({ classId: uuid, groupId: uuid.nullish() })).min(1, 'Выберите хотя бы один класс'),
      replace: z.boolean().default(false),
    }),
    access: 'plans.edit',
    action: 'копирование КТП в параллельный класс',
    handler: async (p, ctx) => {
      const actor = actorOf(ctx);
      const source = await livePlan(ctx.em, p.id);
      const year = await requireOpenYear(ctx.em, source.yearId);
      const topics = await ctx.em.find(PlanTopicEntity, { where: { planId: source.id, deletedAt: IsNull() }, order: { ordinal: 'ASC' } });
      if (topics.length === 0) throw fail.validation('В КТП нет тем: копировать нечего.');
      const allowed = await copyTargets(ctx.em, source);
      const results: { classId: string; groupId: string | null; planId: string | null; status: 'created' | 'replaced' | 'skipped'; message: string | null }[] = [];
      for (const target of p.targets) {
        const t = allowed.find((x) => x.classId === target.classId && x.groupId === (target.groupId ?? null));
        if (!t) throw fail.validation('КТП копируется только в параллельные классы по тому же предмету.', { targets: 'Класс не из этой параллели' });
        const page = { classId: t.classId, groupId: t.groupId, subjectId: source.subjectId };
        const staffId = t.staffId ?? source.staffId;
        await assertCanEditPlan(ctx.em, actor, { ...page, staffId });
        let planId = t.planId;
        if (planId && !p.replace) {
          results.push({ classId: t.classId, groupId: t.groupId, planId, status: 'skipped', message: `У ${t.label} уже есть КТП; отметьте «заменить темы», чтобы заменить их.` });
          continue;
        }
        if (!planId) {
          planId = (
            await ctx.write.insert(ThematicPlanEntity, {
              yearId: source.yearId,
              ...page,
              staffId,
              name: source.name.replace(/\d{1,2}[А-ЯЁ]{1,2}/, t.className),
              approvedAt: null,
              note: null,
            })
          ).id;
        }
        const plan = await livePlan(ctx.em, planId);
        const inputs: TopicInput[] = topics.map((x) => ({ title: x.title, hours: x.hours, workTypeId: x.workTypeId, plannedDate: null, note: x.note }));
        await replaceTopics(ctx.write, plan, inputs, year);
        await reflowTopics(ctx.write, source.yearId, new Set([pageKey(plan)]));
        results.push({ classId: t.classId, groupId: t.groupId, planId, status: t.planId ? 'replaced' : 'created', message: null });
      }
      return results;
    },
  }),

  /** Removes a plan; its page's lessons lose their planned topics (written topics stay). */
  'plans.remove': mutation({
    params: z.object({ id: uuid }),
    access: 'plans.edit',
    action: 'удаление КТП',
    handler: async (p, ctx) => {
      const actor = actorOf(ctx);
      const plan = await livePlan(ctx.em, p.id);
      await requireOpenYear(ctx.em, plan.yearId);
      await assertCanEditPlan(ctx.em, actor, plan);
      if (plan.approvedAt && !isDeputy(actor)) throw new AppError('FORBIDDEN', 'КТП утверждён: удалить его может заместитель директора по УВР.');
      await ctx.write.remove(ThematicPlanEntity, plan.id);
      await reflowTopics(ctx.write, plan.yearId, new Set([pageKey(plan)]));
      return { id: plan.id };
    },
  }),
};

/** Names of the year's classes, groups, subjects and staff, for the pages of the load. */
async function pageNames(em: Parameters<typeof getSetting>[0], yearId: string) {
  const classes = new Map((await em.find(SchoolClassEntity, { where: { yearId } })).map((c) => [c.id, c]));
  const groups = new Map((await em.find(StudyGroupEntity, { where: { yearId } })).map((g) => [g.id, g.name]));
  const subjects = new Map((await em.find(SubjectEntity)).map((x) => [x.id, x.name]));
  const staff = new Map((await em.find(StaffEntity)).map((x) => [x.id, shortName(x)]));
  return {
    cls: (id: string) => classes.get(id)?.name ?? '',
    grade: (id: string) => classes.get(id)?.gradeLevel ?? 0,
    group: (id: string | null) => (id ? (groups.get(id) ?? null) : null),
    subject: (id: string) => subjects.get(id) ?? '',
    teacher: (id: string) => staff.get(id) ?? '',
  };
}

async function lessonsOfPage(em: Parameters<typeof getSetting>[0], plan: { yearId: string; classId: string; groupId: string | null; subjectId: string }) {
  const q = em
    .createQueryBuilder(LessonEntity, 'l')
    .where('l.yearId = :yearId AND l.classId = :classId AND l.subjectId = :subjectId AND l.deletedAt IS NULL', plan)
    .orderBy('l.date')
    .addOrderBy('l.lessonNo');
  if (plan.groupId) q.andWhere('l.groupId = :groupId', { groupId: plan.groupId });
  else q.andWhere('l.groupId IS NULL');
  return q.getMany();
}

/** The teacher of a page by the load (the first one, when it changed hands). */
async function teacherOf(em: Parameters<typeof getSetting>[0], yearId: string, page: { classId: string; groupId: string | null; subjectId: string }): Promise<string | null> {
  const rows = await em.find(TeachingAssignmentEntity, { where: { yearId, classId: page.classId, subjectId: page.subjectId, deletedAt: IsNull() }, order: { fromDate: 'ASC' } });
  return (rows.find((r) => r.groupId === page.groupId) ?? rows.find((r) => r.groupId === null))?.staffId ?? null;
}
