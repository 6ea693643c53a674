import { describe, expect, it } from 'vitest';
import { gradeRules, FIRST_GRADE, LAST_GRADE } from '../../../main/core/school/grade-rules';

const grades = Array.from({ length: LAST_GRADE - FIRST_GRADE + 1 }, (_, i) => FIRST_GRADE + i);
const where = (rule: (level: number) => boolean) => grades.filter(rule);

describe('what the regulations decide by grade level', () => {
  it('teaches grades 1 to 11', () => {
    expect(grades).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  // Seed 000 (000_53014ba79efb486a.txt) §2.8: «В 1-х классах ведется только учет посещаемости и записи тем уроков».
  // Seed 003 (003_926632365ce7fa90.txt) §3.7: «В 1-х классах оценки, домашнее задание … не ставятся».
  it('gives no marks and no homework in grade 1, and both from grade 2 on (seed 000 §2.8, seed 003 §3.7)', () => {
    expect(where((g) => !gradeRules(g).marks)).toEqual([1]);
    expect(where((g) => !gradeRules(g).homework)).toEqual([1]);
  });

  it('counts 33 study weeks in grade 1 and 34 in grades 2–11 (ФОП НОО, ООО, СОО)', () => {
    expect(grades.map((g) => gradeRules(g).studyWeeks)).toEqual([33, 34, 34, 34, 34, 34, 34, 34, 34, 34, 34]);
  });

  it('allows 5 lessons a day in grades 1–4, 6 in 5–6 and 7 in 7–11 (СанПиН 1.2.3685-21)', () => {
    expect(grades.map((g) => gradeRules(g).maxLessonsPerDay)).toEqual([5, 5, 5, 5, 6, 6, 7, 7, 7, 7, 7]);
  });

  it('ends basic education in grade 9 and secondary in grade 11, and promotes from every grade but the 11th', () => {
    expect(where((g) => gradeRules(g).graduating)).toEqual([9, 11]);
    expect(where((g) => !gradeRules(g).promotable)).toEqual([11]);
  });
});
