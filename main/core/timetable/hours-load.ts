import type { ReadableDb } from '../db/readable';
import { IsNull } from 'typeorm';
import { CurriculumItemEntity, TeachingAssignmentEntity } from '../db/entities/school';
import type { TimetableContext } from './context';
import { placementOf } from './context';
import { compareHours, type HoursReport } from './hours';

/**
 * The timetable's hours against the year's curriculum and the load in force
 * on the timetable's first day (a teacher who takes over mid-year brings a
 * load dated from then).
 */
export async function timetableHours(em: ReadableDb, ctx: TimetableContext): Promise<HoursReport> {
  const yearId = ctx.timetable.yearId;
  const curriculum = await em.find(CurriculumItemEntity, { where: { yearId, deletedAt: IsNull() } });
  const date = ctx.timetable.validFrom;
  const load = (await em.find(TeachingAssignmentEntity, { where: { yearId, deletedAt: IsNull() } })).filter(
    (a) => (!a.fromDate || a.fromDate <= date) && (!a.toDate || a.toDate >= date),
  );
  return compareHours(ctx.entries.map(placementOf), curriculum, ctx.groups, load);
}
