import { select, type ReadableDb } from '../db/readable';
import type { Writer } from '../write/writer';
import { AcademicYearEntity, BellScheduleEntity, type AcademicYear } from '../db/entities/calendar';
import { SchoolClassEntity, type SchoolClass } from '../db/entities/school';
import { ClassMembershipEntity, StudentEntity, StudentMovementEntity } from '../db/entities/contingent';
import {
  PromotionChangeEntity,
  PromotionDecisionEntity,
  PromotionOrderEntity,
  type PromotionDecisionKind,
  type PromotionOrder,
} from '../db/entities/operations';
import { AppError, fail } from '../shared/errors';
import { compareRu, fullName } from '../shared/text';
import { gradeRules } from '../school/grade-rules';
import { yearClosed } from './lock';
import { addDays, ruDate } from '../shared/dates';

/**
 * Promotion by the director's order (seed 003 §4.1.12): every class moves up
 * a grade keeping its letter, graduates of grades 9 and 11 leave, and each
 * student may have an individual decision (held back, promoted conditionally,
 * left) set before the order is applied. A preview shows the result; the
 * applied order can be undone as a whole until the first entry in the new year.
 */

const DECISION_NAMES: Record<PromotionDecisionKind, string> = {
  promoted: 'переведён',
  conditional: 'переведён условно',
  held_back: 'оставлен на повторное обучение',
  graduated: 'окончил обучение',
  left: 'выбыл',
};

export interface PreviewStudent {
  studentId: string;
  name: string;
  decision: PromotionDecisionKind;
  note: string | null;
  /** «6А»; null for those who leave. */
  toClass: string | null;
}

export interface PromotionPreview {
  orderId: string;
  orderNo: string;
  orderDate: string;
  status: PromotionOrder['status'];
  fromYear: string;
  toYear: string;
  classes: { classId: string; name: string; gradeLevel: number; students: PreviewStudent[] }[];
  /** Classes of the new year that applying will create. */
  newClasses: string[];
  totals: Record<PromotionDecisionKind, number>;
}

function target(c: Pick<SchoolClass, 'gradeLevel' | 'letter'>, decision: PromotionDecisionKind): { grade: number; letter: string } | null {
  if (decision === 'promoted' || decision === 'conditional') return { grade: c.gradeLevel + 1, letter: c.letter };
  if (decision === 'held_back') return { grade: c.gradeLevel, letter: c.letter };
  return null;
}

async function yearOf(em: ReadableDb, id: string): Promise<AcademicYear> {
  const y = await em.findOne(AcademicYearEntity, { where: { id } });
  if (!y || y.deletedAt) throw fail.notFound('Учебный год');
  return y;
}

async function classesOf(em: ReadableDb, yearId: string): Promise<SchoolClass[]> {
  return em
    .createQueryBuilder(SchoolClassEntity, 'c')
    .where('c.yearId = :yearId AND c.deletedAt IS NULL', { yearId })
    .orderBy('c.gradeLevel')
    .addOrderBy('c.letter')
    .getMany();
}

async function orderOf(em: ReadableDb, id: string): Promise<PromotionOrder> {
  const order = await em.findOne(PromotionOrderEntity, { where: { id } });
  if (!order || order.deletedAt) throw fail.notFound('Приказ о переводе');
  return order;
}

/** A draft order with a default decision for every student on roll at the year's end. */
export async function draftOrder(
  write: Writer,
  em: ReadableDb,
  p: { fromYearId: string; toYearId: string; orderNo: string; orderDate: string; createdBy: string },
): Promise<PromotionOrder> {
  const from = await yearOf(em, p.fromYearId);
  const to = await yearOf(em, p.toYearId);
  if (to.startDate <= from.endDate) throw new AppError('VALIDATION', `Перевод выполняется в следующий учебный год, а ${to.name} начинается не позже окончания ${from.name}.`);
  const existing = await em
    .createQueryBuilder(PromotionOrderEntity, 'o')
    .where("o.fromYearId = :id AND o.deletedAt IS NULL AND o.status <> 'undone'", { id: from.id })
    .getOne();
  if (existing) {
    throw new AppError('CONFLICT', existing.status === 'draft' ? `Проект приказа № ${existing.orderNo} уже подготовлен.` : `Перевод уже выполнен по приказу № ${existing.orderNo}.`);
  }
  const order = await write.insert(PromotionOrderEntity, {
    fromYearId: from.id,
    toYearId: to.id,
    orderNo: p.orderNo,
    orderDate: p.orderDate,
    status: 'draft',
    appliedAt: null,
    undoneAt: null,
    createdBy: p.createdBy,
  });
  for (const c of await classesOf(em, from.id)) {
    const members = await em
      .createQueryBuilder(ClassMembershipEntity, 'm')
      .where('m.classId = :classId AND m.deletedAt IS NULL AND m.fromDate <= :end AND (m.toDate IS NULL OR m.toDate >= :end)', {
        classId: c.id,
        end: from.endDate,
      })
      .getMany();
    for (const studentId of new Set(members.map((m) => m.studentId))) {
      await write.insert(PromotionDecisionEntity, {
        orderId: order.id,
        studentId,
        fromClassId: c.id,
        toClassId: null,
        decision: gradeRules(c.gradeLevel).graduating ? 'graduated' : 'promoted',
        note: null,
      });
    }
  }
  return order;
}

export async function setDecision(
  write: Writer,
  em: ReadableDb,
  p: { orderId: string; studentId: string; decision: PromotionDecisionKind; note: string | null },
): Promise<void> {
  const order = await orderOf(em, p.orderId);
  if (order.status !== 'draft') throw new AppError('CONFLICT', 'Решения меняются только в проекте приказа, до его проведения.');
  const decision = await em.findOne(PromotionDecisionEntity, { where: { orderId: order.id, studentId: p.studentId } });
  if (!decision || decision.deletedAt) throw fail.notFound('Обучающийся в приказе');
  const from = await em.findOneByOrFail(SchoolClassEntity, { id: decision.fromClassId });
  if (p.decision === 'graduated' && !gradeRules(from.gradeLevel).graduating) {
    throw new AppError('VALIDATION', 'Окончание обучения оформляется только в 9 и 11 классах.', { fields: { decision: 'Только для 9 и 11 классов' } });
  }
  if ((p.decision === 'promoted' || p.decision === 'conditional') && !gradeRules(from.gradeLevel).promotable) {
    throw new AppError('VALIDATION', 'Из 11 класса переводить некуда: выберите «окончил обучение» или «оставлен на повторное обучение».', {
      fields: { decision: 'Из 11 класса перевода нет' },
    });
  }
  if (p.decision === 'conditional' && !p.note?.trim()) {
    throw new AppError('VALIDATION', 'Для условного перевода укажите академическую задолженность (предмет).', {
      fields: { note: 'Укажите предмет задолженности' },
    });
  }
  await write.update(PromotionDecisionEntity, decision.id, { decision: p.decision, note: p.note?.trim() || null });
}

export async function previewOrder(em: ReadableDb, orderId: string): Promise<PromotionPreview> {
  const order = await orderOf(em, orderId);
  const [from, to] = [await yearOf(em, order.fromYearId), await yearOf(em, order.toYearId)];
  const classes = await classesOf(em, from.id);
  const existingNew = new Set((await classesOf(em, to.id)).map((c) => `${c.gradeLevel}${c.letter}`));
  const decisions = (await em.find(PromotionDecisionEntity, { where: { orderId } })).filter((d) => !d.deletedAt);
  const students = new Map(
    (decisions.length ? await em.createQueryBuilder(StudentEntity, 's').where('s.id IN (:...ids)', { ids: decisions.map((d) => d.studentId) }).getMany() : []).map((s) => [s.id, s]),
  );
  const totals: Record<PromotionDecisionKind, number> = { promoted: 0, conditional: 0, held_back: 0, graduated: 0, left: 0 };
  const newClasses = new Set<string>();
  const out: PromotionPreview['classes'] = [];
  for (const c of classes) {
    const list: PreviewStudent[] = [];
    for (const d of decisions.filter((x) => x.fromClassId === c.id)) {
      const t = target(c, d.decision);
      const toName = t ? `${t.grade}${t.letter}` : null;
      if (toName && !existingNew.has(toName) && order.status === 'draft') newClasses.add(toName);
      totals[d.decision]++;
      const s = students.get(d.studentId);
      list.push({ studentId: d.studentId, name: s ? fullName(s) : '—', decision: d.decision, note: d.note, toClass: toName });
    }
    list.sort((a, b) => compareRu(a.name, b.name));
    if (list.length) out.push({ classId: c.id, name: c.name, gradeLevel: c.gradeLevel, students: list });
  }
  return {
    orderId: order.id,
    orderNo: order.orderNo,
    orderDate: order.orderDate,
    status: order.status,
    fromYear: from.name,
    toYear: to.name,
    classes: out,
    newClasses: [...newClasses].sort((a, b) => parseInt(a) - parseInt(b) || compareRu(a, b)),
    totals,
  };
}

/** Applies the order: the new year's classes, the movements by the order, the memberships closed and opened. */
export async function applyOrder(write: Writer, em: ReadableDb, orderId: string, now: string): Promise<PromotionPreview> {
  const order = await orderOf(em, orderId);
  if (order.status !== 'draft') throw new AppError('CONFLICT', order.status === 'applied' ? 'Приказ уже проведён.' : 'Приказ отменён; подготовьте новый.');
  const [from, to] = [await yearOf(em, order.fromYearId), await yearOf(em, order.toYearId)];
  if (to.status === 'closed') throw yearClosed(to.name);
  const oldClasses = new Map((await classesOf(em, from.id)).map((c) => [c.id, c]));
  const newClasses = new Map((await classesOf(em, to.id)).map((c) => [`${c.gradeLevel}|${c.letter}`, c]));
  const schedules = (await em.find(BellScheduleEntity, { where: { yearId: to.id } })).filter((s) => !s.deletedAt);
  const oldSchedules = new Map((await em.find(BellScheduleEntity, { where: { yearId: from.id } })).map((s) => [s.id, s]));
  const record = (entity: string, entityId: string, action: 'created' | 'closed', previousToDate: string | null = null) =>
    write.insert(PromotionChangeEntity, { orderId, entity, entityId, action, previousToDate });

  const classFor = async (source: SchoolClass, grade: number, letter: string): Promise<SchoolClass> => {
    const key = `${grade}|${letter}`;
    const found = newClasses.get(key);
    if (found) return found;
    // The class keeps its teacher, home room, shift and bells when it moves up.
    const teacherFrom = grade === source.gradeLevel + 1 ? source : [...oldClasses.values()].find((c) => c.gradeLevel === grade - 1 && c.letter === letter);
    const oldBells = teacherFrom?.bellScheduleId ? oldSchedules.get(teacherFrom.bellScheduleId) : undefined;
    const bells = oldBells ? schedules.find((s) => s.name === oldBells.name && s.shift === oldBells.shift) : undefined;
    const created = await write.insert(SchoolClassEntity, {
      yearId: to.id,
      gradeLevel: grade,
      letter,
      name: `${grade}${letter}`,
      classTeacherId: teacherFrom?.classTeacherId ?? null,
      shift: teacherFrom?.shift ?? source.shift,
      bellScheduleId: bells?.id ?? null,
      roomId: teacherFrom?.roomId ?? null,
    });
    await record('SchoolClass', created.id, 'created');
    newClasses.set(key, created);
    return created;
  };

  const decisions = (await em.find(PromotionDecisionEntity, { where: { orderId } })).filter((d) => !d.deletedAt);
  const lastDay = from.endDate;
  for (const d of decisions) {
    const source = oldClasses.get(d.fromClassId);
    if (!source) continue;
    const open = await em
      .createQueryBuilder(ClassMembershipEntity, 'm')
      .where('m.classId = :classId AND m.studentId = :studentId AND m.deletedAt IS NULL AND (m.toDate IS NULL OR m.toDate > :end)', {
        classId: source.id,
        studentId: d.studentId,
        end: lastDay,
      })
      .getMany();
    for (const m of open) {
      await write.update(ClassMembershipEntity, m.id, { toDate: lastDay }, { reason: `Приказ № ${order.orderNo}` });
      await record('ClassMembership', m.id, 'closed', m.toDate);
    }
    const t = target(source, d.decision);
    if (t) {
      const next = await classFor(source, t.grade, t.letter);
      const membership = await write.insert(ClassMembershipEntity, { studentId: d.studentId, classId: next.id, fromDate: to.startDate, toDate: null });
      await record('ClassMembership', membership.id, 'created');
      const movement = await write.insert(StudentMovementEntity, {
        studentId: d.studentId,
        kind: 'transfer',
        date: to.startDate,
        fromClassId: source.id,
        toClassId: next.id,
        orderNo: order.orderNo,
        orderDate: order.orderDate,
        reason: `${capital(DECISION_NAMES[d.decision])}${d.note ? ` (${d.note})` : ''}`,
        destination: null,
      });
      await record('StudentMovement', movement.id, 'created');
      await write.update(PromotionDecisionEntity, d.id, { toClassId: next.id });
    } else {
      const movement = await write.insert(StudentMovementEntity, {
        studentId: d.studentId,
        kind: 'withdrawal',
        date: addDays(lastDay, 1),
        fromClassId: source.id,
        toClassId: null,
        orderNo: order.orderNo,
        orderDate: order.orderDate,
        reason: d.decision === 'graduated' ? `Окончание обучения (${source.gradeLevel} класс)` : `Выбытие${d.note ? `: ${d.note}` : ''}`,
        destination: null,
      });
      await record('StudentMovement', movement.id, 'created');
    }
  }
  await write.update(PromotionOrderEntity, order.id, { status: 'applied', appliedAt: now });
  return previewOrder(em, orderId);
}

/**
 * The first entry in the new year (a topic, a mark, an absence, a final
 * mark): after it the promotion stays, because records already stand on it.
 */
export async function firstEntryInYear(em: ReadableDb, yearId: string): Promise<string | null> {
  const q = async (sql: string) => {
    const rows = await select<{ d: string | null }>(em, sql, [yearId]);
    return rows[0]?.d ?? null;
  };
  const dates = [
    await q(`SELECT MIN(l."date") AS d FROM lessons l WHERE l."yearId" = ? AND l."deletedAt" IS NULL AND l."topic" IS NOT NULL AND l."topic" <> ''`),
    await q(`SELECT MIN(l."date") AS d FROM marks m JOIN lessons l ON l.id = m."lessonId" WHERE l."yearId" = ? AND m."deletedAt" IS NULL`),
    await q(`SELECT MIN(l."date") AS d FROM attendances a JOIN lessons l ON l.id = a."lessonId" WHERE l."yearId" = ? AND a."deletedAt" IS NULL`),
    await q(`SELECT MIN(f."setAt") AS d FROM final_marks f JOIN school_classes c ON c.id = f."classId" WHERE c."yearId" = ? AND f."deletedAt" IS NULL`),
  ].filter((d): d is string => !!d);
  return dates.length ? dates.sort()[0].slice(0, 10) : null;
}

/** Undoes an applied order exactly: what it created is removed, the memberships it closed are open again. */
export async function undoOrder(write: Writer, em: ReadableDb, orderId: string, now: string): Promise<void> {
  const order = await orderOf(em, orderId);
  if (order.status !== 'applied') throw new AppError('CONFLICT', 'Отменить можно только проведённый приказ.');
  const first = await firstEntryInYear(em, order.toYearId);
  if (first) {
    throw new AppError(
      'CONFLICT',
      `Перевод отменить нельзя: в новом учебном году уже есть записи в журнале (первая — ${ruDate(first)}).`,
    );
  }
  const changes = (await em.find(PromotionChangeEntity, { where: { orderId } })).filter((c) => !c.deletedAt);
  const created = new Set(changes.filter((c) => c.action === 'created').map((c) => c.entityId));
  const classIds = changes.filter((c) => c.entity === 'SchoolClass' && c.action === 'created').map((c) => c.entityId);
  if (classIds.length) {
    const others = await em
      .createQueryBuilder(ClassMembershipEntity, 'm')
      .where('m.classId IN (:...classIds) AND m.deletedAt IS NULL', { classIds })
      .getMany();
    const foreign = others.filter((m) => !created.has(m.id));
    if (foreign.length) {
      throw new AppError('CONFLICT', 'Перевод отменить нельзя: в новые классы уже зачислены обучающиеся не по этому приказу. Сначала отмените их зачисление.');
    }
  }
  const reason = `Отмена приказа № ${order.orderNo}`;
  const byEntity = { SchoolClass: SchoolClassEntity, StudentMovement: StudentMovementEntity, ClassMembership: ClassMembershipEntity } as const;
  // Children before the classes they point to.
  const order_ = ['StudentMovement', 'ClassMembership', 'SchoolClass'];
  for (const entity of order_) {
    for (const c of changes.filter((x) => x.entity === entity)) {
      const schema = byEntity[entity as keyof typeof byEntity];
      if (c.action === 'created') await write.remove(schema as never, c.entityId, { reason });
      else await write.update(ClassMembershipEntity, c.entityId, { toDate: c.previousToDate }, { reason });
      await write.remove(PromotionChangeEntity, c.id, { reason });
    }
  }
  for (const d of (await em.find(PromotionDecisionEntity, { where: { orderId } })).filter((x) => x.toClassId)) {
    await write.update(PromotionDecisionEntity, d.id, { toClassId: null }, { reason });
  }
  await write.update(PromotionOrderEntity, order.id, { status: 'undone', undoneAt: now }, { reason });
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
