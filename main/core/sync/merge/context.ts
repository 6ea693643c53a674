import type { EntityManager } from 'typeorm';
import type { Writer } from '../../write/writer';
import type { FoundConflict } from '../conflicts/types';
import type { FieldClocks } from './clocks';
import type { EntityInfo, MergeSchema } from './schema';
import type { RowWrite } from './writes';

export type Row = Record<string, unknown>;

/** One row as a batch changes it: as it is here, as it will be, and which write set each changed field. */
export interface RowPlan {
  info: EntityInfo;
  rowId: string;
  /** The row as this computer has it; null for a row new here. */
  before: Row | null;
  /** The row as it will be written (complete for a new row). */
  after: Row;
  /** Fields whose value changes → the write that set it. */
  set: Map<string, RowWrite>;
  /** The clock of the row's making, for a new row ('' otherwise). */
  created: string;
}

/** A field two computers wrote differently: which won here (for the conflicts last-writer-wins must not hide). */
export interface Contest {
  info: EntityInfo;
  rowId: string;
  field: string;
  /** This computer's value before the batch and the clock of its write ('' when never logged). */
  local: { hlc: string; row: Row };
  incoming: RowWrite;
  incomingWon: boolean;
}

/** Everything one batch's application shares: one transaction, this computer, what was found. */
export interface MergeContext {
  em: EntityManager;
  /** This computer's own writes while merging (a duplicate made room for, a conflict listed): audited and captured. */
  writer: Writer;
  schema: MergeSchema;
  clocks: FieldClocks;
  /** This computer's id. */
  me: string;
  /** This computer's time of applying (ISO): `updatedAt` of what it writes. */
  now: string;
  computerName(id: string): string;
  found: FoundConflict[];
  contests: Contest[];
  applied: RowPlan[];
}

/** The computer that wrote a clock value: its id ends the value (changes/hlc.ts). */
export function computerOfHlc(hlc: string): string {
  const m = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z-[0-9a-f]{8}-(.+)$/.exec(hlc);
  return m ? m[1] : '';
}

/** The wall time of a clock value (ISO), '' for none. */
export function timeOfHlc(hlc: string): string {
  return hlc.slice(0, 24);
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'boolean' || typeof b === 'boolean') return Boolean(a) === Boolean(b);
  return (a ?? null) === (b ?? null);
}
