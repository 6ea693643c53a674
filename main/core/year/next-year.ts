import type { ReadableDb } from '../db/readable';
import type { Writer } from '../write/writer';
import {
  AcademicYearEntity,
  BellScheduleEntity,
  BellSlotEntity,
  HolidayEntity,
  StudyPeriodEntity,
  type AcademicYear,
} from '../db/entities/calendar';
import { AppError } from '../shared/errors';
import { addDays, addYears } from '../shared/dates';

/** 52 weeks: dates shifted by it keep their weekday (a quarter that ends on a Friday still does). */
const WEEKS_52 = 364;

export interface NextYearResult {
  yearId: string;
  name: string;
  startDate: string;
  endDate: string;
  periods: number;
  holidays: number;
  bellSchedules: number;
}

/**
 * Creates the next academic year from the one before (seed 003 §4.1.12): the
 * same start and end day a year later, the periods and holidays shifted by 52
 * weeks (weekdays kept; public holidays by the calendar date), the bell
 * schedules copied. Subjects, rooms, staff and work types are not tied to a
 * year and serve the new one as they are. Classes come with the promotion.
 */
export async function createNextYear(write: Writer, em: ReadableDb, fromYearId: string): Promise<NextYearResult> {
  const from = await em.findOne(AcademicYearEntity, { where: { id: fromYearId } });
  if (!from || from.deletedAt) throw new AppError('NOT_FOUND', 'Учебный год не найден.');
  const later = await em
    .createQueryBuilder(AcademicYearEntity, 'y')
    .where('y.startDate > :end AND y.deletedAt IS NULL', { end: from.endDate })
    .getOne();
  if (later) throw new AppError('CONFLICT', `Следующий учебный год ${later.name} уже создан.`);
  const startDate = addYears(from.startDate, 1);
  const endDate = addYears(from.endDate, 1);
  const year = await write.insert(AcademicYearEntity, {
    name: nextName(from),
    startDate,
    endDate,
    status: 'open',
    closedAt: null,
    closedBy: null,
  });
  const clamp = (d: string) => (d < startDate ? startDate : d > endDate ? endDate : d);

  const periods = (await em.find(StudyPeriodEntity, { where: { yearId: from.id } })).filter((x) => !x.deletedAt);
  for (const p of periods) {
    const whole = p.kind === 'year';
    await write.insert(StudyPeriodEntity, {
      ...copyOf(p),
      yearId: year.id,
      startDate: whole ? startDate : clamp(p.startDate === from.startDate ? startDate : addDays(p.startDate, WEEKS_52)),
      endDate: whole ? endDate : clamp(p.endDate === from.endDate ? endDate : addDays(p.endDate, WEEKS_52)),
      closedAt: null,
    });
  }
  const holidays = (await em.find(HolidayEntity, { where: { yearId: from.id } })).filter((x) => !x.deletedAt && x.kind !== 'dayOff');
  for (const h of holidays) {
    const shift = (d: string) => (h.kind === 'holiday' ? addYears(d, 1) : addDays(d, WEEKS_52));
    await write.insert(HolidayEntity, { ...copyOf(h), yearId: year.id, startDate: shift(h.startDate), endDate: shift(h.endDate) });
  }
  const schedules = (await em.find(BellScheduleEntity, { where: { yearId: from.id } })).filter((x) => !x.deletedAt);
  for (const s of schedules) {
    const copy = await write.insert(BellScheduleEntity, { ...copyOf(s), yearId: year.id });
    const slots = (await em.find(BellSlotEntity, { where: { scheduleId: s.id } })).filter((x) => !x.deletedAt);
    for (const slot of slots) await write.insert(BellSlotEntity, { ...copyOf(slot), scheduleId: copy.id });
  }
  return { yearId: year.id, name: year.name, startDate, endDate, periods: periods.length, holidays: holidays.length, bellSchedules: schedules.length };
}

/** «2026/2027» → «2027/2028». */
function nextName(from: AcademicYear): string {
  const m = /^(\d{4})\s*\/\s*(\d{4})$/.exec(from.name.trim());
  if (m) return `${Number(m[1]) + 1}/${Number(m[2]) + 1}`;
  const y = Number(from.startDate.slice(0, 4)) + 1;
  return `${y}/${y + 1}`;
}

/** A row's own values, without its identity and bookkeeping, to insert as a new row. */
function copyOf<T extends { id: string; createdAt: string; updatedAt: string; deletedAt: string | null }>(row: T): Omit<T, 'id' | 'createdAt' | 'updatedAt' | 'deletedAt'> {
  const { id: _id, createdAt: _c, updatedAt: _u, deletedAt: _d, ...rest } = row;
  return rest;
}

