import { describe, expect, it } from 'vitest';
import { dateError, formatRuDate, isIsoDate, parseRuDate } from '../../../renderer/i18n/ru-date';

/**
 * Issue 16, items 1 and 7: every date field of the program reads what a
 * Russian user types, day first, whatever the system's locale, and a text
 * that is no date is never taken for the last valid one.
 */
describe('a date typed the Russian way', () => {
  const ref = '2026-12-07';

  it('reads the full form, with one-digit day and month too', () => {
    expect(parseRuDate('10.12.2026', ref)).toBe('2026-12-10');
    expect(parseRuDate('1.9.2026', ref)).toBe('2026-09-01');
    expect(parseRuDate(' 10.12.2026 ', ref)).toBe('2026-12-10');
  });

  it('reads the short forms: «10.12.26», «10.12», «10 12 2026», and other separators', () => {
    expect(parseRuDate('10.12.26', ref)).toBe('2026-12-10');
    expect(parseRuDate('11.12.26', ref)).toBe('2026-12-11');
    expect(parseRuDate('10.12', ref)).toBe('2026-12-10');
    expect(parseRuDate('10.12.', ref)).toBe('2026-12-10');
    expect(parseRuDate('10 12 2026', ref)).toBe('2026-12-10');
    expect(parseRuDate('10/12/2026', ref)).toBe('2026-12-10');
    expect(parseRuDate('10-12-2026', ref)).toBe('2026-12-10');
    expect(parseRuDate('10,12,2026', ref)).toBe('2026-12-10');
    expect(parseRuDate('10122026', ref)).toBe('2026-12-10');
    expect(parseRuDate('101226', ref)).toBe('2026-12-10');
    expect(parseRuDate('2026-12-10', ref)).toBe('2026-12-10');
  });

  it('is day first whatever the locale: 12/07/2026 is the 12th of July', () => {
    expect(parseRuDate('12/07/2026', ref)).toBe('2026-07-12');
    expect(parseRuDate('07.12.2026', ref)).toBe('2026-12-07');
  });

  it('gives a date without a year the year of the school year (August to July) the reference is in', () => {
    expect(parseRuDate('02.09', '2026-08-28')).toBe('2026-09-02');
    expect(parseRuDate('15.05', '2026-09-01')).toBe('2027-05-15');
    expect(parseRuDate('28.12', '2027-01-10')).toBe('2026-12-28');
    expect(parseRuDate('10.01', '2026-12-20')).toBe('2027-01-10');
    expect(parseRuDate('15.05', '2026-12-07')).toBe('2027-05-15');
    expect(parseRuDate('29.02', '2027-12-01')).toBe('2028-02-29');
    expect(parseRuDate('29.02', '2026-12-01')).toBeNull();
  });

  it('refuses what is no real date', () => {
    for (const text of ['', '31.02.2026', '32.12.2026', '10.13.2026', '00.12.2026', '10.12.202', '10.12.2026x', 'абв', '1', '10', '2026', '10..12.2026', '2026-02-30'])
      expect(parseRuDate(text, ref)).toBeNull();
  });

  it('is written back as ДД.ММ.ГГГГ; what is not a date is shown as typed', () => {
    expect(formatRuDate('2026-12-07')).toBe('07.12.2026');
    expect(formatRuDate('10.12.2')).toBe('10.12.2');
    expect(formatRuDate('')).toBe('');
  });

  it('tells a form whether the field holds a date', () => {
    expect(isIsoDate('2026-12-10')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(dateError('2026-12-10')).toBeNull();
    expect(dateError('10.12.2')).toBe('Введите дату в виде ДД.ММ.ГГГГ, например 10.12.2026');
    expect(dateError('')).toBe('Введите дату');
    expect(dateError('', false)).toBeNull();
  });
});
