import { In } from 'typeorm';
import type { ReadableDb } from '../../db/readable';
import { rankOf } from './rank';
import type { EntityInfo } from './schema';
import type { RowWrite, RowWrites } from './writes';
import { sameValue, type MergeContext, type Row, type RowPlan } from './context';

/** Fields whose contests the conflict checks look at (two computers, two values, one won). */
const CONTESTED: Record<string, Set<string>> = { FinalMark: new Set(['value']) };

/**
 * The rows of one entity as this computer has them, by key. Most rows of a
 * batch are new here (a day's marks): their keys are looked up first, and
 * only the rows that exist are read whole.
 */
export async function loadRows(db: ReadableDb, info: EntityInfo, ids: string[]): Promise<Map<string, Row>> {
  const present: string[] = [];
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await db
      .createQueryBuilder(info.schema, 'r')
      .select(`r.${info.key}`, 'k')
      .where(`r.${info.key} IN (:...ids)`, { ids: ids.slice(i, i + 5000) })
      .getRawMany<{ k: string }>();
    for (const r of rows) present.push(String(r.k));
  }
  const out = new Map<string, Row>();
  for (let i = 0; i < present.length; i += 500) {
    const rows = (await db.find(info.schema, { where: { [info.key]: In(present.slice(i, i + 500)) } })) as Row[];
    for (const r of rows) out.set(r[info.key] as string, r);
  }
  return out;
}

/**
 * What a row's incoming writes change in a row this computer has: each
 * field goes to the write that ranks highest — this computer's current
 * value (its clock from the change log) or one of the incoming ones.
 */
export function planExisting(ctx: MergeContext, rows: RowWrites, before: Row): RowPlan {
  const { info, rowId } = rows;
  const set = new Map<string, RowWrite>();
  const best = new Map<string, string>();
  const after: Row = { ...before };
  const contested = CONTESTED[info.name];
  for (const w of rows.writes) {
    for (const [field, value] of Object.entries(w.values)) {
      const rank = rankOf(info, field, w.hlc, w.values);
      let current = best.get(field);
      if (current === undefined) {
        const localHlc = ctx.clocks.of(info.name, rowId, field);
        current = rankOf(info, field, localHlc, before);
        if (contested?.has(field) && !sameValue(before[field], value)) {
          ctx.contests.push({ info, rowId, field, local: { hlc: localHlc, row: before }, incoming: w, incomingWon: rank > current });
        }
      }
      if (rank <= current) continue;
      best.set(field, rank);
      after[field] = value;
      set.set(field, w);
    }
  }
  for (const field of [...set.keys()]) if (sameValue(before[field], after[field])) set.delete(field);
  return { info, rowId, before, after, set, created: '' };
}

/**
 * A row new to this computer, from the writes that made and changed it;
 * null when none of them made it (only some of its fields came: it waits
 * for the row itself).
 */
export function planNew(info: EntityInfo, rowId: string, writes: RowWrite[], now: string): RowPlan | null {
  const made = writes.filter((w) => w.star);
  if (made.length === 0) return null;
  const after: Row = {};
  const rank = new Map<string, string>();
  const set = new Map<string, RowWrite>();
  for (const w of writes) {
    for (const [field, value] of Object.entries(w.values)) {
      const r = rankOf(info, field, w.hlc, w.values);
      if ((rank.get(field) ?? '') >= r) continue;
      rank.set(field, r);
      after[field] = value;
      set.set(field, w);
    }
  }
  for (const column of info.columns.values()) {
    if (!(column.name in after) || after[column.name] === undefined) after[column.name] = column.fallback;
  }
  after[info.key] = rowId;
  if (info.hasUpdatedAt) after.updatedAt = now;
  const created = made.reduce((m, w) => (w.hlc > m ? w.hlc : m), '');
  return { info, rowId, before: null, after, set, created };
}

/** Columns a new row cannot do without and lacks (a row from a damaged or foreign batch): it waits instead. */
export function missingRequired(plan: RowPlan): string[] {
  const out: string[] = [];
  for (const c of plan.info.columns.values()) {
    if (!c.nullable && (plan.after[c.name] === null || plan.after[c.name] === undefined)) out.push(c.name);
  }
  return out;
}
