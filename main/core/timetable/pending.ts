import type { ReadableDb } from '../db/readable';
import { AuditEventEntity } from '../db/entities/system';
import { TimetableEntryEntity, type Timetable } from '../db/entities/planning';

/**
 * When an active timetable was last changed after its lessons were last made
 * (null: the lessons are up to date). The editor says so, and offers to
 * apply the changes to the lessons from a date.
 */
export async function pendingSince(em: ReadableDb, t: Timetable): Promise<string | null> {
  const last = await em
    .createQueryBuilder(AuditEventEntity, 'a')
    .select('MAX(a.at)', 'at')
    .where("a.entity = 'AcademicYear' AND a.entityId = :yearId AND a.field = 'lessons.generated'", { yearId: t.yearId })
    .getRawOne<{ at: string | null }>();
  const changed = await em
    .createQueryBuilder(TimetableEntryEntity, 'e')
    .select('MAX(e.updatedAt)', 'at')
    .where('e.timetableId = :id', { id: t.id })
    .getRawOne<{ at: string | null }>();
  if (!changed?.at) return null;
  // Putting the timetable in force makes its lessons in the same step: that is a baseline too
  // (and the only one of a school whose lessons were made without the method, as the demo's are).
  const baseline = last?.at && last.at > t.updatedAt ? last.at : t.updatedAt;
  return changed.at > baseline ? changed.at : null;
}
