import { describe, expect, it } from 'vitest';
import { lastFinishedWeekMonday, schoolWeekOf } from '../../../renderer/reports/extract-week';

/** Issue 16, item 15: a weekly extract is for the last finished week, Monday to Saturday. */
describe('the week of a parents’ extract', () => {
  it('is, by default, the last finished week: on Monday 23.11.2026 the week of 16.11–21.11', () => {
    expect(lastFinishedWeekMonday('2026-11-23')).toBe('2026-11-16');
    expect(lastFinishedWeekMonday('2026-11-27')).toBe('2026-11-16');
    expect(lastFinishedWeekMonday('2026-11-28')).toBe('2026-11-16');
    // On Sunday the week just past is finished.
    expect(lastFinishedWeekMonday('2026-11-29')).toBe('2026-11-23');
    expect(lastFinishedWeekMonday('2027-01-04')).toBe('2026-12-28');
  });

  it('runs from Monday to Saturday, as the attendance week', () => {
    expect(schoolWeekOf('2026-11-18')).toEqual({ from: '2026-11-16', to: '2026-11-21' });
    expect(schoolWeekOf('2026-11-22')).toEqual({ from: '2026-11-16', to: '2026-11-21' });
  });
});
