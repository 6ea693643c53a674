import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/sessions';
import { AppError } from '../shared/errors';
import { TeachingAssignmentEntity, SchoolClassEntity } from '../db/entities/school';
import { StudyPeriodEntity, AcademicYearEntity } from '../db/entities/calendar';
import { PageReopenEntity, type Lesson } from '../db/entities/journal';
import { agree } from './periods';

/** A journal page: one subject in one class or group. */
export interface PageRef {
  classId: string;
  groupId: string | null;
  subjectId: string;
}

/**
 * Whether the teacher teaches this page by the teaching load on the date
 * (null date: at any time of the year).
 */
export async function teachesPage(em: EntityManager, staffId: string, page: PageRef, date: string | null): Promise<boolean> {
  const q = em
    .createQueryBuilder(TeachingAssignmentEntity, 't')
    .where('t.staffId = :staffId AND t.classId = :classId AND t.subjectId = :subjectId AND t.deletedAt IS NULL', {
      staffId,
      classId: page.classId,
      subjectId: page.subjectId,
    });
  if (page.groupId) q.andWhere('(t.groupId = :groupId OR t.groupId IS NULL)', { groupId: page.groupId });
  if (date) {
    q.andWhere('(t.fromDate IS NULL OR t.fromDate <= :date) AND (t.toDate IS NULL OR t.toDate >= :date)', { date });
  }
  return (await q.getCount()) > 0;
}

export async function leadsClass(em: EntityManager, staffId: string, classId: string): Promise<boolean> {
  const count = await em
    .createQueryBuilder(SchoolClassEntity, 'c')
    .where('c.id = :classId AND c.classTeacherId = :staffId AND c.deletedAt IS NULL', { classId, staffId })
    .getCount();
  return count > 0;
}

/**
 * Who may write in a lesson (seed 001 §5.2, 003 §4.4): its substitute, if it
 * has one; otherwise the teacher who teaches that page by the load. The
 * director, the deputy and the class teacher see other pages but do not edit
 * them.
 */
export async function canEditLesson(em: EntityManager, actor: Actor, lesson: Lesson): Promise<boolean> {
  if (!actor.staffId || !actor.roles.includes('teacher')) return false;
  if (lesson.substituteStaffId) return lesson.substituteStaffId === actor.staffId;
  if (lesson.staffId === actor.staffId) return true;
  return teachesPage(em, actor.staffId, lesson, lesson.date);
}

export async function assertCanEditLesson(em: EntityManager, actor: Actor, lesson: Lesson): Promise<void> {
  if (!(await canEditLesson(em, actor, lesson))) {
    throw new AppError(
      'FORBIDDEN',
      'Вносить записи в этот урок может только учитель, который его ведёт по нагрузке, или учитель, назначенный на замену.',
    );
  }
}

/** The administration sees every page; a teacher, the pages they teach and every page of the class they lead. */
export async function canViewPage(em: EntityManager, actor: Actor, page: PageRef): Promise<boolean> {
  if (actor.roles.some((r) => r === 'director' || r === 'deputy' || r === 'admin')) return true;
  if (!actor.staffId || !actor.roles.includes('teacher')) return false;
  return (await teachesPage(em, actor.staffId, page, null)) || (await leadsClass(em, actor.staffId, page.classId));
}

/**
 * A lesson in a closed year, or in a closed period whose page was not reopened
 * by the deputy, is read-only.
 */
export async function assertLessonWritable(em: EntityManager, lesson: Lesson, gradeLevel: number, nowIso: string): Promise<void> {
  const year = await em.findOne(AcademicYearEntity, { where: { id: lesson.yearId } });
  if (year?.status === 'closed') throw new AppError('READ_ONLY', `Учебный год ${year.name} закрыт: записи в нём изменять нельзя.`);
  const period = await em
    .createQueryBuilder(StudyPeriodEntity, 'p')
    .where('p.yearId = :yearId AND p.startDate <= :date AND p.endDate >= :date', { yearId: lesson.yearId, date: lesson.date })
    .andWhere('p.gradeFrom <= :grade AND p.gradeTo >= :grade', { grade: gradeLevel })
    .andWhere("p.kind <> 'year' AND p.deletedAt IS NULL")
    .getOne();
  if (!period?.closedAt) return;
  const reopened = await em
    .createQueryBuilder(PageReopenEntity, 'r')
    .where('r.periodId = :periodId AND r.classId = :classId AND r.subjectId = :subjectId AND r.deletedAt IS NULL', {
      periodId: period.id,
      classId: lesson.classId,
      subjectId: lesson.subjectId,
    })
    .andWhere(lesson.groupId ? 'r.groupId = :groupId' : 'r.groupId IS NULL', { groupId: lesson.groupId })
    .andWhere('(r.closesAt IS NULL OR r.closesAt > :now)', { now: nowIso })
    .getCount();
  if (reopened === 0) {
    const closed = agree(period.name, ['закрыта', 'закрыто', 'закрыт']);
    throw new AppError('READ_ONLY', `${period.name} ${closed} для изменений. Открыть страницу может заместитель директора по УВР.`);
  }
}
