import { In } from 'typeorm';
import { AuditEventEntity, type ChangeLogEntry } from '../../db/entities/system';
import { SyncWaitingEntity, type SyncFieldClock, type SyncWaiting } from '../../db/entities/sync';
import { mergeWrites } from '../../write/merge-writes';
import type { Batch, FieldChange } from '../share/types';
import { valueText } from '../wire';
import { clocksOfWrites, FieldClocks, foldOwnEntries, waitingAmong } from './clocks';
import { sameValue, type MergeContext, type RowPlan } from './context';
import { missingParents } from './parents';
import { loadRows, missingRequired, planExisting, planNew } from './plan';
import { makeRoom } from './room';
import type { EntityInfo } from './schema';
import { rowKey, writesOfBatch, type IncomingChange, type RowWrites } from './writes';

/**
 * Applies one batch of another computer's changes (main/core/sync/README.md
 * «Merge»), inside the caller's transaction, which also advances the
 * computer's cursor: all of it or none of it.
 *
 * 1. This computer's own latest entries are folded into the field clocks,
 *    so that what was typed here a second ago counts as the newer write.
 * 2. Changes already here (a batch read twice, a snapshot that included
 *    them) are dropped; the rest are recorded in this computer's change log
 *    with their origin — the other computer's id and clock — so they are
 *    never shipped again as this computer's.
 * 3. Row by row, parents before children (ALL_ENTITIES): each field takes
 *    the value of the write that ranks highest (merge/rank.ts: last writer
 *    wins by the hybrid clock) among this computer's current one and the
 *    incoming ones. A tombstone is the field `deletedAt` like any other; a
 *    new row (`*`) is all of its fields.
 * 4. A row whose parent has not arrived, or of which only some fields came,
 *    waits (sync_waiting, with its changes) and is written as soon as what
 *    it needs is here.
 * 5. Rows a unique rule makes collide give way (merge/room.ts).
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
  /** Rows left waiting for a parent or for themselves (all of them, not only this batch's). */
  waiting: number;
}

export async function applyBatch(ctx: MergeContext, batch: Batch): Promise<ApplyStats> {
  const stats: ApplyStats = { recorded: 0, duplicates: 0, ignored: 0, rowsWritten: 0, waiting: 0 };
  const origin = batch.header.computerId;
  await foldOwnEntries(ctx.em, ctx.me);

  const candidates: IncomingChange[] = [];
  for (const change of batch.changes) {
    const valueJson = valueText(change);
    if (change.computerId !== origin || valueJson === null || !ctx.schema.mergeable(change.entity)) stats.ignored++;
    else candidates.push({ change, valueJson });
  }
  const keys = [...new Set(candidates.map(({ change }) => rowKey(change.entity, change.rowId)))];
  ctx.clocks = await FieldClocks.load(
    ctx.em,
    candidates.map(({ change }) => ({ entity: change.entity, rowId: change.rowId })),
  );
  const waiting = await waitingAmong(ctx.em, keys);
  const audits = await existingAudits(ctx, candidates);
  const fresh: IncomingChange[] = [];
  const inBatch = new Set<string>();
  for (const c of candidates) {
    const { change } = c;
    const id = `${change.hlc}|${change.entity}|${change.rowId}|${change.field}`;
    const seen =
      inBatch.has(id) ||
      ctx.clocks.has(change.entity, change.rowId, change.field, change.hlc) ||
      (change.entity === 'AuditEvent' && audits.has(change.rowId)) ||
      waitingHas(waiting.get(rowKey(change.entity, change.rowId)), change);
    if (seen) stats.duplicates++;
    else fresh.push(c);
    inBatch.add(id);
  }
  if (fresh.length === 0) return stats;
  await mergeWrites.recordChanges(ctx.em, fresh.map(({ change, valueJson }) => entryOf(change, valueJson)));
  stats.recorded = fresh.length;

  const byEntity = new Map<EntityInfo, RowWrites[]>();
  const rebuild: SyncWaiting[] = [];
  const incoming = writesOfBatch(ctx.schema, fresh);
  for (const [key, rows] of incoming) {
    const known = waiting.get(key);
    if (known) {
      // A row that waits takes these changes in with the rest and is tried again below.
      const changes = [...parseWaiting(known), ...fresh.filter((c) => rowKey(c.change.entity, c.change.rowId) === key)];
      rebuild.push({ ...known, changes: JSON.stringify(changes) });
      continue;
    }
    const list = byEntity.get(rows.info) ?? [];
    list.push(rows);
    byEntity.set(rows.info, list);
  }
  const written = new Set<string>();
  for (const info of [...byEntity.keys()].sort((a, b) => a.order - b.order)) {
    const done = await writeRows(ctx, info, byEntity.get(info)!, fresh);
    stats.rowsWritten += done.length;
    for (const p of done) written.add(p.rowId);
  }
  if (rebuild.length) {
    const done = await rebuildWaiting(ctx, rebuild);
    stats.rowsWritten += done.length;
    for (const p of done) written.add(p.rowId);
  }
  stats.rowsWritten += await releaseWaiting(ctx, written);
  stats.waiting = await ctx.em.count(SyncWaitingEntity);
  return stats;
}

async function existingAudits(ctx: MergeContext, candidates: IncomingChange[]): Promise<Set<string>> {
  const ids = [...new Set(candidates.filter((c) => c.change.entity === 'AuditEvent').map((c) => c.change.rowId))];
  const out = new Set<string>();
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await ctx.em
      .createQueryBuilder(AuditEventEntity, 'e')
      .select('e.id', 'id')
      .where('e.id IN (:...ids)', { ids: ids.slice(i, i + 5000) })
      .getRawMany<{ id: string }>();
    for (const r of rows) out.add(r.id);
  }
  return out;
}

function entryOf(change: FieldChange, value: string): ChangeLogEntry {
  return { hlc: change.hlc, computerId: change.computerId, entity: change.entity, rowId: change.rowId, field: change.field, value, fieldGroup: change.group };
}

function parseWaiting(w: SyncWaiting): IncomingChange[] {
  return JSON.parse(w.changes) as IncomingChange[];
}

function waitingHas(w: SyncWaiting | undefined, change: FieldChange): boolean {
  return !!w && parseWaiting(w).some((c) => c.change.hlc === change.hlc && c.change.field === change.field);
}

function waitingRow(ctx: MergeContext, info: EntityInfo, rowId: string, parent: { entity: string; id: string } | null, changes: IncomingChange[]): SyncWaiting {
  return {
    id: rowKey(info.name, rowId),
    entity: info.name,
    rowId,
    parentEntity: parent?.entity ?? null,
    parentId: parent?.id ?? null,
    since: ctx.now,
    changes: JSON.stringify(changes),
  };
}

/**
 * Writes the incoming rows of one entity: each is planned against this
 * computer's row (or made new); rows whose parents are missing wait instead;
 * rows a unique rule makes collide give way; the rest are inserted or
 * changed, field by field, in bulk, and their clocks stored. Returns the
 * plans written.
 */
async function writeRows(ctx: MergeContext, info: EntityInfo, rows: RowWrites[], changes: IncomingChange[]): Promise<RowPlan[]> {
  const current = await loadRows(ctx.em, info, rows.map((r) => r.rowId));
  const changesOf = (rowId: string) => changes.filter((c) => c.change.entity === info.name && c.change.rowId === rowId);
  const plans: RowPlan[] = [];
  const wait: SyncWaiting[] = [];
  const writes = new Map<string, RowWrites>();
  for (const r of rows) {
    writes.set(r.rowId, r);
    const before = current.get(r.rowId);
    const plan = before ? planExisting(ctx, r, before) : planNew(info, r.rowId, r.writes, ctx.now);
    if (!plan) wait.push(waitingRow(ctx, info, r.rowId, null, changesOf(r.rowId)));
    else plans.push(plan);
  }
  const lacking = plans.length ? await missingParents(ctx.em, ctx.schema, plans) : new Map();
  const ready: RowPlan[] = [];
  for (const plan of plans) {
    const parent = lacking.get(plan);
    if (parent || (!plan.before && missingRequired(plan).length)) wait.push(waitingRow(ctx, info, plan.rowId, parent ?? null, changesOf(plan.rowId)));
    else ready.push(plan);
  }
  if (info.uniques.length && ready.length) await makeRoom(ctx, info, ready);
  // Rows that let go of a key (tombstoned) are written before rows that take one: a unique rule is checked row by row.
  const releasing = (p: RowPlan) => p.after.deletedAt !== null && p.after.deletedAt !== undefined;
  await updateRows(ctx, info, ready.filter((p) => p.before && releasing(p)));
  await mergeWrites.insertRows(
    ctx.em,
    info.schema,
    ready.filter((p) => !p.before).map((p) => p.after),
  );
  await updateRows(ctx, info, ready.filter((p) => p.before && !releasing(p)));
  const clocks: SyncFieldClock[] = [];
  const audit = info.name === 'AuditEvent';
  for (const plan of ready) {
    ctx.applied.push(plan);
    // Audit events never change: no clocks to keep.
    if (audit) continue;
    const rowWrites = writes.get(plan.rowId)!;
    for (const w of rowWrites.writes) for (const f of w.star ? ['*'] : Object.keys(w.values)) ctx.clocks.wrote(info.name, plan.rowId, f, w.hlc);
    clocks.push(...clocksOfWrites(rowWrites));
  }
  await mergeWrites.raiseClocks(ctx.em, clocks);
  await mergeWrites.addWaiting(ctx.em, wait);
  return ready;
}

/** Changed rows of one entity, field by field, in bulk; `updatedAt` is this computer's time of applying. */
async function updateRows(ctx: MergeContext, info: EntityInfo, plans: RowPlan[]): Promise<void> {
  const byField = new Map<string, { id: string; to: unknown }[]>();
  for (const plan of plans) {
    for (const column of info.columns.keys()) {
      if (column === info.key || column === 'updatedAt' || sameValue(plan.before![column], plan.after[column])) continue;
      const list = byField.get(column) ?? [];
      list.push({ id: plan.rowId, to: plan.after[column] });
      byField.set(column, list);
    }
  }
  for (const [field, list] of byField) await mergeWrites.setField(ctx.em, info.schema, field, list, info.hasUpdatedAt ? ctx.now : null);
}

/** Rows that waited, tried again with all their changes: written, or left waiting (with what they lack now). */
async function rebuildWaiting(ctx: MergeContext, rows: SyncWaiting[]): Promise<RowPlan[]> {
  const changes = rows.flatMap(parseWaiting);
  const saved = ctx.clocks;
  ctx.clocks = await FieldClocks.load(ctx.em, rows.map((r) => ({ entity: r.entity, rowId: r.rowId })));
  const contests = ctx.contests.length;
  const incoming = writesOfBatch(ctx.schema, changes);
  const byEntity = new Map<EntityInfo, RowWrites[]>();
  for (const r of incoming.values()) {
    const list = byEntity.get(r.info) ?? [];
    list.push(r);
    byEntity.set(r.info, list);
  }
  await mergeWrites.removeWaiting(ctx.em, rows.map((r) => r.id));
  const done: RowPlan[] = [];
  for (const info of [...byEntity.keys()].sort((a, b) => a.order - b.order)) done.push(...(await writeRows(ctx, info, byEntity.get(info)!, changes)));
  // A waiting row's contests were weighed when its first changes came.
  ctx.contests.length = contests;
  ctx.clocks = saved;
  return done;
}

/** Rows that waited for a parent written now, again and again while writing them brings more. Returns how many were written. */
async function releaseWaiting(ctx: MergeContext, written: Set<string>): Promise<number> {
  if ((await ctx.em.count(SyncWaitingEntity)) === 0) return 0;
  let parents = [...written];
  let count = 0;
  for (let round = 0; parents.length > 0 && round < 50; round++) {
    const released: SyncWaiting[] = [];
    for (let i = 0; i < parents.length; i += 500) {
      released.push(...(await ctx.em.find(SyncWaitingEntity, { where: { parentId: In(parents.slice(i, i + 500)) } })));
    }
    if (released.length === 0) break;
    const done = await rebuildWaiting(ctx, released);
    count += done.length;
    parents = done.map((p) => p.rowId);
  }
  return count;
}
