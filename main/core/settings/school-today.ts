import type { QueryContext } from '../api/contract';
import { getSetting } from './store';
import { schoolToday } from '../shared/school-time';

/** The school's today (its time zone), for screens that open on the current day. */
export async function schoolTodayOf(ctx: Pick<QueryContext, 'em' | 'clock'>): Promise<string> {
  return schoolToday(ctx.clock.now(), await getSetting(ctx.em, 'school.timeZone'));
}
