import type { CellValue, ColumnFormat } from '../../main/core/reports/model';

/**
 * A report's cell as the PDF prints it (the core's reports/cell-text.ts; the
 * renderer takes no code from the core): a decimal comma, the digits of the
 * column's format, the form's minus, dates as «23.11.2026».
 */
export function cellShown(value: CellValue | undefined, format?: ColumnFormat): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return format === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value.slice(8, 10)}.${value.slice(5, 7)}.${value.slice(0, 4)}` : value;
  const digits = format === 'decimal' ? Math.abs(value).toFixed(2) : format === 'percent' ? Math.abs(value).toFixed(1) : String(Math.abs(Math.round(value * 100) / 100));
  return `${value < 0 ? '−' : ''}${digits.replace('.', ',')}`;
}
