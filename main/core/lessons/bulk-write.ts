import { In, type EntityManager, type EntitySchema, type FindOptionsWhere } from 'typeorm';
import type { Clock } from '../shared/clock';
import { newId } from '../shared/ids';
import { AuditEventEntity, type AuditEvent } from '../db/entities/system';
import { YearLock } from '../year/lock';

/**
 * The audited writer for thousands of rows at once: a year of lessons is
 * some forty thousand, and one statement per row would take minutes. Rows
 * and their audit events are written in batches, in the caller's transaction,
 * and the events look exactly like the ones `Writer` writes for single rows
 * (a `create` with the row's values, an `update` per changed field, a
 * `delete` for a tombstone), so a lesson's history reads the same however it
 * was made. It asks the same year lock as `Writer`: a closed year's rows are
 * refused here too.
 */

export interface BulkOrigin {
  userId: string | null;
  method: string;
}

type NewRow<T> = Omit<T, 'id' | 'createdAt' | 'updatedAt' | 'deletedAt'> & { id?: string };

const UPDATE_ROWS = 300;
const UNTRACKED = new Set(['id', 'createdAt', 'updatedAt', 'deletedAt']);

export class BulkWriter {
  private readonly now: string;
  private readonly lock: YearLock;

  constructor(
    private readonly em: EntityManager,
    clock: Clock,
    private readonly origin: BulkOrigin,
  ) {
    this.now = clock.now().toISOString();
    this.lock = new YearLock(em);
  }

  /**
   * Inserts new rows. The value objects are completed in place (id, created,
   * updated) and returned as the rows: copying forty thousand objects with a
   * spread costs V8 seconds.
   */
  async insertMany<T extends { id: string }>(entity: EntitySchema<T>, values: NewRow<T>[]): Promise<T[]> {
    const rows = values as unknown as Record<string, unknown>[];
    for (const r of rows) {
      if (!r.id) r.id = newId();
      r.createdAt = this.now;
      r.updatedAt = this.now;
      r.deletedAt = null;
      await this.lock.check(entity, null, r);
    }
    await this.insertRows(entity, rows);
    await this.audit(rows.map((r) => this.event('create', entity, r.id as string, null, null, snapshot(r))));
    return rows as unknown as T[];
  }

  /**
   * Sets fields of many rows; `changes` holds, per row, the old and the new
   * value of each field that really changes.
   */
  async updateMany<T extends { id: string }>(
    entity: EntitySchema<T>,
    changes: { id: string; field: keyof T & string; from: unknown; to: unknown }[],
  ): Promise<void> {
    await this.checkExisting(
      entity,
      changes.map((c) => c.id),
    );
    const byField = new Map<string, typeof changes>();
    for (const c of changes) {
      const list = byField.get(c.field);
      if (list) list.push(c);
      else byField.set(c.field, [c]);
    }
    const meta = this.em.connection.getMetadata(entity);
    const driver = this.em.connection.driver;
    const esc = (name: string) => driver.escape(name);
    for (const [field, list] of byField) {
      const column = meta.findColumnWithPropertyName(field);
      if (!column) throw new Error(`${meta.name} has no column ${field}`);
      const cast = CASTS[String(column.type)];
      for (let i = 0; i < list.length; i += UPDATE_ROWS) {
        const chunk = list.slice(i, i + UPDATE_ROWS);
        const params: unknown[] = [];
        const p = (value: unknown) => {
          params.push(value);
          return driver.createParameter(`p${params.length}`, params.length - 1);
        };
        const cases = chunk.map((c) => `WHEN ${p(c.id)} THEN ${cast ? `CAST(${p(driver.preparePersistentValue(c.to, column))} AS ${cast})` : p(driver.preparePersistentValue(c.to, column))}`).join(' ');
        const updated = p(this.now);
        const ids = chunk.map((c) => p(c.id)).join(', ');
        await this.em.query(
          `UPDATE ${esc(meta.tableName)} SET ${esc(column.databaseName)} = CASE ${esc('id')} ${cases} ELSE ${esc(column.databaseName)} END, ${esc('updatedAt')} = ${updated} WHERE ${esc('id')} IN (${ids})`,
          params,
        );
      }
    }
    await this.audit(changes.map((c) => this.event('update', entity, c.id, c.field, show(c.from), show(c.to))));
  }

  /** Tombstones rows (they sync, so they are never deleted). */
  async removeMany<T extends { id: string }>(entity: EntitySchema<T>, ids: string[]): Promise<void> {
    await this.checkExisting(entity, ids);
    const meta = this.em.connection.getMetadata(entity);
    const driver = this.em.connection.driver;
    const esc = (name: string) => driver.escape(name);
    for (let i = 0; i < ids.length; i += UPDATE_ROWS * 3) {
      const chunk = ids.slice(i, i + UPDATE_ROWS * 3);
      const params: unknown[] = [this.now, this.now, ...chunk];
      const ph = params.map((_, k) => driver.createParameter(`p${k + 1}`, k));
      await this.em.query(
        `UPDATE ${esc(meta.tableName)} SET ${esc('deletedAt')} = ${ph[0]}, ${esc('updatedAt')} = ${ph[1]} WHERE ${esc('id')} IN (${ph.slice(2).join(', ')})`,
        params,
      );
    }
    await this.audit(ids.map((id) => this.event('delete', entity, id, 'deletedAt', null, this.now)));
  }

  /** The year lock on rows about to change: read in chunks, each row checked as it stands. */
  private async checkExisting<T extends { id: string }>(entity: EntitySchema<T>, ids: string[]): Promise<void> {
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += UPDATE_ROWS * 3) {
      const rows = await this.em.find(entity, { where: { id: In(unique.slice(i, i + UPDATE_ROWS * 3)) } as FindOptionsWhere<T> });
      for (const row of rows) await this.lock.check(entity, row as unknown as Record<string, unknown>, row as unknown as Record<string, unknown>);
    }
  }

  /** One event that is not a row change: «уроки сформированы» with its counts. */
  async note(entityName: string, entityId: string, what: string, details: unknown): Promise<void> {
    await this.audit([{ ...this.event('event', entityName, entityId, what, null, JSON.stringify(details)) }]);
  }

  /** Multi-row INSERTs with the driver's own placeholders and value conversions (booleans on SQLite). */
  private async insertRows<T>(entity: EntitySchema<T>, rows: Record<string, unknown>[]): Promise<void> {
    if (rows.length === 0) return;
    const meta = this.em.connection.getMetadata(entity);
    const driver = this.em.connection.driver;
    const columns = meta.columns;
    if (driver.options.type === 'better-sqlite3') {
      sqliteInsert((driver as unknown as { databaseConnection: RawDb }).databaseConnection, meta.tableName, columns, rows);
      return;
    }
    const names = columns.map((c) => driver.escape(c.databaseName)).join(', ');
    const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
    for (let i = 0; i < rows.length; i += perStatement) {
      const chunk = rows.slice(i, i + perStatement);
      const params: unknown[] = [];
      const tuples = chunk.map((row) => {
        const marks = columns.map((c) => {
          params.push(driver.preparePersistentValue(row[c.propertyName] ?? null, c));
          return driver.createParameter(`p${params.length}`, params.length - 1);
        });
        return `(${marks.join(', ')})`;
      });
      await this.em.query(`INSERT INTO ${driver.escape(meta.tableName)} (${names}) VALUES ${tuples.join(', ')}`, params);
    }
  }

  private event(
    action: AuditEvent['action'],
    entity: { options: { name: string } } | string,
    entityId: string,
    field: string | null,
    oldValue: string | null,
    newValue: string | null,
  ): AuditEvent {
    return {
      id: newId(),
      at: this.now,
      userId: this.origin.userId,
      method: this.origin.method,
      action,
      entity: typeof entity === 'string' ? entity : entity.options.name,
      entityId,
      field,
      oldValue,
      newValue,
      reason: null,
    };
  }

  private async audit(events: AuditEvent[]): Promise<void> {
    await this.insertRows(AuditEventEntity, events as unknown as Record<string, unknown>[]);
  }
}

/** Placeholders per statement: under SQLite's limit of 32766 and PostgreSQL's of 65535. */
const MAX_PARAMS = 12_000;
/** CASE yields text on PostgreSQL; other column types need a cast. */
const CASTS: Record<string, string> = { integer: 'integer', real: 'real', boolean: 'boolean' };

function show(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function snapshot(row: Record<string, unknown>): string {
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (!UNTRACKED.has(k)) copy[k] = v;
  return JSON.stringify(copy);
}

interface RawStatement {
  run(...params: unknown[]): unknown;
}
interface RawDb {
  prepare(sql: string): RawStatement;
}

const SQLITE_ROWS = 100;

/**
 * SQLite (better-sqlite3, under TypeORM, inside its open transaction):
 * prepared multi-row statements reused for every batch, as the demo
 * generator writes its rows — a year of lessons in a second rather than in
 * a minute of statements compiled one by one.
 */
function sqliteInsert(db: RawDb, table: string, columns: { propertyName: string; databaseName: string; type: unknown }[], rows: Record<string, unknown>[]): void {
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c.databaseName}"`).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const booleans = columns.map((c) => c.type === 'boolean' || c.type === Boolean);
  const statements = new Map<number, RawStatement>();
  const perStatement = Math.max(1, Math.min(SQLITE_ROWS, Math.floor(30_000 / columns.length)));
  for (let start = 0; start < rows.length; start += perStatement) {
    const n = Math.min(perStatement, rows.length - start);
    let st = statements.get(n);
    if (!st) {
      st = db.prepare(head + new Array(n).fill(tuple).join(', '));
      statements.set(n, st);
    }
    const values: unknown[] = new Array(n * columns.length);
    let k = 0;
    for (let j = start; j < start + n; j++) {
      const r = rows[j];
      for (let i = 0; i < columns.length; i++) {
        const v = r[columns[i].propertyName];
        values[k++] = v === undefined ? null : booleans[i] ? (v ? 1 : 0) : v;
      }
    }
    st.run(...values);
  }
}
