import type { GradingSystemCode } from '../db/entities/school';
import type { FinalMarkValue } from '../db/entities/journal';
import { plainAverage, weightedAverage, countedMarks, type CountedMark } from './averages';
import { averageForRule, roundToMark, roundByThreshold, type RoundingRule } from './rounding';
import { FAIL, PASS } from './values';
import { countRu, decimalRu, MARK_FORMS } from './plural';

/**
 * Suggestions for final marks (seed 003 §5.2, seed 001 §6.3): the program
 * proposes, the teacher decides. A suggestion never replaces a mark that is
 * set; its warnings say why the teacher should look twice.
 */
export type FinalWarningCode = 'noMarks' | 'fewMarks' | 'missingPeriods' | 'notCertified' | 'late';

export interface FinalWarning {
  code: FinalWarningCode;
  message: string;
}

export interface Suggestion {
  value: FinalMarkValue | null;
  /** The average the suggestion rests on (null for pass/fail and when there is none). */
  basis: number | null;
  warnings: FinalWarning[];
}

export interface CurrentMark extends CountedMark {
  value: string;
}

export interface PeriodInput {
  system: GradingSystemCode;
  marks: readonly CurrentMark[];
  /** The fewest marks a period mark may rest on (minimumMarks). */
  minimum: number;
  hoursPerWeek: number;
  rounding: RoundingRule;
}

export function suggestPeriodMark(input: PeriodInput): Suggestion {
  if (input.system === 'none') return { value: null, basis: null, warnings: [] };
  const warnings: FinalWarning[] = [];
  const counted = input.system === 'pass_fail' ? input.marks.length : countedMarks(input.marks);
  if (counted === 0) {
    warnings.push({
      code: 'noMarks',
      message: 'Нет ни одной отметки: итоговую отметку по текущим выставить нельзя (возможно, «н/а»).',
    });
    return { value: null, basis: null, warnings };
  }
  if (counted < input.minimum) {
    warnings.push({
      code: 'fewMarks',
      message: `Мало отметок: ${countRu(counted, MARK_FORMS)} при необходимых ${input.minimum} (${hoursText(input.hoursPerWeek)} в неделю).`,
    });
  }
  if (input.system === 'pass_fail') {
    const passes = input.marks.filter((m) => m.value === PASS).length;
    const fails = input.marks.filter((m) => m.value === FAIL).length;
    // A tie goes in the student's favour.
    return { value: passes >= fails ? PASS : FAIL, basis: null, warnings };
  }
  const basis = averageForRule(weightedAverage(input.marks), plainAverage(input.marks), input.rounding);
  if (basis === null) return { value: null, basis: null, warnings };
  return { value: String(roundToMark(basis, input.rounding)) as FinalMarkValue, basis, warnings };
}

export interface YearInput {
  system: GradingSystemCode;
  /** Every period of the year for the class's grade, in order, with its set mark (null: not set). */
  periods: readonly { name: string; value: FinalMarkValue | null }[];
  rounding: RoundingRule;
}

const NUMERIC = new Set(['2', '3', '4', '5']);

/**
 * The year mark from the period marks: their arithmetic mean, rounded by the
 * school's threshold; «в пользу ученика» rounds a tie (x,50) up.
 */
export function suggestYearMark(input: YearInput): Suggestion {
  if (input.system === 'none') return { value: null, basis: null, warnings: [] };
  const warnings: FinalWarning[] = [];
  const missing = input.periods.filter((p) => p.value === null).map((p) => p.name);
  if (missing.length > 0) {
    warnings.push({ code: 'missingPeriods', message: `Не выставлены отметки за: ${missing.join(', ')}.` });
  }
  const notCertified = input.periods.filter((p) => p.value === 'н/а').map((p) => p.name);
  if (notCertified.length > 0) {
    warnings.push({ code: 'notCertified', message: `Не аттестован за: ${notCertified.join(', ')}.` });
  }
  const set = input.periods.filter((p) => p.value !== null);
  if (set.length > 0 && set.every((p) => p.value === 'осв.')) return { value: 'осв.', basis: null, warnings };
  if (input.system === 'pass_fail') {
    const results = set.filter((p) => p.value === PASS || p.value === FAIL);
    if (results.length === 0) return { value: null, basis: null, warnings };
    return { value: results.every((p) => p.value === PASS) ? PASS : FAIL, basis: null, warnings };
  }
  const numbers = set.filter((p) => p.value !== null && NUMERIC.has(p.value)).map((p) => Number(p.value));
  if (numbers.length === 0) return { value: null, basis: null, warnings };
  const basis = numbers.reduce((a, b) => a + b, 0) / numbers.length;
  const threshold = input.rounding.inFavour ? Math.min(50, input.rounding.threshold) : input.rounding.threshold;
  const mark = Math.min(5, Math.max(2, roundByThreshold(basis, threshold)));
  return { value: String(mark) as FinalMarkValue, basis, warnings };
}

function hoursText(hours: number): string {
  const shown = Number.isInteger(hours) ? String(hours) : decimalRu(hours, 1);
  return `при ${shown} ч`;
}
