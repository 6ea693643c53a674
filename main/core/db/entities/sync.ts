import { EntitySchema } from 'typeorm';
import { col, foreignKeys, syncedColumns, type Synced } from '../columns';

/**
 * The merge side of sync between the computers of one school (main/core/sync/README.md).
 * Three tables are this computer's own bookkeeping and never travel; the
 * conflicts are the school's and travel like any record.
 */

/**
 * A batch of this computer's changes, recorded before it is written to the
 * shared folder: which of its change-log entries (by their `seq`, in order)
 * make batch `seq`, so that a batch rewritten after a crash or after the
 * folder lost it is the same batch. Seq 0 is the baseline: this computer's
 * entries up to `toSeq` are in the shared database file it made or started
 * from and are never shipped as batches.
 */
export interface SyncBatch {
  seq: number;
  /** The first and the last change-log `seq` of its entries (of this computer only). */
  fromSeq: number;
  toSeq: number;
  count: number;
  createdAt: string;
  /** When it was written to the folder; null until then. */
  writtenAt: string | null;
}

export const SyncBatchEntity = new EntitySchema<SyncBatch>({
  name: 'SyncBatch',
  tableName: 'sync_batches',
  columns: {
    seq: { type: 'integer', primary: true },
    fromSeq: col.int(),
    toSeq: col.int(),
    count: col.int(),
    createdAt: col.instant(),
    writtenAt: col.instant(true),
  },
});

/**
 * The clock of the current value of every field the merge has seen written:
 * the greatest hybrid-clock value of a write of it (`*`: the row was made,
 * which writes all its fields). The change log has no index but its own
 * order (migration 0017: every save writes it), so the merge keeps this one
 * itself, off the path of a save: this computer's own entries are folded in
 * at the start of every batch applied (`sync_state` «clocks.ownSeq» says how
 * far), other computers' as they are applied.
 */
export interface SyncFieldClock {
  /** `Entity|rowId`. */
  rowKey: string;
  field: string;
  hlc: string;
}

export const SyncFieldClockEntity = new EntitySchema<SyncFieldClock>({
  name: 'SyncFieldClock',
  tableName: 'sync_field_clocks',
  columns: {
    rowKey: { type: 'varchar', length: 200, primary: true },
    field: { type: 'varchar', length: 60, primary: true },
    hlc: col.string(100),
  },
});

/** Small facts of the merge on this computer, by key (`clocks.ownSeq`: own entries folded into the field clocks). */
export interface SyncState {
  key: string;
  value: string;
}

export const SyncStateEntity = new EntitySchema<SyncState>({
  name: 'SyncState',
  tableName: 'sync_state',
  columns: {
    key: { type: 'varchar', length: 60, primary: true },
    value: col.text(false),
  },
});

/** How far this computer has applied another computer's batches: advanced in the transaction that applies one. */
export interface SyncCursor {
  computerId: string;
  lastSeq: number;
  appliedAt: string;
}

export const SyncCursorEntity = new EntitySchema<SyncCursor>({
  name: 'SyncCursor',
  tableName: 'sync_cursors',
  columns: {
    computerId: { type: 'varchar', length: 64, primary: true },
    lastSeq: col.int(),
    appliedAt: col.instant(),
  },
});

/**
 * A row whose changes arrived but cannot be written yet: its parent row (a
 * foreign key) has not arrived, or only changes of some of its fields came
 * and not the row itself. Its changes wait here (and are in the change log
 * with the rest); the row is written as soon as what it needs is here.
 */
export interface SyncWaiting {
  /** `Entity:rowId`. */
  id: string;
  entity: string;
  rowId: string;
  /** The missing parent (null when the row itself has not arrived). */
  parentEntity: string | null;
  parentId: string | null;
  since: string;
  /** JSON: the changes waiting (FieldChange[] with the change log's value text). */
  changes: string;
}

export const SyncWaitingEntity = new EntitySchema<SyncWaiting>({
  name: 'SyncWaiting',
  tableName: 'sync_waiting',
  columns: {
    id: { type: 'varchar', length: 200, primary: true },
    entity: col.string(60),
    rowId: col.string(100),
    parentEntity: col.string(60, true),
    parentId: col.string(100, true),
    since: col.instant(),
    changes: col.text(false),
  },
  indices: [{ name: 'IDX_sync_waiting_parent', columns: ['parentId'] }],
});

export const CONFLICT_KINDS = ['double-substitution', 'double-booking', 'final-mark', 'duplicate-login', 'closed-period', 'closed-year'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/**
 * A domain conflict that last-writer-wins cannot settle, found while
 * applying another computer's changes (sync/conflicts/): listed for the
 * deputy and the administrator, never silently resolved. Its id follows from
 * (kind, subjectKey), so computers that find the same conflict make one row.
 */
export interface SyncConflict extends Synced {
  id: string;
  kind: ConflictKind;
  /** What it is about, stable across computers: `lesson:<id>`, `teacher:<id>:<date>:<no>`, … */
  subjectKey: string;
  /** Russian, one line: «Две замены одного урока: 7А, алгебра, 23.11.2026, 3-й урок». */
  summary: string;
  /** JSON: the sides, each with its computer, who, when and what (conflicts/types.ts). */
  details: string;
  detectedAt: string;
  detectedOn: string;
  settledAt: string | null;
  settledBy: string | null;
  /** The action taken (`keep`, `take:<side>`, `acknowledge`, `revert`), null while open. */
  settlement: string | null;
  settlementNote: string | null;
}

export const SyncConflictEntity = new EntitySchema<SyncConflict>({
  name: 'SyncConflict',
  tableName: 'sync_conflicts',
  columns: {
    id: col.id(),
    kind: col.string(30),
    subjectKey: col.string(300),
    summary: col.text(false),
    details: col.text(false),
    detectedAt: col.instant(),
    detectedOn: col.string(64),
    settledAt: col.instant(true),
    settledBy: col.ref(true),
    settlement: col.string(60, true),
    settlementNote: col.text(),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('sync_conflicts', { settledBy: 'users' }),
  indices: [{ name: 'IDX_sync_conflicts_settled', columns: ['settledAt', 'detectedAt'] }],
});
