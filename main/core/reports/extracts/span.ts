import type { ReadableDb } from '../../db/readable';
import type { ParentExtractKind } from '../../db/entities/control';
import { fail } from '../../shared/errors';
import { loadPeriod } from '../data/year';
import { addDays, mondayOf, monthOf, monthRu, ruDate } from '../../shared/dates';

export interface ExtractSpan {
  kind: ParentExtractKind;
  from: string;
  to: string;
  /** «неделю 23.11.2026 – 29.11.2026», «ноябрь 2026 г.», «II четверть»: after «Выписка за». */
  label: string;
  /** The period whose final marks the extract shows (only when it closes a period). */
  periodId: string | null;
}

/**
 * The dates of an extract (seed 000 §5.2, 003 §4.3.9): a school week (Monday
 * to Saturday, as the class teacher's attendance week), a calendar month, or
 * a study period with its final marks.
 */
export async function extractSpan(em: ReadableDb, kind: ParentExtractKind, date: string | undefined, periodId: string | undefined): Promise<ExtractSpan> {
  if (kind === 'period') {
    if (!periodId) throw fail.validation('Выберите учебный период.', { periodId: 'Выберите период' });
    const p = await loadPeriod(em, periodId);
    return { kind, from: p.startDate, to: p.endDate, label: p.name, periodId: p.id };
  }
  if (!date) throw fail.validation('Укажите дату, за неделю или месяц которой нужна выписка.', { date: 'Укажите дату' });
  if (kind === 'week') {
    const from = mondayOf(date);
    const to = addDays(from, 5);
    return { kind, from, to, label: `неделю ${ruDate(from)} – ${ruDate(to)}`, periodId: null };
  }
  const { from, to } = monthOf(date);
  return { kind, from, to, label: monthRu(date), periodId: null };
}
