import type { CellValue, ColumnFormat } from '../model';
import { formulaSafe } from '../../shared/formula-safe';

/** A value as it goes into a spreadsheet cell, with its number format. */
export interface ExcelValue {
  value: string | number | Date | null;
  /** Excel's format code; none for text. */
  numFmt?: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A model cell as a typed spreadsheet cell: numbers stay numbers with the
 * format their column asks for (a percentage as Excel's own, 85.7 → 0.857
 * shown «85,7 %»), dates become dates, text stays text («н/а», «осв.»,
 * «—» in a numeric column too). Format codes are locale-neutral: Russian
 * Excel shows a decimal comma.
 */
export function excelValue(value: CellValue | undefined, format?: ColumnFormat): ExcelValue {
  if (value === null || value === undefined || value === '') return { value: null };
  if (typeof value === 'string') {
    if (format === 'date' && ISO_DATE.test(value)) return { value: new Date(`${value}T00:00:00Z`), numFmt: 'dd.mm.yyyy' };
    return { value: textValue(value), numFmt: format === 'text' ? '@' : undefined };
  }
  switch (format) {
    case 'text':
      return { value: String(value), numFmt: '@' };
    case 'percent':
      // 85.7 % is 0.857 to Excel; rounded so that 0.857 is not 0.8570000000000001.
      return { value: Math.round(value * 1e6) / 1e8, numFmt: '0.0%' };
    case 'decimal':
      return { value, numFmt: '0.00' };
    case 'hours':
      // As on paper: «1», «1,5», «−4» (the typographic minus).
      return { value, numFmt: Number.isInteger(value) ? '0;"−"0' : '0.0#;"−"0.0#' };
    default:
      return { value, numFmt: Number.isInteger(value) ? '0' : 'General' };
  }
}

/**
 * The one place text enters a cell. A string is written as text, never as a
 * formula; text that a spreadsheet would still take for one once the cell
 * is edited («=HYPERLINK(…)» typed into a topic) is neutralised as in every
 * file the program writes (shared/formula-safe.ts).
 */
export function textValue(text: string): string {
  return formulaSafe(text);
}
