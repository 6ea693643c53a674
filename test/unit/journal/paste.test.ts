import { describe, expect, it } from 'vitest';
import { parseTsv, pastedFractionReason } from '../../../renderer/journal/cell-model';
import { parseCellText } from '../../../main/core/journal/cell-text';

/**
 * A block copied from Excel lands in the grid (issue 4, «Keyboard first»).
 * Excel in a Russian locale writes an average as «4,5»; the journal reads a
 * typed «4,5» as two marks (ЭлЖур's «5,4»), so a pasted fraction is refused
 * rather than turned into a double mark.
 */
describe('a block pasted from a spreadsheet', () => {
  it('is split into rows by line and into cells by tab, Windows line ends included', () => {
    expect(parseTsv('5\t4\r\nн\t\r\n')).toEqual([
      ['5', '4'],
      ['н', ''],
    ]);
    expect(parseTsv(' 5 \t оп ')).toEqual([['5', 'оп']]);
  });

  it('refuses a number with a fraction, with either decimal sign, and says how two marks are written', () => {
    expect(pastedFractionReason('4,5')).toBe(
      '«4,5» похоже на дробное число (например, средний балл), а не на отметки. Отметка ставится целым числом; две отметки в одной клетке пишутся через косую черту: 4/5.',
    );
    expect(pastedFractionReason('3.67')).toContain('«3.67» похоже на дробное число');
    expect(pastedFractionReason(' 4,50 ')).toContain('«4,50»');
  });

  it('lets through what is not a fraction: marks, a double mark with «/», attendance, garbage for the core to refuse', () => {
    for (const text of ['5', '5/4', '4-', 'н', 'оп/5', '', 'абв', '=СУММ(A1:A3)', '4,', ',5', '4,5,3']) {
      expect(pastedFractionReason(text)).toBeNull();
    }
  });

  it('while «4,5» typed by hand stays two marks, as teachers write them', () => {
    expect(parseCellText('4,5').marks).toEqual(['4', '5']);
  });
});
