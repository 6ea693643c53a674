import { describe, expect, it } from 'vitest';
import { formulaSafe } from '../../../main/core/shared/formula-safe';

describe('formulaSafe: free text in a spreadsheet cell is never a formula', () => {
  it('puts an apostrophe before text a spreadsheet would calculate', () => {
    expect(formulaSafe('=HYPERLINK("http://example.com","Оценки")')).toBe(`'=HYPERLINK("http://example.com","Оценки")`);
    expect(formulaSafe('+7 912 100-20-31')).toBe(`'+7 912 100-20-31`);
    expect(formulaSafe('-2+3')).toBe(`'-2+3`);
    expect(formulaSafe('@SUM(A1:A2)')).toBe(`'@SUM(A1:A2)`);
    expect(formulaSafe('\t=1+1')).toBe(`'\t=1+1`);
    expect(formulaSafe('\r=1+1')).toBe(`'\r=1+1`);
  });

  it('leaves numbers written as text and ordinary text alone', () => {
    expect(formulaSafe('-5')).toBe('-5');
    expect(formulaSafe('-2,5')).toBe('-2,5');
    expect(formulaSafe('+7')).toBe('+7');
    expect(formulaSafe('Сложение дробей')).toBe('Сложение дробей');
    expect(formulaSafe('№ 12, 14 = стр. 5')).toBe('№ 12, 14 = стр. 5');
    expect(formulaSafe('')).toBe('');
  });
});
