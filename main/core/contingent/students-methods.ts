import type { ReadableDb } from '../db/readable';
import { z } from 'zod';
import { In } from 'typeorm';
import { mutation, query, actorOf } from '../api/contract';
import {
  CONSENT_STATUSES,
  ClassMembershipEntity,
  DataConsentEntity,
  GUARDIAN_RELATIONS,
  GuardianEntity,
  IndividualPlanEntity,
  StudentEntity,
  StudentGuardianEntity,
  StudentMovementEntity,
  type Guardian,
  type GuardianRelation,
} from '../db/entities/contingent';
import { AcademicYearEntity } from '../db/entities/calendar';
import { SchoolClassEntity, SubjectEntity } from '../db/entities/school';
import { LessonEntity, MarkEntity } from '../db/entities/journal';
import { getSetting } from '../settings/store';
import { schoolToday } from '../shared/school-time';
import { AppError } from '../shared/errors';
import { compareRu, fullName, searchKey, shortName } from '../shared/text';
import {
  Problems,
  clash,
  emailField,
  findLive,
  idField,
  optionalDate,
  optionalId,
  optionalPersonName,
  optionalText,
  personName,
  phoneField,
  requireLive,
} from '../school/common';
import { compareClasses } from '../school/classes-methods';
import { studentFields } from './student-rules';
import { studentProblems, studentValues, studentsByIds } from './students';
import { CONSENT_BOUND_FIELDS, CONSENT_STATUS_NAMES, consentStatuses, latestConsent, personalDataHeld } from './consent';
import { assertMayEditStudent, mayEditStudent } from './scope';
import { personalDataView, searchesAllGuardians } from './personal-data';

const RELATION_NAMES: Record<GuardianRelation, string> = { mother: 'мать', father: 'отец', guardian: 'опекун', other: 'иной представитель' };

export interface StudentRow {
  id: string;
  name: string;
  birthDate: string | null;
  sex: 'm' | 'f' | null;
  classId: string | null;
  className: string | null;
  /** The span in the class (the latest in the year). */
  fromDate: string | null;
  toDate: string | null;
  consent: 'given' | 'refused' | 'not_asked';
  guardians: number;
  dataCheckedAt: string | null;
}

interface ListedSpan {
  id: string;
  classId: string;
  fromDate: string;
  toDate: string | null;
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string | null;
  sex: 'm' | 'f' | null;
  searchName: string;
  dataCheckedAt: string | null;
}

/** How many legal representatives each student has on record, counted by the database. */
async function guardianCounts(em: ReadableDb, studentIds: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < studentIds.length; i += 500) {
    const rows = await em
      .createQueryBuilder(StudentGuardianEntity, 'g')
      .select('g.studentId', 'studentId')
      .addSelect('COUNT(*)', 'count')
      .where('g.studentId IN (:...ids) AND g.deletedAt IS NULL', { ids: studentIds.slice(i, i + 500) })
      .groupBy('g.studentId')
      .getRawMany<{ studentId: string; count: number | string }>();
    for (const r of rows) out.set(r.studentId, Number(r.count));
  }
  return out;
}

async function today(em: ReadableDb, now: Date): Promise<string> {
  return schoolToday(now, await getSetting(em, 'school.timeZone'));
}

const guardianFields = {
  lastName: personName('Введите фамилию'),
  firstName: personName('Введите имя'),
  middleName: optionalPersonName,
  phone: phoneField,
  email: emailField,
  address: optionalText(500),
  workplace: optionalText(300),
  note: optionalText(2000),
};

function guardianValues(g: z.output<z.ZodObject<typeof guardianFields>>): Omit<Guardian, 'id' | 'createdAt' | 'updatedAt' | 'deletedAt'> {
  return {
    lastName: g.lastName,
    firstName: g.firstName,
    middleName: g.middleName,
    searchName: searchKey(g.lastName, g.firstName, g.middleName),
    phone: g.phone,
    email: g.email,
    address: g.address,
    workplace: g.workplace,
    note: g.note,
  };
}

export const studentMethods = {
  /**
   * The students of a year's classes: by default those in a class today (or
   * on the year's last day); with `includeLeft`, also those who left during the year.
   */
  'contingent.listStudents': query({
    params: z.object({
      yearId: idField,
      classId: idField.optional(),
      search: z.string().trim().max(100).optional(),
      includeLeft: z.boolean().optional(),
    }),
    access: 'school.view',
    action: 'просмотр списка обучающихся',
    handler: async (p, ctx): Promise<StudentRow[]> => {
      const year = await requireLive(ctx.em, AcademicYearEntity, p.yearId, 'Учебный год');
      const classes = await findLive(ctx.em, SchoolClassEntity, p.classId ? { yearId: p.yearId, id: p.classId } : { yearId: p.yearId });
      if (classes.length === 0) return [];
      const now = await today(ctx.em, ctx.clock.now());
      const day = now < year.startDate ? year.startDate : now > year.endDate ? year.endDate : now;
      // One read of the spans with the students' names (a school's list is some 1 100 rows: no entities built for them).
      const q = ctx.em
        .createQueryBuilder(ClassMembershipEntity, 'm')
        .innerJoin(StudentEntity.options.name, 's', 's.id = m.studentId')
        .select('m.studentId', 'id')
        .addSelect('m.classId', 'classId')
        .addSelect('m.fromDate', 'fromDate')
        .addSelect('m.toDate', 'toDate')
        .addSelect('s.lastName', 'lastName')
        .addSelect('s.firstName', 'firstName')
        .addSelect('s.middleName', 'middleName')
        .addSelect('s.birthDate', 'birthDate')
        .addSelect('s.sex', 'sex')
        .addSelect('s.searchName', 'searchName')
        .addSelect('s.dataCheckedAt', 'dataCheckedAt')
        .where('m.classId IN (:...ids) AND m.deletedAt IS NULL AND s.deletedAt IS NULL', { ids: classes.map((c) => c.id) });
      if (!p.includeLeft) q.andWhere('m.fromDate <= :day AND (m.toDate IS NULL OR m.toDate >= :day)', { day });
      const spans = (await q.getRawMany<ListedSpan>()).sort((a, b) => a.fromDate.localeCompare(b.fromDate));
      // The latest span of each student in the year.
      const latest = new Map(spans.map((s) => [s.id, s]));
      const key = p.search ? searchKey(p.search) : null;
      const ids = [...latest.keys()].filter((id) => !key || latest.get(id)!.searchName.includes(key));
      const consents = await consentStatuses(ctx.em, ids);
      const guardians = await guardianCounts(ctx.em, ids);
      const classById = new Map(classes.map((c) => [c.id, c]));
      return ids
        .map((id) => {
          const s = latest.get(id)!;
          const c = classById.get(s.classId);
          return {
            id,
            name: fullName(s),
            birthDate: s.birthDate,
            sex: s.sex,
            classId: s.classId,
            className: c?.name ?? null,
            fromDate: s.fromDate,
            toDate: s.toDate,
            consent: consents.get(id) ?? 'not_asked',
            guardians: guardians.get(id) ?? 0,
            dataCheckedAt: s.dataCheckedAt,
          };
        })
        .sort((a, b) => {
          const ca = classById.get(a.classId!);
          const cb = classById.get(b.classId!);
          return (ca && cb ? compareClasses(ca, cb) : 0) || compareRu(a.name, b.name);
        });
    },
  }),

  /** A student's card: the record, guardians, consents, movements, class spans, plans and marks by class. */
  'contingent.getStudent': query({
    params: z.object({ id: idField }),
    access: 'school.view',
    action: 'просмотр сведений об обучающемся',
    handler: async (p, ctx) => {
      const s = await requireLive(ctx.em, StudentEntity, p.id, 'Обучающийся');
      const now = await today(ctx.em, ctx.clock.now());
      const links = await findLive(ctx.em, StudentGuardianEntity, { studentId: s.id });
      const guardians = links.length ? await ctx.em.find(GuardianEntity, { where: { id: In(links.map((l) => l.guardianId)) } }) : [];
      const consents = await findLive(ctx.em, DataConsentEntity, { studentId: s.id });
      const movements = (await findLive(ctx.em, StudentMovementEntity, { studentId: s.id })).sort((a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt));
      const spans = (await findLive(ctx.em, ClassMembershipEntity, { studentId: s.id })).sort((a, b) => a.fromDate.localeCompare(b.fromDate));
      const plans = await findLive(ctx.em, IndividualPlanEntity, { studentId: s.id });
      const classIds = [...new Set([...spans.map((x) => x.classId), ...movements.flatMap((m) => [m.fromClassId, m.toClassId]).filter((x): x is string => !!x)])];
      const classes = new Map((classIds.length ? await ctx.em.find(SchoolClassEntity, { where: { id: In(classIds) } }) : []).map((c) => [c.id, c.name]));
      const current = latestConsent(consents);
      const view = await personalDataView(ctx.em, actorOf(ctx), s.id, now);
      if (view === 'reduced') return reducedCard(s, spans, classes, now);
      return {
        view,
        student: {
          id: s.id,
          lastName: s.lastName,
          firstName: s.firstName,
          middleName: s.middleName,
          name: fullName(s),
          birthDate: s.birthDate,
          sex: s.sex,
          personalFileNo: s.personalFileNo,
          address: s.address,
          phone: s.phone,
          email: s.email,
          snils: s.snils,
          note: s.note,
          dataCheckedAt: s.dataCheckedAt,
        },
        mayEdit: await mayEditStudent(ctx.em, actorOf(ctx), s.id, now),
        consentPolicy: await getSetting(ctx.em, 'contingent.consentPolicy'),
        consent: current?.status ?? 'not_asked',
        consents: consents
          .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.createdAt.localeCompare(b.createdAt))
          .map((c) => ({ id: c.id, status: c.status, statusName: CONSENT_STATUS_NAMES[c.status], date: c.date, document: c.document, guardianId: c.guardianId, note: c.note })),
        guardians: links
          .map((l) => {
            const g = guardians.find((x) => x.id === l.guardianId)!;
            return {
              id: g.id,
              relation: l.relation,
              relationName: RELATION_NAMES[l.relation],
              isPrimary: l.isPrimary,
              lastName: g.lastName,
              firstName: g.firstName,
              middleName: g.middleName,
              name: fullName(g),
              phone: g.phone,
              email: g.email,
              address: g.address,
              workplace: g.workplace,
              note: g.note,
            };
          })
          .sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary) || compareRu(a.name, b.name)),
        movements: movements.map((m) => ({
          id: m.id,
          kind: m.kind,
          date: m.date,
          fromClass: m.fromClassId ? (classes.get(m.fromClassId) ?? null) : null,
          toClass: m.toClassId ? (classes.get(m.toClassId) ?? null) : null,
          orderNo: m.orderNo,
          orderDate: m.orderDate,
          reason: m.reason,
          destination: m.destination,
        })),
        spans: spans.map((x) => ({ classId: x.classId, className: classes.get(x.classId) ?? '—', fromDate: x.fromDate, toDate: x.toDate })),
        plans: plans.map((x) => ({ id: x.id, yearId: x.yearId, fromDate: x.fromDate, toDate: x.toDate, basis: x.basis, orderNo: x.orderNo })),
        marksByClass: await marksByClass(ctx.em, s.id, classes),
      };
    },
  }),

  /** The record of a student already on the lists (new students come by enrolment). */
  'contingent.saveStudent': mutation({
    params: z.object({ id: idField, ...studentFields }),
    access: 'school.view',
    action: 'изменение сведений об обучающемся',
    handler: async (p, ctx) => {
      await requireLive(ctx.em, StudentEntity, p.id, 'Обучающийся');
      const now = await today(ctx.em, ctx.clock.now());
      await assertMayEditStudent(ctx.em, actorOf(ctx), p.id, now);
      (await studentProblems(ctx.em, p, p.id, now)).throwIfAny();
      await ctx.write.update(StudentEntity, p.id, studentValues(p));
      return { id: p.id };
    },
  }),

  /**
   * A legal representative of the student: a new one, or (with `id`) one
   * already on record — a sibling's parent is linked, not entered twice.
   * One primary contact per student.
   */
  'contingent.saveGuardian': mutation({
    params: z.object({
      studentId: idField,
      id: idField.optional(),
      relation: z.enum(GUARDIAN_RELATIONS, { error: 'Укажите, кем приходится обучающемуся' }),
      isPrimary: z.boolean().default(false),
      ...guardianFields,
    }),
    access: 'school.view',
    action: 'изменение сведений о законных представителях',
    handler: async (p, ctx) => {
      const student = await requireLive(ctx.em, StudentEntity, p.studentId, 'Обучающийся');
      const now = await today(ctx.em, ctx.clock.now());
      await assertMayEditStudent(ctx.em, actorOf(ctx), student.id, now);
      const held = await consentStatuses(ctx.em, [student.id]);
      if ((await getSetting(ctx.em, 'contingent.consentPolicy')) === 'noEntry' && held.get(student.id) !== 'given') {
        throw new AppError('VALIDATION', 'Без согласия на обработку персональных данных сведения о законных представителях не вносятся (так настроено в школе).', {
          fields: { lastName: 'Не вносится без согласия на обработку персональных данных' },
        });
      }
      const links = await findLive(ctx.em, StudentGuardianEntity, { studentId: student.id });
      const problems = new Problems();
      if (p.relation === 'mother' || p.relation === 'father') {
        const others = links.filter((l) => l.relation === p.relation && l.guardianId !== p.id);
        if (others.length) problems.add('relation', `${p.relation === 'mother' ? 'Мать' : 'Отец'} обучающегося уже указан${p.relation === 'mother' ? 'а' : ''}`);
      }
      problems.throwIfAny();
      const values = guardianValues(p);
      let guardianId = p.id;
      if (guardianId) {
        await requireLive(ctx.em, GuardianEntity, guardianId, 'Законный представитель');
        await ctx.write.update(GuardianEntity, guardianId, values);
      } else {
        guardianId = (await ctx.write.insert(GuardianEntity, values)).id;
      }
      const link = links.find((l) => l.guardianId === guardianId);
      const isPrimary = p.isPrimary || links.filter((l) => l.guardianId !== guardianId).length === 0;
      if (isPrimary) for (const l of links) if (l.guardianId !== guardianId && l.isPrimary) await ctx.write.update(StudentGuardianEntity, l.id, { isPrimary: false });
      if (link) await ctx.write.update(StudentGuardianEntity, link.id, { relation: p.relation, isPrimary });
      else await ctx.write.insert(StudentGuardianEntity, { studentId: student.id, guardianId, relation: p.relation, isPrimary });
      return { id: guardianId };
    },
  }),

  /** Removes a guardian from a student's card; the guardian stays if another student (a sibling) has them. */
  'contingent.unlinkGuardian': mutation({
    params: z.object({ studentId: idField, guardianId: idField }),
    access: 'school.view',
    action: 'изменение сведений о законных представителях',
    handler: async (p, ctx) => {
      const now = await today(ctx.em, ctx.clock.now());
      await requireLive(ctx.em, StudentEntity, p.studentId, 'Обучающийся');
      await assertMayEditStudent(ctx.em, actorOf(ctx), p.studentId, now);
      const link = (await findLive(ctx.em, StudentGuardianEntity, { studentId: p.studentId, guardianId: p.guardianId }))[0];
      if (!link) throw clash('Этот представитель не указан у обучающегося');
      const consents = await findLive(ctx.em, DataConsentEntity, { studentId: p.studentId, guardianId: p.guardianId });
      if (consents.length) throw clash('Этот представитель подписал заявление о согласии на обработку персональных данных: удалить его из карточки нельзя');
      await ctx.write.remove(StudentGuardianEntity, link.id);
      const others = await findLive(ctx.em, StudentGuardianEntity, { guardianId: p.guardianId });
      if (others.length === 0) await ctx.write.remove(GuardianEntity, p.guardianId);
      return null;
    },
  }),

  /**
   * Guardians already on record, to link a sibling's parent instead of entering
   * them again: the whole school for those who enrol (the secretary, the
   * administrator); for a class teacher, the families of the classes they lead
   * now; nobody else's work needs it.
   */
  'contingent.findGuardians': query({
    params: z.object({ search: z.string().trim().min(2, 'Введите не меньше двух букв').max(100) }),
    access: 'school.view',
    action: 'поиск законных представителей',
    handler: async (p, ctx) => {
      const actor = actorOf(ctx);
      const q = ctx.em
        .createQueryBuilder(GuardianEntity, 'g')
        .where('g.deletedAt IS NULL AND g.searchName LIKE :key', { key: `%${searchKey(p.search)}%` });
      if (!searchesAllGuardians(actor)) {
        if (!actor.staffId || !actor.roles.includes('teacher')) return [];
        const day = await today(ctx.em, ctx.clock.now());
        q.andWhere(
          `g.id IN (SELECT sg."guardianId" FROM student_guardians sg
                      JOIN class_memberships m ON m."studentId" = sg."studentId" AND m."deletedAt" IS NULL
                       AND m."fromDate" <= :day AND (m."toDate" IS NULL OR m."toDate" >= :day)
                      JOIN school_classes c ON c.id = m."classId" AND c."deletedAt" IS NULL AND c."classTeacherId" = :staffId
                     WHERE sg."deletedAt" IS NULL)`,
          { day, staffId: actor.staffId },
        );
      }
      const rows = await q.orderBy('g.searchName').limit(20).getMany();
      return rows.map((g) => ({ id: g.id, name: fullName(g), phone: g.phone, email: g.email }));
    },
  }),

  /**
   * Records the consent (or refusal) with its date and document. Under the
   * `noEntry` policy a refusal erases the data that may not be kept without
   * consent; the form asks once and names what will be erased.
   */
  'contingent.setConsent': mutation({
    params: z.object({
      studentId: idField,
      status: z.enum(CONSENT_STATUSES, { error: 'Выберите состояние согласия' }),
      date: optionalDate,
      document: optionalText(300),
      guardianId: optionalId,
      note: optionalText(1000),
      erasePersonalData: z.boolean().optional(),
    }),
    access: 'school.view',
    action: 'учёт согласия на обработку персональных данных',
    handler: async (p, ctx) => {
      const student = await requireLive(ctx.em, StudentEntity, p.studentId, 'Обучающийся');
      const now = await today(ctx.em, ctx.clock.now());
      await assertMayEditStudent(ctx.em, actorOf(ctx), student.id, now);
      const problems = new Problems();
      if (p.status !== 'not_asked' && !p.date) problems.add('date', p.status === 'given' ? 'Укажите дату заявления о согласии' : 'Укажите дату отказа');
      if (p.status === 'not_asked' && p.date) problems.add('date', 'Для «не запрашивалось» дата не указывается');
      if (p.date && p.date > now) problems.add('date', 'Дата не может быть позже сегодняшней');
      if (p.guardianId) {
        const linked = await findLive(ctx.em, StudentGuardianEntity, { studentId: student.id, guardianId: p.guardianId });
        if (!linked.length) problems.add('guardianId', 'Выберите представителя из карточки обучающегося');
      }
      problems.throwIfAny();
      const policy = await getSetting(ctx.em, 'contingent.consentPolicy');
      const held = await personalDataHeld(ctx.em, student);
      const mustErase = policy === 'noEntry' && p.status !== 'given' && (held.fields.length > 0 || held.guardians > 0);
      if (mustErase && !p.erasePersonalData) {
        throw new AppError('CONFLICT', eraseWarning(held), { needsErase: true, fields: { status: 'Потребуется удалить персональные данные' } });
      }
      await ctx.write.insert(DataConsentEntity, {
        studentId: student.id,
        status: p.status,
        date: p.date,
        document: p.document,
        guardianId: mustErase ? null : p.guardianId,
        note: p.note,
      });
      if (mustErase) {
        const reason = 'нет согласия на обработку персональных данных';
        const patch = Object.fromEntries(CONSENT_BOUND_FIELDS.map((f) => [f, null]));
        await ctx.write.update(StudentEntity, student.id, patch, { reason });
        for (const link of await findLive(ctx.em, StudentGuardianEntity, { studentId: student.id })) {
          await ctx.write.remove(StudentGuardianEntity, link.id, { reason });
          if ((await findLive(ctx.em, StudentGuardianEntity, { guardianId: link.guardianId })).length === 0) {
            await ctx.write.remove(GuardianEntity, link.guardianId, { reason });
          }
        }
      }
      return { status: p.status, erased: mustErase };
    },
  }),

  /** Students without consent (refused or not asked), class by class: whom to ask, whom to inform on paper. */
  'contingent.withoutConsent': query({
    params: z.object({ yearId: idField }),
    access: 'school.view',
    action: 'просмотр списка обучающихся без согласия',
    handler: async (p, ctx) => {
      const year = await requireLive(ctx.em, AcademicYearEntity, p.yearId, 'Учебный год');
      const now = await today(ctx.em, ctx.clock.now());
      const day = now < year.startDate ? year.startDate : now > year.endDate ? year.endDate : now;
      const classes = (await findLive(ctx.em, SchoolClassEntity, { yearId: p.yearId })).sort(compareClasses);
      if (!classes.length) return [];
      const spans = await ctx.em
        .createQueryBuilder(ClassMembershipEntity, 'm')
        .where('m.classId IN (:...ids) AND m.deletedAt IS NULL', { ids: classes.map((c) => c.id) })
        .andWhere('m.fromDate <= :day AND (m.toDate IS NULL OR m.toDate >= :day)', { day })
        .getMany();
      const statuses = await consentStatuses(ctx.em, spans.map((s) => s.studentId));
      const students = await studentsByIds(ctx.em, spans.map((s) => s.studentId));
      return classes
        .map((c) => {
          const mine = spans.filter((s) => s.classId === c.id);
          const without = mine
            .filter((s) => statuses.get(s.studentId) !== 'given')
            .map((s) => ({ id: s.studentId, name: shortName(students.get(s.studentId)!), status: statuses.get(s.studentId)! }))
            .sort((a, b) => compareRu(a.name, b.name));
          return { classId: c.id, className: c.name, total: mine.length, students: without };
        })
        .filter((c) => c.students.length > 0);
    },
  }),
};

function eraseWarning(held: { fields: string[]; guardians: number }): string {
  const names: Record<string, string> = { birthDate: 'дата рождения', address: 'адрес', phone: 'телефон', email: 'электронная почта', snils: 'СНИЛС' };
  const parts = held.fields.map((f) => names[f] ?? f);
  if (held.guardians) parts.push(`сведения о законных представителях (${held.guardians})`);
  return `По настройке школы без согласия на обработку персональных данных сведения об обучающемся не вносятся. Будут удалены: ${parts.join(', ')}. Подтвердите запись.`;
}

/** The student's marks grouped by the class and subject of the lesson each was given at. */
async function marksByClass(em: ReadableDb, studentId: string, classNames: Map<string, string>) {
  const rows = await em
    .createQueryBuilder(MarkEntity, 'm')
    .innerJoin(LessonEntity.options.name, 'l', 'l.id = m.lessonId')
    .select('m.value', 'value')
    .addSelect('l.date', 'date')
    .addSelect('l.classId', 'classId')
    .addSelect('l.subjectId', 'subjectId')
    .addSelect('l.id', 'lessonId')
    .where('m.studentId = :studentId AND m.deletedAt IS NULL AND l.deletedAt IS NULL', { studentId })
    .orderBy('l.date', 'ASC')
    .getRawMany<{ value: string; date: string; classId: string; subjectId: string; lessonId: string }>();
  if (!rows.length) return [];
  const subjects = new Map((await em.find(SubjectEntity, { where: { id: In([...new Set(rows.map((r) => r.subjectId))]) } })).map((s) => [s.id, s.name]));
  const missing = [...new Set(rows.map((r) => r.classId))].filter((id) => !classNames.has(id));
  if (missing.length) for (const c of await em.find(SchoolClassEntity, { where: { id: In(missing) } })) classNames.set(c.id, c.name);
  const groups = new Map<string, { classId: string; className: string; subjectId: string; subjectName: string; marks: { date: string; value: string; lessonId: string }[] }>();
  for (const r of rows) {
    const key = `${r.classId}|${r.subjectId}`;
    if (!groups.has(key)) {
      groups.set(key, { classId: r.classId, className: classNames.get(r.classId) ?? '—', subjectId: r.subjectId, subjectName: subjects.get(r.subjectId) ?? '—', marks: [] });
    }
    groups.get(key)!.marks.push({ date: r.date, value: r.value, lessonId: r.lessonId });
  }
  return [...groups.values()];
}

/**
 * The card as a teacher who neither leads the student's class nor belongs to
 * the administration sees it: the name and the class now, nothing personal
 * (personal-data.ts). The shape stays the card's, its personal fields empty.
 */
function reducedCard(
  s: { id: string; lastName: string; firstName: string; middleName: string | null },
  spans: { classId: string; fromDate: string; toDate: string | null }[],
  classes: Map<string, string>,
  now: string,
) {
  const span = spans.find((x) => x.fromDate <= now && (!x.toDate || x.toDate >= now)) ?? spans[spans.length - 1];
  return {
    view: 'reduced' as const,
    student: {
      id: s.id,
      lastName: s.lastName,
      firstName: s.firstName,
      middleName: s.middleName,
      name: fullName(s),
      birthDate: null,
      sex: null,
      personalFileNo: null,
      address: null,
      phone: null,
      email: null,
      snils: null,
      note: null,
      dataCheckedAt: null,
    },
    mayEdit: false,
    consentPolicy: null,
    consent: null,
    consents: [],
    guardians: [],
    movements: [],
    spans: span ? [{ classId: span.classId, className: classes.get(span.classId) ?? '—', fromDate: span.fromDate, toDate: span.toDate }] : [],
    plans: [],
    marksByClass: [],
  };
}
