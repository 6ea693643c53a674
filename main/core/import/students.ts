import type { ReadableDb } from '../db/readable';
import type { Writer } from '../write/writer';
import {
  ClassMembershipEntity,
  DataConsentEntity,
  GuardianEntity,
  StudentEntity,
  StudentGuardianEntity,
  StudentMovementEntity,
  type ConsentStatus,
  type GuardianRelation,
} from '../db/entities/contingent';
import { SchoolClassEntity, type SchoolClass } from '../db/entities/school';
import { getSetting } from '../settings/store';
import { searchKey } from '../shared/text';
import { emailField, findLive, phoneField } from '../school/common';
import { birthDateProblem, studentSchema, type StudentInput } from '../contingent/student-rules';
import { findTwin, studentValues, twinMessage } from '../contingent/students';
import { RowProblems, type CheckedRow, type SourceRow } from './engine';
import { parseClassName, parseConsent, parseDate, parseRelation, parseSex, splitFullName } from './values';

/**
 * Students with their guardians from a school's list: each row a student of
 * a class of the chosen year, enrolled by one order on one date, with up to
 * two guardians and, if the list has it, the consent.
 */
export interface StudentRowData {
  student: StudentInput;
  classId: string;
  className: string;
  guardians: { lastName: string; firstName: string; middleName: string | null; relation: GuardianRelation; phone: string | null; email: string | null }[];
  consent: { status: ConsentStatus; date: string | null } | null;
}

const FIELD_OF: Record<string, string> = {
  lastName: 'lastName',
  firstName: 'firstName',
  middleName: 'middleName',
  birthDate: 'birthDate',
  sex: 'sex',
  personalFileNo: 'personalFileNo',
  address: 'address',
  phone: 'phone',
  email: 'email',
  snils: 'snils',
};

export async function checkStudents(
  em: ReadableDb,
  yearId: string,
  rows: SourceRow[],
  today: string,
): Promise<CheckedRow<StudentRowData>[]> {
  const classes = new Map<string, SchoolClass>((await findLive(em, SchoolClassEntity, { yearId })).map((c) => [c.name, c]));
  const policy = await getSetting(em, 'contingent.consentPolicy');
  const seen = new Map<string, number>();
  // Students already on record, by name and birth date: one query for the file, not one per row.
  const onRecord = new Set(
    (await em.createQueryBuilder(StudentEntity, 's').select(['s.searchName', 's.birthDate']).where('s.deletedAt IS NULL').getMany()).map(
      (x) => `${x.searchName}|${x.birthDate ?? ''}`,
    ),
  );
  const out: CheckedRow<StudentRowData>[] = [];
  for (const row of rows) {
    const v = row.values;
    const p = new RowProblems('students');
    let names = { lastName: v.lastName, firstName: v.firstName, middleName: v.middleName || null };
    if (v.fullName) {
      const split = splitFullName(v.fullName);
      if (!split.ok) p.add('fullName', split.problem);
      else if (split.value) names = split.value;
    }
    const birth = parseDate(v.birthDate);
    if (!birth.ok) p.add('birthDate', birth.problem);
    else if (birth.value) {
      const problem = birthDateProblem(birth.value, today);
      if (problem) p.add('birthDate', problem.replace(/^./, (c) => c.toLowerCase()));
    }
    const sex = parseSex(v.sex);
    if (!sex.ok) p.add('sex', sex.problem);
    const parsed = studentSchema.safeParse({
      ...names,
      birthDate: birth.ok ? birth.value : null,
      sex: sex.ok ? sex.value : null,
      personalFileNo: v.personalFileNo,
      address: v.address,
      phone: v.phone,
      email: v.email,
      snils: v.snils,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0]);
        const field = v.fullName && ['lastName', 'firstName', 'middleName'].includes(key) ? 'fullName' : FIELD_OF[key];
        p.add(field ?? null, issue.message.replace(/^./, (c) => c.toLowerCase()));
      }
    }
    const cls = parseClassName(v.className);
    let schoolClass: SchoolClass | undefined;
    if (!cls.ok) p.add('className', cls.problem);
    else if (!cls.value) p.add('className', 'не указан');
    else {
      schoolClass = classes.get(cls.value.name);
      if (!schoolClass) p.add('className', `класса «${cls.value.name}» нет в этом учебном году — сначала создайте его`);
    }
    const guardians: StudentRowData['guardians'] = [];
    for (const n of [1, 2] as const) {
      const name = v[`g${n}Name`];
      const relationCell = v[`g${n}Relation`];
      const phoneCell = v[`g${n}Phone`];
      const emailCell = v[`g${n}Email`];
      if (!name) {
        if (relationCell || phoneCell || emailCell) p.add(`g${n}Name`, 'укажите ФИО представителя');
        continue;
      }
      const gName = splitFullName(name);
      if (!gName.ok) p.add(`g${n}Name`, gName.problem);
      const relation = parseRelation(relationCell);
      if (!relation.ok) p.add(`g${n}Relation`, relation.problem);
      const phone = phoneField.safeParse(phoneCell);
      if (!phone.success) p.add(`g${n}Phone`, phone.error.issues[0].message.replace(/^./, (c) => c.toLowerCase()));
      const email = emailField.safeParse(emailCell);
      if (!email.success) p.add(`g${n}Email`, email.error.issues[0].message.replace(/^./, (c) => c.toLowerCase()));
      if (gName.ok && gName.value && relation.ok && phone.success && email.success) {
        const rel = relation.value ?? (n === 1 ? 'mother' : 'father');
        guardians.push({ ...gName.value, relation: rel, phone: phone.data, email: email.data });
      }
    }
    const consent = parseConsent(v.consent);
    const consentDate = parseDate(v.consentDate);
    if (!consent.ok) p.add('consent', consent.problem);
    if (!consentDate.ok) p.add('consentDate', consentDate.problem);
    else if (consentDate.value && consentDate.value > today) p.add('consentDate', 'дата не может быть позже сегодняшней');
    const status = consent.ok ? consent.value : null;
    if (status && status !== 'not_asked' && consentDate.ok && !consentDate.value) p.add('consentDate', 'укажите дату заявления');
    if (policy === 'noEntry' && status !== 'given' && parsed.success) {
      const held = [
        parsed.data.birthDate && 'дата рождения',
        parsed.data.address && 'адрес',
        parsed.data.phone && 'телефон',
        parsed.data.email && 'e-mail',
        parsed.data.snils && 'СНИЛС',
        guardians.length && 'представители',
      ].filter(Boolean);
      if (held.length) p.add(null, `без согласия на обработку персональных данных не вносятся (так настроено в школе): ${held.join(', ')}`);
    }
    if (parsed.success) {
      const key = `${searchKey(parsed.data.lastName, parsed.data.firstName, parsed.data.middleName)}|${parsed.data.birthDate ?? ''}`;
      const earlier = seen.get(key);
      if (earlier) p.add(null, `повторяет строку ${earlier} (тот же обучающийся)`);
      else seen.set(key, row.rowNo);
      const twin = onRecord.has(key) ? await findTwin(em, parsed.data, null) : null;
      if (twin) p.add(null, `${twinMessage(twin).replace(/^./, (c) => c.toLowerCase())} — повторно не загружается`);
    }
    out.push({
      ...row,
      problems: p.list,
      data:
        p.list.length === 0 && parsed.success && schoolClass
          ? {
              student: parsed.data,
              classId: schoolClass.id,
              className: schoolClass.name,
              guardians,
              consent: status && status !== 'not_asked' ? { status, date: consentDate.ok ? consentDate.value : null } : null,
            }
          : null,
    });
  }
  return out;
}

/**
 * Enters a checked file: each student, their enrolment by the order given,
 * their guardians (a guardian named the same with the same phone in several
 * rows — siblings — is entered once) and their consent.
 */
export async function applyStudents(
  write: Writer,
  rows: StudentRowData[],
  order: { date: string; orderNo: string; orderDate: string | null },
): Promise<{ students: number; guardians: number }> {
  const em = write.db;
  const guardianIds = new Map<string, string>();
  let guardians = 0;
  const known = new Map(
    (await em.createQueryBuilder(GuardianEntity, 'g').where('g.deletedAt IS NULL AND g.phone IS NOT NULL').getMany()).map((g) => [`${g.searchName}|${g.phone}`, g.id]),
  );
  for (const r of rows) {
    const student = await write.insert(StudentEntity, { ...studentValues(r.student), dataCheckedAt: null });
    // A student just entered has no class and no movements yet; the class and the date were checked with the file.
    await write.insert(StudentMovementEntity, {
      studentId: student.id,
      kind: 'enrolment',
      date: order.date,
      fromClassId: null,
      toClassId: r.classId,
      orderNo: order.orderNo,
      orderDate: order.orderDate,
      reason: 'Загрузка списка из файла',
      destination: null,
    });
    await write.insert(ClassMembershipEntity, { studentId: student.id, classId: r.classId, fromDate: order.date, toDate: null });
    for (const [i, g] of r.guardians.entries()) {
      const key = `${searchKey(g.lastName, g.firstName, g.middleName)}|${g.phone ?? ''}`;
      let id = guardianIds.get(key);
      if (!id) {
        const existing = g.phone ? known.get(`${searchKey(g.lastName, g.firstName, g.middleName)}|${g.phone}`) : undefined;
        id =
          existing ??
          (
            await write.insert(GuardianEntity, {
              lastName: g.lastName,
              firstName: g.firstName,
              middleName: g.middleName,
              searchName: searchKey(g.lastName, g.firstName, g.middleName),
              phone: g.phone,
              email: g.email,
              address: null,
              workplace: null,
              note: null,
            })
          ).id;
        if (!existing) guardians++;
        guardianIds.set(key, id);
      }
      await write.insert(StudentGuardianEntity, { studentId: student.id, guardianId: id, relation: g.relation, isPrimary: i === 0 });
    }
    if (r.consent) {
      await write.insert(DataConsentEntity, { studentId: student.id, status: r.consent.status, date: r.consent.date, document: null, guardianId: null, note: 'Из загруженного списка' });
    }
  }
  return { students: rows.length, guardians };
}
