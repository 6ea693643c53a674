/**
 * What the regulations decide by a class's grade level (параллель), in one
 * place: the journal, the curriculum, the deputy's checks, the printed forms,
 * the promotion order and the demo school all ask here.
 */

/** A general-education school teaches grades 1 to 11. */
export const FIRST_GRADE = 1;
export const LAST_GRADE = 11;

export interface GradeRules {
  /**
   * Marks are given (current, period and final ones). Not in grade 1: «в 1-х
   * классах ведется только учет посещаемости и записи тем уроков» (seed 000
   * §2.8), «оценки, домашнее задание … не ставятся» (seed 003 §3.7).
   */
  marks: boolean;
  /** Homework is set and written in the journal; not in grade 1 (seed 003 §3.7). */
  homework: boolean;
  /** Study weeks a year: 33 in grade 1 and 34 in grades 2–11, as the federal curricula (ФОП НОО, ООО, СОО) count them. */
  studyWeeks: number;
  /** The most lessons a day (СанПиН 1.2.3685-21): 5 in grades 1–4 (grade 1: 4, and 5 once a week), 6 in 5–6, 7 in 7–11. */
  maxLessonsPerDay: number;
  /** The grade ends a level of education with the state final attestation (ГИА): 9 (основное общее) and 11 (среднее общее). */
  graduating: boolean;
  /** There is a next grade to be promoted to: every grade but the last. */
  promotable: boolean;
}

export function gradeRules(level: number): GradeRules {
  const first = level === FIRST_GRADE;
  return {
    marks: !first,
    homework: !first,
    studyWeeks: first ? 33 : 34,
    maxLessonsPerDay: level <= 4 ? 5 : level <= 6 ? 6 : 7,
    graduating: level === 9 || level === LAST_GRADE,
    promotable: level < LAST_GRADE,
  };
}
