import type { ReadableDb } from '../db/readable';
import type { Actor } from '../auth/sessions';
import { StudyPeriodEntity } from '../db/entities/calendar';
import { SubjectEntity, TeachingAssignmentEntity } from '../db/entities/school';
import { StaffEntity } from '../db/entities/staff';
import { UserEntity, UserRoleEntity } from '../db/entities/users';
import { shortName } from '../shared/text';
import { classesOfYear, resolveYear } from './data/year';
import { leadsClassIds, seesWholeSchool } from './scope';

/**
 * What the report and control screens offer in their pickers: the year's
 * periods, the classes and teachers this user may report on, the subjects.
 */
export async function reportOptions(em: ReadableDb, actor: Actor, today: string, yearId?: string) {
  const year = await resolveYear(em, yearId, today);
  const whole = seesWholeSchool(actor);
  const [classes, periods, subjects] = await Promise.all([
    classesOfYear(em, year.id),
    em.createQueryBuilder(StudyPeriodEntity, 'p').where("p.yearId = :yearId AND p.deletedAt IS NULL AND p.kind <> 'year'", { yearId: year.id }).orderBy('p.startDate', 'ASC').addOrderBy('p.gradeFrom', 'ASC').getMany(),
    em.createQueryBuilder(SubjectEntity, 's').where('s.deletedAt IS NULL').orderBy('s.sortOrder', 'ASC').getMany(),
  ]);
  const led = actor.staffId ? await leadsClassIds(em, actor.staffId) : [];
  let taught: string[] = [];
  if (!whole && actor.staffId) {
    const rows = await em
      .createQueryBuilder(TeachingAssignmentEntity, 't')
      .select('t.classId', 'classId')
      .distinct(true)
      .where('t.staffId = :staffId AND t.yearId = :yearId AND t.deletedAt IS NULL', { staffId: actor.staffId, yearId: year.id })
      .getRawMany<{ classId: string }>();
    taught = rows.map((r) => r.classId);
  }
  const visible = whole ? classes : classes.filter((c) => led.includes(c.id) || taught.includes(c.id));
  const teachers = whole
    ? await em
        .createQueryBuilder(StaffEntity, 's')
        .innerJoin(UserEntity.options.name, 'u', 'u.staffId = s.id AND u.deletedAt IS NULL')
        .innerJoin(UserRoleEntity.options.name, 'r', "r.userId = u.id AND r.role = 'teacher' AND r.deletedAt IS NULL")
        .where('s.deletedAt IS NULL')
        .orderBy('s.lastName', 'ASC')
        .addOrderBy('s.firstName', 'ASC')
        .getMany()
    : actor.staffId
      ? await em.find(StaffEntity, { where: { id: actor.staffId } })
      : [];
  return {
    today,
    year: { id: year.id, name: year.name, startDate: year.startDate, endDate: year.endDate },
    wholeSchool: whole,
    periods: periods.map((p) => ({ id: p.id, name: p.name, kind: p.kind, startDate: p.startDate, endDate: p.endDate, gradeFrom: p.gradeFrom, gradeTo: p.gradeTo })),
    classes: visible.map((c) => ({ id: c.id, name: c.name, gradeLevel: c.gradeLevel, led: led.includes(c.id) })),
    teachers: [...new Map(teachers.map((t) => [t.id, { id: t.id, name: shortName(t) }])).values()],
    subjects: subjects.map((s) => ({ id: s.id, name: s.name })),
  };
}
