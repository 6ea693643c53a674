import { In } from 'typeorm';
import type { ReadableDb } from '../../db/readable';
import type { MergeSchema } from './schema';
import type { RowPlan } from './context';

/**
 * Rows whose parents (foreign keys) are not here yet: another computer's
 * batch with the parent has not arrived, or stopped at a file that does not
 * open. Such a row waits (its changes are in the change log) instead of
 * breaking the foreign key or being dropped. Returns, per waiting plan, the
 * first parent it lacks.
 */
export async function missingParents(db: ReadableDb, schema: MergeSchema, plans: RowPlan[]): Promise<Map<RowPlan, { entity: string; id: string }>> {
  const wanted = new Map<string, Set<string>>();
  const needs: { plan: RowPlan; entity: string; id: string }[] = [];
  for (const plan of plans) {
    for (const { column, parent } of plan.info.parents) {
      // A new row needs all its parents; a changed row only those its changed fields name.
      if (plan.before && !plan.set.has(column)) continue;
      const id = plan.after[column];
      if (id === null || id === undefined || id === '') continue;
      needs.push({ plan, entity: parent, id: String(id) });
      let ids = wanted.get(parent);
      if (!ids) wanted.set(parent, (ids = new Set()));
      ids.add(String(id));
    }
  }
  const present = new Map<string, Set<string>>();
  for (const [entity, ids] of wanted) {
    const info = schema.get(entity);
    const found = new Set<string>();
    const list = [...ids];
    for (let i = 0; i < list.length; i += 500) {
      const rows = (await db.find(info.schema, { where: { [info.key]: In(list.slice(i, i + 500)) }, select: { [info.key]: true } })) as Record<string, unknown>[];
      for (const r of rows) found.add(String(r[info.key]));
    }
    present.set(entity, found);
  }
  const out = new Map<RowPlan, { entity: string; id: string }>();
  for (const n of needs) {
    if (!present.get(n.entity)!.has(n.id) && !out.has(n.plan)) out.set(n.plan, { entity: n.entity, id: n.id });
  }
  return out;
}
