import type { EntityManager, EntitySchema } from 'typeorm';
import type { Clock } from '../shared/clock';
import { newId } from '../shared/ids';
import { fail } from '../shared/errors';
import { AuditEventEntity, type AuditAction, type AuditEvent } from '../db/entities/system';
import { YearLock } from '../year/lock';

/** Fields whose values never go into the audit log. */
const REDACTED_FIELDS = new Set(['passwordHash']);
/** Bookkeeping fields that change with every write and say nothing on their own. */
const UNTRACKED_FIELDS = new Set(['updatedAt', 'createdAt']);

type Row = { id: string } & Record<string, unknown>;
type NewRow<T> = Omit<T, 'id' | 'createdAt' | 'updatedAt' | 'deletedAt'> & { id?: string };

export interface WriteOptions {
  /** Why, where the rules ask for one (a correction after its deadline, a reopened page). */
  reason?: string | null;
}

export interface AuditOrigin {
  userId: string | null;
  method: string;
}

/**
 * The only way domain code writes records. Every insert, update and tombstone
 * goes through here, so every change has its audit event, written in the same
 * transaction: who, when, which record and field, old and new value, why.
 *
 * And so every write is checked here against the one rule no domain may
 * forget: a closed school year is read-only (year/lock.ts). A row of a closed
 * year is neither inserted, changed nor removed; the refusal is READ_ONLY and
 * the transaction writes nothing.
 */
export class Writer {
  private eventCount = 0;
  /** The closed-year guard of this transaction, with its cache of years and parent rows. */
  private readonly lock: YearLock;

  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly origin: AuditOrigin,
  ) {
    this.lock = new YearLock(em);
  }

  /** How many audit events this writer has written (the dispatcher checks it). */
  get events(): number {
    return this.eventCount;
  }

  get manager(): EntityManager {
    return this.em;
  }

  async insert<T extends { id: string }>(entity: EntitySchema<T>, values: NewRow<T>, opts: WriteOptions = {}): Promise<T> {
    const now = this.clock.now().toISOString();
    const row = { ...values, id: values.id ?? newId() } as Record<string, unknown>;
    if (isSynced(entity)) Object.assign(row, { createdAt: now, updatedAt: now, deletedAt: null });
    await this.lock.check(entity, null, row);
    await this.em.createQueryBuilder().insert().into(entity).values(row as never).execute();
    this.lock.wrote(entity, row);
    await this.audit({ action: 'create', entity, entityId: row.id as string, newValue: snapshot(row), reason: opts.reason });
    return row as unknown as T;
  }

  /** Updates the named fields; only those that really change are written and logged. */
  async update<T extends { id: string }>(
    entity: EntitySchema<T>,
    id: string,
    patch: Partial<Omit<T, 'id' | 'createdAt' | 'updatedAt'>>,
    opts: WriteOptions = {},
  ): Promise<T> {
    const current = await this.load(entity, id);
    const changed: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (!sameValue(current[field], value)) changed[field] = value;
    }
    if (Object.keys(changed).length === 0) return current as unknown as T;
    await this.lock.check(entity, current, { ...current, ...changed });
    const write = { ...changed };
    if (isSynced(entity)) write.updatedAt = this.clock.now().toISOString();
    await this.em.createQueryBuilder().update(entity).set(write as never).where('id = :id', { id }).execute();
    this.lock.wrote(entity, { ...current, ...write });
    for (const [field, value] of Object.entries(changed)) {
      if (UNTRACKED_FIELDS.has(field)) continue;
      await this.audit({
        action: field === 'deletedAt' ? (value === null ? 'restore' : 'delete') : 'update',
        entity,
        entityId: id,
        field,
        oldValue: show(field, current[field]),
        newValue: show(field, value),
        reason: opts.reason,
      });
    }
    return { ...current, ...write } as unknown as T;
  }

  /**
   * Removes a record: a tombstone for rows that sync, so the removal travels to
   * other computers and the old values stay in the database and the log. Rows
   * without a tombstone column are deleted, with their last values logged.
   */
  async remove<T extends { id: string }>(entity: EntitySchema<T>, id: string, opts: WriteOptions = {}): Promise<void> {
    const current = await this.load(entity, id);
    if (isSynced(entity)) {
      await this.update(entity, id, { deletedAt: this.clock.now().toISOString() } as never, opts);
      return;
    }
    await this.lock.check(entity, current, null);
    await this.em.createQueryBuilder().delete().from(entity).where('id = :id', { id }).execute();
    await this.audit({ action: 'delete', entity, entityId: id, oldValue: snapshot(current), reason: opts.reason });
  }

  /** An event that is not a row change: a login, a print, an export, an import. */
  async event(entityName: string, entityId: string, what: string, details?: unknown, opts: WriteOptions = {}): Promise<void> {
    await this.audit({
      action: 'event',
      entity: entityName,
      entityId,
      field: what,
      newValue: details === undefined ? null : JSON.stringify(details),
      reason: opts.reason,
    });
  }

  /** A change of a value kept outside the id-keyed tables (a setting, for one). */
  async changed(
    entityName: string,
    entityId: string,
    field: string,
    oldValue: unknown,
    newValue: unknown,
    opts: WriteOptions = {},
  ): Promise<void> {
    await this.audit({
      action: oldValue === undefined || oldValue === null ? 'create' : 'update',
      entity: entityName,
      entityId,
      field,
      oldValue: show(field, oldValue),
      newValue: show(field, newValue),
      reason: opts.reason,
    });
  }

  private async load<T extends { id: string }>(entity: EntitySchema<T>, id: string): Promise<Row> {
    const row = await this.em.createQueryBuilder(entity, 'r').where('r.id = :id', { id }).getOne();
    if (!row) throw fail.notFound(`Запись «${entity.options.name}»`);
    return row as unknown as Row;
  }

  private async audit(e: {
    action: AuditAction;
    entity: { options: { name: string } } | string;
    entityId: string;
    field?: string | null;
    oldValue?: string | null;
    newValue?: string | null;
    reason?: string | null;
  }): Promise<void> {
    const event: AuditEvent = {
      id: newId(),
      at: this.clock.now().toISOString(),
      userId: this.origin.userId,
      method: this.origin.method,
      action: e.action,
      entity: typeof e.entity === 'string' ? e.entity : e.entity.options.name,
      entityId: e.entityId,
      field: e.field ?? null,
      oldValue: e.oldValue ?? null,
      newValue: e.newValue ?? null,
      reason: e.reason ?? null,
    };
    await this.em.createQueryBuilder().insert().into(AuditEventEntity).values(event).execute();
    this.eventCount++;
  }
}

function isSynced(entity: { options: { columns?: object } }): boolean {
  return 'deletedAt' in (entity.options.columns ?? {});
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'boolean' || typeof b === 'boolean') return Boolean(a) === Boolean(b);
  return (a ?? null) === (b ?? null);
}

function show(field: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (REDACTED_FIELDS.has(field)) return '***';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function snapshot(row: Record<string, unknown>): string {
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (UNTRACKED_FIELDS.has(k) || k === 'deletedAt' || k === 'id') continue;
    copy[k] = REDACTED_FIELDS.has(k) ? '***' : v;
  }
  return JSON.stringify(copy);
}
