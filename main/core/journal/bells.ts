import type { ReadableDb } from '../db/readable';
import { BellScheduleEntity, BellSlotEntity } from '../db/entities/calendar';

/**
 * «08:30–09:15» by lesson number, from the class's own bell schedule, or the
 * year's schedule of its shift (the one for every day before a shortened one).
 */
export async function bellTimes(em: ReadableDb, yearId: string, scheduleId: string | null, shift: number): Promise<Map<number, string>> {
  let id = scheduleId;
  if (!id) {
    const schedule = await em
      .createQueryBuilder(BellScheduleEntity, 'b')
      .where('b.yearId = :yearId AND b.shift = :shift AND b.deletedAt IS NULL', { yearId, shift })
      .orderBy('b.weekdays', 'ASC')
      .getOne();
    id = schedule?.id ?? null;
  }
  if (!id) return new Map();
  const slots = await em.createQueryBuilder(BellSlotEntity, 's').where('s.scheduleId = :id AND s.deletedAt IS NULL', { id }).getMany();
  return new Map(slots.map((s) => [s.lessonNo, `${s.startTime}–${s.endTime}`]));
}
