import type { DeadlineKind } from '../db/entities/school';

/**
 * Work types (виды работ) with weights and checking deadlines (seed 000 §3.2):
 * work in class — the same day; independent, check work and tests — within two
 * lessons; control and laboratory work, dictation — by the next lesson; essay
 * and summary — within ten days.
 */
export interface WorkTypeDef {
  key: string;
  name: string;
  shortName: string;
  weight: number;
  deadlineKind: DeadlineKind;
  deadlineValue: number;
  isControl: boolean;
}

export const WORK_TYPES: readonly WorkTypeDef[] = [
  { key: 'classwork', name: 'Работа на уроке', shortName: 'Урок', weight: 1, deadlineKind: 'same_day', deadlineValue: 0, isControl: false },
  { key: 'oral', name: 'Устный ответ', shortName: 'Уст.', weight: 1, deadlineKind: 'same_day', deadlineValue: 0, isControl: false },
  { key: 'homework', name: 'Домашняя работа', shortName: 'ДЗ', weight: 1, deadlineKind: 'same_day', deadlineValue: 0, isControl: false },
  { key: 'independent', name: 'Самостоятельная работа', shortName: 'С/р', weight: 1.5, deadlineKind: 'lessons', deadlineValue: 2, isControl: false },
  { key: 'check', name: 'Проверочная работа', shortName: 'П/р', weight: 1.5, deadlineKind: 'lessons', deadlineValue: 2, isControl: false },
  { key: 'test', name: 'Тест', shortName: 'Тест', weight: 1.5, deadlineKind: 'lessons', deadlineValue: 2, isControl: false },
  { key: 'practical', name: 'Практическая работа', shortName: 'Пр/р', weight: 1.5, deadlineKind: 'lessons', deadlineValue: 2, isControl: false },
  { key: 'control', name: 'Контрольная работа', shortName: 'К/р', weight: 2, deadlineKind: 'lessons', deadlineValue: 1, isControl: true },
  { key: 'lab', name: 'Лабораторная работа', shortName: 'Л/р', weight: 2, deadlineKind: 'lessons', deadlineValue: 1, isControl: false },
  { key: 'dictation', name: 'Диктант', shortName: 'Дикт.', weight: 2, deadlineKind: 'lessons', deadlineValue: 1, isControl: true },
  { key: 'essay', name: 'Сочинение', shortName: 'Соч.', weight: 2, deadlineKind: 'days', deadlineValue: 10, isControl: false },
  { key: 'summary', name: 'Изложение', shortName: 'Изл.', weight: 2, deadlineKind: 'days', deadlineValue: 10, isControl: false },
  { key: 'norms', name: 'Сдача нормативов', shortName: 'Норм.', weight: 1.5, deadlineKind: 'same_day', deadlineValue: 0, isControl: false },
];

export function workTypeDef(key: string): WorkTypeDef {
  const w = WORK_TYPES.find((x) => x.key === key);
  if (!w) throw new Error(`Unknown work type ${key}`);
  return w;
}

/** Work types of «everyday» marks in a subject, with how often each is used. */
export function everydayWorkTypes(subjectKey: string): [string, number][] {
  switch (subjectKey) {
    case 'pe':
      return [['classwork', 6], ['norms', 3]];
    case 'music':
    case 'art':
    case 'technology':
      return [['classwork', 7], ['practical', 2], ['oral', 1]];
    case 'informatics':
      return [['classwork', 4], ['practical', 4], ['test', 2]];
    case 'english':
      return [['classwork', 4], ['oral', 3], ['homework', 2], ['test', 1], ['independent', 1]];
    case 'russian':
      return [['classwork', 4], ['homework', 2], ['independent', 2], ['check', 1], ['oral', 1]];
    case 'literature':
    case 'reading':
      return [['oral', 5], ['classwork', 3], ['homework', 2], ['test', 1]];
    default:
      return [['classwork', 4], ['oral', 2], ['homework', 2], ['independent', 2], ['check', 1], ['test', 1]];
  }
}
