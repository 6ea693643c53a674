import type { ChangeLogEntry } from '../../db/entities/system';
import type { FieldChange } from '../share/types';
import type { EntityInfo, MergeSchema } from './schema';

/**
 * A write of one row as the change log has it: the fields one clock value
 * set together. A new row (`*`) sets all of them; otherwise one field, or a
 * group of fields that change together (changes/policy.ts), shares the value.
 */
export interface RowWrite {
  hlc: string;
  computerId: string;
  star: boolean;
  values: Record<string, unknown>;
}

/** The writes of one row, in the order of their clocks. */
export interface RowWrites {
  info: EntityInfo;
  rowId: string;
  writes: RowWrite[];
}

export const rowKey = (entity: string, rowId: string): string => `${entity}:${rowId}`;

/** Adds one change-log entry (or change from a batch) to the row writes it belongs to. */
function add(schema: MergeSchema, out: Map<string, RowWrites>, entity: string, rowId: string, hlc: string, computerId: string, field: string, valueJson: string): boolean {
  const info = schema.mergeable(entity);
  if (!info) return false;
  const key = rowKey(entity, rowId);
  let row = out.get(key);
  if (!row) out.set(key, (row = { info, rowId, writes: [] }));
  let write = row.writes.find((w) => w.hlc === hlc);
  if (!write) row.writes.push((write = { hlc, computerId, star: false, values: {} }));
  const value: unknown = JSON.parse(valueJson);
  if (field === '*') {
    write.star = true;
    // Fields this program does not know (a newer program's columns) stay in the change log only.
    for (const [f, v] of Object.entries(value as Record<string, unknown>)) if (schema.settable(info, f)) write.values[f] = v;
  } else if (schema.settable(info, field)) write.values[field] = value;
  return true;
}

/** Row writes of log entries (ChangeLogEntry: value is JSON text), sorted by clock per row. */
export function writesOfEntries(schema: MergeSchema, entries: Pick<ChangeLogEntry, 'hlc' | 'computerId' | 'entity' | 'rowId' | 'field' | 'value'>[]): Map<string, RowWrites> {
  const out = new Map<string, RowWrites>();
  for (const e of entries) add(schema, out, e.entity, e.rowId, e.hlc, e.computerId, e.field, e.value);
  for (const row of out.values()) row.writes.sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
  return out;
}

/** A batch's change with the JSON text the change log keeps for it. */
export interface IncomingChange {
  change: FieldChange;
  valueJson: string;
}

export function writesOfBatch(schema: MergeSchema, changes: IncomingChange[]): Map<string, RowWrites> {
  return writesOfEntries(
    schema,
    changes.map(({ change, valueJson }) => ({ hlc: change.hlc, computerId: change.computerId, entity: change.entity, rowId: change.rowId, field: change.field, value: valueJson })),
  );
}
