import { IsNull, Not } from 'typeorm';
import type { ReadableDb } from '../../db/readable';
import { SyncConflictEntity, type ConflictKind, type SyncConflict } from '../../db/entities/sync';
import { timeOfHlc } from '../merge/context';
import { userLabel } from './labels';
import { parseDetails } from './record';
import { KIND_TITLES, SETTLEMENTS } from './types';

/** A conflict as the «Конфликты синхронизации» list shows it. */
export interface ConflictDto {
  id: string;
  kind: ConflictKind;
  /** «Две замены одного урока». */
  title: string;
  /** «Две замены одного урока: 7А, алгебра, 23.11.2026, 3-й урок». */
  summary: string;
  /** What happened and what the program did meanwhile. */
  explanation: string;
  sides: {
    index: number;
    computerName: string;
    /** When it was written (the writing computer's clock, ISO). */
    at: string;
    /** Who wrote it («Иванова А.П.»), when known. */
    who: string | null;
    text: string;
    current: boolean;
  }[];
  detectedAt: string;
  settledAt: string | null;
  settledBy: string | null;
  /** `take:<side>`, `acknowledge`, `revert`. */
  settlement: string | null;
  settlementNote: string | null;
  /** What the screen offers while it is open. */
  actions: readonly ('take' | 'acknowledge' | 'revert')[];
}

export async function listConflicts(db: ReadableDb, state: 'open' | 'settled' | 'all'): Promise<ConflictDto[]> {
  const where =
    state === 'open' ? { settledAt: IsNull(), deletedAt: IsNull() } : state === 'settled' ? { settledAt: Not(IsNull()), deletedAt: IsNull() } : { deletedAt: IsNull() };
  const rows = await db.find(SyncConflictEntity, { where, order: { detectedAt: 'DESC', id: 'ASC' }, take: 500 });
  const out: ConflictDto[] = [];
  for (const row of rows) out.push(await toDto(db, row));
  return out;
}

export async function toDto(db: ReadableDb, row: SyncConflict): Promise<ConflictDto> {
  const details = parseDetails(row.details);
  const sides = [];
  for (const [index, s] of details.sides.entries()) {
    sides.push({ index, computerName: s.computerName, at: timeOfHlc(s.hlc), who: s.userId ? await userLabel(db, s.userId) : null, text: s.text, current: s.current });
  }
  return {
    id: row.id,
    kind: row.kind,
    title: KIND_TITLES[row.kind] ?? row.kind,
    summary: row.summary,
    explanation: details.explanation,
    sides,
    detectedAt: row.detectedAt,
    settledAt: row.settledAt,
    settledBy: row.settledBy ? await userLabel(db, row.settledBy) : null,
    settlement: row.settlement,
    settlementNote: row.settlementNote,
    actions: row.settledAt ? [] : (SETTLEMENTS[row.kind] ?? ['acknowledge']),
  };
}
