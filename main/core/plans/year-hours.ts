import { gradeRules } from '../school/grade-rules';

/**
 * Hours a year a subject has by the curriculum: the item's own figure when
 * the school set one (a subject taught for half a year), otherwise the weekly
 * hours times the grade's study weeks.
 */
export function curriculumYearHours(item: { hoursPerWeek: number; hoursPerYear: number | null }, gradeLevel: number): number {
  if (item.hoursPerYear !== null && item.hoursPerYear !== undefined) return item.hoursPerYear;
  return Math.round(item.hoursPerWeek * gradeRules(gradeLevel).studyWeeks);
}
