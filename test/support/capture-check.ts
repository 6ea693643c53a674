import type { DataSource, EntityMetadata } from 'typeorm';
import { ChangeLogEntity, type ChangeLogEntry } from '../../main/core/db/entities/system';
import { BOOKKEEPING_FIELDS, groupOf, isAuditEventShared, isCaptured } from '../../main/core/changes/policy';

/**
 * The capture-completeness check (issue 14): the whole database before and
 * after a call, compared with the change-log entries the call wrote.
 * - Every changed field of every shared row has its entry, with the new value
 *   as the row now holds it; a new row has its `*` entry with every field.
 * - Nothing else does: no entry for this computer's own tables, none for a
 *   field that did not change unless its group did.
 * - Replaying the entries on the rows before gives the rows after.
 * A new entity is covered because the snapshot reads every table TypeORM
 * knows; a new method because the role matrix needs a sample for it.
 */
export type Snapshot = Map<string, Map<string, Record<string, unknown>>>;

export async function snapshotDatabase(ds: DataSource): Promise<Snapshot> {
  const out: Snapshot = new Map();
  for (const meta of ds.entityMetadatas) {
    if (meta.name === ChangeLogEntity.options.name) continue;
    const key = meta.primaryColumns[0].propertyName;
    const rows = (await ds.getRepository(meta.target).find()) as Record<string, unknown>[];
    out.set(meta.name, new Map(rows.map((r) => [String(r[key]), r])));
  }
  return out;
}

export async function changeLogSince(ds: DataSource, count: number): Promise<ChangeLogEntry[]> {
  const all = await ds.getRepository(ChangeLogEntity).find({ order: { hlc: 'ASC' } });
  if (all.length < count) throw new Error('the change log lost entries');
  // Entries are never removed, and their clock only grows: the new ones are the last.
  return all.slice(count);
}

export async function changeLogCount(ds: DataSource): Promise<number> {
  return ds.getRepository(ChangeLogEntity).count();
}

/** Problems found, in words; empty when the capture is complete and exact. */
export function captureProblems(ds: DataSource, before: Snapshot, after: Snapshot, entries: ChangeLogEntry[]): string[] {
  const problems: string[] = [];
  const metas = new Map(ds.entityMetadatas.map((m) => [m.name, m]));
  const byRow = new Map<string, ChangeLogEntry[]>();
  for (const e of entries) {
    if (!isCaptured(e.entity)) problems.push(`${e.entity} is not shared, yet ${e.field} of ${e.rowId} was captured`);
    const k = `${e.entity}:${e.rowId}`;
    byRow.set(k, [...(byRow.get(k) ?? []), e]);
  }
  for (const [entity, rowsAfter] of after) {
    const meta = metas.get(entity)!;
    const rowsBefore = before.get(entity)!;
    const captured = isCaptured(entity);
    for (const [id, row] of rowsAfter) {
      const old = rowsBefore.get(id);
      const changed = old ? changedFields(meta, old, row) : null;
      const mine = byRow.get(`${entity}:${id}`) ?? [];
      // An audit event about this computer's own things (its backups, its login counters) stays here.
      if (entity === 'AuditEvent' && !isAuditEventShared(String(row.entity))) {
        if (mine.length > 0) problems.push(`AuditEvent ${id} about ${String(row.entity)} (this computer's) was captured`);
        continue;
      }
      if (!captured) continue;
      if (!old) {
        const star = mine.find((e) => e.field === '*');
        if (!star) {
          problems.push(`new ${entity} ${id} has no * entry`);
          continue;
        }
        const replayed = replay({}, mine);
        for (const f of comparable(meta)) {
          if (!same(replayed[f], row[f])) problems.push(`new ${entity} ${id}: ${f} is ${show(row[f])} but its entries say ${show(replayed[f])}`);
        }
        continue;
      }
      const replayed = replay(old, mine);
      if (mine.some((e) => e.field === '*')) problems.push(`${entity} ${id} existed, yet has a * entry (a whole new row)`);
      for (const f of changed!) {
        if (!mine.some((e) => e.field === f)) problems.push(`${entity} ${id}: ${f} changed from ${show(old[f])} to ${show(row[f])} without an entry`);
      }
      for (const f of comparable(meta)) {
        if (!same(replayed[f], row[f])) problems.push(`${entity} ${id}: ${f} is ${show(row[f])} but replaying the entries gives ${show(replayed[f])}`);
      }
      const changedGroups = new Set(changed!.map((f) => groupOf(entity, f)).filter(Boolean));
      for (const e of mine) {
        if (e.field === '*' || changed!.includes(e.field)) continue;
        if (e.fieldGroup !== groupOf(entity, e.field)) problems.push(`${entity} ${id}: ${e.field} is logged in group ${e.fieldGroup}, not ${groupOf(entity, e.field)}`);
        const group = groupOf(entity, e.field);
        if (!group || !changedGroups.has(group)) problems.push(`${entity} ${id}: ${e.field} did not change, yet has an entry`);
      }
    }
    for (const id of rowsBefore.keys()) if (!rowsAfter.has(id) && captured) problems.push(`${entity} ${id} was deleted, not tombstoned`);
  }
  return problems;
}

function comparable(meta: EntityMetadata): string[] {
  const key = meta.primaryColumns[0].propertyName;
  return meta.columns.map((c) => c.propertyName).filter((f) => f !== key && !BOOKKEEPING_FIELDS.has(f));
}

function changedFields(meta: EntityMetadata, a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return comparable(meta).filter((f) => !same(a[f], b[f]));
}

function replay(start: Record<string, unknown>, entries: ChangeLogEntry[]): Record<string, unknown> {
  const row = { ...start };
  for (const e of [...entries].sort((x, y) => (x.hlc < y.hlc ? -1 : 1))) {
    const value = JSON.parse(e.value) as unknown;
    if (e.field === '*') Object.assign(row, value as object);
    else row[e.field] = value;
  }
  return row;
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'boolean' || typeof b === 'boolean') return Boolean(a) === Boolean(b);
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b);
  return (a ?? null) === (b ?? null);
}

function show(v: unknown): string {
  return JSON.stringify(v ?? null);
}
