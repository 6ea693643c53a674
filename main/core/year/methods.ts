import { z } from 'zod';
import { actorOf, mutation, noParams, query, schoolDate } from '../api/contract';
import { schoolTodayOf } from '../settings/school-today';
import { AcademicYearEntity } from '../db/entities/calendar';
import { PROMOTION_DECISIONS, PromotionOrderEntity } from '../db/entities/operations';
import { yearChecklist } from './checklist';
import { closeYear } from './close';
import { createNextYear } from './next-year';
import { applyOrder, draftOrder, firstEntryInYear, previewOrder, setDecision, undoOrder } from './promotion';
import { TEXT_LIMITS, tooLong } from '../shared/text-limits';

const yearRef = z.object({ yearId: z.string().uuid() });

const orderRef = z.object({ orderId: z.string().uuid() });

export const yearMethods = {
  /** Every year with its status and the promotion order made from it, for the year-closing screen. */
  'year.overview': query({
    params: noParams,
    access: 'year.close',
    action: 'просмотр закрытия учебного года',
    handler: async (_p, ctx) => {
      const years = (await ctx.em.find(AcademicYearEntity, { order: { startDate: 'ASC' } })).filter((y) => !y.deletedAt);
      const orders = (await ctx.em.find(PromotionOrderEntity, { order: { createdAt: 'DESC' } })).filter((o) => !o.deletedAt);
      const out = [];
      for (const y of years) {
        const order = orders.find((o) => o.fromYearId === y.id && o.status !== 'undone') ?? null;
        const next = years.find((n) => n.startDate > y.endDate) ?? null;
        out.push({
          id: y.id,
          name: y.name,
          startDate: y.startDate,
          endDate: y.endDate,
          status: y.status,
          closedAt: y.closedAt,
          nextYearId: next?.id ?? null,
          order: order
            ? {
                id: order.id,
                orderNo: order.orderNo,
                orderDate: order.orderDate,
                status: order.status,
                appliedAt: order.appliedAt,
                undoBlockedSince: order.status === 'applied' ? await firstEntryInYear(ctx.em, order.toYearId) : null,
              }
            : null,
        });
      }
      return out;
    },
  }),

  'year.checklist': query({
    params: yearRef,
    access: 'year.close',
    action: 'проверка готовности к закрытию года',
    handler: async (p, ctx) => yearChecklist(ctx.em, p.yearId, await schoolTodayOf(ctx)),
  }),

  /** Locks the year read-only; with gaps left, only with acceptGaps and a reason. */
  'year.close': mutation({
    params: yearRef.extend({ acceptGaps: z.boolean().optional(), reason: z.string().trim().max(TEXT_LIMITS.yearCloseReason, tooLong('yearCloseReason')).optional() }),
    access: 'year.close',
    action: 'закрытие учебного года',
    handler: async (p, ctx) =>
      closeYear(ctx.write, ctx.em, { ...p, userId: actorOf(ctx).userId, now: ctx.clock.now().toISOString(), today: await schoolTodayOf(ctx) }),
  }),

  'year.createNext': mutation({
    params: z.object({ fromYearId: z.string().uuid() }),
    access: 'year.close',
    action: 'создание следующего учебного года',
    handler: async (p, ctx) => createNextYear(ctx.write, ctx.em, p.fromYearId),
  }),

  /** The director's order as a draft, every student with the default decision; returns its preview. */
  'year.draftPromotion': mutation({
    params: z.object({
      fromYearId: z.string().uuid(),
      toYearId: z.string().uuid(),
      orderNo: z.string().trim().min(1, 'Введите номер приказа').max(50),
      orderDate: schoolDate,
    }),
    access: 'year.close',
    action: 'подготовка приказа о переводе',
    handler: async (p, ctx) => {
      const order = await draftOrder(ctx.write, ctx.em, { ...p, createdBy: actorOf(ctx).userId });
      return previewOrder(ctx.em, order.id);
    },
  }),

  'year.promotionPreview': query({
    params: orderRef,
    access: 'year.close',
    action: 'просмотр приказа о переводе',
    handler: async (p, ctx) => previewOrder(ctx.em, p.orderId),
  }),

  'year.setDecision': mutation({
    params: orderRef.extend({
      studentId: z.string().uuid(),
      decision: z.enum(PROMOTION_DECISIONS),
      note: z.string().trim().max(500).nullable().optional(),
    }),
    access: 'year.close',
    action: 'изменение решения о переводе',
    handler: async (p, ctx) => {
      await setDecision(ctx.write, ctx.em, { ...p, note: p.note ?? null });
      return previewOrder(ctx.em, p.orderId);
    },
  }),

  'year.applyPromotion': mutation({
    params: orderRef,
    access: 'year.close',
    action: 'перевод обучающихся по приказу',
    handler: async (p, ctx) => applyOrder(ctx.write, ctx.em, p.orderId, ctx.clock.now().toISOString()),
  }),

  'year.undoPromotion': mutation({
    params: orderRef,
    access: 'year.close',
    action: 'отмена перевода обучающихся',
    handler: async (p, ctx) => {
      await undoOrder(ctx.write, ctx.em, p.orderId, ctx.clock.now().toISOString());
      return null;
    },
  }),
};
