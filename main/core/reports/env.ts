import { actorOf, type QueryContext } from '../api/contract';
import { getSetting } from '../settings/store';
import { schoolToday } from '../shared/school-time';
import type { ReportEnv } from './definition';

/** The builder's environment from a method's context: the school's today by its time zone. */
export async function reportEnv(ctx: QueryContext): Promise<ReportEnv> {
  const now = ctx.clock.now();
  return { em: ctx.em, actor: actorOf(ctx), now, today: schoolToday(now, await getSetting(ctx.em, 'school.timeZone')) };
}
