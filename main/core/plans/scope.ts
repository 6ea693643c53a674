import type { ReadableDb } from '../db/readable';
import type { Actor } from '../auth/sessions';
import { AppError } from '../shared/errors';
import { canViewPage, teachesPage } from '../journal/access';
import type { ThematicPlan } from '../db/entities/planning';

/**
 * A КТП is the teacher's own (seed 003 §4.4.8): a teacher edits the plans of
 * the pages they teach by the load (or whose author they are); the deputy
 * edits any plan and approves them. Everyone who sees a journal page sees its plan.
 */
export function isDeputy(actor: Actor): boolean {
  return actor.roles.includes('deputy');
}

async function canEditPlan(em: ReadableDb, actor: Actor, plan: Pick<ThematicPlan, 'staffId' | 'classId' | 'groupId' | 'subjectId'>): Promise<boolean> {
  if (isDeputy(actor)) return true;
  if (!actor.staffId || !actor.roles.includes('teacher')) return false;
  if (plan.staffId === actor.staffId) return true;
  return teachesPage(em, actor.staffId, plan, null);
}

export async function assertCanEditPlan(em: ReadableDb, actor: Actor, plan: Pick<ThematicPlan, 'staffId' | 'classId' | 'groupId' | 'subjectId'>): Promise<void> {
  if (!(await canEditPlan(em, actor, plan))) {
    throw new AppError('FORBIDDEN', 'Изменять КТП может учитель, который ведёт этот предмет в классе по нагрузке, или заместитель директора по УВР.');
  }
}

export async function canViewPlan(em: ReadableDb, actor: Actor, plan: Pick<ThematicPlan, 'staffId' | 'classId' | 'groupId' | 'subjectId'>): Promise<boolean> {
  if (actor.staffId && plan.staffId === actor.staffId) return true;
  return canViewPage(em, actor, plan);
}
