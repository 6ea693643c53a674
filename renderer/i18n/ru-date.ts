/**
 * Dates as a Russian user types them (UI.md: `22.11.2026`), read and written
 * here only, whatever the browser's or the system's locale. A date field's
 * value is `YYYY-MM-DD` once the text is a real date, `''` when the field is
 * empty, and otherwise the text as typed — so a form can never save a date
 * other than the one on the screen: it sees the text and refuses it.
 */

export const DATE_HINT = 'ДД.ММ.ГГГГ';
export const DATE_FORMAT_MESSAGE = 'Введите дату в виде ДД.ММ.ГГГГ, например 10.12.2026';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date `YYYY-MM-DD` (not 31.02). */
export function isIsoDate(value: string): boolean {
  const m = ISO.exec(value);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo);
}

/** `2026-12-10` → `10.12.2026`; anything else is returned as it is (the text a user typed). */
export function formatRuDate(value: string): string {
  const m = ISO.exec(value);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : value;
}

/**
 * `10.12.2026`, `10.12.26`, `10.12`, `10 12 2026`, `10/12/2026`, `10-12-2026`,
 * `10122026`, `2026-12-10` → `2026-12-10`; null when the text is no real date.
 * A two-digit year is of this century. A date without a year is of the
 * school year (August to July) that `reference` (`YYYY-MM-DD`) falls in:
 * typed on 28.08, «02.09» is the coming September; on 01.09, «15.05» is the
 * coming May; on 10.01, «28.12» is the December just past.
 */
export function parseRuDate(text: string, reference: string): string | null {
  const t = text.trim().replace(/\.$/, '');
  if (t === '') return null;
  if (ISO.test(t)) return isIsoDate(t) ? t : null;
  const compact = /^(\d{2})(\d{2})(\d{4}|\d{2})?$/.exec(t);
  const parts = /^(\d{1,2})\s*[.\s/,-]\s*(\d{1,2})(?:\s*[.\s/,-]\s*(\d{4}|\d{2}))?$/.exec(t);
  const m = parts ?? compact;
  if (!m) return null;
  const day = Number(m[1]);
  const month = Number(m[2]);
  let year = m[3] === undefined ? null : m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  if (year === null) {
    const ref = ISO.exec(reference) ?? ISO.exec(localToday())!;
    const schoolYearStart = Number(ref[2]) >= 8 ? Number(ref[1]) : Number(ref[1]) - 1;
    year = month >= 8 ? schoolYearStart : schoolYearStart + 1;
  }
  if (year < 1900 || year > 2200 || day > daysIn(year, month)) return null;
  return iso(year, month, day);
}

/**
 * The message a date field shows, or null when its value is fine: `value` is
 * the field's value (see above), `required` whether it may stay empty.
 */
export function dateError(value: string, required = true): string | null {
  if (value.trim() === '') return required ? 'Введите дату' : null;
  return isIsoDate(value) ? null : DATE_FORMAT_MESSAGE;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Today on this computer, `YYYY-MM-DD` (the reference for a date typed without a year). */
export function localToday(): string {
  const d = new Date();
  return iso(d.getFullYear(), d.getMonth() + 1, d.getDate());
}
