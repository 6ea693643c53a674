import { ChangeLogEntity, type ChangeLogEntry } from '../../db/entities/system';
import { SyncWaitingEntity, type SyncWaiting } from '../../db/entities/sync';
import { newId } from '../../shared/ids';
import { mergeWrites } from '../../write/merge-writes';
import type { Batch } from '../share/types';
import { valueText } from '../wire';
import { entriesOf, FieldClocks, waitingAmong } from './clocks';
import { sameValue, type MergeContext, type RowPlan } from './context';
import { missingParents } from './parents';
import { loadRows, missingRequired, planExisting, planNew } from './plan';
import { makeRoom } from './room';
import type { EntityInfo } from './schema';
import { rowKey, writesOfBatch, writesOfEntries, type IncomingChange, type RowWrites } from './writes';

/**
 * Applies one batch of another computer's changes (main/core/sync/README.md
 * «Merge»), inside the caller's transaction, which also advances the
 * computer's cursor: all of it or none of it.
 *
 * 1. Changes already here (a batch read twice, a snapshot that included
 *    them) are dropped; the rest are recorded in this computer's change log
 *    with their origin — the other computer's id and clock — so they are
 *    never shipped again as this computer's, and the clock of every field
 *    stays known.
 * 2. Row by row, parents before children (ALL_ENTITIES): each field takes
 *    the value of the write that ranks highest (merge/rank.ts: last writer
 *    wins by the hybrid clock) among this computer's current one and the
 *    incoming ones. A tombstone is the field `deletedAt` like any other; a
 *    new row (`*`) is all of its fields.
 * 3. A row whose parent has not arrived, or of which only some fields came,
 *    waits (sync_waiting) and is written from the change log as soon as what
 *    it needs is here.
 * 4. Rows a unique rule makes collide give way (merge/room.ts).
 * The value that lost is not gone: its write is in the change log, and its
 * audit event — the history the journal's cells show — came with it.
 */
export interface ApplyStats {
  /** Changes recorded (new to this computer). */
  recorded: number;
  /** Changes that were here already. */
  duplicates: number;
  /** Changes this program does not take (an entity it does not know or does not share; a malformed value). */
  ignored: number;
  /** Rows written (made or changed). */
  rowsWritten: number;
  /** Rows left waiting for a parent or for themselves. */
  waiting: number;
}

export async function applyBatch(ctx: MergeContext, batch: Batch): Promise<ApplyStats> {
  const stats: ApplyStats = { recorded: 0, duplicates: 0, ignored: 0, rowsWritten: 0, waiting: 0 };
  const origin = batch.header.computerId;
  const seen = await alreadyHere(ctx, origin, batch.header.hlcFrom, batch.header.hlcTo);
  const fresh: IncomingChange[] = [];
  const inBatch = new Set<string>();
  for (const change of batch.changes) {
    const valueJson = valueText(change);
    if (change.computerId !== origin || valueJson === null || !ctx.schema.mergeable(change.entity)) {
      stats.ignored++;
      continue;
    }
    const id = `${change.hlc}|${change.rowId}|${change.field}`;
    if (seen.has(id) || inBatch.has(id)) {
      stats.duplicates++;
      continue;
    }
    inBatch.add(id);
    fresh.push({ change, valueJson });
  }
  if (fresh.length === 0) return stats;

  const incoming = writesOfBatch(ctx.schema, fresh);
  const keys = [...incoming.values()].map((r) => ({ entity: r.info.name, rowId: r.rowId }));
  ctx.clocks = await FieldClocks.load(ctx.em, keys);
  const waiting = await waitingAmong(ctx.em, [...incoming.keys()]);
  await mergeWrites.recordChanges(ctx.em, fresh.map(({ change, valueJson }) => entryOf(change.hlc, origin, change.entity, change.rowId, change.field, valueJson, change.group)));
  stats.recorded = fresh.length;

  const byEntity = new Map<EntityInfo, RowWrites[]>();
  const rebuild: { entity: string; rowId: string }[] = [];
  for (const [key, rows] of incoming) {
    // A row that waits is rebuilt from the change log, which now has these changes too.
    if (waiting.has(key)) {
      rebuild.push({ entity: rows.info.name, rowId: rows.rowId });
      continue;
    }
    const list = byEntity.get(rows.info) ?? [];
    list.push(rows);
    byEntity.set(rows.info, list);
  }
  const written = new Set<string>();
  for (const info of [...byEntity.keys()].sort((a, b) => a.order - b.order)) {
    const rows = byEntity.get(info)!;
    const current = await loadRows(ctx.em, info, rows.map((r) => r.rowId));
    const plans: RowPlan[] = [];
    const wait: SyncWaiting[] = [];
    for (const r of rows) {
      const before = current.get(r.rowId);
      const plan = before ? planExisting(ctx, r, before) : planNew(info, r.rowId, r.writes, ctx.now);
      if (!plan) wait.push(waitingRow(ctx, info, r.rowId, null));
      else plans.push(plan);
    }
    const done = await writePlans(ctx, info, plans, wait);
    stats.rowsWritten += done.length;
    for (const p of done) written.add(p.rowId);
    await mergeWrites.addWaiting(ctx.em, wait);
  }
  if (rebuild.length) stats.rowsWritten += (await rebuildRows(ctx, rebuild)).length;
  await releaseWaiting(ctx, written);
  stats.waiting = await ctx.em.count(SyncWaitingEntity);
  return stats;
}

/** Keys (`hlc|rowId|field`) of the origin's changes in this clock range that the change log has. */
async function alreadyHere(ctx: MergeContext, origin: string, from: string, to: string): Promise<Set<string>> {
  const rows = await ctx.em
    .createQueryBuilder(ChangeLogEntity, 'c')
    .select('c.hlc', 'hlc')
    .addSelect('c.rowId', 'rowId')
    .addSelect('c.field', 'field')
    .where('c.computerId = :origin AND c.hlc >= :from AND c.hlc <= :to', { origin, from, to })
    .getRawMany<{ hlc: string; rowId: string; field: string }>();
  return new Set(rows.map((r) => `${r.hlc}|${r.rowId}|${r.field}`));
}

function entryOf(hlc: string, computerId: string, entity: string, rowId: string, field: string, value: string, fieldGroup: string | null): ChangeLogEntry {
  return { id: newId(), hlc, computerId, entity, rowId, field, value, fieldGroup };
}

function waitingRow(ctx: MergeContext, info: EntityInfo, rowId: string, parent: { entity: string; id: string } | null): SyncWaiting {
  return { id: rowKey(info.name, rowId), entity: info.name, rowId, parentEntity: parent?.entity ?? null, parentId: parent?.id ?? null, since: ctx.now };
}

/**
 * Writes the plans of one entity: rows whose parents are missing wait
 * instead; rows a unique rule makes collide give way; the rest are
 * inserted or changed, field by field, in bulk. Returns the plans written.
 */
async function writePlans(ctx: MergeContext, info: EntityInfo, plans: RowPlan[], wait: SyncWaiting[]): Promise<RowPlan[]> {
  if (plans.length === 0) return [];
  const lacking = await missingParents(ctx.em, ctx.schema, plans);
  const ready: RowPlan[] = [];
  for (const plan of plans) {
    const parent = lacking.get(plan);
    if (parent) wait.push(waitingRow(ctx, info, plan.rowId, parent));
    else if (!plan.before && missingRequired(plan).length) wait.push(waitingRow(ctx, info, plan.rowId, null));
    else ready.push(plan);
  }
  if (info.uniques.length) await makeRoom(ctx, info, ready);
  const inserts = ready.filter((p) => !p.before).map((p) => p.after);
  await mergeWrites.insertRows(ctx.em, info.schema, inserts);
  const byField = new Map<string, { id: string; to: unknown }[]>();
  for (const plan of ready) {
    if (!plan.before) continue;
    for (const column of info.columns.keys()) {
      if (column === info.key || column === 'updatedAt' || sameValue(plan.before[column], plan.after[column])) continue;
      const list = byField.get(column) ?? [];
      list.push({ id: plan.rowId, to: plan.after[column] });
      byField.set(column, list);
    }
  }
  for (const [field, list] of byField) await mergeWrites.setField(ctx.em, info.schema, field, list, info.hasUpdatedAt ? ctx.now : null);
  for (const plan of ready) {
    for (const [field, w] of plan.set) ctx.clocks.wrote(info.name, plan.rowId, field, w.hlc);
    ctx.applied.push(plan);
  }
  return ready;
}

/**
 * Rows written from everything the change log has of them: rows that
 * waited, now that their parent (or the row itself) is here. Each field
 * takes the value of its highest-ranking write; a row this computer has
 * keeps the fields the log never saw.
 */
async function rebuildRows(ctx: MergeContext, keys: { entity: string; rowId: string }[]): Promise<RowPlan[]> {
  const entries = await entriesOf(ctx.em, keys);
  const all = writesOfEntries(ctx.schema, entries);
  const byEntity = new Map<EntityInfo, RowWrites[]>();
  for (const rows of all.values()) {
    const list = byEntity.get(rows.info) ?? [];
    list.push(rows);
    byEntity.set(rows.info, list);
  }
  const done: RowPlan[] = [];
  const saved = ctx.clocks;
  for (const info of [...byEntity.keys()].sort((a, b) => a.order - b.order)) {
    const rows = byEntity.get(info)!;
    const current = await loadRows(ctx.em, info, rows.map((r) => r.rowId));
    // Against the log's own winner, not the log's clocks: the log has these writes already.
    ctx.clocks = new FieldClocks();
    const plans: RowPlan[] = [];
    const wait: SyncWaiting[] = [];
    for (const r of rows) {
      const before = current.get(r.rowId);
      const plan = before ? planExisting(ctx, r, before) : planNew(info, r.rowId, r.writes, ctx.now);
      if (!plan) wait.push(waitingRow(ctx, info, r.rowId, null));
      else plans.push(plan);
    }
    ctx.clocks = saved;
    const ready = await writePlans(ctx, info, plans, wait);
    const stillWaiting = new Set(wait.map((w) => w.id));
    await mergeWrites.removeWaiting(
      ctx.em,
      rows.map((r) => rowKey(info.name, r.rowId)).filter((k) => !stillWaiting.has(k)),
    );
    await mergeWrites.addWaiting(ctx.em, wait);
    done.push(...ready);
  }
  return done;
}

/** Rows that waited for a parent written now, again and again while writing them brings more. */
async function releaseWaiting(ctx: MergeContext, written: Set<string>): Promise<void> {
  let parents = [...written];
  for (let round = 0; parents.length > 0 && round < 20; round++) {
    const released: SyncWaiting[] = [];
    for (let i = 0; i < parents.length; i += 500) {
      released.push(
        ...(await ctx.em
          .createQueryBuilder(SyncWaitingEntity, 'w')
          .where('w.parentId IN (:...ids)', { ids: parents.slice(i, i + 500) })
          .getMany()),
      );
    }
    if (released.length === 0) return;
    const done = await rebuildRows(ctx, released.map((w) => ({ entity: w.entity, rowId: w.rowId })));
    parents = done.map((p) => p.rowId);
  }
}
