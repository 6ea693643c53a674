import { In, type EntityManager, type EntitySchema, type FindOptionsWhere } from 'typeorm';
import type { Clock } from '../shared/clock';
import { newId } from '../shared/ids';
import { fail } from '../shared/errors';
import { AuditEventEntity, ChangeLogEntity, DataSetEntity, type AuditAction, type AuditEvent, type ChangeLogEntry } from '../db/entities/system';
import { BOOKKEEPING_FIELDS, groupFields, groupOf, isAuditEventShared, policyOf } from '../changes/policy';
import { derivedIdOf } from '../changes/derived-id';
import { YearLock } from '../year/lock';
import { deleteRow, insertRows, UPDATE_ROWS, updateColumn } from './bulk-sql';
import type { ChangeSource } from './change-source';
import type { ReadableDb } from '../db/readable';

/**
 * Fields whose values never go into the audit log (the change log keeps the
 * real value: the sync needs it): a password's hash, and a file's bytes sent
 * in the staff mail (megabytes that say nothing to whoever reads the log).
 */
const REDACTED_FIELDS = new Set(['passwordHash', 'contentBase64']);
/** Bookkeeping fields that change with every write and say nothing on their own. */
const UNAUDITED_FIELDS = new Set(['updatedAt', 'createdAt']);

type Row = Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one engine writes rows of every entity
type AnySchema = EntitySchema<any>;
/** A new row: the Writer fills in the id (or derives it), and the bookkeeping; a local record may bring its own createdAt. */
export type NewRow<T> = Omit<T, 'id' | 'createdAt' | 'updatedAt' | 'deletedAt'> & { id?: string; createdAt?: string };

export interface WriteOptions {
  /** Why, where the rules ask for one (a correction after its deadline, a reopened page). */
  reason?: string | null;
}

export interface AuditOrigin {
  userId: string | null;
  method: string;
}

/** A field of many rows set at once: its old and its new value per row. */
export interface FieldChange<T> {
  id: string;
  field: keyof T & string;
  from: unknown;
  to: unknown;
}

/**
 * The write engine: every insert, update and removal of a record, one at a
 * time or thousands at once, goes through a Writer, and so:
 * - it is checked against the closed-year lock (year/lock.ts): a closed year's
 *   rows are neither inserted, changed nor removed (READ_ONLY);
 * - it has its audit events, in the same transaction: who, when, which record
 *   and field, old and new value, why;
 * - every changed field of an entity the school shares is captured in the
 *   change log with the hybrid clock and this computer's id (what the sync
 *   ships), the fields of its group with it (changes/policy.ts);
 * - a row whose id follows from its natural key gets that id, and a tombstone
 *   with that id is brought back instead of a second row being made.
 *
 * Bulk writes use the same event builder and the same capture as single
 * ones, so a lesson's history reads the same however it was made. A Writer
 * lives for one transaction; the dispatcher gives one to every mutation.
 */
export class Writer {
  private readonly lock: YearLock;

  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly origin: AuditOrigin,
    private readonly changes: ChangeSource,
  ) {
    this.lock = new YearLock(em);
  }

  /**
   * The transaction this writer writes in, to read: a write often needs the
   * rows around it. Read-only by type; writes go through the Writer.
   */
  get db(): ReadableDb {
    return this.em;
  }

  /** The id a new row of an entity with a derived id gets (a lesson made before it is inserted, to link to). */
  async idFor<T>(entity: EntitySchema<T>, values: Partial<T>): Promise<string> {
    return derivedIdOf(await this.changes.dataSetId(this.em), entity.options.name, values as Row);
  }

  async insert<T extends object>(entity: EntitySchema<T>, values: NewRow<T>, opts: WriteOptions = {}): Promise<T> {
    const [row] = await this.insertMany(entity, [values], opts);
    return row;
  }

  /**
   * Inserts new rows. The value objects are completed in place (id, created,
   * updated) and returned as the rows: copying forty thousand objects with a
   * spread costs V8 seconds. A row of an entity with a derived id whose
   * tombstone exists is brought back with the new values instead.
   */
  async insertMany<T extends object>(entity: EntitySchema<T>, values: NewRow<T>[], opts: WriteOptions = {}): Promise<T[]> {
    const name = entity.options.name;
    const policy = policyOf(name);
    const rows = values as unknown as Row[];
    const now = this.now();
    const columns = columnsOf(entity);
    const key = this.keyOf(entity);
    if (policy.naturalKey?.derivesId) {
      const dataSet = await this.changes.dataSetId(this.em);
      for (const r of rows) r[key] ??= derivedIdOf(dataSet, name, r);
    }
    for (const r of rows) {
      if (key === 'id' && !r.id) r.id = newId();
      // A local record may carry its own time (a backup's); a shared row's is the time it was made.
      if ('createdAt' in columns) r.createdAt ??= now;
      if ('updatedAt' in columns) r.updatedAt = now;
      if ('deletedAt' in columns) r.deletedAt = null;
      await this.lock.check(entity, null, r);
    }
    const fresh = policy.naturalKey?.derivesId ? await this.reviveTombstones(entity, rows, opts) : rows;
    await insertRows(this.em, entity as AnySchema, fresh);
    for (const r of fresh) this.lock.wrote(entity, r);
    await this.audit(fresh.map((r) => this.auditEvent('create', name, r[key] as string, null, null, snapshot(r, key), opts.reason)));
    const fields = this.em.connection.getMetadata(entity).columns.map((c) => c.propertyName).filter((f) => f !== key && !BOOKKEEPING_FIELDS.has(f));
    await this.capture(entity, fresh.map((r) => ({ rowId: r[key] as string, fields: pick(r, fields) })));
    if (entity === (DataSetEntity as unknown)) this.changes.reset();
    return rows as unknown as T[];
  }

  /** Updates the named fields; only those that really change are written, logged and captured. */
  async update<T extends object>(entity: EntitySchema<T>, id: string, patch: Partial<Omit<T, 'id' | 'createdAt' | 'updatedAt'>>, opts: WriteOptions = {}): Promise<T> {
    const current = await this.load(entity, id);
    const changes: FieldChange<T>[] = [];
    for (const [field, value] of Object.entries(patch)) {
      if (value === undefined || sameValue(current[field], value)) continue;
      changes.push({ id, field: field as keyof T & string, from: current[field], to: value });
    }
    if (changes.length === 0) return current as T;
    await this.applyChanges(entity, changes, new Map([[id, current]]), opts);
    const written = { ...current };
    for (const c of changes) written[c.field] = c.to;
    if ('updatedAt' in columnsOf(entity)) written.updatedAt = this.now();
    return written as T;
  }

  /**
   * Sets fields of many rows; `changes` holds, per row, the old and the new
   * value of each field that really changes.
   */
  async updateMany<T extends object>(entity: EntitySchema<T>, changes: FieldChange<T>[], opts: WriteOptions = {}): Promise<void> {
    if (changes.length === 0) return;
    const rows = await this.loadMany(entity, changes.map((c) => c.id));
    await this.applyChanges(entity, changes, rows, opts);
  }

  /**
   * Removes a record: a tombstone for rows that sync, so the removal travels to
   * other computers and the old values stay in the database and the log. Only
   * this computer's own rows (policy `local`) are deleted, with their last
   * values logged.
   */
  async remove<T extends object>(entity: EntitySchema<T>, id: string, opts: WriteOptions = {}): Promise<void> {
    if ('deletedAt' in columnsOf(entity)) {
      await this.removeMany(entity, [id], opts);
      return;
    }
    if (policyOf(entity.options.name).scope !== 'local') throw new Error(`${entity.options.name} is shared and has no tombstone: it cannot be removed`);
    const current = await this.load(entity, id);
    await this.lock.check(entity, current, null);
    await deleteRow(this.em, entity as AnySchema, id);
    await this.audit([this.auditEvent('delete', entity.options.name, id, null, snapshot(current, this.keyOf(entity)), null, opts.reason)]);
  }

  /** Tombstones rows (they sync, so they are never deleted). */
  async removeMany<T extends object>(entity: EntitySchema<T>, ids: string[], opts: WriteOptions = {}): Promise<void> {
    if (ids.length === 0) return;
    const rows = await this.loadMany(entity, ids);
    const now = this.now();
    const live = [...new Set(ids)].filter((id) => !rows.get(id)!.deletedAt);
    const changes = live.map((id) => ({ id, field: 'deletedAt' as keyof T & string, from: null, to: now }));
    await this.applyChanges(entity, changes, rows, opts);
  }

  /** An event that is not a row change: a login, a print, an export, an import. */
  async event(entityName: string, entityId: string, what: string, details?: unknown, opts: WriteOptions = {}): Promise<void> {
    const detailText = details === undefined ? null : JSON.stringify(details);
    await this.audit([this.auditEvent('event', entityName, entityId, what, null, detailText, opts.reason)]);
  }

  /** Writes field changes of rows read before (`rows`), with their lock check, audit events and capture. */
  private async applyChanges<T extends object>(entity: EntitySchema<T>, changes: FieldChange<T>[], rows: Map<string, Row>, opts: WriteOptions): Promise<void> {
    const name = entity.options.name;
    for (const id of new Set(changes.map((c) => c.id))) {
      const before = rows.get(id)!;
      const after = { ...before };
      for (const c of changes) if (c.id === id) after[c.field] = c.to;
      await this.lock.check(entity, before, after);
    }
    const now = this.now();
    const stamp = 'updatedAt' in columnsOf(entity) ? now : null;
    const byField = new Map<string, { id: string; to: unknown }[]>();
    for (const c of changes) {
      const list = byField.get(c.field);
      if (list) list.push(c);
      else byField.set(c.field, [c]);
    }
    for (const [field, list] of byField) await updateColumn(this.em, entity as AnySchema, field, list, stamp);
    for (const id of new Set(changes.map((c) => c.id))) {
      const row = rows.get(id)!;
      for (const c of changes) if (c.id === id) row[c.field] = c.to;
      if (stamp) row.updatedAt = stamp;
      this.lock.wrote(entity, row);
    }
    await this.audit(
      changes
        .filter((c) => !UNAUDITED_FIELDS.has(c.field))
        .map((c) => {
          const action: AuditAction = c.field === 'deletedAt' ? (c.to === null ? 'restore' : 'delete') : 'update';
          return this.auditEvent(action, name, c.id, c.field, show(c.field, c.from), show(c.field, c.to), opts.reason);
        }),
    );
    // Per row: its changed fields with the rest of their groups, as they now are.
    const perRow = new Map<string, Row>();
    for (const c of changes) {
      const fields = perRow.get(c.id) ?? {};
      fields[c.field] = c.to;
      const group = groupOf(name, c.field);
      if (group) for (const f of groupFields(name, group)) if (!(f in fields)) fields[f] = rows.get(c.id)![f] ?? null;
      perRow.set(c.id, fields);
    }
    await this.capture(entity, [...perRow].map(([rowId, fields]) => ({ rowId, fields })), true);
  }

  /**
   * Derived ids that already exist: a tombstone is brought back with the new
   * values (a removed absence entered again is the same absence); a live row
   * means the caller tried to make the same row twice, which is a conflict.
   */
  private async reviveTombstones(entity: AnySchema, rows: Row[], opts: WriteOptions): Promise<Row[]> {
    const key = this.keyOf(entity);
    const existing = await this.loadMany(entity, rows.map((r) => r[key] as string), { mayMiss: true });
    if (existing.size === 0) return rows;
    const fresh: Row[] = [];
    const changes: FieldChange<Row>[] = [];
    for (const r of rows) {
      const old = existing.get(r[key] as string);
      if (!old) {
        fresh.push(r);
        continue;
      }
      if (!old.deletedAt) throw fail.conflict(`Такая запись уже есть (${entity.options.name}): повторите действие, обновив экран.`);
      for (const [field, value] of Object.entries(r)) {
        if (field === key || field === 'createdAt' || field === 'updatedAt' || sameValue(old[field], value)) continue;
        changes.push({ id: r[key] as string, field, from: old[field], to: value });
      }
      r.createdAt = old.createdAt;
    }
    await this.applyChanges(entity, changes, existing, opts);
    return fresh;
  }

  /** Change-log entries: `*` with the whole row for a new row, a field each otherwise; one clock value per row. */
  private async capture(entity: AnySchema, rows: { rowId: string; fields: Row }[], perField = false): Promise<void> {
    const name = entity.options.name;
    if (!this.changes.enabled || rows.length === 0) return;
    const policy = policyOf(name);
    if (policy.scope !== 'shared' && policy.scope !== 'appendOnly') return;
    if (perField && policy.scope === 'appendOnly') throw new Error(`${name} is append-only: its rows never change`);
    const clock = await this.changes.clock(this.em);
    const computerId = this.changes.computerId;
    const entries: ChangeLogEntry[] = [];
    for (const { rowId, fields } of rows) {
      const hlc = clock.send();
      if (!perField) {
        entries.push({ hlc, computerId, entity: name, rowId, field: '*', value: JSON.stringify(fields), fieldGroup: null });
        continue;
      }
      for (const [field, value] of Object.entries(fields)) {
        if (BOOKKEEPING_FIELDS.has(field)) continue;
        entries.push({ hlc, computerId, entity: name, rowId, field, value: JSON.stringify(value ?? null), fieldGroup: groupOf(name, field) });
      }
    }
    await insertRows(this.em, ChangeLogEntity as AnySchema, entries as unknown as Row[]);
  }

  private async load<T>(entity: EntitySchema<T>, id: string): Promise<Row> {
    const key = this.keyOf(entity);
    const row = await this.em.findOne(entity, { where: { [key]: id } as FindOptionsWhere<T> });
    if (!row) throw fail.notFound(`Запись «${entity.options.name}»`);
    return row as Row;
  }

  /** Rows by key, read in chunks; a missing one is NOT_FOUND unless `mayMiss`. */
  private async loadMany<T>(entity: EntitySchema<T>, ids: string[], opts: { mayMiss?: boolean } = {}): Promise<Map<string, Row>> {
    const key = this.keyOf(entity);
    const unique = [...new Set(ids)];
    const out = new Map<string, Row>();
    for (let i = 0; i < unique.length; i += UPDATE_ROWS * 3) {
      const found = await this.em.find(entity, { where: { [key]: In(unique.slice(i, i + UPDATE_ROWS * 3)) } as FindOptionsWhere<T> });
      for (const row of found) out.set((row as Row)[key] as string, row as Row);
    }
    if (!opts.mayMiss && out.size < unique.length) throw fail.notFound(`Запись «${entity.options.name}»`);
    return out;
  }

  private keyOf(entity: AnySchema | EntitySchema<never>): string {
    return this.em.connection.getMetadata(entity).primaryColumns[0].propertyName;
  }

  /** The time of this transaction's writes, as the rows record it. */
  now(): string {
    return this.clock.now().toISOString();
  }

  /** The one builder of audit events, for single and bulk writes alike. */
  private auditEvent(action: AuditAction, entity: string, entityId: string, field: string | null, oldValue: string | null, newValue: string | null, reason?: string | null): AuditEvent {
    return {
      id: newId(),
      at: this.now(),
      userId: this.origin.userId,
      method: this.origin.method,
      action,
      entity,
      entityId,
      field,
      oldValue,
      newValue,
      reason: reason ?? null,
    };
  }

  private async audit(events: AuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    await insertRows(this.em, AuditEventEntity as AnySchema, events as unknown as Row[]);
    const shared = events.filter((e) => isAuditEventShared(e.entity));
    await this.capture(AuditEventEntity as AnySchema, shared.map((e) => ({ rowId: e.id, fields: pick(e as unknown as Row, AUDIT_FIELDS) })));
  }
}

function columnsOf(entity: { options: { columns?: object } }): object {
  return entity.options.columns ?? {};
}

/** A new row as the change log keeps it: its columns but the key and the bookkeeping, each with its typed value. */
function pick(row: Row, fields: readonly string[]): Row {
  const out: Row = {};
  for (const f of fields) out[f] = row[f] === undefined ? null : row[f];
  return out;
}

const AUDIT_FIELDS = ['at', 'userId', 'method', 'action', 'entity', 'entityId', 'field', 'oldValue', 'newValue', 'reason'] as const;

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'boolean' || typeof b === 'boolean') return Boolean(a) === Boolean(b);
  return (a ?? null) === (b ?? null);
}

function show(field: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (REDACTED_FIELDS.has(field)) return '***';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A row's values as its `create` or `delete` event shows them (the key is the event's entityId). */
function snapshot(row: Row, key: string): string {
  const copy: Row = {};
  for (const [k, v] of Object.entries(row)) {
    if (UNAUDITED_FIELDS.has(k) || k === 'deletedAt' || k === key) continue;
    copy[k] = REDACTED_FIELDS.has(k) ? '***' : v;
  }
  return JSON.stringify(copy);
}
