import type { CellValue, ColumnFormat } from './model';
import { ruDate } from '../shared/dates';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A cell as printed on paper, the Russian way: a decimal comma, the digits
 * its column's format asks for, a date as «23.11.2026». The PDF writer and
 * the spreadsheet's width measure use it; the screen (renderer/reports/
 * ReportView.tsx) does the same in its own copy, since the renderer takes no
 * code from the core.
 */
export function cellText(value: CellValue | undefined, format?: ColumnFormat): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return format === 'date' && ISO_DATE.test(value) ? ruDate(value) : value;
  return numberText(value, format);
}

/** 4.2 → «4,20» (decimal), 85.7 → «85,7» (percent), −1.5 → «−1,5» (hours), 12 → «12». */
export function numberText(value: number, format?: ColumnFormat): string {
  let text: string;
  switch (format) {
    case 'decimal':
      text = Math.abs(value).toFixed(2);
      break;
    case 'percent':
      text = Math.abs(value).toFixed(1);
      break;
    default:
      text = String(Math.abs(Math.round(value * 100) / 100));
  }
  // The typographic minus, as the forms print it («−4 ч»).
  return `${value < 0 ? '−' : ''}${text.replace('.', ',')}`;
}
