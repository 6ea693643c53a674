import type { ReadableDb } from '../db/readable';
import { In, IsNull } from 'typeorm';
import { UserEntity, UserRoleEntity } from '../db/entities/users';
import { StaffEntity } from '../db/entities/staff';
import { SchoolClassEntity, SubjectEntity, TeachingAssignmentEntity } from '../db/entities/school';
import { compareRu, shortName } from '../shared/text';

/** One account a newcomer can try, by role: what the CLI prints after `demo` and the login screen shows. */
export interface DemoLogin {
  /** «учитель», «классный руководитель», «заместитель директора», «директор», «администратор». */
  role: string;
  login: string;
  /** «Иванова А.П.» */
  name: string;
  /** What the account is for beyond its role: «математика», «5А»; empty for the administration. */
  detail: string;
}

/**
 * The demo's logins by role, read from the database itself so that they are
 * the real ones whatever the seed (the names of the teachers come from it):
 * a subject teacher of mathematics who leads no class, the class teacher of
 * the first class of the basic school, the deputy, the director, the
 * administrator and the secretary.
 */
export async function demoLogins(em: ReadableDb): Promise<DemoLogin[]> {
  const users = await em.find(UserEntity, { where: { deletedAt: IsNull(), disabledAt: IsNull() } });
  const roles = await em.find(UserRoleEntity, { where: { userId: In(users.map((u) => u.id)) } });
  const rolesOf = new Map<string, string[]>();
  for (const r of roles) rolesOf.set(r.userId, [...(rolesOf.get(r.userId) ?? []), r.role]);
  const staff = new Map((await em.find(StaffEntity, { where: { deletedAt: IsNull() } })).map((s) => [s.id, s]));
  const classes = (await em.find(SchoolClassEntity, { where: { deletedAt: IsNull() } })).sort(
    (a, b) => a.gradeLevel - b.gradeLevel || compareRu(a.letter, b.letter),
  );
  const leaders = new Set(classes.map((c) => c.classTeacherId).filter(Boolean));
  const byStaff = new Map(users.filter((u) => u.staffId).map((u) => [u.staffId!, u]));
  const nameOf = (staffId: string | null) => {
    const s = staffId ? staff.get(staffId) : undefined;
    return s ? shortName(s) : '';
  };
  const found: DemoLogin[] = [];

  // A subject teacher who leads no class (the class teacher is the next line), of mathematics where there is one.
  const maths = await em.findOne(SubjectEntity, { where: { name: 'Математика', deletedAt: IsNull() } });
  const assignments = await em.find(TeachingAssignmentEntity, { where: { deletedAt: IsNull() } });
  const subjects = new Map((await em.find(SubjectEntity, { where: { deletedAt: IsNull() } })).map((s) => [s.id, s.name]));
  const teaches = (staffId: string, subjectId: string) => assignments.some((a) => a.staffId === staffId && a.subjectId === subjectId);
  const notMaths = (staffId: string) => (maths && teaches(staffId, maths.id) ? 0 : 1);
  const teacher = users
    .filter((u) => u.staffId && !leaders.has(u.staffId) && (rolesOf.get(u.id) ?? []).join() === 'teacher' && assignments.some((a) => a.staffId === u.staffId))
    .sort((a, b) => notMaths(a.staffId!) - notMaths(b.staffId!) || compareRu(a.login, b.login))[0];
  if (teacher) {
    const subjectId = maths && teaches(teacher.staffId!, maths.id) ? maths.id : assignments.find((a) => a.staffId === teacher.staffId)!.subjectId;
    found.push({ role: 'учитель', login: teacher.login, name: nameOf(teacher.staffId), detail: (subjects.get(subjectId) ?? '').toLowerCase() });
  }
  const led = classes.find((c) => c.gradeLevel >= 5 && c.classTeacherId && byStaff.has(c.classTeacherId));
  if (led) found.push({ role: 'классный руководитель', login: byStaff.get(led.classTeacherId!)!.login, name: nameOf(led.classTeacherId), detail: led.name });
  for (const [role, label] of [
    ['deputy', 'заместитель директора'],
    ['director', 'директор'],
    ['admin', 'администратор'],
    ['secretary', 'секретарь'],
  ] as const) {
    // Of two deputies, the one for teaching (УВР) is the one who works with the journal.
    const forTeaching = (u: { staffId: string | null }) => (/учебно/i.test(staff.get(u.staffId ?? '')?.position ?? '') ? 0 : 1);
    const user = users
      .filter((u) => (rolesOf.get(u.id) ?? []).includes(role))
      .sort((a, b) => forTeaching(a) - forTeaching(b) || compareRu(a.login, b.login))[0];
    if (user) found.push({ role: label, login: user.login, name: nameOf(user.staffId), detail: '' });
  }
  return found;
}
