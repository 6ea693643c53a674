import type { ReadableDb } from '../db/readable';
import { IsNull } from 'typeorm';
import type { Writer } from '../write/writer';
import {
  ClassMembershipEntity,
  IndividualPlanEntity,
  StudentMovementEntity,
  type ClassMembership,
  type StudentMovement,
} from '../db/entities/contingent';
import { GroupMembershipEntity, SchoolClassEntity, StudyGroupEntity, type SchoolClass } from '../db/entities/school';
import { AttendanceEntity, LessonEntity, MarkEntity } from '../db/entities/journal';
import { AppError } from '../shared/errors';
import { clash, findLive, invalid, requireOpenYear } from '../school/common';
import { addDays, ruDate } from '../shared/dates';

/**
 * Движение обучающихся (seed 002, 003 §4.7): enrolment, transfer between
 * classes and withdrawal, each by an order with its number and date.
 *
 * A movement keeps the ClassMembership spans in step: a transfer on 16.11
 * ends the span in the old class on 15.11 and opens one in the new class on
 * 16.11. Marks are never moved: each stays on the lesson it was given at, so
 * the old class's page still shows the marks up to 15.11 with the student
 * marked «выбыл(а)», and the new class's page shows the student from 16.11.
 */

export interface Order {
  date: string;
  orderNo: string;
  orderDate: string | null;
  reason: string | null;
}

export const MOVEMENT_NAMES: Record<StudentMovement['kind'], string> = {
  enrolment: 'Зачисление',
  transfer: 'Перевод в другой класс',
  withdrawal: 'Выбытие',
};

/** The class and its year, refusing a date outside that year or a closed year. */
async function classForDate(em: ReadableDb, classId: string, date: string, field: string): Promise<SchoolClass> {
  const schoolClass = await em.findOne(SchoolClassEntity, { where: { id: classId } });
  if (!schoolClass || schoolClass.deletedAt) throw invalid({ [field]: 'Выберите класс из списка' });
  const year = await requireOpenYear(em, schoolClass.yearId);
  if (date < year.startDate || date > year.endDate) {
    throw invalid({ date: `Дата — внутри ${year.name} учебного года (${ruDate(year.startDate)} — ${ruDate(year.endDate)}), к которому относится класс ${schoolClass.name}` });
  }
  return schoolClass;
}

/** The span a student is in on the date, or the open one. */
async function openSpan(em: ReadableDb, studentId: string): Promise<ClassMembership | null> {
  return em.findOne(ClassMembershipEntity, { where: { studentId, toDate: IsNull(), deletedAt: IsNull() } });
}

async function lastMovement(em: ReadableDb, studentId: string): Promise<StudentMovement | null> {
  const rows = await findLive(em, StudentMovementEntity, { studentId });
  rows.sort((a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt));
  return rows[rows.length - 1] ?? null;
}

/**
 * The student's marks and attendance in a class's lessons from a date on: a
 * movement dated before them would take them off the class's pages.
 */
async function recordsFrom(em: ReadableDb, studentId: string, classId: string, date: string): Promise<{ count: number; last: string | null }> {
  let count = 0;
  let last: string | null = null;
  for (const entity of [MarkEntity, AttendanceEntity]) {
    const row = await em
      .createQueryBuilder(entity, 'r')
      .innerJoin(LessonEntity.options.name, 'l', 'l.id = r.lessonId')
      .select('COUNT(*)', 'n')
      .addSelect('MAX(l.date)', 'last')
      .where('r.studentId = :studentId AND r.deletedAt IS NULL AND l.deletedAt IS NULL', { studentId })
      .andWhere('l.classId = :classId AND l.date >= :date', { classId, date })
      .getRawOne<{ n: string | number; last: string | null }>();
    count += Number(row?.n ?? 0);
    if (row?.last && (!last || row.last > last)) last = row.last;
  }
  return { count, last };
}

async function refuseIfRecordsFrom(
  em: ReadableDb,
  studentId: string,
  schoolClass: SchoolClass,
  date: string,
  consequence: (last: string) => string,
): Promise<void> {
  const found = await recordsFrom(em, studentId, schoolClass.id, date);
  if (found.count === 0 || !found.last) return;
  throw new AppError(
    'CONFLICT',
    `В ${schoolClass.name} у обучающегося есть отметки или пропуски с ${ruDate(date)} (последняя запись — ${ruDate(found.last)}): ${consequence(found.last)}`,
    { fields: { date: `Есть записи в журнале ${schoolClass.name} по ${ruDate(found.last)} включительно` } },
  );
}

const datedAfter = (what: string) => (last: string) =>
  `${what} с этой даты убрал${what === 'перевод' ? '' : 'о'} бы их со страниц журнала класса. Укажите дату после ${ruDate(last)}.`;

/** Ends the student's subgroup memberships in a class on the day before `date` (or withdraws those starting later). */
async function leaveGroups(write: Writer, studentId: string, classId: string, date: string): Promise<void> {
  const em = write.db;
  const groups = await findLive(em, StudyGroupEntity, { classId });
  for (const g of groups) {
    for (const m of await findLive(em, GroupMembershipEntity, { groupId: g.id, studentId })) {
      if (m.fromDate >= date) await write.remove(GroupMembershipEntity, m.id);
      else if (m.toDate === null || m.toDate >= date) await write.update(GroupMembershipEntity, m.id, { toDate: addDays(date, -1) });
    }
  }
}

async function refuseIfOutOfOrder(em: ReadableDb, studentId: string, date: string): Promise<void> {
  const last = await lastMovement(em, studentId);
  if (last && last.date > date) {
    throw invalid({ date: `У обучающегося уже есть движение позже: ${MOVEMENT_NAMES[last.kind].toLowerCase()} ${ruDate(last.date)}` });
  }
}

export async function enrol(write: Writer, studentId: string, classId: string, order: Order): Promise<StudentMovement> {
  const em = write.db;
  const schoolClass = await classForDate(em, classId, order.date, 'classId');
  const open = await openSpan(em, studentId);
  if (open) {
    const current = await em.findOne(SchoolClassEntity, { where: { id: open.classId } });
    throw clash(`Обучающийся уже числится в ${current?.name ?? 'другом классе'} с ${ruDate(open.fromDate)}: оформите перевод, а не зачисление`, {
      classId: `Уже числится в ${current?.name ?? 'другом классе'}`,
    });
  }
  await refuseIfOutOfOrder(em, studentId, order.date);
  const movement = await write.insert(StudentMovementEntity, {
    studentId,
    kind: 'enrolment',
    date: order.date,
    fromClassId: null,
    toClassId: classId,
    orderNo: order.orderNo,
    orderDate: order.orderDate,
    reason: order.reason,
    destination: null,
  });
  await write.insert(ClassMembershipEntity, { studentId, classId: schoolClass.id, fromDate: order.date, toDate: null });
  return movement;
}

export async function transfer(write: Writer, studentId: string, toClassId: string, order: Order): Promise<StudentMovement> {
  const em = write.db;
  const open = await openSpan(em, studentId);
  if (!open) throw clash('Обучающийся не числится ни в одном классе: оформите зачисление', { toClassId: 'Обучающийся не числится в классе' });
  const from = await em.findOneOrFail(SchoolClassEntity, { where: { id: open.classId } });
  const to = await classForDate(em, toClassId, order.date, 'toClassId');
  if (to.id === from.id) throw invalid({ toClassId: `Обучающийся уже в ${from.name}` });
  if (to.yearId !== from.yearId) {
    throw invalid({ toClassId: 'Класс другого учебного года: перевод в следующий класс оформляется при закрытии учебного года' });
  }
  if (order.date <= open.fromDate) {
    throw invalid({ date: `Дата перевода — позже ${ruDate(open.fromDate)}, когда обучающийся пришёл в ${from.name}. Если класс при зачислении указан ошибочно, отмените зачисление` });
  }
  await refuseIfOutOfOrder(em, studentId, order.date);
  await refuseIfRecordsFrom(em, studentId, from, order.date, datedAfter('перевод'));
  const movement = await write.insert(StudentMovementEntity, {
    studentId,
    kind: 'transfer',
    date: order.date,
    fromClassId: from.id,
    toClassId: to.id,
    orderNo: order.orderNo,
    orderDate: order.orderDate,
    reason: order.reason,
    destination: null,
  });
  await write.update(ClassMembershipEntity, open.id, { toDate: addDays(order.date, -1) });
  await write.insert(ClassMembershipEntity, { studentId, classId: to.id, fromDate: order.date, toDate: null });
  await leaveGroups(write, studentId, from.id, order.date);
  return movement;
}

export async function withdraw(write: Writer, studentId: string, order: Order & { destination: string | null }): Promise<StudentMovement> {
  const em = write.db;
  const open = await openSpan(em, studentId);
  if (!open) throw clash('Обучающийся уже не числится ни в одном классе');
  const from = await classForDate(em, open.classId, order.date, 'date');
  if (order.date <= open.fromDate) {
    throw invalid({ date: `Дата выбытия — позже ${ruDate(open.fromDate)}, когда обучающийся пришёл в ${from.name}. Если зачисление оформлено ошибочно, отмените его` });
  }
  await refuseIfOutOfOrder(em, studentId, order.date);
  await refuseIfRecordsFrom(em, studentId, from, order.date, datedAfter('выбытие'));
  const movement = await write.insert(StudentMovementEntity, {
    studentId,
    kind: 'withdrawal',
    date: order.date,
    fromClassId: from.id,
    toClassId: null,
    orderNo: order.orderNo,
    orderDate: order.orderDate,
    reason: order.reason,
    destination: order.destination,
  });
  await write.update(ClassMembershipEntity, open.id, { toDate: addDays(order.date, -1) });
  await leaveGroups(write, studentId, from.id, order.date);
  // An individual plan ends with the student's stay at school.
  for (const plan of await findLive(em, IndividualPlanEntity, { studentId })) {
    if (plan.fromDate >= order.date) await write.remove(IndividualPlanEntity, plan.id);
    else if (plan.toDate === null || plan.toDate >= order.date) await write.update(IndividualPlanEntity, plan.id, { toDate: addDays(order.date, -1) });
  }
  return movement;
}

/**
 * Undoes the student's latest movement, entered by mistake: the spans return
 * to what they were before it. Refused when the journal already has the
 * student's marks or attendance in the class the movement brought them to.
 * Subgroup memberships ended by the movement are not restored (the class
 * teacher places the student again); a withdrawn student's plan neither.
 */
export async function cancelLatest(write: Writer, movement: StudentMovement, reason: string): Promise<void> {
  const em = write.db;
  const last = await lastMovement(em, movement.studentId);
  if (!last || last.id !== movement.id) {
    throw clash(`Отменить можно только последнее движение обучающегося; последнее — ${last ? `${MOVEMENT_NAMES[last.kind].toLowerCase()} ${ruDate(last.date)}` : 'нет'}`);
  }
  const spans = await findLive(em, ClassMembershipEntity, { studentId: movement.studentId });
  if (movement.toClassId) {
    const arrived = spans.find((s) => s.classId === movement.toClassId && s.fromDate === movement.date);
    const target = await em.findOneOrFail(SchoolClassEntity, { where: { id: movement.toClassId } });
    await refuseIfRecordsFrom(
      em,
      movement.studentId,
      target,
      movement.date,
      () => 'отмена движения убрала бы их со страниц журнала класса. Оформите вместо отмены новое движение.',
    );
    if (arrived) {
      await leaveGroups(write, movement.studentId, target.id, movement.date);
      await write.remove(ClassMembershipEntity, arrived.id, { reason });
    }
  }
  if (movement.fromClassId) {
    const left = spans.find((s) => s.classId === movement.fromClassId && s.toDate === addDays(movement.date, -1));
    if (left) await write.update(ClassMembershipEntity, left.id, { toDate: null }, { reason });
  }
  await write.remove(StudentMovementEntity, movement.id, { reason });
}
