import { In } from 'typeorm';
import { ChangeLogEntity, type ChangeLogEntry } from '../../db/entities/system';
import { SyncWaitingEntity } from '../../db/entities/sync';
import type { ReadableDb } from '../../db/readable';
import { rowKey } from './writes';

/**
 * The clock of every field of the rows a batch touches, as this computer's
 * change log has it: the greatest clock of a write of the field, a new row
 * (`*`) counting as a write of all its fields. A field never written since
 * the change log began (a school made before it) has none, and any change
 * from elsewhere is newer.
 */
export class FieldClocks {
  private readonly rows = new Map<string, { star: string; fields: Map<string, string> }>();

  static async load(db: ReadableDb, keys: { entity: string; rowId: string }[]): Promise<FieldClocks> {
    const clocks = new FieldClocks();
    const wanted = new Set(keys.map((k) => rowKey(k.entity, k.rowId)));
    const ids = [...new Set(keys.map((k) => k.rowId))];
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db
        .createQueryBuilder(ChangeLogEntity, 'c')
        .select('c.entity', 'entity')
        .addSelect('c.rowId', 'rowId')
        .addSelect('c.field', 'field')
        .addSelect('MAX(c.hlc)', 'hlc')
        .where('c.rowId IN (:...ids)', { ids: ids.slice(i, i + 500) })
        .groupBy('c.entity')
        .addGroupBy('c.rowId')
        .addGroupBy('c.field')
        .getRawMany<{ entity: string; rowId: string; field: string; hlc: string }>();
      for (const r of rows) {
        const key = rowKey(r.entity, r.rowId);
        if (!wanted.has(key)) continue;
        let row = clocks.rows.get(key);
        if (!row) clocks.rows.set(key, (row = { star: '', fields: new Map() }));
        if (r.field === '*') row.star = r.hlc > row.star ? r.hlc : row.star;
        else row.fields.set(r.field, r.hlc);
      }
    }
    return clocks;
  }

  /** The clock of a field's current value ('' when the change log never saw it written). */
  of(entity: string, rowId: string, field: string): string {
    const row = this.rows.get(rowKey(entity, rowId));
    if (!row) return '';
    const own = row.fields.get(field) ?? '';
    return own > row.star ? own : row.star;
  }

  /** When the row was made, as far as the change log knows ('' for an older row). */
  created(entity: string, rowId: string): string {
    return this.rows.get(rowKey(entity, rowId))?.star ?? '';
  }

  /** Takes in writes applied meanwhile, so later decisions of the same batch see them. */
  wrote(entity: string, rowId: string, field: string, hlc: string): void {
    const key = rowKey(entity, rowId);
    let row = this.rows.get(key);
    if (!row) this.rows.set(key, (row = { star: '', fields: new Map() }));
    if (field === '*') row.star = hlc > row.star ? hlc : row.star;
    else if (hlc > (row.fields.get(field) ?? '')) row.fields.set(field, hlc);
  }
}

/** Rows (of those given) that wait for a parent or for themselves. */
export async function waitingAmong(db: ReadableDb, keys: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db.find(SyncWaitingEntity, { where: { id: In(keys.slice(i, i + 500)) }, select: { id: true } });
    for (const r of rows) out.add(r.id);
  }
  return out;
}

/** Every change-log entry of some rows: what a waiting row is rebuilt from. */
export async function entriesOf(db: ReadableDb, keys: { entity: string; rowId: string }[]): Promise<ChangeLogEntry[]> {
  const wanted = new Set(keys.map((k) => rowKey(k.entity, k.rowId)));
  const ids = [...new Set(keys.map((k) => k.rowId))];
  const out: ChangeLogEntry[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.find(ChangeLogEntity, { where: { rowId: In(ids.slice(i, i + 500)) } });
    for (const r of rows) if (wanted.has(rowKey(r.entity, r.rowId))) out.push(r);
  }
  return out;
}
