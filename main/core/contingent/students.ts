import type { ReadableDb } from '../db/readable';
import { In, IsNull } from 'typeorm';
import { StudentEntity, type Student } from '../db/entities/contingent';
import { SchoolClassEntity } from '../db/entities/school';
import { ClassMembershipEntity } from '../db/entities/contingent';
import { fullName, searchKey } from '../shared/text';
import { Problems } from '../school/common';
import { birthDateProblem, type StudentInput } from './student-rules';
import { CONSENT_BOUND_FIELDS, mayEnterPersonalData } from './consent';
import { ruDate } from '../shared/dates';

/** A student already on record with the same name and birth date (a duplicate), with their current class. */
export async function findTwin(
  em: ReadableDb,
  s: { lastName: string; firstName: string; middleName: string | null; birthDate: string | null },
  exceptId: string | null,
): Promise<{ student: Student; className: string | null } | null> {
  const key = searchKey(s.lastName, s.firstName, s.middleName);
  const same = (await em.find(StudentEntity, { where: { searchName: key, deletedAt: IsNull() } })).filter(
    (x) => x.id !== exceptId && (x.birthDate ?? null) === (s.birthDate ?? null),
  );
  if (same.length === 0) return null;
  const student = same[0];
  const span = await em.findOne(ClassMembershipEntity, { where: { studentId: student.id, toDate: IsNull(), deletedAt: IsNull() } });
  const schoolClass = span ? await em.findOne(SchoolClassEntity, { where: { id: span.classId } }) : null;
  return { student, className: schoolClass?.name ?? null };
}

export function twinMessage(twin: { student: Student; className: string | null }): string {
  const born = twin.student.birthDate ? `, ${ruDate(twin.student.birthDate)} г. р.,` : '';
  const where = twin.className ? ` (${twin.className})` : ' (сейчас не числится ни в одном классе)';
  return `Обучающийся ${fullName(twin.student)}${born} уже есть${where}`;
}

/**
 * The checks of a student's record beyond the shape of each field: a
 * plausible birth date, no duplicate, and the school's consent policy.
 */
export async function studentProblems(
  em: ReadableDb,
  s: StudentInput,
  id: string | null,
  today: string,
  consentStatus?: 'given' | 'refused' | 'not_asked',
): Promise<Problems> {
  const p = new Problems();
  if (s.birthDate) {
    const problem = birthDateProblem(s.birthDate, today);
    if (problem) p.add('birthDate', problem);
  }
  const twin = await findTwin(em, s, id);
  if (twin) p.add('lastName', twinMessage(twin));
  if (!(await mayEnterPersonalData(em, id, consentStatus))) {
    for (const f of CONSENT_BOUND_FIELDS) {
      if (s[f]) p.add(f, 'Без согласия на обработку персональных данных не вносится (так настроено в школе)');
    }
  }
  return p;
}

export function studentValues(s: StudentInput): Omit<Student, 'id' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'dataCheckedAt'> {
  return {
    lastName: s.lastName,
    firstName: s.firstName,
    middleName: s.middleName,
    searchName: searchKey(s.lastName, s.firstName, s.middleName),
    birthDate: s.birthDate,
    sex: s.sex,
    personalFileNo: s.personalFileNo,
    address: s.address,
    phone: s.phone,
    email: s.email,
    snils: s.snils,
    note: s.note,
  };
}

export async function studentsByIds(em: ReadableDb, ids: string[]): Promise<Map<string, Student>> {
  const out = new Map<string, Student>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    for (const s of await em.find(StudentEntity, { where: { id: In(unique.slice(i, i + 500)) } })) out.set(s.id, s);
  }
  return out;
}
