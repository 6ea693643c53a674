/**
 * Averages of current marks (russian_anchors §2.2): the plain average
 * Σ mark / n and the weighted average Σ(mark × weight) / Σ weight. Marks that
 * do not count (зач, незач, осв.) are left out; a double mark «5/4» is two
 * marks. Each mark keeps the weight its work type had when it was entered.
 */
export interface CountedMark {
  numericValue: number | null;
  weight: number;
}

export function plainAverage(marks: readonly CountedMark[]): number | null {
  let sum = 0;
  let n = 0;
  for (const m of marks) {
    if (m.numericValue === null) continue;
    sum += m.numericValue;
    n++;
  }
  return n === 0 ? null : sum / n;
}

export function weightedAverage(marks: readonly CountedMark[]): number | null {
  let sum = 0;
  let weights = 0;
  for (const m of marks) {
    if (m.numericValue === null || !(m.weight > 0)) continue;
    sum += m.numericValue * m.weight;
    weights += m.weight;
  }
  return weights === 0 ? null : sum / weights;
}

/** Marks that count in an average (numeric ones). */
export function countedMarks(marks: readonly CountedMark[]): number {
  return marks.reduce((n, m) => (m.numericValue === null ? n : n + 1), 0);
}

/**
 * An average as the teacher sees it, to two decimals (4,65). Rules compare
 * this shown value, so that «4,65» on the screen never rounds as 4,6499….
 */
export function shownAverage(value: number): number {
  return Math.round(value * 100 + 1e-7) / 100;
}
