import type { StudyPeriodKind } from '../db/entities/calendar';

/**
 * The fewest current marks a period mark may rest on (seed 003 §5.2): «не
 * менее трёх оценок (при 2-часовой недельной учебной нагрузке по предмету) и
 * более (при учебной нагрузке более 2-х часов в неделю)». The exact numbers are
 * the school's settings: a base for one or two hours a week, and more for each
 * hour above two; half-years, twice as long, have their own base (five, by
 * russian_anchors §2.4).
 */
export interface MinimumMarksRule {
  /** A quarter or trimester at up to two hours a week. */
  quarterBase: number;
  /** A half-year at up to two hours a week. */
  halfYearBase: number;
  /** Added for every hour a week above two. */
  perExtraHour: number;
}

export function minimumMarks(hoursPerWeek: number, periodKind: StudyPeriodKind, rule: MinimumMarksRule): number {
  const base = periodKind === 'half' ? rule.halfYearBase : rule.quarterBase;
  const extraHours = Math.max(0, Math.ceil(hoursPerWeek - 1e-9) - 2);
  return base + extraHours * rule.perExtraHour;
}
