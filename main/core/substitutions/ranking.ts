import { compareRu } from '../shared/text';
import type { Weights } from './rules';

/**
 * How a teacher stands to the subject of the lesson at the level of education
 * of its class (1–4, 5–9, 10–11): teaches it there; is qualified for it and
 * teaches at that level; teaches it or is qualified only at another level.
 */
export type SubjectTie = 'teaches' | 'qualified' | 'other_level';

/**
 * What the deputy sees about one candidate for a lesson: every criterion in
 * its own column (intl_anchors.md §2.2: the mature tools show *why*), and the
 * score the weights make of them.
 */
export interface Criteria {
  /** Has lessons in this class by the teaching load (any subject). */
  teachesClass: boolean;
  /** The subject at the class's level of education (see SubjectTie). */
  subject: SubjectTie | null;
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
 * Score = bonuses for knowing the subject and the class, minus penalties for
 * a long wait, a full day and many substitutions this month. It orders the
 * candidates within their group (compareRanked). Hand-worked in
 * test/unit/substitutions/ranking.test.ts.
 */
export function scoreOf(c: Criteria, w: Weights): number {
  return (
    (c.teachesClass ? w.teachesClass : 0) +
    (c.subject === 'teaches' ? w.subject : c.subject === 'qualified' ? w.qualified : 0) +
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
 * Who the deputy looks for, in this order: a teacher of the lesson's subject
 * at that level of school (teaches it there or is qualified for it), who can
 * go on with the thematic plan; then one who knows the class (teaches in it
 * or leads it); then anyone free.
 */
export function groupOf(c: Criteria): 1 | 2 | 3 {
  if (c.subject === 'teaches' || c.subject === 'qualified') return 1;
  if (c.teachesClass || c.classTeacher) return 2;
  return 3;
}

/**
 * The order of the list: teachers who are at school that day before those
 * who would have to come in for it (a teacher with no lessons that day is
 * last, as Untis' period flag 9); then the group (groupOf: the subject, the
 * class, the rest); within it the teacher who already covers the
 * neighbouring lesson of this class (consecutive lessons go to one
 * substitute); then by score, then by name. The weights order candidates
 * within a group and never lift a teacher of another subject above a free
 * teacher of this one.
 */
export function compareRanked(a: Ranked, b: Ranked): number {
  const aIn = a.distance !== null;
  const bIn = b.distance !== null;
  if (aIn !== bIn) return aIn ? -1 : 1;
  const group = groupOf(a) - groupOf(b);
  if (group !== 0) return group;
  if (a.continuity !== b.continuity) return a.continuity ? -1 : 1;
  if (a.score !== b.score) return b.score - a.score;
  return compareRu(a.name, b.name);
}
