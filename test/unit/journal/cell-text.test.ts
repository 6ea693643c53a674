import { describe, expect, it } from 'vitest';
import { parseCellText, cellText } from '../../../main/core/journal/cell-text';

/** What teachers type into a cell (russian_anchors §2.6: «н», «оп», a double mark «3/5»). */
describe('the text of a journal cell', () => {
  it('reads marks, a double mark, an absence and lateness', () => {
    expect(parseCellText('5')).toEqual({ attendance: null, marks: ['5'] });
    expect(parseCellText('5/4')).toEqual({ attendance: null, marks: ['5', '4'] });
    expect(parseCellText('н')).toEqual({ attendance: 'absent', marks: [] });
    expect(parseCellText('оп/5')).toEqual({ attendance: 'late', marks: ['5'] });
    expect(parseCellText('Н')).toEqual({ attendance: 'absent', marks: [] });
  });

  it('takes the separators of either layout: «/» and the «.» the same key gives on the Russian one, a space, a comma', () => {
    expect(parseCellText('5.4').marks).toEqual(['5', '4']);
    expect(parseCellText('5 4').marks).toEqual(['5', '4']);
    expect(parseCellText('5,4').marks).toEqual(['5', '4']);
  });

  it('keeps a modifier with its mark and leaves the value check to the grading system', () => {
    expect(parseCellText('4-/5').marks).toEqual(['4-', '5']);
    expect(parseCellText('7').marks).toEqual(['7']);
  });

  it('keeps the case of what is not an attendance code, so a refusal shows it as typed', () => {
    expect(parseCellText('Н/5')).toEqual({ attendance: 'absent', marks: ['5'] });
    expect(parseCellText('ОП').attendance).toBe('late');
    expect(parseCellText('=СУММ(A1)').marks).toEqual(['=СУММ(A1)']);
  });

  it('refuses a text longer than any cell (a pasted paragraph), showing its beginning', () => {
    expect(() => parseCellText('Контрольная работа по теме «Дроби»: написали все')).toThrow(
      'Запись «Контрольная работа п…» не похожа на отметку: в клетку ставятся отметки, «н» или «оп».',
    );
  });

  it('empties the cell on an empty entry', () => {
    expect(parseCellText('  ')).toEqual({ attendance: null, marks: [] });
  });

  it('refuses «н» and «оп» together, and more than three marks', () => {
    expect(() => parseCellText('н/оп')).toThrow('В клетке может быть только одна запись о посещаемости: «н» или «оп».');
    expect(() => parseCellText('5/5/4/4')).toThrow('В одной клетке — не более 3 отметок');
  });

  it('writes a cell back the way it is typed', () => {
    expect(cellText('late', ['5', '4'])).toBe('оп/5/4');
    expect(cellText(null, [])).toBe('');
  });
});
