import { z } from 'zod';
import { mutation, query, actorOf, schoolDate } from '../api/contract';
import { ChangePrintEntity } from '../db/entities/changes';
import { reportEnv } from '../reports/env';
import { writeReport } from '../reports/output';
import { dayChanges } from './changes';
import { changesModel } from './printouts';
import { schoolTodayOf } from '../settings/school-today';

export const printMethods = {
  /** The day's changes on screen, per class and per teacher, with what changed since the last print. */
  'substitutions.changes': query({
    params: z.object({ date: schoolDate.optional() }),
    access: 'school.view',
    action: 'просмотр замен на дату',
    handler: async (p, ctx) => {
      return dayChanges(ctx.em, p.date ?? (await schoolTodayOf(ctx)));
    },
  }),

  /**
   * Prints the day's changes (PDF or XLSX) and records the print: lines
   * changed after it are marked on the screen and on the next print.
   */
  'substitutions.printChanges': mutation({
    params: z.object({ date: schoolDate, scope: z.enum(['class', 'teacher', 'both']).default('both'), format: z.enum(['pdf', 'xlsx']).default('pdf') }),
    access: 'substitutions.manage',
    action: 'печать замен на дату',
    handler: async (p, ctx) => {
      const changes = await dayChanges(ctx.em, p.date);
      // A file the deputy saves (PDF or XLSX), so an export; the list names lessons, classes and teachers, no student.
      const model = await changesModel(await reportEnv(ctx, 'export'), changes, p.scope);
      const file = await writeReport(model, p.format);
      const userId = actorOf(ctx).userId;
      // The print is recorded once per list; the substitutions themselves are not touched (an edit of
      // them is what «changed since the print» means, so marking them printed would mark them changed).
      const printedAt = ctx.clock.now().toISOString();
      for (const scope of p.scope === 'both' ? (['class', 'teacher'] as const) : [p.scope]) {
        await ctx.write.insert(ChangePrintEntity, { date: p.date, scope, printedAt, printedBy: userId });
      }
      return file;
    },
  }),
};
