import type { ComputerRecord, QuarantineEntry } from '../share/types';

/**
 * What the screens get of sync (sync/README.md «API»): the app bar's status
 * for everyone, the folder's details for the administrator.
 */

export type SyncState =
  /** Not set up on this computer. */
  | 'off'
  /** The school works on a PostgreSQL server: it is the shared database, no folder is needed. */
  | 'postgres'
  /** Opening the folder, joining, making the shared database file. */
  | 'starting'
  | 'ok'
  /** The folder cannot be reached: everything is kept here and sync resumes by itself. */
  | 'offline'
  /** The folder looks wrong (empty, files gone, school.json changed): sync stopped, the administrator must look. */
  | 'suspect'
  /** The folder was made by a newer program: this one reads what it can and writes nothing. */
  | 'needs-update'
  /** Something failed (the message says what); retried at the next cycle. */
  | 'error';

export interface SyncStatusDto {
  state: SyncState;
  /** Russian, one line for the app bar: «Нет связи с общей папкой — изменения сохранены на этом компьютере: 37». */
  message: string;
  /** Records changed here and not yet in the folder. */
  pending: number;
  /** A cycle is running now. */
  running: boolean;
  /** The end of the last cycle that reached the folder (this computer's clock, ISO). */
  lastSyncAt: string | null;
  /**
   * How many times changes of other computers were written into this
   * database since the program started (a batch applied, or the shared
   * database file taken on joining): open screens read their data again
   * when it changes.
   */
  received: number;
  /** Russian: the last failure, while it lasts. */
  lastError: string | null;
  /** Russian: this computer's clock is off from the folder's, or another computer's is ahead, by more than a few minutes. */
  clockWarning: string | null;
  /** Domain conflicts waiting for the deputy or the administrator. */
  openConflicts: number;
  /** Files of the folder this computer has quarantined. */
  quarantined: number;
  /** What a background task (the shared database file) is doing, in Russian; null when none. */
  task: string | null;
}

export interface SyncComputerDto {
  computerId: string;
  /** This computer. */
  self: boolean;
  state: 'ok' | 'unreadable' | 'newer-format';
  name: string | null;
  programVersion: string | null;
  /** When it last wrote its file (the folder's clock). */
  lastSeen: string | null;
  clockOffsetMs: number | null;
  lastSeq: number | null;
  /** How many of its batches this computer has applied. */
  appliedSeq: number;
}

export interface SyncFolderDto {
  configured: boolean;
  root: string | null;
  computerName: string;
  computerId: string;
  /** Where the key is kept: sealed by the operating system's key store, or in the owner-only file. */
  keyStorage: 'os' | 'file' | null;
  folderFormat: number | null;
  computers: SyncComputerDto[];
  quarantined: QuarantineEntry[];
}

export type { ComputerRecord };
