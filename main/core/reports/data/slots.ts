import type { ReadableDb } from '../../db/readable';
import { z } from 'zod';
import type { AcademicYear, StudyPeriod } from '../../db/entities/calendar';
import type { SchoolClass } from '../../db/entities/school';
import { fail } from '../../shared/errors';
import { loadPeriod, spanOf, type Span } from './year';

/** A period of final marks: a study period's id, or `year`. */
export const periodParam = z
  .string()
  .regex(/^(year|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, 'Выберите учебный период или год');

export interface MarkSlot {
  /** FinalsIndex slot: the period id, or `year`. */
  slot: string;
  span: Span;
  period: StudyPeriod | null;
}

/**
 * The final-mark slot and dates of a period for a class: the period must be
 * one of the class's grade (quarters in 5–9, half-years in 10–11).
 */
export async function slotFor(em: ReadableDb, year: AcademicYear, c: SchoolClass | null, period: string, today: string): Promise<MarkSlot> {
  if (period === 'year') {
    return { slot: 'year', span: spanOf(year.startDate, year.endDate, today, `${year.name} учебный год`), period: null };
  }
  const p = await loadPeriod(em, period);
  if (p.yearId !== year.id) throw fail.validation('Период относится к другому учебному году.', { period: 'Период другого учебного года' });
  if (c && (c.gradeLevel < p.gradeFrom || c.gradeLevel > p.gradeTo)) {
    throw fail.validation(`«${p.name}» не относится к ${c.gradeLevel} классам: выберите период их учебного года.`, {
      period: 'Период не относится к этому классу',
    });
  }
  return { slot: p.id, span: spanOf(p.startDate, p.endDate, today, p.name, p), period: p };
}
