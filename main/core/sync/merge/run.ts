import { writeTransaction } from '../../db/write-transaction';
import type { CoreRuntime } from '../../host/runtime';
import { SyncCursorEntity } from '../../db/entities/sync';
import { MAX_DRIFT_MS, parseTimestamp } from '../../changes/hlc';
import { Writer } from '../../write/writer';
import { mergeWrites } from '../../write/merge-writes';
import type { Batch } from '../share/types';
import { detectConflicts } from '../conflicts/detect';
import { recordConflicts } from '../conflicts/record';
import { applyBatch, type ApplyStats } from './apply';
import { FieldClocks } from './clocks';
import type { MergeContext } from './context';
import { MergeSchema } from './schema';

export interface BatchOutcome extends ApplyStats {
  computerId: string;
  seq: number;
  /** Conflicts listed or brought up to date while applying it (their ids). */
  conflicts: string[];
  /** Russian, when the batch's clock is too far ahead of this computer's: the change is applied, the clock not advanced to it. */
  clockWarning: string | null;
  /** False when the batch was at or below the cursor already (read twice): nothing done. */
  applied: boolean;
}

/**
 * How far ahead of this computer's clock another computer's changes are
 * still applied (taking this computer's clock along): a day. A computer a few
 * minutes off is warned about, never blocked; one whose clock is days off
 * (a wrong year) is refused until it is put right — its changes would win
 * over everything written meanwhile.
 */
export const ACCEPTED_DRIFT_MS = 24 * 60 * 60_000;

function driftWarning(hlc: string, wall: number, name: string): string | null {
  const ahead = parseTimestamp(hlc).millis - wall;
  if (ahead <= MAX_DRIFT_MS) return null;
  return `Часы компьютера «${name}» спешат примерно на ${Math.round(ahead / 60_000)} мин. относительно этого: его изменения приняты, но попросите исправить на нём дату и время.`;
}

/** The merge's view of the open database's entities, made once per data source. */
const schemas = new WeakMap<object, MergeSchema>();
export function mergeSchemaOf(runtime: CoreRuntime): MergeSchema {
  const ds = runtime.database();
  let schema = schemas.get(ds);
  if (!schema) schemas.set(ds, (schema = new MergeSchema(ds)));
  return schema;
}

/** The cursors of every other computer: how far this computer has applied their batches. */
export async function readCursors(runtime: CoreRuntime): Promise<Record<string, number>> {
  const rows = await runtime.database().manager.find(SyncCursorEntity);
  return Object.fromEntries(rows.map((r) => [r.computerId, r.lastSeq]));
}

/**
 * Applies one batch of another computer in one transaction with its cursor,
 * on the core's queue (no call runs meanwhile): the batch's changes, the
 * conflicts found, the cursor, and this computer's hybrid clock taking in
 * the batch's latest time — or nothing, if anything fails.
 */
export function applyOneBatch(runtime: CoreRuntime, batch: Batch, computerName: (id: string) => string): Promise<BatchOutcome> {
  const { computerId, seq } = batch.header;
  return runtime.serialize(() =>
    writeTransaction(runtime.database(), async (em) => {
      const base = { computerId, seq, conflicts: [], clockWarning: null, recorded: 0, duplicates: 0, ignored: 0, rowsWritten: 0, waiting: 0 };
      const cursor = await em.findOne(SyncCursorEntity, { where: { computerId } });
      if (cursor && cursor.lastSeq >= seq) return { ...base, applied: false };
      const now = runtime.clock.now().toISOString();
      // First, so that whatever this computer writes next (while merging, or a person after it) sorts after the batch:
      // a change applied here must never be overwritten by a later change here that sorts before it.
      const clockWarning = driftWarning(batch.header.hlcTo, runtime.clock.now().getTime(), computerName(computerId));
      (await runtime.changes.clock(em)).receive(batch.header.hlcTo, ACCEPTED_DRIFT_MS);
      const ctx: MergeContext = {
        em,
        writer: new Writer(em, runtime.clock, { userId: null, method: 'sync.apply' }, runtime.changes),
        schema: mergeSchemaOf(runtime),
        clocks: new FieldClocks(),
        me: runtime.changes.computerId,
        now,
        computerName,
        found: [],
        contests: [],
        applied: [],
      };
      const stats = await applyBatch(ctx, batch);
      await detectConflicts(ctx, { computerId, seq });
      const conflicts = await recordConflicts(ctx);
      await mergeWrites.setCursor(em, computerId, seq, now);
      return { ...base, ...stats, conflicts, clockWarning, applied: true };
    }),
  );
}
