const rules = new Intl.PluralRules('ru');

/** «1 отметка», «2 отметки», «5 отметок» for the core's own Russian messages. */
export function countRu(n: number, forms: readonly [one: string, few: string, many: string]): string {
  const form = rules.select(n);
  return `${n} ${form === 'one' ? forms[0] : form === 'few' ? forms[1] : forms[2]}`;
}

export const MARK_FORMS = ['отметка', 'отметки', 'отметок'] as const;

/** 4,35: the decimal comma of Russian texts. */
export function decimalRu(value: number, digits = 2): string {
  return value.toFixed(digits).replace('.', ',');
}
