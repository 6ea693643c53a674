import { format, isValid, parseISO } from 'date-fns';
import { ru } from 'date-fns/locale';

/**
 * Russian formats (UI.md «Russian, done right»): 22.11.2026, 22.11, 08:30,
 * Пн…Сб, decimal comma, «ёлочки», plurals by Russian rules.
 */

/** A Date, an ISO instant or a school date `YYYY-MM-DD` (read as a local date). */
export type DateLike = Date | string;

function toDate(value: DateLike): Date {
  return typeof value === 'string' ? parseISO(value) : value;
}

function safe(value: DateLike | null | undefined, pattern: string): string {
  if (value === null || value === undefined || value === '') return '—';
  const d = toDate(value);
  return isValid(d) ? format(d, pattern, { locale: ru }) : '—';
}

/** 22.11.2026 */
export const formatDate = (value: DateLike | null | undefined) => safe(value, 'dd.MM.yyyy');
/** 22.11 */
export const formatShortDate = (value: DateLike | null | undefined) => safe(value, 'dd.MM');
/** 08:30 */
export const formatTime = (value: DateLike | null | undefined) => safe(value, 'HH:mm');
/** 22.11.2026 08:30 */
export const formatDateTime = (value: DateLike | null | undefined) => safe(value, 'dd.MM.yyyy HH:mm');
/** 22.11.2026 08:30:15 — where seconds tell two moments apart (the sides of a sync conflict). */
export const formatDateTimeSeconds = (value: DateLike | null | undefined) => safe(value, 'dd.MM.yyyy HH:mm:ss');
/** «ноября 2026» style month names come from date-fns' `ru` locale: 22 ноября 2026 г. */
export const formatLongDate = (value: DateLike | null | undefined) => safe(value, 'd MMMM yyyy г.');

const WEEKDAYS = ['Вс', 'Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб'] as const;

/** Пн, Вт … Сб, Вс */
export function weekdayShort(value: DateLike): string {
  const d = toDate(value);
  return isValid(d) ? WEEKDAYS[d.getDay()] : '—';
}

const numberFormats = new Map<number, Intl.NumberFormat>();

/** 4,35 — a decimal comma, a non-breaking space between thousands. */
export function formatNumber(value: number, fractionDigits = 2): string {
  let f = numberFormats.get(fractionDigits);
  if (!f) {
    f = new Intl.NumberFormat('ru-RU', { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
    numberFormats.set(fractionDigits, f);
  }
  return f.format(value);
}

/** 87,5 % (the value is already in percent). */
export function formatPercent(value: number, fractionDigits = 1): string {
  return `${formatNumber(value, fractionDigits)}\u00a0%`;
}

/** «Математика» */
export function quote(text: string): string {
  return `«${text}»`;
}

const pluralRules = new Intl.PluralRules('ru');

/** The word for a count: plural(5, ['урок', 'урока', 'уроков']) → «уроков». */
export function plural(count: number, forms: readonly [one: string, few: string, many: string]): string {
  switch (pluralRules.select(count)) {
    case 'one':
      return forms[0];
    case 'few':
      return forms[1];
    case 'many':
      return forms[2];
    default:
      return forms[1]; // fractions: 1,5 урока
  }
}

/** 1 урок, 2 урока, 5 уроков */
export function countOf(count: number, forms: readonly [string, string, string]): string {
  return `${count} ${plural(count, forms)}`;
}

const collator = new Intl.Collator('ru', { sensitivity: 'base' });
const foldYo = (s: string) => s.replace(/ё/g, 'е').replace(/Ё/g, 'Е');

/** Russian order, «ё» as «е», case ignored: for names and lists. */
export function compareRu(a: string, b: string): number {
  return collator.compare(foldYo(a), foldYo(b));
}
