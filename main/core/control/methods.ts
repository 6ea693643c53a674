import { z } from 'zod';
import { mutation, query, actorOf, type QueryContext } from '../api/contract';
import { JournalCheckEntity, RemarkEntity } from '../db/entities/control';
import { AcademicYearEntity } from '../db/entities/calendar';
import { getSetting } from '../settings/store';
import { AppError, fail } from '../shared/errors';
import { reportEnv } from '../reports/env';
import { resolveYear } from '../reports/data/year';
import { CHECK_PURPOSE, FINDING_CODES } from './codes';
import { runCheck } from './check';
import { drill } from './drill';
import { loadRemarks, remarkStatus } from './remarks';
import { checkScopeParams, checkSpan, checkSpanParams, parseScope, type SavedScope } from './span';
import { TEXT_LIMITS, tooLong } from '../shared/text-limits';

const remarkText = z.string().trim().min(3, 'Напишите текст замечания').max(TEXT_LIMITS.remarkText, tooLong('remarkText'));

async function yearOf(ctx: QueryContext, periodYearId: string | null, from: string, today: string): Promise<string> {
  if (periodYearId) return periodYearId;
  return (await resolveYear(ctx.em, undefined, from <= today ? from : today)).id;
}

export const controlMethods = {
  /** Runs a check over a span and scope: figures and findings per page, teacher and class. */
  'control.run': query({
    params: z.object({ ...checkSpanParams, ...checkScopeParams }),
    access: 'control.view',
    action: 'проверка журналов',
    handler: async (p, ctx) => {
      const env = await reportEnv(ctx, 'school');
      const span = await checkSpan(ctx.em, p);
      const result = await runCheck(ctx.em, { yearId: span.period?.yearId, from: span.from, to: span.to, period: span.period, scope: p }, env.today);
      return { ...result, label: span.label, periodId: span.period?.id ?? null };
    },
  }),

  /** The lessons, students or topics behind one finding of one page. */
  'control.drill': query({
    params: z.object({
      classId: z.string().uuid(),
      groupId: z.string().uuid().nullable(),
      subjectId: z.string().uuid(),
      code: z.enum(FINDING_CODES),
      ...checkSpanParams,
      minimum: z.number().int().min(0).max(50).nullable().optional(),
    }),
    access: 'control.view',
    action: 'просмотр уроков по замечанию проверки',
    handler: async (p, ctx) => {
      const env = await reportEnv(ctx, 'school');
      const span = await checkSpan(ctx.em, p);
      return drill(ctx.em, { ...p, from: span.from, to: span.to }, env.today, await getSetting(ctx.em, 'school.timeZone'));
    },
  }),

  /** Saves the check (its span, scope and conclusions) so that remarks and the certificate refer to it. */
  'control.saveCheck': mutation({
    params: z.object({
      id: z.string().uuid().optional(),
      ...checkSpanParams,
      ...checkScopeParams,
      conclusions: z.string().trim().max(TEXT_LIMITS.checkConclusions, tooLong('checkConclusions')).nullable().optional(),
    }),
    access: 'control.manage',
    action: 'сохранение проверки журналов',
    handler: async (p, ctx) => {
      const actor = actorOf(ctx);
      const env = await reportEnv(ctx, 'school');
      const span = await checkSpan(ctx.em, p);
      const scope: SavedScope = { periodId: span.period?.id ?? null, classIds: p.classIds, staffIds: p.staffIds, subjectIds: p.subjectIds };
      if (p.id) {
        const check = await ctx.em.findOne(JournalCheckEntity, { where: { id: p.id } });
        if (!check || check.deletedAt) throw fail.notFound('Проверка');
        const updated = await ctx.write.update(JournalCheckEntity, check.id, {
          fromDate: span.from,
          toDate: span.to,
          scope: JSON.stringify(scope),
          ...(p.conclusions !== undefined ? { conclusions: p.conclusions || null } : {}),
        });
        return { id: updated.id, status: updated.status };
      }
      const created = await ctx.write.insert(JournalCheckEntity, {
        yearId: await yearOf(ctx, span.period?.yearId ?? null, span.from, env.today),
        fromDate: span.from,
        toDate: span.to,
        scope: JSON.stringify(scope),
        purpose: CHECK_PURPOSE,
        conclusions: p.conclusions || null,
        checkedBy: actor.userId,
        checkedAt: ctx.clock.now().toISOString(),
        status: 'draft',
      });
      return { id: created.id, status: created.status };
    },
  }),

  /** Closes the check with its conclusions and recommendations: the certificate can be printed. */
  'control.finishCheck': mutation({
    params: z.object({ id: z.string().uuid(), conclusions: z.string().trim().min(10, 'Напишите выводы и рекомендации по итогам проверки').max(TEXT_LIMITS.checkConclusions, tooLong('checkConclusions')) }),
    access: 'control.manage',
    action: 'завершение проверки журналов',
    handler: async (p, ctx) => {
      const check = await ctx.em.findOne(JournalCheckEntity, { where: { id: p.id } });
      if (!check || check.deletedAt) throw fail.notFound('Проверка');
      const updated = await ctx.write.update(JournalCheckEntity, check.id, { conclusions: p.conclusions, status: 'final' });
      return { id: updated.id, status: updated.status };
    },
  }),

  'control.checks': query({
    params: z.object({ yearId: z.string().uuid().optional() }),
    access: 'control.view',
    action: 'просмотр проверок журналов',
    handler: async (p, ctx) => {
      const q = ctx.em
        .createQueryBuilder(JournalCheckEntity, 'c')
        .innerJoin(AcademicYearEntity.options.name, 'y', 'y.id = c.yearId')
        .where('c.deletedAt IS NULL')
        .orderBy('c.checkedAt', 'DESC');
      if (p.yearId) q.andWhere('c.yearId = :yearId', { yearId: p.yearId });
      const checks = await q.getMany();
      const remarks = await loadRemarks(ctx.em, {});
      return checks.map((c) => {
        const own = remarks.filter((r) => r.checkId === c.id);
        return {
          id: c.id,
          fromDate: c.fromDate,
          toDate: c.toDate,
          scope: parseScope(c.scope),
          conclusions: c.conclusions,
          checkedAt: c.checkedAt,
          status: c.status,
          remarks: own.length,
          fixed: own.filter((r) => r.status !== 'open').length,
        };
      });
    },
  }),

  /** A remark to a teacher, from a finding (with its lesson) or on its own. */
  'control.addRemark': mutation({
    params: z.object({
      checkId: z.string().uuid().nullable().optional(),
      toStaffId: z.string().uuid(),
      classId: z.string().uuid().nullable().optional(),
      subjectId: z.string().uuid().nullable().optional(),
      lessonId: z.string().uuid().nullable().optional(),
      finding: z.enum(FINDING_CODES).nullable().optional(),
      text: remarkText,
    }),
    access: 'control.manage',
    action: 'запись замечания учителю',
    handler: async (p, ctx) => {
      if (p.checkId) {
        const check = await ctx.em.findOne(JournalCheckEntity, { where: { id: p.checkId } });
        if (!check || check.deletedAt) throw fail.notFound('Проверка');
      }
      const row = await ctx.write.insert(RemarkEntity, {
        checkId: p.checkId ?? null,
        toStaffId: p.toStaffId,
        classId: p.classId ?? null,
        subjectId: p.subjectId ?? null,
        lessonId: p.lessonId ?? null,
        finding: p.finding ?? null,
        text: p.text,
        createdBy: actorOf(ctx).userId,
        fixedAt: null,
        fixNote: null,
        confirmedAt: null,
      });
      return (await loadRemarks(ctx.em, { ids: [row.id] }))[0];
    },
  }),

  /** Remarks for the deputy: of a check, of a teacher, by status. */
  'control.remarks': query({
    params: z.object({
      checkId: z.string().uuid().optional(),
      staffId: z.string().uuid().optional(),
      status: z.enum(['open', 'fixed', 'confirmed']).optional(),
    }),
    access: 'control.view',
    action: 'просмотр замечаний',
    handler: async (p, ctx) => loadRemarks(ctx.em, { checkId: p.checkId, toStaffId: p.staffId, status: p.status }),
  }),

  /** The deputy accepts a fix (or closes a remark). */
  'control.confirmRemark': mutation({
    params: z.object({ id: z.string().uuid() }),
    access: 'control.manage',
    action: 'подтверждение устранения замечания',
    handler: async (p, ctx) => {
      const r = await ctx.em.findOne(RemarkEntity, { where: { id: p.id } });
      if (!r || r.deletedAt) throw fail.notFound('Замечание');
      if (r.confirmedAt) throw fail.conflict('Устранение этого замечания уже подтверждено.');
      await ctx.write.update(RemarkEntity, r.id, { confirmedAt: ctx.clock.now().toISOString() });
      return (await loadRemarks(ctx.em, { ids: [r.id] }))[0];
    },
  }),

  /** A teacher's own remarks, newest first. */
  'control.myRemarks': query({
    params: z.object({ status: z.enum(['open', 'fixed', 'confirmed']).optional() }),
    access: 'remarks.respond',
    action: 'просмотр своих замечаний',
    handler: async (p, ctx) => {
      const actor = actorOf(ctx);
      if (!actor.staffId) return [];
      return loadRemarks(ctx.em, { toStaffId: actor.staffId, status: p.status });
    },
  }),

  /** The teacher notes that a remark is fixed, with what was done. */
  'control.fixRemark': mutation({
    params: z.object({ id: z.string().uuid(), fixNote: z.string().trim().min(3, 'Напишите, что исправлено').max(TEXT_LIMITS.remarkText, tooLong('remarkText')) }),
    access: 'remarks.respond',
    action: 'отметка об устранении замечания',
    handler: async (p, ctx) => {
      const actor = actorOf(ctx);
      const r = await ctx.em.findOne(RemarkEntity, { where: { id: p.id } });
      if (!r || r.deletedAt) throw fail.notFound('Замечание');
      if (r.toStaffId !== actor.staffId) throw new AppError('FORBIDDEN', 'Отметить устранение может только учитель, которому адресовано замечание.');
      if (remarkStatus(r) === 'confirmed') throw fail.conflict('Устранение этого замечания уже подтверждено заместителем директора.');
      await ctx.write.update(RemarkEntity, r.id, { fixedAt: ctx.clock.now().toISOString(), fixNote: p.fixNote });
      return (await loadRemarks(ctx.em, { ids: [r.id] }))[0];
    },
  }),
};
