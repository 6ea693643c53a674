import type { ReadableDb } from '../db/readable';
import { StudyPeriodEntity, type StudyPeriod } from '../db/entities/calendar';
import { cachedRaw, num } from './sql';

/** The study periods of a grade in a year (quarters in 1–9, half-years in 10–11 …), in order. */
export async function periodsForGrade(em: ReadableDb, yearId: string, gradeLevel: number): Promise<StudyPeriod[]> {
  const rows = await cachedRaw<StudyPeriod>(
    em,
    'journal.periodsForGrade',
    (m) => {
      const q = m.createQueryBuilder(StudyPeriodEntity, 'p').select([]);
      for (const column of COLUMNS) q.addSelect(`p.${column}`, column);
      return q
        .where('p.yearId = :yearId AND p.gradeFrom <= :grade AND p.gradeTo >= :grade')
        .andWhere("p.kind <> 'year' AND p.deletedAt IS NULL")
        .orderBy('p.startDate', 'ASC');
    },
    { yearId, grade: gradeLevel },
  );
  for (const r of rows) {
    r.ordinal = num(r.ordinal);
    r.gradeFrom = num(r.gradeFrom);
    r.gradeTo = num(r.gradeTo);
  }
  return rows;
}

const COLUMNS = ['id', 'yearId', 'kind', 'ordinal', 'name', 'startDate', 'endDate', 'gradeFrom', 'gradeTo', 'closedAt', 'createdAt', 'updatedAt', 'deletedAt'] as const;

export function periodOfDate(periods: readonly StudyPeriod[], date: string): StudyPeriod | null {
  return periods.find((p) => p.startDate <= date && p.endDate >= date) ?? null;
}

/** The period a page opens on: the one of today, else the last one begun, else the first. */
export function currentPeriod(periods: readonly StudyPeriod[], today: string): StudyPeriod | null {
  return periodOfDate(periods, today) ?? [...periods].reverse().find((p) => p.startDate <= today) ?? periods[0] ?? null;
}

/**
 * Russian agreement with a period's name: «II четверть закрыта», «I полугодие
 * закрыто», «I триместр закрыт». Forms: feminine, neuter, masculine.
 */
export function agree(periodName: string, forms: readonly [f: string, n: string, m: string]): string {
  const name = periodName.toLocaleLowerCase('ru-RU');
  if (name.includes('полугоди')) return forms[1];
  if (name.includes('триместр') || name.includes('год')) return forms[2];
  return forms[0];
}
