/**
 * The shapes the conflict engine works on: plain data, no database. A
 * placement is a TimetableEntry (or one being dragged); the rest is the
 * context that tells whether two placements may share a time.
 */

export interface Placement {
  id: string;
  weekday: number;
  lessonNo: number;
  /** 0 = every week, 1 = week A, 2 = week B. */
  weekParity: number;
  classId: string;
  groupId: string | null;
  subjectId: string;
  staffId: string;
  roomId: string | null;
  individualPlanId: string | null;
  /**
   * Parts of one lesson placed together (the subgroups of a split with their
   * teachers, classes joined under one teacher, an aSc card, a FET activity)
   * share a card and never clash with each other.
   */
  cardId: string | null;
}

export interface GroupInfo {
  id: string;
  classId: string;
  /** Groups of one split (деление класса) share it. */
  splitKey: string;
  /**
   * The part of the split the group is: groups of one split with the same
   * name («1 группа» for English and for informatics) are the same students.
   */
  name: string;
}

export interface Unavailability {
  staffId: string;
  weekday: number;
  /** Null = the whole day. */
  lessonNo: number | null;
  note: string | null;
}

export const CONFLICT_KINDS = ['teacher', 'room', 'class', 'unavailable'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/** Two placements that cannot share a time, or one placed at a teacher's unavailable time. */
export interface Clash {
  kind: ConflictKind;
  /** The busy resource: a teacher, a room or a class. */
  resourceId: string;
  /** The placements involved: two for a clash, one for unavailable time. */
  entryIds: string[];
  weekday: number;
  lessonNo: number;
}

/** Why a slot cannot take a placement: the kind, and what already holds it. */
export interface SlotReason {
  kind: ConflictKind;
  resourceId: string;
  /** The placement that holds the resource (null for unavailable time). */
  entryId: string | null;
  note: string | null;
}
