import type { ReadableDb } from '../db/readable';
import type { Actor } from '../auth/sessions';
import type { Role } from '../db/entities/users';
import { leadsClass } from '../journal/access';
import { classOn } from './roster';

/**
 * Who sees a student's personal data, field by field (152-ФЗ art. 5, 19: only
 * what the work needs; the table and its reasons are in README.md, «Who sees
 * what»). A student's card is either full — for the administration and the
 * secretary, whose work is the whole school's records, and for the class
 * teacher of the student's class now — or reduced to the name and the class,
 * for everyone else (a subject teacher sees marks in the journal, not the
 * family's address).
 */
export type PersonalDataView = 'full' | 'reduced';

/** Roles whose work needs every student's personal data. */
const FULL_VIEW_ROLES: readonly Role[] = ['admin', 'director', 'deputy', 'secretary'];

/** The fields of the card a reduced view keeps; every other field is withheld. */
export const REDUCED_STUDENT_FIELDS = ['id', 'lastName', 'firstName', 'middleName', 'name'] as const;

export async function personalDataView(em: ReadableDb, actor: Actor, studentId: string, today: string): Promise<PersonalDataView> {
  if (actor.roles.some((r) => FULL_VIEW_ROLES.includes(r))) return 'full';
  if (!actor.staffId || !actor.roles.includes('teacher')) return 'reduced';
  const classId = await classOn(em, studentId, today);
  return classId && (await leadsClass(em, actor.staffId, classId)) ? 'full' : 'reduced';
}

/** Whether the actor's search of guardians covers the whole school (those who enrol) or only their own class's families. */
export function searchesAllGuardians(actor: Actor): boolean {
  return actor.roles.includes('admin') || actor.roles.includes('secretary');
}
