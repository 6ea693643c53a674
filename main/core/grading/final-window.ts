import { addDays } from '../shared/dates';

/**
 * Final marks are set «по завершении учебного периода» (seed 000), in its
 * last weeks — not before: a quarter mark in early December, on a fraction
 * of the quarter's marks, is what the deputy's check finds later. The window
 * (in days before the period's end) is a setting; before it, a final mark
 * needs the teacher's confirmation with a reason.
 */
export function finalMarkWindowStart(periodEnd: string, windowDays: number): string {
  return addDays(periodEnd, -windowDays);
}

export function isBeforeFinalWindow(today: string, periodEnd: string, windowDays: number): boolean {
  return today < finalMarkWindowStart(periodEnd, windowDays);
}
