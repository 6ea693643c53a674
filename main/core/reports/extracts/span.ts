import type { EntityManager } from 'typeorm';
import type { ParentExtractKind } from '../../db/entities/control';
import { addDays, mondayOf } from '../../journal/dates';
import { fail } from '../../shared/errors';
import { formatDateRu } from '../model';
import { loadPeriod } from '../data/year';

const MONTHS_GEN = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];

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
 * The dates of an extract (seed 000 §5.2, 003 §4.3.9): a week (Monday to
 * Sunday), a calendar month, or a study period with its final marks.
 */
export async function extractSpan(em: EntityManager, kind: ParentExtractKind, date: string | undefined, periodId: string | undefined): Promise<ExtractSpan> {
  if (kind === 'period') {
    if (!periodId) throw fail.validation('Выберите учебный период.', { periodId: 'Выберите период' });
    const p = await loadPeriod(em, periodId);
    return { kind, from: p.startDate, to: p.endDate, label: p.name, periodId: p.id };
  }
  if (!date) throw fail.validation('Укажите дату, за неделю или месяц которой нужна выписка.', { date: 'Укажите дату' });
  if (kind === 'week') {
    const from = mondayOf(date);
    const to = addDays(from, 6);
    return { kind, from, to, label: `неделю ${formatDateRu(from)} – ${formatDateRu(to)}`, periodId: null };
  }
  const [y, m] = date.split('-').map(Number);
  const from = `${y}-${String(m).padStart(2, '0')}-01`;
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { kind, from, to: addDays(next, -1), label: `${MONTHS_GEN[m - 1]} ${y} г.`, periodId: null };
}
