import { describe, expect, it } from 'vitest';
import { SheetNames } from '../../../main/core/reports/xlsx/sheet-name';
import { excelValue } from '../../../main/core/reports/xlsx/cells';
import { normalFont } from '../../../main/core/reports/xlsx/normal-font';
import { groupBreaks } from '../../../main/core/reports/xlsx/pages';
import { cellText } from '../../../main/core/reports/cell-text';
import { A4_LANDSCAPE, type ReportModel } from '../../../main/core/reports/model';
import { renderXlsx } from '../../../main/core/reports/xlsx/index';
import { readWorkbook } from './xlsx-tools';

describe('worksheet names', () => {
  it('keep within Excel’s rules: 31 characters, none of [ ] : * ? / \\, no apostrophe at an end', () => {
    const names = new SheetNames();
    expect(names.take('История/Обществознание [углубл.]: 10*')).toBe('История Обществознание углубл.');
    expect(names.take('Иностранный язык (английский), 1 подгруппа')).toBe('Иностранный язык (английский),');
    expect(names.take("'7А'")).toBe('7А');
    expect(names.take("Д'Артаньян Ш.")).toBe('Д’Артаньян Ш.');
    expect(names.take('   ')).toBe('Лист');
    expect(names.take('History')).toBe('History (1)');
  });

  it('are unique in the workbook whatever the case, as Excel compares them', () => {
    const names = new SheetNames();
    expect(names.take('5А')).toBe('5А');
    expect(names.take('5а')).toBe('5а (2)');
    expect(names.take('5А')).toBe('5А (3)');
    const long = 'Изобразительное искусство и черчение';
    expect(names.take(long)).toBe('Изобразительное искусство и чер');
    const again = names.take(long);
    expect(again).toBe('Изобразительное искусство и (2)');
    expect(again.length).toBeLessThanOrEqual(31);
  });
});

describe('cells as the spreadsheet gets them', () => {
  it('writes numbers as numbers with the column’s format; text stays text', () => {
    expect(excelValue(85.7, 'percent')).toEqual({ value: 0.857, numFmt: '0.0%' });
    expect(excelValue(4.2, 'decimal')).toEqual({ value: 4.2, numFmt: '0.00' });
    expect(excelValue(-4, 'hours')).toEqual({ value: -4, numFmt: '0;"−"0' });
    expect(excelValue(0.5, 'hours')).toEqual({ value: 0.5, numFmt: '0.0#;"−"0.0#' });
    expect(excelValue(5, 'integer')).toEqual({ value: 5, numFmt: '0' });
    expect(excelValue('н/а', 'integer')).toEqual({ value: 'н/а', numFmt: undefined });
    expect(excelValue('—', 'percent')).toEqual({ value: '—', numFmt: undefined });
    expect(excelValue('101', 'text')).toEqual({ value: '101', numFmt: '@' });
    expect(excelValue('2026-11-23', 'date')).toEqual({ value: new Date('2026-11-23T00:00:00Z'), numFmt: 'dd.mm.yyyy' });
    expect(excelValue(null)).toEqual({ value: null });
  });

  it('prints them on paper and on screen the Russian way, with the digits the column asks for', () => {
    expect(cellText(4.2, 'decimal')).toBe('4,20');
    expect(cellText(85, 'percent')).toBe('85,0');
    expect(cellText(-1.5, 'hours')).toBe('−1,5');
    expect(cellText(3, 'hours')).toBe('3');
    expect(cellText(12)).toBe('12');
    expect(cellText('2026-11-23', 'date')).toBe('23.11.2026');
    expect(cellText('н/а', 'integer')).toBe('н/а');
    expect(cellText(null)).toBe('');
  });
});

describe('the workbook’s Normal font', () => {
  it('becomes Arial 10 in place of ExcelJS’s Calibri 11, the other fonts kept', () => {
    const styles =
      '<styleSheet><fonts count="2"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font><font><b/><sz val="14"/><name val="Arial"/></font></fonts></styleSheet>';
    expect(normalFont(styles)).toBe(
      '<styleSheet><fonts count="2"><font><sz val="10"/><color theme="1"/><name val="Arial"/><family val="2"/><charset val="204"/></font><font><b/><sz val="14"/><name val="Arial"/></font></fonts></styleSheet>',
    );
  });
});

describe('page breaks that keep a group of rows together', () => {
  // A4 landscape inside the margins is 7.17 in tall, 516 pt; a narrow sheet prints at 100 %.
  const paging = (groups: { first: number; last: number }[], lastRow: number) => ({
    heights: new Map<number, number>(),
    defaultHeight: 20,
    lastRow,
    widths: [10, 30, 10],
    titles: { top: 1, bottom: 2 },
    groups,
    breaks: new Set<number>(),
  });

  it('breaks before a student’s five rows that would run over the page, not inside them', () => {
    // 2 heading rows, then groups of five 20-pt rows (100 pt): the page takes 500 pt × 0.97 = 485 pt.
    const groups = Array.from({ length: 10 }, (_, i) => ({ first: 3 + i * 5, last: 7 + i * 5 }));
    const { breaks, firstPageEnds } = groupBreaks(A4_LANDSCAPE, paging(groups, 52));
    // First page: 40 pt of heading + 4 groups = 440 pt, the fifth would make 540. Later pages repeat the
    // heading (40 pt): 4 groups again, the ninth starts the third page.
    expect(breaks).toEqual([22, 42]);
    expect(firstPageEnds).toBe(22);
    for (const b of breaks) expect(groups.some((g) => b >= g.first && b < g.last)).toBe(false);
  });

  it('leaves a group taller than a page to the application, and knows where that page ends', () => {
    const { breaks, firstPageEnds } = groupBreaks(A4_LANDSCAPE, paging([{ first: 3, last: 40 }], 40));
    expect(breaks).toEqual([]);
    // 516 pt × 0.97 = 500 pt of room, 20-pt rows: the application ends the first page after row 25.
    expect(firstPageEnds).toBe(25);
  });

  it('says so when everything prints on the first page', () => {
    expect(groupBreaks(A4_LANDSCAPE, paging([{ first: 3, last: 7 }], 10)).firstPageEnds).toBe(10);
  });
});

describe('the heading repeated on printed pages', () => {
  const model = (students: number, notes: number): ReportModel => ({
    kind: 'test',
    title: 'Отчёт об успеваемости',
    schoolName: 'МБОУ «СОШ № 1»',
    printedOn: '2026-11-23',
    page: A4_LANDSCAPE,
    fields: [],
    sections: [
      {
        blocks: [
          {
            kind: 'table',
            columns: [
              { key: 'name', title: 'Обучающийся', rowHeading: true },
              { key: 'm', title: 'Математика', format: 'integer' },
            ],
            rows: Array.from({ length: students }, (_, i) => ({ cells: [`Ученик ${i + 1}`, 5] })),
          },
          { kind: 'text', text: Array.from({ length: notes }, (_, i) => `Примечание ${i + 1}.`).join('\n') },
        ],
      },
    ],
    signatures: [],
    fileName: 'Отчёт',
  });

  it('heads every page the table runs on to', async () => {
    const [sheet] = (await readWorkbook(await renderXlsx(model(60, 0)))).sheets;
    const heading = sheet.find('Обучающийся')!;
    expect(sheet.printTitles).toEqual({ top: heading.row, bottom: heading.row });
    expect(sheet.pane).toMatchObject({ ySplit: heading.row, state: 'frozen' });
  });

  it('is not printed over a page of the text under a table that ended on the first (it would head no rows there)', async () => {
    // 20 rows of the table fit the first page; 40 lines of notes run on to the second.
    const [sheet] = (await readWorkbook(await renderXlsx(model(20, 40)))).sheets;
    const heading = sheet.find('Обучающийся')!;
    expect(sheet.printTitles).toBeNull();
    // On screen the heading stays frozen all the same.
    expect(sheet.pane).toMatchObject({ ySplit: heading.row, state: 'frozen' });
  });
});

describe('the footer', () => {
  it('keeps within Excel’s 255 characters however long the title, its «&» written as Excel wants', async () => {
    const model: ReportModel = {
      kind: 'test',
      title: `Отчёт «Успеваемость & качество» ${'очень длинного названия '.repeat(12)}`,
      schoolName: 'МБОУ «СОШ № 1»',
      printedOn: '2026-11-23',
      page: A4_LANDSCAPE,
      fields: [],
      sections: [{ blocks: [{ kind: 'text', text: 'Текст' }] }],
      signatures: [],
      fileName: 'Отчёт',
    };
    const [sheet] = (await readWorkbook(await renderXlsx(model))).sheets;
    expect(sheet.footer.length).toBeLessThanOrEqual(255);
    expect(sheet.footer).toContain('Успеваемость && качество');
    expect(sheet.footer).toContain('Стр. &P из &N');
  });
});

describe('a name merged over its student’s rows', () => {
  it('is measured over all of them: a two-line name in a narrow column makes none of the rows taller', async () => {
    const rows = ['Константинопольская Александра', 'Иванова Анна', 'Петрова-Водкина Мария-Антуанетта'].flatMap((name, i) =>
      ['I ч.', 'II ч.', 'Год'].map((period) => ({ group: `s${i}`, cells: [i + 1, name, period, 5] })),
    );
    const model: ReportModel = {
      kind: 'test',
      title: 'Сводная ведомость',
      schoolName: 'МБОУ «СОШ № 1»',
      printedOn: '2026-11-23',
      page: A4_LANDSCAPE,
      fields: [],
      sections: [
        {
          blocks: [
            {
              kind: 'table',
              columns: [
                { key: 'no', title: '№', mergeInGroup: true },
                { key: 'name', title: 'Фамилия, имя', mergeInGroup: true, widthMm: 30, rowHeading: true },
                { key: 'period', title: 'Период' },
                { key: 'm', title: 'Математика', format: 'integer' },
              ],
              rows,
            },
          ],
        },
      ],
      signatures: [],
      fileName: 'Ведомость',
    };
    const [sheet] = (await readWorkbook(await renderXlsx(model))).sheets;
    for (const name of ['Константинопольская Александра', 'Иванова Анна', 'Петрова-Водкина Мария-Антуанетта']) {
      const cell = sheet.find(name)!;
      expect(sheet.merges).toContainEqual({ top: cell.row, left: 2, bottom: cell.row + 2, right: 2 });
      expect({ name, heights: [0, 1, 2].map((k) => sheet.heights.get(cell.row + k) ?? null) }).toEqual({ name, heights: [null, null, null] });
    }
  });
});
