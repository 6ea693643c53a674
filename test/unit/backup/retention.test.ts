import { describe, expect, it } from 'vitest';
import { selectRetained, type RetainedItem } from '../../../main/core/backup/retention';
import { isDailyDue } from '../../../main/core/backup/scheduler';

/** A daily backup at 18:00 Moscow time (15:00 UTC) on each of the given dates. */
function dailyFrom(start: string, days: number): RetainedItem[] {
  const out: RetainedItem[] = [];
  const t = new Date(`${start}T15:00:00Z`);
  for (let i = 0; i < days; i++) {
    out.push({ id: t.toISOString().slice(0, 10), createdAt: t.toISOString(), kind: 'auto', verified: true });
    t.setUTCDate(t.getUTCDate() + 1);
  }
  return out;
}

describe('the retention rule: 7 daily, 4 weekly, 12 monthly, one a year forever', () => {
  it('keeps everything while there are fewer copies than the tiers hold', () => {
    const items = dailyFrom('2026-11-20', 5);
    expect(selectRetained(items, { timeZone: 'Europe/Moscow', now: new Date('2026-11-24T15:30:00Z') })).toEqual(new Set(items.map((i) => i.id)));
  });

  it('keeps, of daily copies 01.09.2025–23.11.2026, the days, weeks, months and years worked out by hand', () => {
    // 449 daily copies; the newest is Monday 23.11.2026.
    const items = dailyFrom('2025-09-01', 449);
    expect(items.at(-1)!.id).toBe('2026-11-23');
    const kept = [...selectRetained(items, { timeZone: 'Europe/Moscow', now: new Date('2026-11-23T15:30:00Z') })].sort();
    // Days: 17.11–23.11. Weeks (newest of each of 4 ISO weeks): 23.11 (W48), 22.11 (W47), 15.11 (W46), 08.11 (W45).
    // Months (newest of each of 12): 23.11, 31.10, 30.09, 31.08, 31.07, 30.06, 31.05, 30.04, 31.03, 28.02, 31.01.2026, 31.12.2025.
    // Years: 23.11.2026 and 31.12.2025.
    expect(kept).toEqual(
      [
        '2025-12-31',
        '2026-01-31',
        '2026-02-28',
        '2026-03-31',
        '2026-04-30',
        '2026-05-31',
        '2026-06-30',
        '2026-07-31',
        '2026-08-31',
        '2026-09-30',
        '2026-10-31',
        '2026-11-08',
        '2026-11-15',
        '2026-11-17',
        '2026-11-18',
        '2026-11-19',
        '2026-11-20',
        '2026-11-21',
        '2026-11-22',
        '2026-11-23',
      ].sort(),
    );
  });

  it('counts days in the school’s zone: 23:30 in Moscow is still that day', () => {
    const items: RetainedItem[] = [
      { id: 'late', createdAt: '2026-11-23T20:30:00Z', kind: 'auto', verified: true }, // 23:30 MSK, 23.11
      { id: 'early', createdAt: '2026-11-23T05:00:00Z', kind: 'auto', verified: true }, // 08:00 MSK, 23.11
    ];
    // Seen the next morning: only the newest of that day stays (the day is over).
    const nextMorning = new Date('2026-11-24T05:00:00Z');
    expect(selectRetained(items, { timeZone: 'Europe/Moscow', now: nextMorning, rule: { daily: 1, weekly: 0, monthly: 0 } })).toEqual(new Set(['late']));
  });

  it('never removes a copy that is not verified, and keeps the newest undo copy of a restore', () => {
    const items: RetainedItem[] = [
      { id: 'bad', createdAt: '2026-11-23T10:00:00Z', kind: 'auto', verified: false },
      { id: 'new', createdAt: '2026-11-23T12:00:00Z', kind: 'auto', verified: true },
      { id: 'undo', createdAt: '2026-11-23T11:00:00Z', kind: 'pre_restore', verified: true },
      { id: 'older', createdAt: '2026-11-23T09:00:00Z', kind: 'auto', verified: true },
    ];
    expect(selectRetained(items, { timeZone: 'Europe/Moscow', now: new Date('2026-11-24T10:00:00Z') })).toEqual(new Set(['bad', 'new', 'undo']));
  });

  it('never removes a copy of today: a manual copy at 09:44 keeps the 09:30 scheduled one', () => {
    const items: RetainedItem[] = [
      { id: 'yesterday', createdAt: '2026-11-22T15:00:00Z', kind: 'auto', verified: true }, // 22.11 18:00 MSK
      { id: 'scheduled', createdAt: '2026-11-23T06:30:00Z', kind: 'auto', verified: true }, // 23.11 09:30 MSK
      { id: 'manual', createdAt: '2026-11-23T06:44:00Z', kind: 'manual', verified: true }, // 23.11 09:44 MSK
    ];
    const now = new Date('2026-11-23T06:45:00Z');
    expect(selectRetained(items, { timeZone: 'Europe/Moscow', now, rule: { daily: 1, weekly: 0, monthly: 0 } })).toEqual(new Set(['scheduled', 'manual']));
    // With the usual rule, yesterday's copy stays as well.
    expect(selectRetained(items, { timeZone: 'Europe/Moscow', now })).toEqual(new Set(['yesterday', 'scheduled', 'manual']));
  });

  it('keeps the copy made just before a manual one once the day is over, and not the copies before that', () => {
    // 23.11: scheduled 09:30, an on-close copy 13:00, manual 13:10, scheduled 18:00. Seen on 24.11 with one day kept:
    // the day's newest (18:00), the newest manual (13:10) and the copy just before it (13:00) stay; 09:30 goes.
    const items: RetainedItem[] = [
      { id: '09:30', createdAt: '2026-11-23T06:30:00Z', kind: 'auto', verified: true },
      { id: '13:00', createdAt: '2026-11-23T10:00:00Z', kind: 'on_close', verified: true },
      { id: '13:10', createdAt: '2026-11-23T10:10:00Z', kind: 'manual', verified: true },
      { id: '18:00', createdAt: '2026-11-23T15:00:00Z', kind: 'auto', verified: true },
    ];
    const now = new Date('2026-11-24T06:00:00Z');
    expect(selectRetained(items, { timeZone: 'Europe/Moscow', now, rule: { daily: 1, weekly: 0, monthly: 0 } })).toEqual(new Set(['13:00', '13:10', '18:00']));
  });
});

describe('the daily backup time', () => {
  const tz = 'Europe/Moscow';
  it('is due after the set time when today’s copy is not made yet', () => {
    // 18:05 MSK; the last automatic copy was yesterday at 18:00.
    expect(isDailyDue(new Date('2026-11-23T15:05:00Z'), '18:00', tz, '2026-11-22T15:00:00Z')).toBe(true);
    expect(isDailyDue(new Date('2026-11-23T15:05:00Z'), '18:00', tz, '2026-11-23T15:01:00Z')).toBe(false);
  });
  it('is not due before the set time when yesterday’s copy exists', () => {
    expect(isDailyDue(new Date('2026-11-23T10:00:00Z'), '18:00', tz, '2026-11-22T15:00:00Z')).toBe(false);
  });
  it('makes up a day missed while the computer was off, at the next start', () => {
    // Started at 09:00 on the 23rd; the last copy is from the 21st: the 22nd's was missed.
    expect(isDailyDue(new Date('2026-11-23T06:00:00Z'), '18:00', tz, '2026-11-21T15:00:00Z')).toBe(true);
  });
  it('is due at once when there has never been one', () => {
    expect(isDailyDue(new Date('2026-11-23T06:00:00Z'), '18:00', tz, null)).toBe(true);
  });
});
