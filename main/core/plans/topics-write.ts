import { IsNull, type EntityManager } from 'typeorm';
import type { Writer } from '../audit/writer';
import type { Clock } from '../shared/clock';
import { AppError, type FieldErrors } from '../shared/errors';
import { PlanTopicEntity, ThematicPlanEntity, type PlanTopic, type ThematicPlan } from '../db/entities/planning';
import { SchoolClassEntity, StudyGroupEntity, TeachingAssignmentEntity, WorkTypeEntity } from '../db/entities/school';
import { BulkWriter, type BulkOrigin } from '../lessons/bulk-write';
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
export async function replaceTopics(
  em: EntityManager,
  write: Writer,
  clock: Clock,
  origin: BulkOrigin,
  plan: ThematicPlan,
  inputs: TopicInput[],
  year: { startDate: string; endDate: string },
): Promise<boolean> {
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
  let changed = false;
  for (const [i, t] of inputs.entries()) {
    const values = {
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
      const differs = (Object.keys(values) as (keyof typeof values)[]).some((k) => (old[k] ?? null) !== values[k]);
      if (differs) {
        await write.update(PlanTopicEntity, old.id, values);
        changed = true;
      }
    } else {
      fresh.push({ planId: plan.id, ...values });
    }
  }
  const gone = existing.filter((t) => !kept.has(t.id)).map((t) => t.id);
  const bulk = new BulkWriter(em, clock, origin);
  if (fresh.length) await bulk.insertMany(PlanTopicEntity, fresh);
  if (gone.length) await bulk.removeMany(PlanTopicEntity, gone);
  return changed || fresh.length > 0 || gone.length > 0;
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
export async function copyTargets(em: EntityManager, plan: ThematicPlan): Promise<CopyTarget[]> {
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
