import type { ReadableDb } from '../db/readable';
import { IsNull } from 'typeorm';
import type { Writer } from '../write/writer';
import { AppError, type FieldErrors } from '../shared/errors';
import { PlanTopicEntity, ThematicPlanEntity, type PlanTopic, type ThematicPlan } from '../db/entities/planning';
import { SchoolClassEntity, StudyGroupEntity, TeachingAssignmentEntity, WorkTypeEntity } from '../db/entities/school';
import { pageKey } from './flow';
import { ruDate } from '../shared/dates';

export interface TopicInput {
  id?: string | null;
  title: string;
  hours: number;
  workTypeId?: string | null;
  plannedDate?: string | null;
  note?: string | null;
}

/**
 * Makes the plan's topics exactly the list given, in its order. Topics sent
 * back with their ids are updated in place (lessons that carry them keep
 * them); new ones are added in one batch; the ones left out are removed.
 * Returns whether anything changed.
 */
export async function replaceTopics(write: Writer, plan: ThematicPlan, inputs: TopicInput[], year: { startDate: string; endDate: string }): Promise<boolean> {
  const em = write.db;
  const fields: FieldErrors = {};
  const workTypes = new Set((await em.find(WorkTypeEntity, { where: { deletedAt: IsNull() } })).map((w) => w.id));
  inputs.forEach((t, i) => {
    if (t.workTypeId && !workTypes.has(t.workTypeId)) fields[`topics.${i}.workTypeId`] = 'Вид работы не найден';
    if (t.plannedDate && (t.plannedDate < year.startDate || t.plannedDate > year.endDate)) {
      fields[`topics.${i}.plannedDate`] = `Дата вне учебного года (${ruDate(year.startDate)} — ${ruDate(year.endDate)})`;
    }
  });
  const first = Object.entries(fields)[0];
  if (first) {
    const row = Number(first[0].split('.')[1]) + 1;
    throw new AppError('VALIDATION', `Тема ${row}: ${first[1].charAt(0).toLowerCase()}${first[1].slice(1)}.`, { fields });
  }
  const existing = await em.find(PlanTopicEntity, { where: { planId: plan.id, deletedAt: IsNull() } });
  const byId = new Map(existing.map((t) => [t.id, t]));
  const kept = new Set<string>();
  const fresh: Omit<PlanTopic, 'id' | 'createdAt' | 'updatedAt' | 'deletedAt'>[] = [];
  const updates: { old: PlanTopic; values: TopicValues }[] = [];
  for (const [i, t] of inputs.entries()) {
    const values: TopicValues = {
      ordinal: i + 1,
      title: t.title.trim(),
      hours: t.hours,
      workTypeId: t.workTypeId ?? null,
      plannedDate: t.plannedDate ?? null,
      note: t.note?.trim() || null,
    };
    const old = t.id ? byId.get(t.id) : undefined;
    if (old && !kept.has(old.id)) {
      kept.add(old.id);
      if ((Object.keys(values) as (keyof TopicValues)[]).some((k) => (old[k] ?? null) !== values[k])) updates.push({ old, values });
    } else {
      fresh.push({ planId: plan.id, ...values });
    }
  }
  // Removed topics first: they free their places. Then the kept ones move; the new ones come last.
  const gone = existing.filter((t) => !kept.has(t.id)).map((t) => t.id);
  if (gone.length) await write.removeMany(PlanTopicEntity, gone);
  await updateInPlaceOrder(write, existing.filter((t) => kept.has(t.id)), updates);
  if (fresh.length) await write.insertMany(PlanTopicEntity, fresh);
  return updates.length > 0 || fresh.length > 0 || gone.length > 0;
}
type TopicValues = Pick<PlanTopic, 'ordinal' | 'title' | 'hours' | 'workTypeId' | 'plannedDate' | 'note'>;

/**
 * Two live topics of a plan never share a place (a unique index, migration
 * 0009), not even for a moment inside a transaction. A topic therefore moves
 * only to a free place; when every move waits for another (two topics
 * swapped, one dragged to the top), one of them steps out of the plan's
 * numbering (a negative place) for one write, as a spreadsheet user would put
 * a row aside to swap two others.
 */
async function updateInPlaceOrder(write: Writer, live: PlanTopic[], updates: { old: PlanTopic; values: TopicValues }[]): Promise<void> {
  const holder = new Map(live.map((t) => [t.ordinal, t.id]));
  const placeOf = new Map(live.map((t) => [t.id, t.ordinal]));
  const pending = [...updates];
  while (pending.length > 0) {
    const i = pending.findIndex((u) => {
      const at = holder.get(u.values.ordinal);
      return at === undefined || at === u.old.id;
    });
    if (i < 0) {
      const stuck = pending[0];
      const aside = -stuck.values.ordinal;
      await write.update(PlanTopicEntity, stuck.old.id, { ordinal: aside });
      holder.delete(placeOf.get(stuck.old.id)!);
      placeOf.set(stuck.old.id, aside);
      continue;
    }
    const [u] = pending.splice(i, 1);
    await write.update(PlanTopicEntity, u.old.id, u.values);
    holder.delete(placeOf.get(u.old.id)!);
    holder.set(u.values.ordinal, u.old.id);
    placeOf.set(u.old.id, u.values.ordinal);
  }
}

export interface CopyTarget {
  classId: string;
  className: string;
  groupId: string | null;
  groupName: string | null;
  /** «5Б» or «5Б, 1 подгруппа». */
  label: string;
  /** The page's teacher by the load (null: none yet). */
  staffId: string | null;
  /** The page's plan, if it has one. */
  planId: string | null;
}

/**
 * Where a plan may be copied: the same subject in the parallel classes (the
 * same grade), a whole-class plan to whole classes, a group's plan to the
 * groups of that subject (the other subgroup of the same class included).
 */
export async function copyTargets(em: ReadableDb, plan: ThematicPlan): Promise<CopyTarget[]> {
  const own = await em.findOne(SchoolClassEntity, { where: { id: plan.classId } });
  if (!own) return [];
  const classes = (await em.find(SchoolClassEntity, { where: { yearId: plan.yearId, gradeLevel: own.gradeLevel, deletedAt: IsNull() } })).sort((a, b) =>
    a.letter.localeCompare(b.letter, 'ru'),
  );
  const groups = await em.find(StudyGroupEntity, { where: { yearId: plan.yearId, subjectId: plan.subjectId, deletedAt: IsNull() } });
  const plans = new Map(
    (await em.find(ThematicPlanEntity, { where: { yearId: plan.yearId, subjectId: plan.subjectId, deletedAt: IsNull() } })).map((p) => [pageKey(p), p.id]),
  );
  const load = await em.find(TeachingAssignmentEntity, { where: { yearId: plan.yearId, subjectId: plan.subjectId, deletedAt: IsNull() } });
  const teacher = (classId: string, groupId: string | null) =>
    (load.find((a) => a.classId === classId && a.groupId === groupId) ?? load.find((a) => a.classId === classId && a.groupId === null))?.staffId ?? null;
  const out: CopyTarget[] = [];
  for (const c of classes) {
    if (plan.groupId === null) {
      if (c.id === plan.classId) continue;
      out.push({ classId: c.id, className: c.name, groupId: null, groupName: null, label: c.name, staffId: teacher(c.id, null), planId: plans.get(pageKey({ classId: c.id, groupId: null, subjectId: plan.subjectId })) ?? null });
      continue;
    }
    for (const g of groups.filter((x) => x.classId === c.id && x.id !== plan.groupId).sort((a, b) => a.name.localeCompare(b.name, 'ru'))) {
      out.push({
        classId: c.id,
        className: c.name,
        groupId: g.id,
        groupName: g.name,
        label: `${c.name}, ${g.name}`,
        staffId: teacher(c.id, g.id),
        planId: plans.get(pageKey({ classId: c.id, groupId: g.id, subjectId: plan.subjectId })) ?? null,
      });
    }
  }
  return out;
}
