import { describe, expect, it } from 'vitest';
import { worstFirst, worstRate } from '../../../renderer/control/worst-first';

type Page = Parameters<typeof worstFirst>[0] & { name: string };
const rates = (topicsOnTime: number | null, marksOnTime: number | null = 100, attendance: number | null = 100, homework: number | null = 100) => ({
  topicsOnTime,
  marksOnTime,
  attendance,
  homework,
});
const finding = (code: string, count: number) => ({ code, count, text: code }) as Page['findings'][number];

describe('Контроль: the pages of a check, worst first', () => {
  const clean: Page = { name: '5А математика', findings: [], rates: rates(100) };
  const late: Page = { name: '5А русский', findings: [finding('topics_late', 3)], rates: rates(80) };
  const lateWorse: Page = { name: '5Б русский', findings: [finding('topics_late', 2)], rates: rates(40) };
  const many: Page = { name: '7В история', findings: [finding('topics_missing', 1), finding('attendance_missing', 1)], rates: rates(95, 100, 90) };

  it('more kinds of findings first, then the lower worst rate, the clean pages last', () => {
    const ordered = [clean, late, lateWorse, many].sort(worstFirst).map((p) => p.name);
    expect(ordered).toEqual(['7В история', '5Б русский', '5А русский', '5А математика']);
  });

  it('among pages alike, more occurrences first; otherwise the order they came in (by class) stays', () => {
    const a: Page = { name: 'a', findings: [finding('no_marks', 2)], rates: rates(90) };
    const b: Page = { name: 'b', findings: [finding('no_marks', 5)], rates: rates(90) };
    const c: Page = { name: 'c', findings: [finding('no_marks', 5)], rates: rates(90) };
    expect([a, b, c].sort(worstFirst).map((p) => p.name)).toEqual(['b', 'c', 'a']);
  });

  it('the worst rate is the lowest of those that apply (grade 1 has no marks nor homework)', () => {
    expect(worstRate({ rates: rates(88, null, 97, null) })).toBe(88);
    expect(worstRate({ rates: rates(null, null, null, null) })).toBeNull();
  });
});
