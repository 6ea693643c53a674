import type { ReadableDb } from '../../db/readable';
import { z } from 'zod';
import type { AcademicYear } from '../../db/entities/calendar';
import type { SchoolClass } from '../../db/entities/school';
import { fail } from '../../shared/errors';
import { schoolDate } from '../../api/contract';
import { localTime } from '../../shared/school-time';
import { slotFor } from './slots';
import { spanOf, type Span } from './year';
import { ruDate } from '../../shared/dates';

/** A report's dates: a period (or the year), or from … to. */
export const spanParams = {
  period: z.string().regex(/^(year|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, 'Выберите учебный период или год').optional(),
  from: schoolDate.optional(),
  to: schoolDate.optional(),
};

export async function resolveSpan(
  em: ReadableDb,
  year: AcademicYear,
  c: SchoolClass | null,
  p: { period?: string; from?: string; to?: string },
  today: string,
): Promise<Span> {
  if (p.from || p.to) {
    if (!p.from || !p.to) throw fail.validation('Укажите обе даты: начало и конец.', { [p.from ? 'to' : 'from']: 'Укажите дату' });
    if (p.from > p.to) throw fail.validation('Дата начала позже даты конца.', { to: 'Дата конца раньше даты начала' });
    return spanOf(p.from, p.to, today, `${ruDate(p.from)} – ${ruDate(p.to)}`);
  }
  return (await slotFor(em, year, c, p.period ?? 'year', today)).span;
}

/**
 * The instant a school day begins, in the school's time zone: instants are
 * stored in UTC, and «entered in November» is the school's November.
 */
export function dayStartInstant(date: string, timeZone: string): string {
  const guess = Date.parse(`${date}T00:00:00.000Z`);
  const local = localTime(new Date(guess), timeZone);
  const offset = Date.parse(`${local.date}T${local.time}:00.000Z`) - guess;
  return new Date(guess - offset).toISOString();
}
