import type { ConflictKind } from '../../db/entities/sync';

/**
 * One side of a domain conflict: what one computer wrote, when, and by whom.
 * Stored as JSON in `sync_conflicts.details` (ConflictDetails); the screen
 * gets it with names resolved (ConflictDto in conflicts/list.ts).
 */
export interface ConflictSide {
  /** The computer that wrote it. */
  computerId: string;
  /** Its name when the conflict was found («Кабинет информатики, ПК 3»). */
  computerName: string;
  /** Its clock value (orders the sides). */
  hlc: string;
  /** The record it is about. */
  entity: string;
  rowId: string;
  /** The account that made it, when known (setBy, createdBy). */
  userId: string | null;
  /** The values it wrote that matter here. */
  values: Record<string, unknown>;
  /** Russian, one line: «замена: Петрова Н.В.», «отметка 4». */
  text: string;
  /** Whether this side is what the journal holds now. */
  current: boolean;
}

export interface ConflictDetails {
  sides: ConflictSide[];
  /** Russian: what happened and what the program did meanwhile. */
  explanation: string;
}

/** What a conflict is about and who found it, as the merge reports it. */
export interface FoundConflict {
  kind: ConflictKind;
  subjectKey: string;
  summary: string;
  details: ConflictDetails;
}

/** The actions a conflict of each kind can be settled with. */
export const SETTLEMENTS: Record<ConflictKind, readonly ('take' | 'acknowledge' | 'revert')[]> = {
  'double-substitution': ['take'],
  'double-booking': ['acknowledge'],
  'final-mark': ['take'],
  'duplicate-login': ['acknowledge'],
  'closed-period': ['acknowledge', 'revert'],
  'closed-year': ['acknowledge'],
};

export const KIND_TITLES: Record<ConflictKind, string> = {
  'double-substitution': 'Две замены одного урока',
  'double-booking': 'Учитель или кабинет заняты дважды',
  'final-mark': 'Две разные итоговые отметки',
  'duplicate-login': 'Две учётные записи с одним именем входа',
  'closed-period': 'Запись в закрытом периоде',
  'closed-year': 'Изменение в закрытом учебном году',
};
