/**
 * The levels of general education (уровни общего образования, ФЗ-273 ст. 10):
 * начальное (grades 1–4), основное (5–9), среднее (10–11). A teacher of a
 * subject at one level is not thereby a teacher of it at another: a primary
 * teacher teaches mathematics in 1–4, not in 5А.
 */
export type EducationLevel = 'primary' | 'basic' | 'secondary';

export function educationLevelOf(grade: number): EducationLevel {
  return grade <= 4 ? 'primary' : grade <= 9 ? 'basic' : 'secondary';
}

/** «начальная школа (1–4 кл.)» */
export const EDUCATION_LEVEL_RU: Record<EducationLevel, string> = {
  primary: 'начальная школа (1–4 кл.)',
  basic: 'основная школа (5–9 кл.)',
  secondary: 'средняя школа (10–11 кл.)',
};
