import type { ReadableDb } from '../db/readable';
import type { Actor } from '../auth/sessions';
import { rolesAllow } from '../auth/permissions';
import { leadsClass } from '../journal/access';
import { AppError } from '../shared/errors';
import { classOn } from './roster';

/**
 * Who may change a student's record, guardians and consent: the secretary and
 * the administrator (contingent.edit), and the class teacher of the student's
 * class (DOMAIN.md: «edit students' and parents' data»; seed 000 §3.3). The
 * director and the deputy see, but do not edit.
 */
export async function mayEditStudent(em: ReadableDb, actor: Actor, studentId: string, today: string): Promise<boolean> {
  if (rolesAllow(actor.roles, 'contingent.edit')) return true;
  if (!actor.staffId || !actor.roles.includes('teacher')) return false;
  const classId = await classOn(em, studentId, today);
  return !!classId && (await leadsClass(em, actor.staffId, classId));
}

export async function assertMayEditStudent(em: ReadableDb, actor: Actor, studentId: string, today: string): Promise<void> {
  if (!(await mayEditStudent(em, actor, studentId, today))) {
    throw new AppError(
      'FORBIDDEN',
      'Изменять сведения об обучающемся и его законных представителях могут секретарь, администратор и классный руководитель его класса.',
    );
  }
}
