import { EntitySchema } from 'typeorm';
import { col } from '../columns';

/** One school setting: a key and its JSON value (see main/core/settings for the keys and defaults). */
export interface Setting {
  key: string;
  value: string;
  updatedAt: string;
}

export const SettingEntity = new EntitySchema<Setting>({
  name: 'Setting',
  tableName: 'settings',
  columns: {
    key: { type: 'varchar', length: 100, primary: true },
    value: col.text(false),
    updatedAt: col.instant(),
  },
});

export type AuditAction = 'create' | 'update' | 'delete' | 'restore' | 'event';

/**
 * The journal of changes (журнал изменений): who changed which record and
 * field, when, from what to what, and why. Written in the same transaction as
 * the change itself; never updated or deleted.
 */
export interface AuditEvent {
  id: string;
  at: string;
  userId: string | null;
  /** The contract method that made the change (`journal.setMark`), or `cli.demo` etc. */
  method: string;
  action: AuditAction;
  entity: string;
  entityId: string;
  /** Null for a whole-record create/delete. */
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  reason: string | null;
}

export const AuditEventEntity = new EntitySchema<AuditEvent>({
  name: 'AuditEvent',
  tableName: 'audit_events',
  columns: {
    id: col.id(),
    at: col.instant(),
    userId: col.ref(true),
    method: col.string(100),
    action: col.string(10),
    entity: col.string(60),
    entityId: col.string(36),
    field: col.string(60, true),
    oldValue: col.text(),
    newValue: col.text(),
    reason: col.text(),
  },
  indices: [
    { name: 'IDX_audit_entity', columns: ['entity', 'entityId'] },
    { name: 'IDX_audit_at', columns: ['at'] },
    { name: 'IDX_audit_user_at', columns: ['userId', 'at'] },
  ],
});

/**
 * The data set: one school's records, whichever computers hold them. Its id
 * is made once, with the school (or by migration 0009 for a school made
 * before), and travels with every copy of the database; ids of derived rows
 * are computed from it (changes/derived-id.ts).
 */
export interface DataSet {
  id: string;
  createdAt: string;
}

export const DataSetEntity = new EntitySchema<DataSet>({
  name: 'DataSet',
  tableName: 'data_set',
  columns: {
    id: col.id(),
    createdAt: col.instant(),
  },
});

/**
 * One captured change, written in the transaction of the change itself: the
 * row and field, the typed new value as JSON (the real value, not the audit's
 * display text), the field group it belongs to, the hybrid-logical-clock
 * timestamp and the computer. A new row is one entry with field `*` and all
 * its fields as a JSON object. This is what the shared-folder sync ships.
 *
 * The table has no index but its key: every save of a mark writes here, and
 * each index would be one more page written and flushed per save (migration
 * 0017 measured it). `seq` is this database's order of entries — own and
 * received alike — and never reused (AUTOINCREMENT), so the sync's outbox
 * reads this computer's entries after its cursor, and the clock resumes by
 * reading back from the newest entry to this computer's last one
 * (write/change-source.ts).
 */
export interface ChangeLogEntry {
  /** Given by the database on insert. */
  seq?: number;
  hlc: string;
  computerId: string;
  entity: string;
  rowId: string;
  field: string;
  /** JSON: `4`, `"текст"`, `true`, `null`, or an object of fields for `*`. */
  value: string;
  fieldGroup: string | null;
}

export const ChangeLogEntity = new EntitySchema<ChangeLogEntry>({
  name: 'ChangeLogEntry',
  tableName: 'change_log',
  columns: {
    seq: { type: 'integer', primary: true, generated: 'increment' },
    hlc: col.string(100),
    computerId: col.string(36),
    entity: col.string(60),
    rowId: col.string(100),
    field: col.string(60),
    value: col.text(false),
    fieldGroup: col.string(60, true),
  },
});
