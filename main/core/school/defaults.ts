import type { DeadlineKind, GradingSystemCode } from '../db/entities/school';

/** The three grading systems a Russian school uses (DOMAIN.md «Reference data»). */
export const DEFAULT_GRADING_SYSTEMS: { code: GradingSystemCode; name: string; allowModifiers: boolean }[] = [
  { code: 'five_point', name: 'Пятибалльная (отметки 1–5)', allowModifiers: false },
  { code: 'pass_fail', name: 'Зачёт / незачёт', allowModifiers: false },
  { code: 'none', name: 'Без отметок (безотметочное обучение)', allowModifiers: false },
];

export interface WorkTypeDefault {
  name: string;
  shortName: string;
  weight: number;
  deadlineKind: DeadlineKind;
  deadlineValue: number;
  isControl: boolean;
}

/**
 * Work types and their checking deadlines as seed 000 §3.2 sets them: work in
 * class — the same day; test, independent and check work — within two
 * lessons; control and laboratory work, dictation — by the next lesson; essay
 * and summary — within ten days. Weights are the common school practice
 * (a control work counts twice as much as an answer in class); each school
 * changes them on the «Виды работ» screen.
 */
export const DEFAULT_WORK_TYPES: WorkTypeDefault[] = [
  { name: 'Работа на уроке', shortName: 'Урок', weight: 1, deadlineKind: 'same_day', deadlineValue: 0, isControl: false },
  { name: 'Устный ответ', shortName: 'Уст.', weight: 1, deadlineKind: 'same_day', deadlineValue: 0, isControl: false },
  { name: 'Домашняя работа', shortName: 'ДЗ', weight: 1, deadlineKind: 'same_day', deadlineValue: 0, isControl: false },
  { name: 'Тест', shortName: 'Тест', weight: 1.5, deadlineKind: 'lessons', deadlineValue: 2, isControl: false },
  { name: 'Самостоятельная работа', shortName: 'С/р', weight: 1.5, deadlineKind: 'lessons', deadlineValue: 2, isControl: false },
  { name: 'Проверочная работа', shortName: 'П/р', weight: 1.5, deadlineKind: 'lessons', deadlineValue: 2, isControl: false },
  { name: 'Практическая работа', shortName: 'Пр/р', weight: 1.5, deadlineKind: 'lessons', deadlineValue: 2, isControl: false },
  { name: 'Контрольная работа', shortName: 'К/р', weight: 2, deadlineKind: 'lessons', deadlineValue: 1, isControl: true },
  { name: 'Лабораторная работа', shortName: 'Л/р', weight: 2, deadlineKind: 'lessons', deadlineValue: 1, isControl: false },
  { name: 'Диктант', shortName: 'Дикт.', weight: 2, deadlineKind: 'lessons', deadlineValue: 1, isControl: true },
  { name: 'Сочинение', shortName: 'Соч.', weight: 2, deadlineKind: 'days', deadlineValue: 10, isControl: false },
  { name: 'Изложение', shortName: 'Изл.', weight: 2, deadlineKind: 'days', deadlineValue: 10, isControl: false },
];

/** «в день проведения», «в течение 2 уроков», «к следующему уроку», «в течение 10 дней». */
export function deadlineText(kind: DeadlineKind, value: number): string {
  if (kind === 'same_day') return 'в день проведения';
  if (kind === 'lessons' && value === 1) return 'к следующему уроку';
  // «в течение» takes the genitive: 1 (21, 31…) урока / дня, otherwise уроков / дней.
  const one = new Intl.PluralRules('ru').select(value) === 'one';
  return kind === 'lessons' ? `в течение ${value} ${one ? 'урока' : 'уроков'}` : `в течение ${value} ${one ? 'дня' : 'дней'}`;
}
