import { AppError } from '../shared/errors';
import type { GradingSystemCode } from '../db/entities/school';

/**
 * Mark values by grading system (DOMAIN.md «Grading systems»): five-point
 * marks 1–5, with «+» and «−» where the school allows them; зачёт/незачёт;
 * no marks at all (безотметочное обучение).
 */
export interface MarkRule {
  code: GradingSystemCode;
  allowModifiers: boolean;
  /** For the refusal: «по предмету «Математика» ставятся…». */
  subjectName: string;
}

export interface MarkValue {
  /** As written in the journal: '5', '4-', 'зач'. */
  value: string;
  /** What counts in averages; null for marks that do not count (зач, незач). */
  numericValue: number | null;
}

/** «4+» counts as 4,25 and «4−» as 3,75: a quarter of a mark either way. */
const MODIFIER_STEP = 0.25;

export const PASS = 'зач';
export const FAIL = 'незач';

/** Teachers type «−», «–» or «-», «зачёт» or «зач»: one spelling is stored. */
function normaliseMarkText(raw: string): string {
  return raw
    .trim()
    .toLocaleLowerCase('ru-RU')
    .replace(/ё/g, 'е')
    .replace(/[−–—]/g, '-')
    .replace(/\s+/g, '');
}

const PASS_SPELLINGS = new Set(['зач', 'зачет', 'з', 'зч']);
const FAIL_SPELLINGS = new Set(['незач', 'незачет', 'нз', 'н/з']);

/** What the refusal says a subject's marks may be. */
function allowedMarksText(rule: MarkRule): string {
  switch (rule.code) {
    case 'five_point':
      return rule.allowModifiers
        ? 'ставятся отметки от 1 до 5, с «+» (к 1–4) или «−» (к 2–5)'
        : 'ставятся отметки от 1 до 5';
    case 'pass_fail':
      return 'ставится «зач» или «незач»';
    case 'none':
      return 'отметки не ставятся (безотметочное обучение)';
  }
}

function refuse(raw: string, rule: MarkRule): AppError {
  // «Отметка 7 невозможна», but «Отметка «абв» невозможна» and «Отметка «-» невозможна».
  const shown = /^[0-9]+[+\-−–]?$/.test(raw.trim()) ? raw.trim() : `«${raw.trim()}»`;
  const message = `Отметка ${shown} невозможна: по предмету «${rule.subjectName}» ${allowedMarksText(rule)}.`;
  return new AppError('VALIDATION', message, { fields: { value: message } });
}

/**
 * Reads a mark as the teacher typed it, or refuses it with a Russian message
 * naming the subject and what it allows: «Отметка 7 невозможна: по предмету
 * «Математика» ставятся отметки от 1 до 5.»
 */
export function parseMark(raw: string, rule: MarkRule): MarkValue {
  if (rule.code === 'none') {
    const message = `По предмету «${rule.subjectName}» отметки не ставятся (безотметочное обучение).`;
    throw new AppError('VALIDATION', message, { fields: { value: message } });
  }
  const text = normaliseMarkText(raw);
  if (rule.code === 'pass_fail') {
    if (PASS_SPELLINGS.has(text)) return { value: PASS, numericValue: null };
    if (FAIL_SPELLINGS.has(text)) return { value: FAIL, numericValue: null };
    throw refuse(raw, rule);
  }
  const m = /^([1-5])([+-])?$/.exec(text);
  if (!m) throw refuse(raw, rule);
  const base = Number(m[1]);
  const modifier = m[2];
  if (!modifier) return { value: m[1], numericValue: base };
  if (!rule.allowModifiers) throw refuse(raw, rule);
  if ((modifier === '+' && base === 5) || (modifier === '-' && base === 1)) throw refuse(raw, rule);
  return { value: `${base}${modifier}`, numericValue: base + (modifier === '+' ? MODIFIER_STEP : -MODIFIER_STEP) };
}

