import { compareRu } from '../shared/text';
import type { Weights } from './rules';

/**
 * What the deputy sees about one candidate for a lesson: every criterion in
 * its own column (intl_anchors.md §2.2: the mature tools show *why*), and the
 * score the weights make of them.
 */
export interface Criteria {
  /** Has lessons in this class by the teaching load (any subject). */
  teachesClass: boolean;
  /** Teaches this subject (anywhere) or holds a qualification for it. */
  subject: 'teaches' | 'qualified' | null;
  classTeacher: boolean;
  /** Already covers the lesson just before or after, in the same class (kept together where possible). */
  continuity: boolean;
  /** Lessons between this one and the teacher's nearest own lesson that day; null = no lessons that day. */
  distance: number | null;
  /** Lessons the teacher already has that day (substitutions included). */
  lessonsToday: number;
  /** Substitutions this month, picks of the same «fill the day» run included. */
  month: number;
}

/**
 * Score = bonuses for knowing the class and the subject, minus penalties for
 * a long wait, a full day and many substitutions this month. Hand-worked in
 * test/unit/substitutions/ranking.test.ts.
 */
export function scoreOf(c: Criteria, w: Weights): number {
  return (
    (c.teachesClass ? w.teachesClass : 0) +
    (c.subject ? w.subject : 0) +
    (c.classTeacher ? w.classTeacher : 0) -
    w.distance * (c.distance ?? 0) -
    w.lessonsToday * c.lessonsToday -
    w.month * c.month
  );
}

export interface Ranked extends Criteria {
  name: string;
  score: number;
}

/**
 * The order of the list: the teacher who already covers the neighbouring
 * lesson of this class first (consecutive lessons go to one substitute), then
 * teachers who are at school that day before those who would have to come in
 * for it (a teacher with no lessons that day is last, as Untis' period flag 9),
 * then by score, then by name.
 */
export function compareRanked(a: Ranked, b: Ranked): number {
  if (a.continuity !== b.continuity) return a.continuity ? -1 : 1;
  const aIn = a.distance !== null;
  const bIn = b.distance !== null;
  if (aIn !== bIn) return aIn ? -1 : 1;
  if (a.score !== b.score) return b.score - a.score;
  return compareRu(a.name, b.name);
}
