import type { GuardianRelation, Sex, ConsentStatus } from '../db/entities/contingent';
import { isSchoolDate } from '../shared/dates';

/**
 * Cell values as schools type them in Excel, read into the app's values. Each
 * parser returns the value, null for an empty cell, or a Russian problem.
 */
export type Parsed<T> = { ok: true; value: T | null } | { ok: false; problem: string };

const ok = <T>(value: T | null): Parsed<T> => ({ ok: true, value });
const bad = (problem: string): Parsed<never> => ({ ok: false, problem });

/** 01.09.2015, 1.9.2015, 01.09.15, 2015-09-01 (and what a date cell of a workbook gives). */
export function parseDate(raw: string): Parsed<string> {
  const s = raw.trim();
  if (!s) return ok(null);
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})(?:\s?г\.?)?$/.exec(s))) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (y < 100) y += y > 50 ? 1900 : 2000;
  } else return bad(`неверная дата «${s}», ожидается ДД.ММ.ГГГГ`);
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isSchoolDate(iso) ? ok(iso) : bad(`неверная дата «${s}» — такой даты нет в календаре`);
}

export function parseSex(raw: string): Parsed<Sex> {
  const s = raw.trim().toLowerCase().replace(/\.$/, '');
  if (!s) return ok(null);
  if (['м', 'муж', 'мужской', 'm', 'male'].includes(s)) return ok('m');
  if (['ж', 'жен', 'женский', 'f', 'female'].includes(s)) return ok('f');
  return bad(`«${raw.trim()}» не распознан, укажите «м» или «ж»`);
}

export function parseRelation(raw: string): Parsed<GuardianRelation> {
  const s = raw.trim().toLowerCase();
  if (!s) return ok(null);
  if (['мать', 'мама'].includes(s)) return ok('mother');
  if (['отец', 'папа'].includes(s)) return ok('father');
  if (s.startsWith('опекун') || s.startsWith('попечител')) return ok('guardian');
  if (['бабушка', 'дедушка', 'иной', 'другое', 'иное', 'законный представитель', 'тётя', 'тетя', 'дядя', 'брат', 'сестра'].includes(s)) return ok('other');
  return bad(`«${raw.trim()}» — укажите «мать», «отец», «опекун» или «иной»`);
}

export function parseConsent(raw: string): Parsed<ConsentStatus> {
  const s = raw.trim().toLowerCase();
  if (!s) return ok(null);
  if (['да', 'есть', 'получено', 'получено согласие', 'согласие', 'согласен', 'согласна', '+', '1'].includes(s)) return ok('given');
  if (['нет', 'отказ', 'отказано', 'не согласен', 'не согласна', '-', '0'].includes(s)) return ok('refused');
  if (['не запрашивалось', 'не спрашивали'].includes(s)) return ok('not_asked');
  return bad(`«${raw.trim()}» — укажите «да» или «нет»`);
}

/** «5А», «5 А», «5-а», «10б» → { grade: 5, letter: 'А' }. */
export function parseClassName(raw: string): Parsed<{ grade: number; letter: string; name: string }> {
  const s = raw.trim().toLocaleUpperCase('ru-RU').replace(/\s|-|«|»|"/g, '');
  if (!s) return ok(null);
  const match = /^(\d{1,2})([А-ЯЁ]{1,3})$/.exec(s);
  if (!match || Number(match[1]) < 1 || Number(match[1]) > 11) return bad(`«${raw.trim()}» — не название класса (например, 5А)`);
  return ok({ grade: Number(match[1]), letter: match[2], name: `${Number(match[1])}${match[2]}` });
}

/** «Иванов Иван Иванович» → parts; a single word is not a full name. */
export function splitFullName(raw: string): Parsed<{ lastName: string; firstName: string; middleName: string | null }> {
  const parts = raw.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return ok(null);
  if (parts.length < 2) return bad(`«${raw.trim()}» — укажите фамилию и имя`);
  return ok({ lastName: parts[0], firstName: parts[1], middleName: parts.slice(2).join(' ') || null });
}

/** «1», «2», «1 смена», «II» → 1 or 2. */
export function parseShift(raw: string): Parsed<number> {
  const s = raw.trim().toLowerCase().replace('смена', '').trim();
  if (!s) return ok(null);
  if (s === '1' || s === 'i' || s === 'первая') return ok(1);
  if (s === '2' || s === 'ii' || s === 'вторая') return ok(2);
  return bad(`«${raw.trim()}» — укажите 1 или 2`);
}
