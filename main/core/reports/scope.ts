import type { ReadableDb } from '../db/readable';
import type { Actor } from '../auth/sessions';
import { AppError } from '../shared/errors';
import { SchoolClassEntity, TeachingAssignmentEntity } from '../db/entities/school';

/**
 * Who sees which report (DOMAIN.md: reports are scoped for teachers). The
 * director, the deputy and the administrator see the whole school; a teacher
 * sees the classes they lead or teach, and their own work.
 */
export function seesWholeSchool(actor: Actor): boolean {
  return actor.roles.some((r) => r === 'director' || r === 'deputy' || r === 'admin');
}

const NOT_YOURS = 'Этот отчёт доступен администрации школы, классному руководителю класса и учителям, которые в нём ведут уроки.';

export async function leadsClassIds(em: ReadableDb, staffId: string): Promise<string[]> {
  const rows = await em
    .createQueryBuilder(SchoolClassEntity, 'c')
    .select('c.id', 'id')
    .where('c.classTeacherId = :staffId AND c.deletedAt IS NULL', { staffId })
    .getRawMany<{ id: string }>();
  return rows.map((r) => r.id);
}

async function teachesClass(em: ReadableDb, staffId: string, classId: string): Promise<boolean> {
  const n = await em
    .createQueryBuilder(TeachingAssignmentEntity, 't')
    .where('t.staffId = :staffId AND t.classId = :classId AND t.deletedAt IS NULL', { staffId, classId })
    .getCount();
  return n > 0;
}

/**
 * The class's reports: the administration, the class teacher, and — unless
 * `leadOnly` (extracts, attendance of the whole class) — its subject teachers.
 */
export async function assertClassScope(em: ReadableDb, actor: Actor, classId: string, leadOnly = false): Promise<void> {
  if (seesWholeSchool(actor)) return;
  const staffId = actor.staffId;
  if (staffId && (await leadsClassIds(em, staffId)).includes(classId)) return;
  if (!leadOnly && staffId && (await teachesClass(em, staffId, classId))) return;
  throw new AppError('FORBIDDEN', leadOnly ? 'Этот отчёт доступен администрации школы и классному руководителю класса.' : NOT_YOURS);
}

export function assertWholeSchool(actor: Actor): void {
  if (!seesWholeSchool(actor)) {
    throw new AppError('FORBIDDEN', 'Отчёт по всей школе доступен директору, заместителю директора и администратору.');
  }
}

/** A teacher's own reports; the administration sees every teacher's. */
export function assertSelfOrAdmin(actor: Actor, staffId: string): void {
  if (seesWholeSchool(actor) || actor.staffId === staffId) return;
  throw new AppError('FORBIDDEN', 'Учитель может сформировать этот отчёт только о своей работе.');
}

