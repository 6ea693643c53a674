import { IsNull } from 'typeorm';
import type { ReadableDb } from '../db/readable';
import type { Actor } from '../auth/sessions';
import type { Announcement } from '../db/entities/messages';
import { SchoolClassEntity, TeachingAssignmentEntity } from '../db/entities/school';

/**
 * Whom an announcement concerns (seed 003 §4.6.8): all staff; the teachers
 * of a class — those who teach in it by the load during the year, and its
 * class teacher; or of a parallel — every class of that grade. The
 * administration sees the whole board; the author always sees their own.
 */
export interface BoardViewer {
  userId: string;
  whole: boolean;
  classIds: Set<string>;
  grades: Set<number>;
}

export function isAdministration(actor: Actor): boolean {
  return actor.roles.some((r) => r === 'director' || r === 'deputy' || r === 'admin');
}

export async function boardViewer(em: ReadableDb, actor: Actor, yearId: string): Promise<BoardViewer> {
  const viewer: BoardViewer = { userId: actor.userId, whole: isAdministration(actor), classIds: new Set(), grades: new Set() };
  if (viewer.whole || !actor.staffId) return viewer;
  const classes = await em.find(SchoolClassEntity, { where: { yearId, deletedAt: IsNull() } });
  const taught = await em
    .createQueryBuilder(TeachingAssignmentEntity, 't')
    .select('DISTINCT t.classId', 'classId')
    .where('t.staffId = :staffId AND t.yearId = :yearId AND t.deletedAt IS NULL', { staffId: actor.staffId, yearId })
    .getRawMany<{ classId: string }>();
  const mine = new Set([...taught.map((t) => t.classId), ...classes.filter((c) => c.classTeacherId === actor.staffId).map((c) => c.id)]);
  for (const c of classes) {
    if (!mine.has(c.id)) continue;
    viewer.classIds.add(c.id);
    viewer.grades.add(c.gradeLevel);
  }
  return viewer;
}

export function concerns(viewer: BoardViewer, a: Pick<Announcement, 'audience' | 'classId' | 'gradeLevel' | 'authorId'>): boolean {
  if (viewer.whole || a.authorId === viewer.userId || a.audience === 'all') return true;
  if (a.audience === 'class') return !!a.classId && viewer.classIds.has(a.classId);
  return a.gradeLevel !== null && viewer.grades.has(a.gradeLevel);
}
