/**
 * A typical curriculum of a Russian school on a five-day week, after the
 * federal educational programmes (ФОП НОО, ООО, СОО, 2023) that implement the
 * ФГОС: weekly hours per subject for grades 1–11.
 *
 * Choices a real school makes in «часть, формируемая участниками
 * образовательных отношений», and this demo makes as follows:
 * - physical education has 3 hours a week in grades 1–4;
 * - computer science (информатика) starts in grade 5 with 1 hour a week;
 * - ОДНКНР is taught 1 hour a week in grades 5–6;
 * - grades 10–11 follow the universal profile with advanced mathematics
 *   (алгебра 4, геометрия 3); grade 10 has an individual project.
 * Totals stay within the SanPiN limits for a five-day week
 * (21 / 23 / 29 / 30 / 32 / 33 / 33 / 34): 21, 23, 23, 23, 28, 30, 30, 31, 32, 30, 29.
 * The study weeks and the lessons a day of a grade: school/grade-rules.ts.
 */

import { gradeRules } from '../school/grade-rules';

export type GradingCode = 'five_point' | 'pass_fail' | 'none';

export interface SubjectDef {
  key: string;
  name: string;
  shortName: string;
  /** Grading in grades 2–11 (grade 1 is always without marks). */
  grading: GradingCode;
  /** Split into two subgroups from this grade on (null: never split). */
  splitFrom: number | null;
  /** Hours a week for grades 1…11 (index 0 = grade 1). */
  hours: readonly number[];
}

const z = 0;

export const SUBJECTS: readonly SubjectDef[] = [
  { key: 'russian', name: 'Русский язык', shortName: 'Рус. яз.', grading: 'five_point', splitFrom: null, hours: [5, 5, 5, 5, 5, 6, 4, 3, 3, 2, 2] },
  { key: 'reading', name: 'Литературное чтение', shortName: 'Лит. чт.', grading: 'five_point', splitFrom: null, hours: [4, 4, 4, 3, z, z, z, z, z, z, z] },
  { key: 'literature', name: 'Литература', shortName: 'Лит-ра', grading: 'five_point', splitFrom: null, hours: [z, z, z, z, 3, 3, 2, 2, 3, 3, 3] },
  { key: 'english', name: 'Иностранный язык (английский)', shortName: 'Англ. яз.', grading: 'five_point', splitFrom: 2, hours: [z, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3] },
  { key: 'math', name: 'Математика', shortName: 'Матем.', grading: 'five_point', splitFrom: null, hours: [4, 4, 4, 4, 5, 5, z, z, z, z, z] },
  { key: 'algebra', name: 'Алгебра', shortName: 'Алгебра', grading: 'five_point', splitFrom: null, hours: [z, z, z, z, z, z, 3, 3, 3, z, z] },
  { key: 'calculus', name: 'Алгебра и начала математического анализа', shortName: 'Алг. и нач. ан.', grading: 'five_point', splitFrom: null, hours: [z, z, z, z, z, z, z, z, z, 4, 4] },
  { key: 'geometry', name: 'Геометрия', shortName: 'Геом.', grading: 'five_point', splitFrom: null, hours: [z, z, z, z, z, z, 2, 2, 2, 3, 3] },
  { key: 'probability', name: 'Вероятность и статистика', shortName: 'Вер. и стат.', grading: 'five_point', splitFrom: null, hours: [z, z, z, z, z, z, 1, 1, 1, 1, 1] },
  { key: 'informatics', name: 'Информатика', shortName: 'Информ.', grading: 'five_point', splitFrom: 5, hours: [z, z, z, z, 1, 1, 1, 1, 1, 1, 1] },
  { key: 'world', name: 'Окружающий мир', shortName: 'Окр. мир', grading: 'five_point', splitFrom: null, hours: [2, 2, 2, 2, z, z, z, z, z, z, z] },
  { key: 'orkse', name: 'Основы религиозных культур и светской этики', shortName: 'ОРКСЭ', grading: 'pass_fail', splitFrom: null, hours: [z, z, z, 1, z, z, z, z, z, z, z] },
  { key: 'odnknr', name: 'Основы духовно-нравственной культуры народов России', shortName: 'ОДНКНР', grading: 'pass_fail', splitFrom: null, hours: [z, z, z, z, 1, 1, z, z, z, z, z] },
  { key: 'history', name: 'История', shortName: 'История', grading: 'five_point', splitFrom: null, hours: [z, z, z, z, 2, 2, 2, 2, 2, 2, 2] },
  { key: 'social', name: 'Обществознание', shortName: 'Общ.', grading: 'five_point', splitFrom: null, hours: [z, z, z, z, z, 1, 1, 1, 1, 2, 2] },
  { key: 'geography', name: 'География', shortName: 'Геогр.', grading: 'five_point', splitFrom: null, hours: [z, z, z, z, 1, 1, 2, 2, 2, 1, 1] },
  { key: 'physics', name: 'Физика', shortName: 'Физика', grading: 'five_point', splitFrom: null, hours: [z, z, z, z, z, z, 2, 2, 3, 2, 2] },
  { key: 'chemistry', name: 'Химия', shortName: 'Химия', grading: 'five_point', splitFrom: null, hours: [z, z, z, z, z, z, z, 2, 2, 1, 1] },
  { key: 'biology', name: 'Биология', shortName: 'Биол.', grading: 'five_point', splitFrom: null, hours: [z, z, z, z, 1, 1, 1, 2, 2, 1, 1] },
  { key: 'art', name: 'Изобразительное искусство', shortName: 'ИЗО', grading: 'five_point', splitFrom: null, hours: [1, 1, 1, 1, 1, 1, 1, z, z, z, z] },
  { key: 'music', name: 'Музыка', shortName: 'Музыка', grading: 'five_point', splitFrom: null, hours: [1, 1, 1, 1, 1, 1, 1, 1, z, z, z] },
  { key: 'technology', name: 'Труд (технология)', shortName: 'Труд', grading: 'five_point', splitFrom: null, hours: [1, 1, 1, 1, 2, 2, 2, 1, 1, z, z] },
  { key: 'obzr', name: 'Основы безопасности и защиты Родины', shortName: 'ОБЗР', grading: 'five_point', splitFrom: null, hours: [z, z, z, z, z, z, z, 1, 1, 1, 1] },
  { key: 'pe', name: 'Физическая культура', shortName: 'Физ-ра', grading: 'five_point', splitFrom: null, hours: [3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2] },
  { key: 'project', name: 'Индивидуальный проект', shortName: 'Инд. проект', grading: 'five_point', splitFrom: null, hours: [z, z, z, z, z, z, z, z, z, 1, z] },
];

function subjectDef(key: string): SubjectDef {
  const s = SUBJECTS.find((d) => d.key === key);
  if (!s) throw new Error(`Unknown demo subject ${key}`);
  return s;
}

/** Weekly hours of a subject in a grade. */
export function weeklyHours(key: string, grade: number): number {
  return subjectDef(key).hours[grade - 1] ?? 0;
}

/** The subjects a grade studies, in curriculum order, with weekly hours and whether the class is split. */
export function curriculumFor(grade: number): { key: string; hours: number; split: boolean }[] {
  return SUBJECTS.filter((s) => s.hours[grade - 1] > 0).map((s) => ({
    key: s.key,
    hours: s.hours[grade - 1],
    split: s.splitFrom !== null && grade >= s.splitFrom,
  }));
}

export function weeklyTotal(grade: number): number {
  return curriculumFor(grade).reduce((sum, s) => sum + s.hours, 0);
}

/** Hours a year (what a КТП must add up to). */
export function yearlyHours(key: string, grade: number): number {
  return weeklyHours(key, grade) * gradeRules(grade).studyWeeks;
}

/**
 * Lessons per weekday (Mon…Fri) for a class: the week's hours spread evenly,
 * the extra lessons going to Tuesday, Wednesday, Thursday first (the
 * heaviest days should be in the middle of the week).
 */
export function dailyLessons(grade: number): number[] {
  const total = weeklyTotal(grade);
  const base = Math.floor(total / 5);
  const days = [base, base, base, base, base];
  const order = [1, 2, 3, 0, 4];
  for (let i = 0; i < total - base * 5; i++) days[order[i]]++;
  if (Math.max(...days) > gradeRules(grade).maxLessonsPerDay) throw new Error(`Grade ${grade}: too many lessons a day`);
  return days;
}
