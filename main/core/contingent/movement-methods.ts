import { z } from 'zod';
import { In } from 'typeorm';
import { mutation, query } from '../api/contract';
import { schoolTodayOf } from '../settings/school-today';
import { CONSENT_STATUSES, DataConsentEntity, StudentEntity, StudentMovementEntity } from '../db/entities/contingent';
import { AcademicYearEntity } from '../db/entities/calendar';
import { SchoolClassEntity } from '../db/entities/school';
import { fullName } from '../shared/text';
import { Problems, dateField, findLive, idField, optionalDate, optionalText, requireLive, requiredText } from '../school/common';
import { studentSchema } from './student-rules';
import { studentProblems, studentValues, studentsByIds } from './students';
import { MOVEMENT_NAMES, cancelLatest, enrol, transfer, withdraw, type Order } from './movement';
import { classRoster } from './roster';
import { consentStatuses } from './consent';

const orderFields = {
  date: dateField,
  orderNo: requiredText(50, 'Укажите номер приказа'),
  orderDate: optionalDate,
  reason: optionalText(1000),
};

function orderOf(p: { date: string; orderNo: string; orderDate: string | null; reason: string | null }, today: string, problems: Problems): Order {
  if (p.orderDate && p.orderDate > today) problems.add('orderDate', 'Дата приказа не может быть позже сегодняшней');
  return { date: p.date, orderNo: p.orderNo, orderDate: p.orderDate, reason: p.reason };
}

export const movementMethods = {
  /**
   * Enrolment by order: a new student (their record, and the consent if the
   * parents were asked), or one already on record who had left.
   */
  'contingent.enrol': mutation({
    params: z.object({
      studentId: idField.optional(),
      student: studentSchema.optional(),
      classId: idField,
      consent: z
        .object({ status: z.enum(CONSENT_STATUSES), date: optionalDate, document: optionalText(300) })
        .optional(),
      ...orderFields,
    }),
    access: 'contingent.edit',
    action: 'зачисление обучающихся',
    handler: async (p, ctx) => {
      const today = await schoolTodayOf(ctx);
      const problems = new Problems();
      const order = orderOf(p, today, problems);
      let studentId = p.studentId;
      if (!studentId && !p.student) problems.add('student', 'Заполните сведения об обучающемся');
      if (p.student && !studentId) {
        const consent = p.consent?.status ?? 'not_asked';
        for (const [k, v] of Object.entries((await studentProblems(ctx.em, p.student, null, today, consent)).fields)) problems.add(`student.${k}`, v);
        if (p.consent && p.consent.status !== 'not_asked' && !p.consent.date) problems.add('consent.date', 'Укажите дату заявления');
        if (p.consent?.date && p.consent.date > today) problems.add('consent.date', 'Дата не может быть позже сегодняшней');
      }
      problems.throwIfAny();
      if (studentId) await requireLive(ctx.em, StudentEntity, studentId, 'Обучающийся');
      else {
        studentId = (await ctx.write.insert(StudentEntity, { ...studentValues(p.student!), dataCheckedAt: null })).id;
        if (p.consent && p.consent.status !== 'not_asked') {
          await ctx.write.insert(DataConsentEntity, {
            studentId,
            status: p.consent.status,
            date: p.consent.date,
            document: p.consent.document,
            guardianId: null,
            note: null,
          });
        }
      }
      const movement = await enrol(ctx.write, studentId, p.classId, order);
      return { studentId, movementId: movement.id };
    },
  }),

  'contingent.transfer': mutation({
    params: z.object({ studentId: idField, toClassId: idField, ...orderFields }),
    access: 'contingent.edit',
    action: 'перевод обучающихся между классами',
    handler: async (p, ctx) => {
      await requireLive(ctx.em, StudentEntity, p.studentId, 'Обучающийся');
      const today = await schoolTodayOf(ctx);
      const problems = new Problems();
      const order = orderOf(p, today, problems);
      problems.throwIfAny();
      const movement = await transfer(ctx.write, p.studentId, p.toClassId, order);
      return { movementId: movement.id };
    },
  }),

  'contingent.withdraw': mutation({
    params: z.object({ studentId: idField, destination: optionalText(300), ...orderFields }),
    access: 'contingent.edit',
    action: 'выбытие обучающихся',
    handler: async (p, ctx) => {
      await requireLive(ctx.em, StudentEntity, p.studentId, 'Обучающийся');
      const today = await schoolTodayOf(ctx);
      const problems = new Problems();
      const order = orderOf(p, today, problems);
      problems.throwIfAny();
      const movement = await withdraw(ctx.write, p.studentId, { ...order, destination: p.destination });
      return { movementId: movement.id };
    },
  }),

  /** Undoes the latest movement of a student, entered by mistake; the reason is kept in the change log. */
  'contingent.cancelMovement': mutation({
    params: z.object({ id: idField, reason: requiredText(500, 'Укажите причину отмены') }),
    access: 'contingent.edit',
    action: 'отмена движения обучающихся',
    handler: async (p, ctx) => {
      const movement = await requireLive(ctx.em, StudentMovementEntity, p.id, 'Запись о движении');
      await cancelLatest(ctx.write, movement, p.reason);
      return null;
    },
  }),

  /** The book of movements of a year: every order, newest first. */
  'contingent.movements': query({
    params: z.object({ yearId: idField }),
    access: 'school.view',
    action: 'просмотр движения обучающихся',
    handler: async (p, ctx) => {
      const year = await requireLive(ctx.em, AcademicYearEntity, p.yearId, 'Учебный год');
      const classes = await findLive(ctx.em, SchoolClassEntity, { yearId: p.yearId });
      const names = new Map(classes.map((c) => [c.id, c.name]));
      const rows = (await findLive(ctx.em, StudentMovementEntity)).filter(
        (m) => (m.fromClassId && names.has(m.fromClassId)) || (m.toClassId && names.has(m.toClassId)) || (m.date >= year.startDate && m.date <= year.endDate),
      );
      const students = await studentsByIds(ctx.em, rows.map((r) => r.studentId));
      return rows
        .sort((a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt))
        .map((m) => ({
          id: m.id,
          studentId: m.studentId,
          studentName: students.get(m.studentId) ? fullName(students.get(m.studentId)!) : '—',
          kind: m.kind,
          kindName: MOVEMENT_NAMES[m.kind],
          date: m.date,
          fromClass: m.fromClassId ? (names.get(m.fromClassId) ?? null) : null,
          toClass: m.toClassId ? (names.get(m.toClassId) ?? null) : null,
          orderNo: m.orderNo,
          orderDate: m.orderDate,
          reason: m.reason,
          destination: m.destination,
        }));
    },
  }),

  /**
   * The class list over a span of dates, with arrivals and departures: what a
   * journal page shows down its left side (see roster.ts).
   */
  'contingent.classRoster': query({
    params: z.object({ classId: idField, fromDate: dateField.optional(), toDate: dateField.optional() }),
    access: 'school.view',
    action: 'просмотр списка класса',
    handler: async (p, ctx) => {
      const schoolClass = await requireLive(ctx.em, SchoolClassEntity, p.classId, 'Класс');
      const year = await ctx.em.findOneOrFail(AcademicYearEntity, { where: { id: schoolClass.yearId } });
      const from = p.fromDate ?? year.startDate;
      const to = p.toDate ?? year.endDate;
      const roster = await classRoster(ctx.em, p.classId, from, to);
      const consents = await consentStatuses(ctx.em, roster.map((r) => r.studentId));
      const students = roster.length ? await ctx.em.find(StudentEntity, { where: { id: In(roster.map((r) => r.studentId)) } }) : [];
      return {
        classId: schoolClass.id,
        className: schoolClass.name,
        fromDate: from,
        toDate: to,
        students: roster.map((r) => ({
          ...r,
          birthDate: students.find((s) => s.id === r.studentId)?.birthDate ?? null,
          consent: consents.get(r.studentId) ?? 'not_asked',
        })),
      };
    },
  }),
};
