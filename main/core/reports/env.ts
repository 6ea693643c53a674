import { actorOf, type QueryContext } from '../api/contract';
import { getSetting } from '../settings/store';
import { schoolToday } from '../shared/school-time';
import type { ReportEnv } from './definition';
import type { DocumentUse } from '../contingent/consent';

/** The builder's environment from a method's context: the school's today by its time zone, and what the document is for. */
export async function reportEnv(ctx: QueryContext, use: DocumentUse): Promise<ReportEnv> {
  const now = ctx.clock.now();
  return { em: ctx.em, actor: actorOf(ctx), now, today: schoolToday(now, await getSetting(ctx.em, 'school.timeZone')), use };
}
