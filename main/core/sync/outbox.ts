import type { EntityManager } from 'typeorm';
import { ChangeLogEntity, type ChangeLogEntry } from '../db/entities/system';
import { SyncBatchEntity, type SyncBatch } from '../db/entities/sync';
import { mergeWrites } from '../write/merge-writes';
import { AppError } from '../shared/errors';
import type { ReadableDb } from '../db/readable';
import type { FieldChange } from './share/types';
import { toWire } from './wire';

/**
 * The outbox: this computer's change-log entries not yet in a batch on the
 * shared folder (sync/README.md «Outbox»). Entries of this computer are
 * shipped in the change log's own order (`seq`: the order they were
 * committed, which is also their clocks' order). A batch is recorded
 * (seq → first and last entry, count) before it is written, so a batch
 * rewritten after a crash, or after the folder lost it, is the same batch.
 * Every function here runs inside the core's queue (runtime.serialize): a
 * read beside an open transaction on the one connection would see entries
 * that may still be rolled back.
 */

/** Changes per batch: a busy school day of one computer fits in one. */
export const BATCH_CHANGES = 20_000;

function entries(db: ReadableDb, computerId: string) {
  return db.createQueryBuilder(ChangeLogEntity, 'c').where('c.computerId = :computerId', { computerId }).orderBy('c.seq', 'ASC');
}

export async function lastBatch(db: ReadableDb): Promise<SyncBatch | null> {
  return db.createQueryBuilder(SyncBatchEntity, 'b').orderBy('b.seq', 'DESC').limit(1).getOne();
}

/** The last seq recorded (0 without batches). */
export async function lastRecordedSeq(db: ReadableDb): Promise<number> {
  return (await lastBatch(db))?.seq ?? 0;
}

/**
 * This computer's entries up to now are in the shared database file it made
 * or started from: they are not shipped as batches (seq 0, the baseline).
 */
export async function setBaseline(em: EntityManager, now: string): Promise<void> {
  if (await lastBatch(em)) return;
  const last = await em.createQueryBuilder(ChangeLogEntity, 'c').select('MAX(c.seq)', 'seq').getRawOne<{ seq: number | null }>();
  await mergeWrites.recordBatch(em, { seq: 0, fromSeq: 0, toSeq: Number(last?.seq ?? 0), count: 0, createdAt: now, writtenAt: now });
}

/** The changes of a recorded batch, rebuilt from the change log exactly as they were first written. */
export async function rebuildBatch(db: ReadableDb, computerId: string, seq: number): Promise<FieldChange[] | null> {
  const batch = await db.findOne(SyncBatchEntity, { where: { seq } });
  if (!batch || batch.count === 0) return null;
  const rows = await entries(db, computerId).andWhere('c.seq >= :from AND c.seq <= :to', { from: batch.fromSeq, to: batch.toSeq }).getMany();
  if (rows.length !== batch.count) {
    throw new AppError('INTERNAL', 'Внутренняя ошибка синхронизации: записанный пакет изменений не совпадает с журналом изменений этого компьютера.', {
      seq,
      expected: batch.count,
      found: rows.length,
    });
  }
  return rows.map(toWire);
}

/**
 * The next batch to write: one recorded before and not yet written (a crash
 * or an unreachable folder in between), or a new one cut from the entries
 * after the last batch and recorded now. Null when nothing waits.
 */
export async function takeNextBatch(em: EntityManager, computerId: string, now: string, limit = BATCH_CHANGES): Promise<{ seq: number; changes: FieldChange[] } | null> {
  const last = await lastBatch(em);
  if (last && !last.writtenAt) {
    const changes = await rebuildBatch(em, computerId, last.seq);
    if (changes) return { seq: last.seq, changes };
  }
  const after = last?.toSeq ?? 0;
  const rows: ChangeLogEntry[] = await entries(em, computerId).andWhere('c.seq > :after', { after }).limit(limit).getMany();
  if (rows.length === 0) return null;
  if (rows.length === limit) {
    // One row's fields share a clock value: they go in one batch, so a row never arrives half-changed.
    const tail = rows[rows.length - 1];
    rows.push(...(await entries(em, computerId).andWhere('c.seq > :seq AND c.hlc = :hlc', { seq: tail.seq, hlc: tail.hlc }).getMany()));
  }
  const seq = (last?.seq ?? 0) + 1;
  await mergeWrites.recordBatch(em, { seq, fromSeq: rows[0].seq!, toSeq: rows[rows.length - 1].seq!, count: rows.length, createdAt: now, writtenAt: null });
  return { seq, changes: rows.map(toWire) };
}

export async function markWritten(em: EntityManager, seq: number, at: string): Promise<void> {
  await mergeWrites.batchWritten(em, seq, at);
}

/**
 * What this computer holds that the others have not got yet, as a person
 * counts it: the records changed (a mark, a topic, an absence), not the
 * fields, and not the audit events that go with them.
 */
export async function pendingRecords(db: ReadableDb, computerId: string): Promise<number> {
  const written = await db
    .createQueryBuilder(SyncBatchEntity, 'b')
    .select('MAX(b.toSeq)', 'seq')
    .where('b.writtenAt IS NOT NULL')
    .getRawOne<{ seq: number | null }>();
  const row = await db
    .createQueryBuilder(ChangeLogEntity, 'c')
    .select('COUNT(DISTINCT c.rowId)', 'n')
    .where('c.seq > :after AND c.computerId = :computerId AND c.entity <> :audit', { computerId, after: Number(written?.seq ?? 0), audit: 'AuditEvent' })
    .getRawOne<{ n: number | string }>();
  return Number(row?.n ?? 0);
}
