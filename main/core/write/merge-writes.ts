import type { EntityManager, EntitySchema } from 'typeorm';
import { AuditEventEntity, ChangeLogEntity, type AuditEvent, type ChangeLogEntry } from '../db/entities/system';
import { SyncBatchEntity, SyncCursorEntity, SyncStateEntity, SyncWaitingEntity, type SyncBatch, type SyncFieldClock, type SyncWaiting } from '../db/entities/sync';
import { insertRows, updateColumn } from './bulk-sql';

/**
 * The writes of the merge (main/core/sync/merge/): another computer's
 * changes, already audited and captured where they were made, written here
 * as they came; and sync's own bookkeeping of this computer (its batches, its
 * cursors, the rows that wait for a parent). They sit in the write engine
 * because nothing else may write past the Writer (`kz/no-raw-writes`); the
 * merge decides what to write, this file only writes it. This computer's own
 * writes made while merging (a conflict found, a duplicate made room for) go
 * through the Writer, audited and captured like any other.
 */

type Row = Record<string, unknown>;
interface RawDb {
  prepare(sql: string): { run(...params: unknown[]): unknown };
}
/** Prepared upserts of the field clocks, per connection and statement text. */
const clockStatements = new WeakMap<RawDb, Map<string, { run(...params: unknown[]): unknown }>>();
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the merge writes rows of every entity
type AnySchema = EntitySchema<any>;

export const mergeWrites = {
  /** Rows that arrived whole from another computer (their values as its change log has them). */
  insertRows(em: EntityManager, entity: AnySchema, rows: Row[]): Promise<void> {
    return insertRows(em, entity, rows);
  },

  /** One field of many rows, each to its own value; `updatedAt` is this computer's time of applying. */
  setField(em: EntityManager, entity: AnySchema, field: string, changes: { id: string; to: unknown }[], updatedAt: string | null): Promise<void> {
    return updateColumn(em, entity, field, changes, updatedAt);
  },

  /** Another computer's changes, recorded with their origin: its clock and its id, never this computer's. */
  recordChanges(em: EntityManager, entries: ChangeLogEntry[]): Promise<void> {
    return insertRows(em, ChangeLogEntity as AnySchema, entries as unknown as Row[]);
  },

  /** Another computer's audit events, as they came. */
  insertAudit(em: EntityManager, events: AuditEvent[]): Promise<void> {
    return insertRows(em, AuditEventEntity as AnySchema, events as unknown as Row[]);
  },

  /** A batch of this computer's changes, recorded before it is written to the folder. */
  async recordBatch(em: EntityManager, batch: SyncBatch): Promise<void> {
    await insertRows(em, SyncBatchEntity as AnySchema, [batch as unknown as Row]);
  },

  async batchWritten(em: EntityManager, seq: number, at: string): Promise<void> {
    await em.createQueryBuilder().update(SyncBatchEntity).set({ writtenAt: at }).where('seq = :seq', { seq }).execute();
  },

  /** Advances the cursor of another computer (in the transaction that applied its batch). */
  async setCursor(em: EntityManager, computerId: string, lastSeq: number, at: string): Promise<void> {
    const found = await em.findOne(SyncCursorEntity, { where: { computerId } });
    if (found) await em.createQueryBuilder().update(SyncCursorEntity).set({ lastSeq, appliedAt: at }).where('"computerId" = :computerId', { computerId }).execute();
    else await insertRows(em, SyncCursorEntity as AnySchema, [{ computerId, lastSeq, appliedAt: at }]);
  },

  async addWaiting(em: EntityManager, rows: SyncWaiting[]): Promise<void> {
    if (rows.length === 0) return;
    const ids = rows.map((r) => r.id);
    await em.createQueryBuilder().delete().from(SyncWaitingEntity).where('id IN (:...ids)', { ids }).execute();
    await insertRows(em, SyncWaitingEntity as AnySchema, rows as unknown as Row[]);
  },

  /** Raises field clocks to the given values (never lowers one): `INSERT … ON CONFLICT DO UPDATE … WHERE newer`. */
  async raiseClocks(em: EntityManager, clocks: SyncFieldClock[]): Promise<void> {
    const seen = new Map<string, SyncFieldClock>();
    for (const c of clocks) {
      const k = `${c.rowKey}\u0000${c.field}`;
      const known = seen.get(k);
      if (!known || c.hlc > known.hlc) seen.set(k, c);
    }
    const rows = [...seen.values()];
    const upsert = (tuples: string) =>
      `INSERT INTO "sync_field_clocks" ("rowKey", "field", "hlc") VALUES ${tuples}
       ON CONFLICT ("rowKey", "field") DO UPDATE SET "hlc" = excluded."hlc" WHERE excluded."hlc" > "sync_field_clocks"."hlc"`;
    const driver = em.connection.driver;
    if (driver.options.type === 'better-sqlite3') {
      // A day's clocks in prepared statements of a hundred rows on the transaction's own connection (as bulk-sql.ts inserts).
      const db = (driver as unknown as { databaseConnection: RawDb }).databaseConnection;
      let cache = clockStatements.get(db);
      if (!cache) clockStatements.set(db, (cache = new Map()));
      for (let i = 0; i < rows.length; i += 100) {
        const chunk = rows.slice(i, i + 100);
        const sql = upsert(chunk.map(() => '(?, ?, ?)').join(', '));
        let st = cache.get(sql);
        if (!st) cache.set(sql, (st = db.prepare(sql)));
        st.run(...chunk.flatMap((c) => [c.rowKey, c.field, c.hlc]));
      }
      return;
    }
    for (let i = 0; i < rows.length; i += 500) {
      const params: unknown[] = [];
      const p = (v: unknown) => {
        params.push(v);
        return driver.createParameter(`p${params.length}`, params.length - 1);
      };
      await em.query(upsert(rows.slice(i, i + 500).map((c) => `(${p(c.rowKey)}, ${p(c.field)}, ${p(c.hlc)})`).join(', ')), params);
    }
  },

  async setState(em: EntityManager, key: string, value: string): Promise<void> {
    const found = await em.findOne(SyncStateEntity, { where: { key } });
    if (found) await em.createQueryBuilder().update(SyncStateEntity).set({ value }).where('"key" = :key', { key }).execute();
    else await insertRows(em, SyncStateEntity as AnySchema, [{ key, value }]);
  },

  async removeWaiting(em: EntityManager, ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      await em.createQueryBuilder().delete().from(SyncWaitingEntity).where('id IN (:...ids)', { ids: ids.slice(i, i + 500) }).execute();
    }
  },
};
