import { shownAverage } from './averages';

/**
 * How an average becomes a period mark: there is no federal rule, each
 * school's local act decides (russian_anchors §2.3). Schools round up from
 * x,50 (mathematically), from x,60 or from x,65; some «в пользу ученика».
 * The setting is the threshold in hundredths; «в пользу ученика» takes the
 * higher of the weighted and the plain average before rounding.
 */
export interface RoundingRule {
  /** 50 … 99: the fractional part, in hundredths, from which the mark goes up. */
  threshold: number;
  /** Use the higher of the weighted and the plain average. */
  inFavour: boolean;
}

/** The whole mark an average rounds to by the threshold: 3,64 → 3 and 3,65 → 4 at 65. */
export function roundByThreshold(average: number, threshold: number): number {
  const hundredths = Math.round(shownAverage(average) * 100);
  const whole = Math.floor(hundredths / 100);
  return hundredths - whole * 100 >= threshold ? whole + 1 : whole;
}

/** The average a suggestion rests on under the rule. */
export function averageForRule(weighted: number | null, plain: number | null, rule: RoundingRule): number | null {
  if (weighted === null) return plain;
  if (plain === null || !rule.inFavour) return weighted;
  return Math.max(weighted, plain);
}

/** A five-point period mark, 2–5 (a «1» is not a period mark). */
export function roundToMark(average: number, rule: RoundingRule): number {
  return Math.min(5, Math.max(2, roundByThreshold(average, rule.threshold)));
}
