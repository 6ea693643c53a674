import { addDays } from '../shared/dates';

/**
 * Final marks are set «не позднее 2-х дней до окончания учебного периода»
 * (seed 001 §6.4, seed 003 §5.3); the number of days is a setting. A later
 * mark is accepted and flagged.
 */
export function finalMarkDeadline(periodEnd: string, daysBefore: number): string {
  return addDays(periodEnd, -daysBefore);
}

export function isFinalMarkLate(setOn: string, periodEnd: string, daysBefore: number): boolean {
  return setOn > finalMarkDeadline(periodEnd, daysBefore);
}
