/** Russian names of the contingent's codes, for tables and chips. */
export const CONSENT_LABELS = { given: 'получено', refused: 'отказ', not_asked: 'не запрашивалось' } as const;
export const RELATION_OPTIONS = [
  { value: 'mother', label: 'Мать' },
  { value: 'father', label: 'Отец' },
  { value: 'guardian', label: 'Опекун' },
  { value: 'other', label: 'Иной представитель' },
];
export const SEX_OPTIONS = [
  { value: 'm', label: 'мужской' },
  { value: 'f', label: 'женский' },
];
export const MOVEMENT_LABELS = { enrolment: 'Зачисление', transfer: 'Перевод', withdrawal: 'Выбытие' } as const;
