import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { readTable } from '../../../main/core/import/read-table';
import { isDateFormat } from '../../../main/core/import/xlsx';

const FIXTURES = path.resolve(__dirname, '../../fixtures/import');

/**
 * The workbook readers (XLSX and ODS read from their parts, XLS through
 * SheetJS) give the same rows for the same table, whoever saved it.
 * `students-libreoffice.ods` and `.xlsx` are `students.xlsx` saved by
 * LibreOffice Calc 7 (`soffice --headless --convert-to ods`, then back to xlsx):
 * its ODS repeats empty cells to column 16 384, its XLSX uses shared strings
 * and date styles of its own.
 */
describe('reading workbooks', () => {
  it('reads the same list from Excel’s XLSX and from LibreOffice’s ODS and XLSX', async () => {
    const excel = await readTable('students.xlsx', fs.readFileSync(path.join(FIXTURES, 'students.xlsx')));
    for (const name of ['students-libreoffice.ods', 'students-libreoffice.xlsx']) {
      const other = await readTable(name, fs.readFileSync(path.join(FIXTURES, name)));
      expect(other, name).toEqual(excel);
    }
    expect(excel.rows).toHaveLength(9);
    expect(excel.rows[1].slice(0, 4)).toEqual(['Андреев', 'Максим', 'Игоревич', '2015-03-14']);
  });

  it('gives numbers, dates, booleans and text as the import reads them, from any sheet, in XLSX, ODS and XLS', async () => {
    const wb = XLSX.utils.book_new();
    const ws = XLSX.utils.aoa_to_sheet(
      [
        ['Имя', 'Число', 'Дата', 'Флаг', 'Дробь'],
        ['Анна', 42, new Date(Date.UTC(2015, 2, 14)), true, 3.5],
        ['  Пётр  ', -7, '01.09.2015', false, 0.1],
      ],
      { cellDates: true },
    );
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Другой лист']]), 'Первый');
    XLSX.utils.book_append_sheet(wb, ws, 'Список');
    const rows = [
      ['Имя', 'Число', 'Дата', 'Флаг', 'Дробь'],
      ['Анна', '42', '2015-03-14', 'да', '3,5'],
      ['Пётр', '-7', '01.09.2015', 'нет', '0,1'],
    ];
    for (const [bookType, fileName] of [['xlsx', 'x.xlsx'], ['ods', 'x.ods'], ['biff8', 'x.xls']] as const) {
      const bytes = XLSX.write(wb, { type: 'buffer', bookType, cellDates: false }) as Buffer;
      expect(await readTable(fileName, bytes, { sheet: 'Список' }), bookType).toEqual({ sheets: ['Первый', 'Список'], sheet: 'Список', encoding: null, encodingSource: null, rows });
      expect((await readTable(fileName, bytes)).rows, `${bookType}: the first sheet by default`).toEqual([['Другой лист']]);
    }
  });

  it('tells a date format from a number format', () => {
    for (const date of ['dd.mm.yyyy', 'D MMMM YYYY', '[$-419]DD.MM.YY', 'yyyy-mm-dd hh:mm', '[h]:mm']) expect(isDateFormat(date), date).toBe(true);
    for (const number of ['General', '0.00', '#,##0 "руб."', '0" дн."', '@', '0.00E+00']) expect(isDateFormat(number), number).toBe(false);
  });
});
