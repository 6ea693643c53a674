import { z } from 'zod';
import { SEXES } from '../db/entities/contingent';
import { emailField, optionalDate, optionalPersonName, optionalText, personName, phoneField } from '../school/common';

/**
 * СНИЛС: «123-456-789 01». The last two digits are a check sum of the first
 * nine: each digit times its position counted from the right (9…1), summed;
 * below 100 the sum itself, 100 and 101 give 00, above — the remainder of
 * division by 101 (00 if it is 100). Numbers up to 001-001-998 have no check.
 */
export function snilsProblem(raw: string): string | null {
  const digits = raw.replace(/[\s-]/g, '');
  if (!/^\d{11}$/.test(digits)) return 'СНИЛС — 11 цифр, например 123-456-789 01';
  const body = digits.slice(0, 9);
  const check = Number(digits.slice(9));
  if (Number(body) <= 1001998) return null;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (9 - i), 0);
  let expected = sum < 100 ? sum : sum === 100 || sum === 101 ? 0 : sum % 101;
  if (expected === 100) expected = 0;
  return expected === check ? null : 'Неверный СНИЛС: не сходится контрольное число';
}

export function formatSnils(raw: string): string {
  const d = raw.replace(/\D/g, '');
  return `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 9)} ${d.slice(9, 11)}`;
}

const snilsField = optionalText(14)
  .refine((v) => v === null || snilsProblem(v) === null, { error: (issue) => snilsProblem(String(issue.input)) ?? 'Неверный СНИЛС' })
  .transform((v) => (v === null ? null : formatSnils(v)));

/** School age: a student is 5 to 21 years old on the day the record is saved. */
export function birthDateProblem(birthDate: string, today: string): string | null {
  if (birthDate > today) return 'Дата рождения не может быть в будущем';
  const age = ageOn(birthDate, today);
  if (age < 5 || age > 21) return `Проверьте дату рождения: по ней обучающемуся ${age} ${yearsWord(age)}`;
  return null;
}

export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

function yearsWord(n: number): string {
  const rule = new Intl.PluralRules('ru').select(n);
  return rule === 'one' ? 'год' : rule === 'few' ? 'года' : 'лет';
}

/** The fields of a student's record, as the card and the import check them. */
export const studentFields = {
  lastName: personName('Введите фамилию'),
  firstName: personName('Введите имя'),
  middleName: optionalPersonName,
  birthDate: optionalDate,
  sex: z.enum(SEXES, { error: 'Выберите пол' }).nullish().transform((v) => v ?? null),
  personalFileNo: optionalText(50),
  address: optionalText(500),
  phone: phoneField,
  email: emailField,
  snils: snilsField,
  note: optionalText(2000),
};

export const studentSchema = z.object(studentFields);
export type StudentInput = z.output<typeof studentSchema>;
