/**
 * Hours a year a subject has by the curriculum: the item's own figure when
 * the school set one (a subject taught for half a year), otherwise the weekly
 * hours times the study weeks — 33 in grade 1 and 34 in grades 2–11, as the
 * federal curricula (ФОП НОО, ООО, СОО) count them.
 */
export function studyWeeks(gradeLevel: number): number {
  return gradeLevel === 1 ? 33 : 34;
}

export function curriculumYearHours(item: { hoursPerWeek: number; hoursPerYear: number | null }, gradeLevel: number): number {
  if (item.hoursPerYear !== null && item.hoursPerYear !== undefined) return item.hoursPerYear;
  return Math.round(item.hoursPerWeek * studyWeeks(gradeLevel));
}
