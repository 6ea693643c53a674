import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import '../../../main/core/shared/zod-ru';

const message = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  if (r.success) throw new Error('expected a failure');
  return r.error.issues[0].message;
};

describe('validation messages a teacher can read', () => {
  it('speaks of numbers, lengths and required fields in plain Russian, with Russian plurals', () => {
    expect(message(z.number().int().min(1), 0)).toBe('Значение должно быть не меньше 1');
    expect(message(z.number().max(5), 9)).toBe('Значение должно быть не больше 5');
    expect(message(z.string().min(1), '')).toBe('Заполните поле');
    expect(message(z.string().min(3), 'a')).toBe('Не короче 3 символов');
    expect(message(z.string().min(2), 'a')).toBe('Не короче 2 символов');
    expect(message(z.string().max(21), 'x'.repeat(30))).toBe('Не длиннее 21 символа');
    expect(message(z.string().max(1), 'xx')).toBe('Не длиннее 1 символа');
    expect(message(z.object({ a: z.string() }), {})).toBe('Заполните поле');
    expect(message(z.number().int(), 1.5)).toBe('Введите целое число');
    expect(message(z.number(), 'x')).toBe('Неверное значение: ожидается число');
    expect(message(z.string().uuid(), 'x')).toBe('Неверная ссылка на запись');
  });

  it('never shows an English type name', () => {
    for (const [schema, value] of [
      [z.boolean(), 1],
      [z.array(z.string()).min(1), []],
      [z.enum(['a', 'b']), 'c'],
    ] as const) {
      expect(message(schema, value)).not.toMatch(/number|string|boolean|array|undefined/);
    }
  });

  it('keeps a message written on the schema', () => {
    expect(message(z.string().min(1, 'Введите логин'), '')).toBe('Введите логин');
  });
});
