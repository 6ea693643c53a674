import type { StudyPeriod } from '../db/entities/calendar';

/**
 * Moving a student from one subgroup to another is done only at the end of a
 * study period (seed 003 §4.4.11: «только по окончанию учебного периода
 * (четверть, полугодие, год) и согласован с администрацией школы»).
 *
 * A change that takes effect on `date` (the first day in the new subgroup) is
 * at a period boundary when `date` is the first day of one of the class's
 * periods, falls between two periods (in the vacation), or lies before the
 * first or after the last one. Otherwise it falls inside a period, and the
 * period is returned: the deputy must confirm the change with a reason.
 */
export function periodCutBy(date: string, gradeLevel: number, periods: Pick<StudyPeriod, 'name' | 'kind' | 'startDate' | 'endDate' | 'gradeFrom' | 'gradeTo' | 'deletedAt'>[]) {
  return (
    periods.find(
      (p) =>
        !p.deletedAt &&
        p.kind !== 'year' &&
        p.gradeFrom <= gradeLevel &&
        gradeLevel <= p.gradeTo &&
        p.startDate < date &&
        date <= p.endDate,
    ) ?? null
  );
}
