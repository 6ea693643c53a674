import type { ReadableDb } from '../db/readable';
import { z } from 'zod';
import { IsNull, type EntitySchema, type FindOptionsWhere } from 'typeorm';
import { AppError, fail, type FieldErrors } from '../shared/errors';
import { AcademicYearEntity, type AcademicYear } from '../db/entities/calendar';
import { yearClosed } from '../year/lock';
import { FIRST_GRADE, LAST_GRADE } from './grade-rules';
import { isSchoolDate } from '../shared/dates';

/**
 * Shared pieces of the reference-data domains (school, contingent, import):
 * field schemas with Russian messages, loading live (not tombstoned) rows,
 * and refusals that name the field they belong to, so that a form can show
 * each next to its field. Dates: shared/dates.ts.
 */

export const dateField = z
  .string({ error: 'Укажите дату' })
  .trim()
  .min(1, 'Укажите дату')
  .refine(isSchoolDate, 'Укажите правильную дату');

export const optionalDate = z
  .string()
  .trim()
  .nullish()
  .transform((v) => v || null)
  .refine((v) => v === null || isSchoolDate(v), 'Укажите правильную дату');

const GRADES = `Параллели — с ${FIRST_GRADE} по ${LAST_GRADE}`;
export const gradeField = z.number({ error: 'Укажите параллель' }).int().min(FIRST_GRADE, GRADES).max(LAST_GRADE, GRADES);

export const idField = z.string({ error: 'Выберите значение из списка' }).uuid('Выберите значение из списка');
export const optionalId = z
  .string()
  .nullish()
  .transform((v) => v || null)
  .refine((v) => v === null || z.string().uuid().safeParse(v).success, 'Выберите значение из списка');

/** Optional free text: blank becomes null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Не более ${max} символов`)
    .nullish()
    .transform((v) => v || null);

export const requiredText = (max: number, empty = 'Заполните поле') =>
  z.string({ error: empty }).trim().min(1, empty).max(max, `Не более ${max} символов`);

/** Фамилия, имя, отчество: Cyrillic (or Latin) letters, hyphens, spaces, apostrophes. */
const NAME_RE = /^[A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё' -]*$/;
export const personName = (empty: string) =>
  requiredText(100, empty).refine((v) => v === '' || NAME_RE.test(v), 'Только буквы, дефис и пробел');
export const optionalPersonName = optionalText(100).refine((v) => v === null || NAME_RE.test(v), 'Только буквы, дефис и пробел');

export const emailField = optionalText(200).refine(
  (v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
  'Адрес электронной почты вида name@example.ru',
);

/**
 * A Russian phone number kept as «+7 (912) 345-67-89»: 10 digits, or 11
 * starting with 7 or 8. Anything else is kept as typed only if it has at least
 * five digits (an extension, a landline of a village school).
 */
export function normalisePhone(raw: string): string | null {
  const digits = raw.replace(/\D/g, '');
  let d = digits;
  if (d.length === 11 && (d[0] === '7' || d[0] === '8')) d = d.slice(1);
  if (d.length === 10) return `+7 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`;
  return digits.length >= 5 ? raw.trim() : null;
}

export const phoneField = optionalText(50)
  .refine((v) => v === null || normalisePhone(v) !== null, 'Номер телефона, например +7 912 345-67-89')
  .transform((v) => (v === null ? null : normalisePhone(v)));

export function overlaps(a: { startDate: string; endDate: string }, b: { startDate: string; endDate: string }): boolean {
  return a.startDate <= b.endDate && b.startDate <= a.endDate;
}

/** 1–9 классы, 10–11 классы, 5 класс. */
export function gradeRange(from: number, to: number): string {
  return from === to ? `${from} класс` : `${from}–${to} классы`;
}

// ---------------------------------------------------------------- refusals

/**
 * A refusal of bad input: each message stays next to its field (`details.fields`);
 * the first one is also the headline, with a count of the others.
 */
export function invalid(fields: FieldErrors): AppError {
  const messages = Object.values(fields);
  const first = messages[0] ?? 'Данные не прошли проверку';
  const more = messages.length > 1 ? ` Есть и другие замечания (${messages.length - 1}): они показаны у полей.` : '';
  return new AppError('VALIDATION', `${first}.${more}`, { fields });
}

/** A clash with existing data (a duplicate, an overlap); the field is named when there is one. */
export function clash(message: string, fields?: FieldErrors): AppError {
  return fail.conflict(message.endsWith('.') ? message : `${message}.`, fields ? { fields } : undefined);
}

/** Collects field problems, then throws them all at once: a form shows every problem, not just the first. */
export class Problems {
  readonly fields: FieldErrors = {};
  add(field: string, message: string): void {
    this.fields[field] ??= message;
  }
  get any(): boolean {
    return Object.keys(this.fields).length > 0;
  }
  throwIfAny(): void {
    if (this.any) throw invalid(this.fields);
  }
}

// ---------------------------------------------------------------- rows

type Live<T> = FindOptionsWhere<T> & { deletedAt?: unknown };

/** Rows that are not tombstoned. */
export function findLive<T extends { deletedAt: string | null }>(
  em: ReadableDb,
  entity: EntitySchema<T>,
  where: FindOptionsWhere<T> = {},
): Promise<T[]> {
  return em.find(entity, { where: { ...where, deletedAt: IsNull() } as Live<T> as FindOptionsWhere<T> });
}

export async function requireLive<T extends { id: string; deletedAt: string | null }>(
  em: ReadableDb,
  entity: EntitySchema<T>,
  id: string,
  what: string,
): Promise<T> {
  const row = await em.findOne(entity, { where: { id } as FindOptionsWhere<T> });
  if (!row || row.deletedAt) throw fail.notFound(what);
  return row;
}

/**
 * The year, refusing changes to a closed one (year closing makes every record
 * of it read-only). The one helper for domains that want to refuse before
 * doing any work; the audited Writer refuses every write into a closed year
 * anyway (year/lock.ts), with the same message.
 */
export async function requireOpenYear(em: ReadableDb, yearId: string): Promise<AcademicYear> {
  const year = await requireLive(em, AcademicYearEntity, yearId, 'Учебный год');
  if (year.status === 'closed') throw yearClosed(year.name);
  return year;
}
