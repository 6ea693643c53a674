import type { PageFinding } from './labels';

type Ordered = Pick<PageFinding, 'findings' | 'rates'>;

/** The page's worst figure of timeliness and completeness, in percent (null: nothing to rate). */
export function worstRate(p: Pick<PageFinding, 'rates'>): number | null {
  const rates = [p.rates.topicsOnTime, p.rates.marksOnTime, p.rates.attendance, p.rates.homework].filter((r): r is number => r !== null);
  return rates.length === 0 ? null : Math.min(...rates);
}

/**
 * The order a deputy reads a check in: the pages that need her first. More
 * kinds of findings first; among equals, the lower worst rate (topics,
 * marks, attendance, homework on time); then more occurrences. Stable, so
 * pages alike keep the school's order (class, subject) they came in.
 */
export function worstFirst(a: Ordered, b: Ordered): number {
  const kinds = b.findings.length - a.findings.length;
  if (kinds !== 0) return kinds;
  const ra = worstRate(a) ?? 100;
  const rb = worstRate(b) ?? 100;
  if (ra !== rb) return ra - rb;
  return total(b) - total(a);
}

function total(p: Ordered): number {
  return p.findings.reduce((s, f) => s + f.count, 0);
}
