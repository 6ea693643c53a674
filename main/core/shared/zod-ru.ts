import { z } from 'zod';

/**
 * Validation messages a teacher can read. zod's own Russian locale still names
 * types in English («ожидалось, что number будет >=1»); these cover the common
 * cases in plain words, and the locale covers the rest. A message written on a
 * schema (`.min(1, 'Введите логин')`) always wins over both.
 */
const plural = new Intl.PluralRules('ru');
function count(n: number | bigint, forms: [one: string, few: string, many: string]): string {
  const rule = plural.select(Number(n));
  return `${n} ${rule === 'one' ? forms[0] : rule === 'few' ? forms[1] : forms[2]}`;
}
// After «короче», «длиннее» the count is in the genitive: 1 символа, 3 символов, 21 символа.
const CHARS: [string, string, string] = ['символа', 'символов', 'символов'];
const ITEMS: [string, string, string] = ['элемент', 'элемента', 'элементов'];

const TYPE_NAMES: Record<string, string> = {
  string: 'текст',
  number: 'число',
  int: 'целое число',
  boolean: 'да или нет',
  array: 'список',
  object: 'набор полей',
  date: 'дата',
};

export function russianValidationMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'too_small': {
      const min = issue.minimum as number;
      if (issue.origin === 'string') return min === 1 ? 'Заполните поле' : `Не короче ${count(min, CHARS)}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Нужно не меньше: ${count(min, ITEMS)}`;
      if (issue.origin === 'number' || issue.origin === 'bigint') {
        return issue.inclusive === false ? `Значение должно быть больше ${min}` : `Значение должно быть не меньше ${min}`;
      }
      return undefined;
    }
    case 'too_big': {
      const max = issue.maximum as number;
      if (issue.origin === 'string') return `Не длиннее ${count(max, CHARS)}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Не больше: ${count(max, ITEMS)}`;
      if (issue.origin === 'number' || issue.origin === 'bigint') {
        return issue.inclusive === false ? `Значение должно быть меньше ${max}` : `Значение должно быть не больше ${max}`;
      }
      return undefined;
    }
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return 'Заполните поле';
      if (issue.expected === 'int') return 'Введите целое число';
      return TYPE_NAMES[issue.expected] ? `Неверное значение: ожидается ${TYPE_NAMES[issue.expected]}` : undefined;
    case 'invalid_format':
      if (issue.format === 'uuid' || issue.format === 'guid') return 'Неверная ссылка на запись';
      if (issue.format === 'email') return 'Неверный адрес электронной почты';
      if (issue.format === 'regex') return 'Неверный формат значения';
      return undefined;
    case 'invalid_value':
      return 'Выберите одно из допустимых значений';
    case 'unrecognized_keys':
      return `Лишние поля: ${issue.keys.join(', ')}`;
    default:
      return undefined;
  }
}

z.config(z.locales.ru());
z.config({ customError: (issue) => russianValidationMessage(issue) });
