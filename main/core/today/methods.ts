import { z } from 'zod';
import { query, schoolDate } from '../api/contract';
import { schoolTodayOf } from '../settings/school-today';
import { deputyDay } from './deputy-day';

export const todayMethods = {
  /** The deputy's day at a glance: absences, lessons without a decision, changes not yet printed, fixes to confirm. */
  'today.deputy': query({
    params: z.object({ date: schoolDate.optional() }),
    access: 'substitutions.manage',
    action: 'просмотр дня заместителя директора',
    handler: async (p, ctx) => deputyDay(ctx.em, p.date ?? (await schoolTodayOf(ctx))),
  }),
};
