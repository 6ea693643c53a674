import type { ReadableDb } from '../db/readable';
import { z } from 'zod';
import { schoolDate } from '../api/contract';
import type { StudyPeriod } from '../db/entities/calendar';
import { fail } from '../shared/errors';
import { loadPeriod } from '../reports/data/year';
import { ruDate } from '../shared/dates';

/** A check's dates: a study period, or from … to. */
export const checkSpanParams = {
  periodId: z.string().uuid().optional(),
  from: schoolDate.optional(),
  to: schoolDate.optional(),
};

export const checkScopeParams = {
  classIds: z.array(z.string().uuid()).max(200).optional(),
  staffIds: z.array(z.string().uuid()).max(300).optional(),
  subjectIds: z.array(z.string().uuid()).max(100).optional(),
};

export interface CheckSpan {
  from: string;
  to: string;
  period: StudyPeriod | null;
  label: string;
}

export async function checkSpan(em: ReadableDb, p: { periodId?: string; from?: string; to?: string }): Promise<CheckSpan> {
  if (p.periodId) {
    const period = await loadPeriod(em, p.periodId);
    return { from: period.startDate, to: period.endDate, period, label: period.name };
  }
  if (!p.from || !p.to) throw fail.validation('Выберите учебный период или укажите даты начала и конца проверки.', { from: 'Укажите период или даты' });
  if (p.from > p.to) throw fail.validation('Дата начала позже даты конца.', { to: 'Дата конца раньше даты начала' });
  return { from: p.from, to: p.to, period: null, label: `${ruDate(p.from)} – ${ruDate(p.to)}` };
}

/** The scope a saved check was run with (JournalCheck.scope). */
export interface SavedScope {
  periodId: string | null;
  classIds?: string[];
  staffIds?: string[];
  subjectIds?: string[];
}

export function parseScope(json: string): SavedScope {
  try {
    return JSON.parse(json) as SavedScope;
  } catch {
    return { periodId: null };
  }
}
