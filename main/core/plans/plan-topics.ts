import type { ReadableDb } from '../db/readable';
import { PlanTopicEntity, ThematicPlanEntity, type ThematicPlan } from '../db/entities/planning';
import { pageKey, type FlowTopic } from './flow';

/**
 * The live plan of every page of a year. One page has one plan (the methods
 * keep it so); should a copy from another computer bring a second, the
 * approved one wins, then the older.
 */
export async function plansByPage(em: ReadableDb, yearId: string): Promise<Map<string, ThematicPlan>> {
  const plans = await em
    .createQueryBuilder(ThematicPlanEntity, 'p')
    .where('p.yearId = :yearId AND p.deletedAt IS NULL', { yearId })
    .orderBy('p.createdAt', 'ASC')
    .getMany();
  const out = new Map<string, ThematicPlan>();
  for (const p of plans) {
    const key = pageKey(p);
    const current = out.get(key);
    if (!current || (!current.approvedAt && p.approvedAt)) out.set(key, p);
  }
  return out;
}

/** The topics of each page's plan, for the flow into lessons. */
export async function topicsByPage(em: ReadableDb, yearId: string): Promise<Map<string, FlowTopic[]>> {
  const plans = await plansByPage(em, yearId);
  const planPage = new Map<string, string>();
  for (const [key, plan] of plans) planPage.set(plan.id, key);
  const out = new Map<string, FlowTopic[]>();
  if (planPage.size === 0) return out;
  // Raw rows: a school's year has tens of thousands of topics, and entities take seconds to build.
  const topics = await em
    .createQueryBuilder(PlanTopicEntity, 't')
    .innerJoin(ThematicPlanEntity.options.name, 'p', 'p.id = t.planId')
    .select('t.id', 'id')
    .addSelect('t.planId', 'planId')
    .addSelect('t.ordinal', 'ordinal')
    .addSelect('t.hours', 'hours')
    .where('p.yearId = :yearId AND p.deletedAt IS NULL AND t.deletedAt IS NULL', { yearId })
    .getRawMany<{ id: string; planId: string; ordinal: number | string; hours: number | string }>();
  for (const t of topics) {
    const key = planPage.get(t.planId);
    if (!key) continue;
    const list = out.get(key);
    const topic = { id: t.id, ordinal: Number(t.ordinal), hours: Number(t.hours) };
    if (list) list.push(topic);
    else out.set(key, [topic]);
  }
  return out;
}
