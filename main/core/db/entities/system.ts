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
