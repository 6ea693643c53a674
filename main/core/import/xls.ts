import type * as SheetJS from 'xlsx';
import { numberText, serialDate, TableBuilder } from './table-builder';
import type { Table } from './read-table';

/**
 * A workbook in Excel's old binary format (.xls, Excel 97–2003), read with
 * SheetJS. The format itself bounds a sheet (65 536 rows, 256 columns) and
 * the upload limit bounds the file; the cells are taken where they are, not
 * over the range the sheet declares, and the table limits apply as they are
 * collected. SheetJS is loaded only for an .xls: the other formats do without it.
 */
export async function readXls(bytes: Buffer, wanted: string | null): Promise<Table> {
  const XLSX = await import('xlsx');
  const wb = XLSX.read(bytes, { type: 'buffer', dense: true, cellNF: true, cellDates: false, cellHTML: false, cellFormula: false });
  const sheet = wanted && wb.SheetNames.includes(wanted) ? wanted : wb.SheetNames[0];
  const ws = sheet ? wb.Sheets[sheet] : undefined;
  const date1904 = !!wb.Workbook?.WBProps?.date1904;
  const builder = new TableBuilder();
  const data = (ws?.['!data'] ?? []) as (SheetJS.CellObject | undefined)[][];
  data.forEach((cells, r) => cells?.forEach((cell, c) => builder.set(r, c, cellText(XLSX, cell, date1904))));
  return { sheets: wb.SheetNames, sheet: sheet ?? null, encoding: null, encodingSource: null, rows: builder.build() };
}

function cellText(XLSX: typeof SheetJS, cell: SheetJS.CellObject | undefined, date1904: boolean): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  if (cell.t === 'n' && typeof cell.v === 'number') {
    return cell.z && XLSX.SSF.is_date(String(cell.z)) ? serialDate(cell.v, date1904) : numberText(cell.v);
  }
  if (cell.t === 'd' && cell.v instanceof Date) return cell.v.toISOString().slice(0, 10);
  if (cell.t === 'b') return cell.v ? 'да' : 'нет';
  if (cell.t === 'e') return cell.w ?? '';
  return String(cell.v).trim();
}
