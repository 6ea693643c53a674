/**
 * What the shared-folder layer carries and reports. The payload (a batch of
 * field changes) is opaque here: this layer stores, authenticates and returns
 * it whole; the merge is built on top (README.md in this folder).
 */

/** One changed field, as the write engine's change log records it. */
export interface FieldChange {
  /** Hybrid-logical-clock timestamp; sortable as a string. */
  hlc: string;
  /** The computer that made the change: always the batch's computer. */
  computerId: string;
  entity: string;
  rowId: string;
  field: string;
  value: string | number | boolean | null;
  /** Fields that must change together share a group; null when the field stands alone. */
  group: string | null;
}

/** What a batch says about itself; authenticated together with its changes. */
export interface BatchHeader {
  /** The share format the batch was written in. */
  format: number;
  computerId: string;
  /** Per-computer sequence number, 1, 2, 3, … without gaps. */
  seq: number;
  /** The smallest and the largest HLC of its changes. */
  hlcFrom: string;
  hlcTo: string;
  count: number;
}

export interface Batch {
  header: BatchHeader;
  changes: FieldChange[];
}

/** How far this computer has applied each other computer's batches: computer id → last seq applied. */
export type Cursors = Record<string, number>;

/** `computers/<id>.json`: what each computer says about itself. */
export interface ComputerRecord {
  computerId: string;
  /** A name a person recognises: «Кабинет информатики, ПК 3». */
  name: string;
  programVersion: string;
  /** The newest share format the computer's program understands. */
  programFormat: number;
  /** When the file was written, by the share's clock (ISO). */
  lastSeen: string;
  /** The computer's own clock minus the share's when it wrote the file (ms): for clock warnings. */
  clockOffsetMs: number;
  /** The last batch seq it has written. */
  lastSeq: number;
  /** How far it has applied every other computer's batches. */
  readThrough: Cursors;
}

/** A computer as this computer sees it on the share. */
export type ComputerEntry =
  | { computerId: string; state: 'ok'; record: ComputerRecord }
  /** The file exists but does not open (still arriving, damaged or forged): the computer is not trusted meanwhile. */
  | { computerId: string; state: 'unreadable'; reason: QuarantineReason; message: string }
  /** Written by a newer program: this one cannot read it. */
  | { computerId: string; state: 'newer-format'; format: number };

/** `snapshot/<gen>-<computer>.kzs`: the shared database file, as its authenticated header describes it. */
export interface SnapshotInfo {
  /** Generation: each published snapshot has a larger one. */
  gen: number;
  computerId: string;
  /** When it was published, by the share's clock (ISO). */
  createdAt: string;
  /** Every computer's batches up to this seq are included in it. */
  covers: Cursors;
  /** Size of the local file it was made from. */
  bytes: number;
  /** SHA-256 of that file (hex), checked again after fetching. */
  sha256: string;
}

/** Why a file on the share was not accepted. */
export type QuarantineReason =
  | 'auth-failed' // fails authentication: forged, damaged, or a partial copy still arriving
  | 'misplaced' // authentic, but its header names another computer, seq, kind or school than its place says
  | 'unknown-computer' // its computer has no computer file on the share
  | 'malformed' // authentic, but its content is not what the format says
  | 'too-large'; // larger than any file this program writes

export interface QuarantineEntry {
  id: string;
  /** Path on the share, relative to its root, with «/». */
  sharePath: string;
  /** File name inside the local quarantine folder; null when no copy was kept (too large, or the folder full). */
  localFile: string | null;
  reason: QuarantineReason;
  /** Russian, for the administrator's screen. */
  message: string;
  /** When it was quarantined (this computer's clock, ISO). */
  at: string;
  /** When it first failed its check. */
  firstFailedAt: string;
  attempts: number;
  size: number;
  /** The file's modification time on the share: with the size, tells a new file at the same path from this one. */
  mtimeMs: number;
  /** SHA-256 of the copy kept (hex), null without one. */
  sha256: string | null;
  /** False when the share refused the removal (read-only): the file stays there, skipped by this computer. */
  removedFromShare: boolean;
}

/** A file that failed its check and will be retried before it is quarantined. */
export interface PendingFailure {
  sharePath: string;
  reason: QuarantineReason;
  message: string;
  attempts: number;
  firstFailedAt: string;
}

export type SuspectReason =
  | { kind: 'empty' } // the folder is empty
  | { kind: 'school-file-missing' }
  | { kind: 'school-file-replaced' } // school.json differs from the one this computer joined
  | { kind: 'batches-missing'; computerId: string; seqs: number[] } // batches this computer has read are gone
  | { kind: 'own-batches-missing'; seqs: number[] } // this computer's own batches are gone
  | { kind: 'snapshot-missing' }; // the shared database file this computer has seen is gone

/** The state of the shared folder, as the app bar and the settings show it. */
export type ShareStatus =
  | { state: 'ok'; folderFormat: number; clockOffsetMs: number | null; pending: PendingFailure[]; quarantined: number }
  /** The folder cannot be reached: nothing is changed, sync resumes on its own. */
  | { state: 'offline'; errno: string; message: string }
  /** The folder looks wrong: sync stops until a person looks. Nothing is deleted anywhere. */
  | { state: 'suspect'; reasons: SuspectReason[]; message: string }
  /** The folder's format is newer than this program: reads what it understands, writes nothing. */
  | { state: 'needs-update'; folderFormat: number; programFormat: number; message: string };

/** One step of the folder test. */
export interface ProbeStep {
  step: 'folder' | 'write' | 'read' | 'rename' | 'delete';
  ok: boolean;
  ms: number;
  /** Russian verdict. */
  message: string;
  errno?: string;
}

export interface ProbeResult {
  ok: boolean;
  steps: ProbeStep[];
  /** This computer's clock minus the share's (ms), when the write step worked. */
  clockOffsetMs: number | null;
  /** Russian summary. */
  message: string;
}

export interface ReadBatchesResult {
  /** Valid batches after the cursors, each computer's in seq order; apply each in one transaction. */
  batches: Batch[];
  /** Computers whose next batch was pruned: this computer must start from the snapshot. */
  behind: { computerId: string; nextSeq: number; coveredThrough: number }[];
  /** Streams stopped at a file that is not readable yet (retried later) or missing in the middle. */
  waiting: { computerId: string; seq: number; why: 'gap' | 'retrying' | 'quarantined' | 'newer-format' }[];
  /** Files quarantined during this call. */
  quarantined: QuarantineEntry[];
  /** True when a size limit stopped the read: call again. */
  more: boolean;
  /** A batch or the folder needs a newer program: «обновите программу». */
  needsUpdate: boolean;
}

export interface WriteBatchResult {
  seq: number;
  /** Bytes on the share. */
  bytes: number;
  /** False when the same batch was already on the share (a retry after a crash): nothing written. */
  written: boolean;
}

export interface PruneResult {
  removed: { computerId: string; seq: number }[];
  /** Why nothing (or less) was pruned, in Russian, for the log. */
  kept: string[];
}

/** One file of the share as `verify()` found it. */
export interface VerifyEntry {
  sharePath: string;
  kind: 'batch' | 'computer' | 'snapshot' | 'lock' | 'temporary' | 'foreign';
  /** `ignored`: a temporary or foreign file that no reader takes. */
  state: 'ok' | 'failed' | 'newer-format' | 'ignored';
  reason?: QuarantineReason;
  message?: string;
}

export interface VerifyReport {
  ok: boolean;
  entries: VerifyEntry[];
  /** Russian summary. */
  message: string;
}
