import type { EntityManager } from 'typeorm';
import { AcademicYearEntity } from '../db/entities/calendar';
import { AppError } from '../shared/errors';

/**
 * A closed year is read-only (seed 003 §4.1.12): every write into a year's
 * records checks it. Other domains call this before they change a record of
 * a year (the journal's own check is in journal/scope.ts).
 */
export async function assertYearOpen(em: EntityManager, yearId: string): Promise<void> {
  const year = await em.findOne(AcademicYearEntity, { where: { id: yearId } });
  if (year?.status === 'closed') throw new AppError('READ_ONLY', `Учебный год ${year.name} закрыт: записи в нём изменять нельзя.`);
}

/** The day after a `YYYY-MM-DD` date, or `days` later. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The same day and month a year later (29 February → 28 February). */
export function nextYearSameDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const last = new Date(Date.UTC(y + 1, m, 0)).getUTCDate();
  return `${y + 1}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
