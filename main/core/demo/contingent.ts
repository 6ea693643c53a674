import type { Rng } from './prng';
import type { DemoPlan, PlanClass } from './school';
import { SCHOOL_CITY } from './school';
import { compareRu } from '../shared/text';
import {
  patronymic,
  pickAdultName,
  pickChildName,
  pickFatherName,
  pickSurname,
  surnameFor,
  mobilePhone,
  type Sex,
} from './names';
import type { ConsentStatus, GuardianRelation, MovementKind } from '../db/entities/contingent';
import { addDays, isoWeekday, ruDate } from '../shared/dates';

/**
 * Students of the demo school with their families: ФИО with the right
 * feminine forms, birth dates that fit the grade, 1–2 legal representatives
 * (brothers and sisters share them), consent to data processing, the
 * enrolment on 1 September, subgroups, and a few movements after the first
 * quarter (a transfer between parallel classes, a withdrawal, a newcomer).
 */

export interface DemoGuardian {
  id: string;
  lastName: string;
  firstName: string;
  middleName: string;
  phone: string;
  address: string;
  workplace: string | null;
}

export interface DemoStudent {
  id: string;
  lastName: string;
  firstName: string;
  middleName: string;
  sex: Sex;
  birthDate: string;
  personalFileNo: string;
  address: string;
  phone: string | null;
  snils: string | null;
  /** Ability for marks: about 2.8 (weak) to 4.9 (excellent). */
  ability: number;
  guardians: { guardianId: string; relation: GuardianRelation; isPrimary: boolean }[];
  consent: { status: ConsentStatus; date: string | null; document: string | null; guardianId: string | null };
}

export interface DemoMovement {
  id: string;
  studentId: string;
  kind: MovementKind;
  date: string;
  fromClassId: string | null;
  toClassId: string | null;
  orderNo: string;
  orderDate: string;
  reason: string;
  destination: string | null;
}

export interface DemoSpan {
  id: string;
  studentId: string;
  /** classId for class memberships, groupId for group memberships. */
  ownerId: string;
  fromDate: string;
  toDate: string | null;
}

export interface DemoContingent {
  students: DemoStudent[];
  guardians: DemoGuardian[];
  movements: DemoMovement[];
  classMemberships: DemoSpan[];
  groupMemberships: DemoSpan[];
  /** Students in each class on the first day (the first quarter's roster), alphabetical. */
  rosterAtStart: Map<string, DemoStudent[]>;
  /** Students in each group on the first day. */
  groupRosterAtStart: Map<string, DemoStudent[]>;
}

const STREETS = [
  'Ленина', 'Советская', 'Мира', 'Молодёжная', 'Школьная', 'Садовая', 'Лесная', 'Гагарина', 'Пушкина', 'Строителей',
  'Набережная', 'Октябрьская', 'Комсомольская', 'Первомайская', 'Победы', 'Юбилейная', 'Заречная', 'Полевая', 'Северная',
  'Чехова', 'Лермонтова', 'Кирова', 'Зелёная', 'Энтузиастов',
];

const WORKPLACES = [
  'МБДОУ «Детский сад № 12»', 'ГБУЗ «Городская больница»', 'ООО «Верхнеозёрский хлебозавод»', 'АО «Озёрскэнерго»',
  'ПАО «Сбербанк»', 'МБОУ СОШ № 5', 'ООО «Стройсервис»', 'ИП', 'Администрация города', 'ООО «Торговый дом «Озёрный»',
  'АО «Почта России»', 'МЧС России', 'ОАО «РЖД»', 'ООО «Автотранс»', 'ГБПОУ «Верхнеозёрский колледж»', 'ОМВД России',
];

function snils(rng: Rng): string {
  // Nine digits above 001-001-998 and the checksum of ПФР.
  const digits = Array.from({ length: 9 }, () => rng.int(0, 9));
  digits[0] = rng.int(1, 9);
  const sum = digits.reduce((s, d, i) => s + d * (9 - i), 0);
  let check = sum < 100 ? sum : sum === 100 || sum === 101 ? 0 : sum % 101;
  if (check === 100) check = 0;
  const d = digits.join('');
  return `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 9)} ${String(check).padStart(2, '0')}`;
}

function randomDate(rng: Rng, from: string, days: number): string {
  return addDays(from, rng.int(0, days - 1));
}

interface Family {
  surname: string;
  fatherName: string;
  address: string;
  guardians: { guardianId: string; relation: GuardianRelation; isPrimary: boolean }[];
  grades: number[];
}

export function buildContingent(plan: DemoPlan, rng: Rng): DemoContingent {
  const ids = plan.ids;
  const y = plan.calendar.yearStart;
  const firstDay = plan.calendar.periods.find((p) => p.kind === 'quarter' && p.ordinal === 1)!.startDate;
  const guardians: DemoGuardian[] = [];
  const students: DemoStudent[] = [];
  const families: Family[] = [];
  const classOf = new Map<string, PlanClass>();
  const rosterAtStart = new Map<string, DemoStudent[]>();
  let fileNo = 0;

  const newFamily = (grade: number): Family => {
    const surname = pickSurname(rng);
    const fatherName = pickFatherName(rng);
    const address = `${SCHOOL_CITY}, ул. ${rng.pick(STREETS)}, д. ${rng.int(1, 85)}${rng.chance(0.6) ? `, кв. ${rng.int(1, 180)}` : ''}`;
    const fam: Family = { surname, fatherName, address, guardians: [], grades: [grade] };
    const kind = rng.weighted<'both' | 'mother' | 'father' | 'grandmother'>([['both', 74], ['mother', 20], ['father', 4], ['grandmother', 2]]);
    const addGuardian = (sex: Sex, relation: GuardianRelation, lastName: string, firstName: string) => {
      const g: DemoGuardian = {
        id: ids.next(),
        lastName,
        firstName,
        middleName: patronymic(pickFatherName(rng), sex),
        phone: mobilePhone(rng),
        address,
        workplace: rng.chance(0.6) ? rng.pick(WORKPLACES) : null,
      };
      guardians.push(g);
      fam.guardians.push({ guardianId: g.id, relation, isPrimary: fam.guardians.length === 0 });
    };
    const motherSurname = rng.chance(0.9) ? surnameFor(surname, 'female') : surnameFor(pickSurname(rng), 'female');
    if (kind === 'both' || kind === 'mother') addGuardian('female', 'mother', motherSurname, pickAdultName(rng, 'female'));
    if (kind === 'both' || kind === 'father') {
      const g: DemoGuardian = {
        id: ids.next(),
        lastName: surname,
        firstName: fatherName,
        middleName: patronymic(pickFatherName(rng), 'male'),
        phone: mobilePhone(rng),
        address,
        workplace: rng.chance(0.7) ? rng.pick(WORKPLACES) : null,
      };
      guardians.push(g);
      fam.guardians.push({ guardianId: g.id, relation: 'father', isPrimary: fam.guardians.length === 0 });
    }
    if (kind === 'grandmother') {
      addGuardian('female', 'guardian', surnameFor(surname, 'female'), pickAdultName(rng, 'female'));
    }
    families.push(fam);
    return fam;
  };

  const makeStudent = (cls: PlanClass, family: Family | null): DemoStudent => {
    const sex: Sex = rng.chance(0.5) ? 'male' : 'female';
    const fam = family ?? newFamily(cls.grade);
    if (family) family.grades.push(cls.grade);
    // Born so that they are 6.75–7.75 years old on 1 September of grade 1.
    const birthDate = randomDate(rng, `${y - 7 - (cls.grade - 1)}-12-01`, 365);
    const primary = fam.guardians.find((g) => g.isPrimary)?.guardianId ?? null;
    const consentStatus = rng.weighted<ConsentStatus>([['given', 92], ['refused', 3], ['not_asked', 5]]);
    const consentDate = consentStatus === 'not_asked' ? null : randomDate(rng, cls.grade === 1 ? `${y}-08-20` : `${y}-08-25`, 12);
    const docNo = rng.int(1, 999);
    const lastName = surnameFor(fam.surname, sex);
    fileNo++;
    return {
      id: ids.next(),
      lastName,
      firstName: pickChildName(rng, sex),
      middleName: patronymic(fam.fatherName, sex),
      sex,
      birthDate,
      personalFileNo: `${lastName[0]}-${String(fileNo).padStart(4, '0')}`,
      address: fam.address,
      phone: cls.grade >= 5 && rng.chance(0.7) ? mobilePhone(rng) : null,
      snils: rng.chance(0.85) ? snils(rng) : null,
      ability: Math.min(4.9, Math.max(2.8, rng.normal(4.1 - 0.03 * cls.grade, 0.5))),
      guardians: fam.guardians.map((g) => ({ ...g })),
      consent: {
        status: consentStatus,
        date: consentDate,
        document:
          consentStatus === 'given'
            ? `Заявление о согласии на обработку персональных данных № ${docNo} от ${ruDate(consentDate!)}`
            : consentStatus === 'refused'
              ? `Заявление об отказе от обработки персональных данных в электронном журнале от ${ruDate(consentDate!)}`
              : null,
        guardianId: consentStatus === 'not_asked' ? null : primary,
      },
    };
  };

  for (const cls of plan.classes) {
    classOf.set(cls.id, cls);
    const list: DemoStudent[] = [];
    for (let i = 0; i < cls.size; i++) {
      // About one child in twelve has a brother or sister in another grade.
      let family: Family | null = null;
      if (families.length > 20 && rng.chance(0.08)) {
        const f = rng.pick(families);
        if (f.grades.every((g) => Math.abs(g - cls.grade) >= 1) && f.grades.length < 3) family = f;
      }
      const s = makeStudent(cls, family);
      students.push(s);
      list.push(s);
    }
    list.sort((a, b) => compareRu(a.lastName, b.lastName) || compareRu(a.firstName, b.firstName) || compareRu(a.middleName, b.middleName));
    rosterAtStart.set(cls.id, list);
  }

  // Enrolment on the first day, and the class and group memberships that follow from it.
  const movements: DemoMovement[] = [];
  const classMemberships: DemoSpan[] = [];
  const groupMemberships: DemoSpan[] = [];
  const groupRosterAtStart = new Map<string, DemoStudent[]>();
  const enrolOrderDate = addDays(firstDay, -4);
  for (const cls of plan.classes) {
    for (const s of rosterAtStart.get(cls.id)!) {
      movements.push({
        id: ids.next(),
        studentId: s.id,
        kind: 'enrolment',
        date: firstDay,
        fromClassId: null,
        toClassId: cls.id,
        orderNo: cls.grade === 1 ? '112-у' : '108-у',
        orderDate: enrolOrderDate,
        reason: cls.grade === 1 ? 'Зачисление в 1 класс' : 'Контингент на начало учебного года (перевод в следующий класс)',
        destination: null,
      });
      classMemberships.push({ id: ids.next(), studentId: s.id, ownerId: cls.id, fromDate: firstDay, toDate: null });
    }
    // Subgroups: the alphabetical list halved, the first half one student larger.
    const roster = rosterAtStart.get(cls.id)!;
    const half = Math.ceil(roster.length / 2);
    for (const g of plan.groups.filter((x) => x.classId === cls.id)) {
      const members = g.index === 1 ? roster.slice(0, half) : roster.slice(half);
      groupRosterAtStart.set(g.id, members);
      for (const s of members) groupMemberships.push({ id: ids.next(), studentId: s.id, ownerId: g.id, fromDate: firstDay, toDate: null });
    }
  }

  // A few movements after the first quarter, so the secretary's history is not empty.
  const q2Start = plan.calendar.periods.find((p) => p.kind === 'quarter' && p.ordinal === 2)!.startDate;
  const monday = (d: string) => {
    let x = d;
    while (isoWeekday(x) !== 1) x = addDays(x, 1);
    return x;
  };
  const moveDay = monday(addDays(q2Start, 1));
  const closeSpans = (studentId: string, lastDay: string) => {
    for (const m of classMemberships) if (m.studentId === studentId && m.toDate === null) m.toDate = lastDay;
    for (const m of groupMemberships) if (m.studentId === studentId && m.toDate === null) m.toDate = lastDay;
  };
  const openSpans = (s: DemoStudent, cls: PlanClass, from: string) => {
    classMemberships.push({ id: ids.next(), studentId: s.id, ownerId: cls.id, fromDate: from, toDate: null });
    for (const g of plan.groups.filter((x) => x.classId === cls.id && x.index === 2)) {
      groupMemberships.push({ id: ids.next(), studentId: s.id, ownerId: g.id, fromDate: from, toDate: null });
    }
  };
  const byName = (grade: number, letter: string) => plan.classes.find((c) => c.grade === grade && c.letter === letter)!;
  // Transfers between parallel classes (by the parents' application).
  for (const [grade, from, to] of [[6, 'Б', 'В'], [8, 'А', 'Г']] as [number, string, string][]) {
    const src = byName(grade, from);
    const dst = byName(grade, to);
    const s = rng.pick(rosterAtStart.get(src.id)!);
    closeSpans(s.id, addDays(moveDay, -1));
    openSpans(s, dst, moveDay);
    movements.push({
      id: ids.next(),
      studentId: s.id,
      kind: 'transfer',
      date: moveDay,
      fromClassId: src.id,
      toClassId: dst.id,
      orderNo: '131-у',
      orderDate: addDays(moveDay, -3),
      reason: 'Перевод в параллельный класс по заявлению родителей (законных представителей)',
      destination: null,
    });
  }
  // A withdrawal: the family moved to another city.
  {
    const src = byName(7, 'В');
    const s = rng.pick(rosterAtStart.get(src.id)!);
    const day = addDays(moveDay, 7);
    closeSpans(s.id, addDays(day, -1));
    movements.push({
      id: ids.next(),
      studentId: s.id,
      kind: 'withdrawal',
      date: day,
      fromClassId: src.id,
      toClassId: null,
      orderNo: '134-у',
      orderDate: addDays(day, -1),
      reason: 'Выбытие в связи с переменой места жительства',
      destination: 'МАОУ «Гимназия № 2», г. Нижний Новгород',
    });
  }
  // A newcomer from another school.
  {
    const dst = byName(5, 'Г');
    const s = makeStudent(dst, null);
    students.push(s);
    openSpans(s, dst, moveDay);
    movements.push({
      id: ids.next(),
      studentId: s.id,
      kind: 'enrolment',
      date: moveDay,
      fromClassId: null,
      toClassId: dst.id,
      orderNo: '132-у',
      orderDate: addDays(moveDay, -2),
      reason: 'Зачисление в порядке перевода из МБОУ «СОШ № 3» г. Кстово',
      destination: null,
    });
  }

  return { students, guardians, movements, classMemberships, groupMemberships, rosterAtStart, groupRosterAtStart };
}
