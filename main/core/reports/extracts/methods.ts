import { z } from 'zod';
import { mutation, query, actorOf, schoolDate, type QueryContext } from '../../api/contract';
import type { Actor } from '../../auth/sessions';
import { ParentExtractAckEntity, PARENT_EXTRACT_KINDS } from '../../db/entities/control';
import { AcademicYearEntity } from '../../db/entities/calendar';
import { ClassMembershipEntity, StudentEntity } from '../../db/entities/contingent';
import { AppError, fail } from '../../shared/errors';
import { reportEnv } from '../env';
import { writeReport } from '../output';
import { assertClassScope, leadsClassIds, seesWholeSchool } from '../scope';
import { buildExtracts } from './build';
import { extractSpan } from './span';

/**
 * Printing a class's extracts registers one ParentExtractAck per student
 * (printed, not yet seen); the returned slips are then registered one by one
 * (seed 002: «регистрация факта ознакомления родителей»).
 */
async function assertMayRegister(ctx: QueryContext, actor: Actor, classId: string): Promise<void> {
  if (actor.roles.includes('deputy') || actor.roles.includes('admin')) return;
  if (actor.staffId && (await leadsClassIds(ctx.em, actor.staffId)).includes(classId)) return;
  if (seesWholeSchool(actor)) {
    throw new AppError('READ_ONLY', 'Директор просматривает выписки; печатает их и отмечает ознакомление классный руководитель или заместитель директора.');
  }
  throw new AppError('FORBIDDEN', 'Выписки класса печатает и регистрирует его классный руководитель или заместитель директора.');
}

/**
 * The next extract numbers of the school year the extract falls in: one after
 * another from 1 («Выписка № 37»), counting every extract printed that year
 * (a cancelled one keeps its number).
 */
async function nextSerialNo(ctx: QueryContext, fromDate: string): Promise<number> {
  const year = await ctx.em
    .createQueryBuilder(AcademicYearEntity, 'y')
    .where('y.deletedAt IS NULL AND y.startDate <= :d AND y.endDate >= :d', { d: fromDate })
    .getOne();
  const q = ctx.em.createQueryBuilder(ParentExtractAckEntity, 'a').select('MAX(a.serialNo)', 'n');
  if (year) q.where('a.fromDate >= :from AND a.fromDate <= :to', { from: year.startDate, to: year.endDate });
  else q.where('a.fromDate = :d', { d: fromDate });
  const row = await q.getRawOne<{ n: number | string | null }>();
  return Number(row?.n ?? 0) + 1;
}

export const extractMethods = {
  'reports.printExtracts': mutation({
    params: z.object({
      classId: z.string().uuid(),
      kind: z.enum(PARENT_EXTRACT_KINDS),
      /** A day of the week or month (for `week`, `month`). */
      date: schoolDate.optional(),
      periodId: z.string().uuid().optional(),
      /** Some students only; all the class otherwise. */
      studentIds: z.array(z.string().uuid()).optional(),
    }),
    access: 'reports.view',
    action: 'печать выписок для родителей',
    handler: async (p, ctx) => {
      const actor = actorOf(ctx);
      await assertMayRegister(ctx, actor, p.classId);
      // Paper extracts, each for the student's own parents (seed 000 §5.2): the one way a
      // student's data leave the school without consent, since it is how those parents are informed.
      const env = await reportEnv(ctx, 'parents');
      const span = await extractSpan(ctx.em, p.kind, p.date, p.periodId);
      const printedAt = ctx.clock.now().toISOString();
      const numbers = new Map<string, string>();
      const acks: { id: string; studentId: string; number: string }[] = [];
      let serialNo = await nextSerialNo(ctx, span.from);
      const roll = await ctx.em
        .createQueryBuilder(ClassMembershipEntity, 'm')
        .select('m.studentId', 'studentId')
        .distinct(true)
        .where('m.classId = :classId AND m.deletedAt IS NULL AND m.fromDate <= :to AND (m.toDate IS NULL OR m.toDate >= :from)', {
          classId: p.classId,
          from: span.from,
          to: span.to,
        })
        .getRawMany<{ studentId: string }>();
      const studentIds = roll.map((r) => r.studentId).filter((id) => !p.studentIds || p.studentIds.includes(id));
      if (studentIds.length === 0) throw fail.validation('В классе нет обучающихся за эти даты: печатать нечего.');
      for (const studentId of studentIds) {
        const row = await ctx.write.insert(ParentExtractAckEntity, {
          studentId,
          fromDate: span.from,
          toDate: span.to,
          kind: span.kind,
          printedAt,
          acknowledgedAt: null,
          acknowledgedBy: null,
          registeredBy: null,
          serialNo,
        });
        numbers.set(studentId, String(serialNo));
        acks.push({ id: row.id, studentId, number: String(serialNo) });
        serialNo++;
      }
      const model = await buildExtracts(env, p.classId, span, p.studentIds, numbers);
      return { file: await writeReport(model, 'pdf'), acks, span: { from: span.from, to: span.to, label: span.label } };
    },
  }),

  'reports.acknowledgeExtract': mutation({
    params: z.object({
      id: z.string().uuid(),
      acknowledgedBy: z.string().trim().min(2, 'Укажите, кто из родителей подписал отрывной талон').max(300),
    }),
    access: 'reports.view',
    action: 'регистрация ознакомления с выпиской',
    handler: async (p, ctx) => {
      const actor = actorOf(ctx);
      const ack = await ctx.em.findOne(ParentExtractAckEntity, { where: { id: p.id } });
      if (!ack || ack.deletedAt) throw fail.notFound('Выписка');
      const membership = await ctx.em
        .createQueryBuilder(ClassMembershipEntity, 'm')
        .where('m.studentId = :studentId AND m.deletedAt IS NULL AND m.fromDate <= :to AND (m.toDate IS NULL OR m.toDate >= :from)', {
          studentId: ack.studentId,
          from: ack.fromDate,
          to: ack.toDate,
        })
        .orderBy('m.fromDate', 'DESC')
        .getOne();
      if (!membership) throw fail.notFound('Класс обучающегося');
      await assertMayRegister(ctx, actor, membership.classId);
      if (ack.acknowledgedAt) {
        throw fail.conflict(`Ознакомление с этой выпиской уже зарегистрировано${ack.acknowledgedBy ? ` (${ack.acknowledgedBy})` : ''}.`);
      }
      const updated = await ctx.write.update(ParentExtractAckEntity, ack.id, {
        acknowledgedAt: ctx.clock.now().toISOString(),
        acknowledgedBy: p.acknowledgedBy,
        registeredBy: actor.userId,
      });
      return { id: updated.id, acknowledgedAt: updated.acknowledgedAt, acknowledgedBy: updated.acknowledgedBy };
    },
  }),

  /** The register of printed extracts of a class: who has seen theirs and who has not. */
  'reports.extractAcks': query({
    params: z.object({ classId: z.string().uuid(), from: schoolDate.optional(), to: schoolDate.optional() }),
    access: 'reports.view',
    action: 'просмотр журнала ознакомления с выписками',
    handler: async (p, ctx) => {
      await assertClassScope(ctx.em, actorOf(ctx), p.classId, true);
      const q = ctx.em
        .createQueryBuilder(ParentExtractAckEntity, 'a')
        .innerJoin(StudentEntity.options.name, 's', 's.id = a.studentId')
        .innerJoin(ClassMembershipEntity.options.name, 'm', 'm.studentId = a.studentId AND m.classId = :classId AND m.deletedAt IS NULL AND m.fromDate <= a.toDate AND (m.toDate IS NULL OR m.toDate >= a.fromDate)', { classId: p.classId })
        .select('a.id', 'id')
        .distinct(true)
        .addSelect('a.studentId', 'studentId')
        .addSelect('s.lastName', 'lastName')
        .addSelect('s.firstName', 'firstName')
        .addSelect('a.kind', 'kind')
        .addSelect('a.fromDate', 'fromDate')
        .addSelect('a.toDate', 'toDate')
        .addSelect('a.printedAt', 'printedAt')
        .addSelect('a.acknowledgedAt', 'acknowledgedAt')
        .addSelect('a.acknowledgedBy', 'acknowledgedBy')
        .addSelect('a.serialNo', 'serialNo')
        .where('a.deletedAt IS NULL');
      if (p.from) q.andWhere('a.toDate >= :from', { from: p.from });
      if (p.to) q.andWhere('a.fromDate <= :to', { to: p.to });
      const rows = await q.orderBy('a.printedAt', 'DESC').addOrderBy('s.lastName', 'ASC').getRawMany<{
        id: string;
        studentId: string;
        lastName: string;
        firstName: string;
        kind: string;
        fromDate: string;
        toDate: string;
        printedAt: string;
        acknowledgedAt: string | null;
        acknowledgedBy: string | null;
        serialNo: number | string | null;
      }>();
      return rows.map(({ serialNo, ...r }) => ({ ...r, studentName: `${r.lastName} ${r.firstName}`, number: serialNo === null ? '' : String(serialNo) }));
    },
  }),
};
