import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { ChangeLogEntity } from '../../db/entities/system';
import { SyncFieldClockEntity, SyncStateEntity, SyncWaitingEntity, type SyncFieldClock, type SyncWaiting } from '../../db/entities/sync';
import type { ReadableDb } from '../../db/readable';
import { mergeWrites } from '../../write/merge-writes';
import { rowKey, type RowWrites } from './writes';

/**
 * The clock of every field of the rows a batch touches: the greatest clock
 * of a write of the field, a new row (`*`) counting as a write of all its
 * fields. Kept in `sync_field_clocks` (the change log has no index: every
 * save writes it). A field never written since the change log began (a
 * school made before it) has none, and any change from elsewhere is newer.
 */
export class FieldClocks {
  private readonly rows = new Map<string, { star: string; fields: Map<string, string> }>();

  static async load(db: ReadableDb, keys: { entity: string; rowId: string }[]): Promise<FieldClocks> {
    const clocks = new FieldClocks();
    // Audit events never change: they have no clocks to read.
    const ids = [...new Set(keys.filter((k) => k.entity !== 'AuditEvent').map((k) => rowKey(k.entity, k.rowId)))];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await db
        .createQueryBuilder(SyncFieldClockEntity, 'c')
        .select('c.rowKey', 'rowKey')
        .addSelect('c.field', 'field')
        .addSelect('c.hlc', 'hlc')
        .where('c.rowKey IN (:...ids)', { ids: ids.slice(i, i + CHUNK) })
        .getRawMany<SyncFieldClock>();
      for (const r of rows) clocks.set(r.rowKey, r.field, r.hlc);
    }
    return clocks;
  }

  private set(key: string, field: string, hlc: string): void {
    let row = this.rows.get(key);
    if (!row) this.rows.set(key, (row = { star: '', fields: new Map() }));
    if (field === '*') row.star = hlc > row.star ? hlc : row.star;
    else if (hlc > (row.fields.get(field) ?? '')) row.fields.set(field, hlc);
  }

  /** The clock of a field's current value ('' when the change log never saw it written). */
  of(entity: string, rowId: string, field: string): string {
    const row = this.rows.get(rowKey(entity, rowId));
    if (!row) return '';
    const own = row.fields.get(field) ?? '';
    return own > row.star ? own : row.star;
  }

  /** When the row was made, as far as the clocks know ('' for an older row). */
  created(entity: string, rowId: string): string {
    return this.rows.get(rowKey(entity, rowId))?.star ?? '';
  }

  /** Whether this write (by its clock) is the one a field or the row already has: a change seen before. */
  has(entity: string, rowId: string, field: string, hlc: string): boolean {
    const row = this.rows.get(rowKey(entity, rowId));
    if (!row) return false;
    return field === '*' ? row.star === hlc : row.fields.get(field) === hlc || row.star === hlc;
  }

  /** Takes in writes applied meanwhile, so later decisions of the same batch see them. */
  wrote(entity: string, rowId: string, field: string, hlc: string): void {
    this.set(rowKey(entity, rowId), field, hlc);
  }
}

/** The clocks a row's writes give its fields, to store once the row is written. */
export function clocksOfWrites(rows: RowWrites): SyncFieldClock[] {
  const key = rowKey(rows.info.name, rows.rowId);
  const out: SyncFieldClock[] = [];
  for (const w of rows.writes) {
    if (w.star) out.push({ rowKey: key, field: '*', hlc: w.hlc });
    else for (const field of Object.keys(w.values)) out.push({ rowKey: key, field, hlc: w.hlc });
  }
  return out;
}

const OWN_SEQ = 'clocks.ownSeq';
const PAGE = 5000;

/**
 * Folds this computer's own change-log entries written since the last time
 * into the field clocks, before a batch is applied: a mark typed a second
 * ago must be known as newer than an older one arriving. Read by the change
 * log's own order from where the last fold stopped.
 */
export async function foldOwnEntries(em: EntityManager, me: string): Promise<void> {
  const state = await em.findOne(SyncStateEntity, { where: { key: OWN_SEQ } });
  let after = state ? Number(state.value) : 0;
  const top = await em.createQueryBuilder(ChangeLogEntity, 'c').select('MAX(c.seq)', 'seq').getRawOne<{ seq: number | null }>();
  const last = Number(top?.seq ?? 0);
  if (last <= after) return;
  while (after < last) {
    const rows = await em
      .createQueryBuilder(ChangeLogEntity, 'c')
      .select(['c.seq', 'c.hlc', 'c.entity', 'c.rowId', 'c.field'])
      .where('c.seq > :after AND c.seq <= :last AND c.computerId = :me', { after, last, me })
      .orderBy('c.seq', 'ASC')
      .limit(PAGE)
      .getMany();
    await mergeWrites.raiseClocks(
      em,
      rows.filter((r) => r.entity !== 'AuditEvent').map((r) => ({ rowKey: rowKey(r.entity, r.rowId), field: r.field, hlc: r.hlc })),
    );
    after = rows.length < PAGE ? last : rows[rows.length - 1].seq!;
  }
  await mergeWrites.setState(em, OWN_SEQ, String(last));
}

/** Keys per `IN (…)`: well under SQLite's 32,766 parameters and PostgreSQL's 65,535. */
const CHUNK = 5000;

/** The waiting rows among those given, by key (none to look for when nothing waits, as nearly always). */
export async function waitingAmong(db: ReadableDb, keys: string[]): Promise<Map<string, SyncWaiting>> {
  const out = new Map<string, SyncWaiting>();
  if ((await db.count(SyncWaitingEntity)) === 0) return out;
  for (let i = 0; i < keys.length; i += 500) {
    for (const r of await db.find(SyncWaitingEntity, { where: { id: In(keys.slice(i, i + 500)) } })) out.set(r.id, r);
  }
  return out;
}
