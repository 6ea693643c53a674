import { AppError } from '../shared/errors';
import { TABLE_LIMITS } from '../files/limits';
import { checkMemory } from '../files/memory-guard';

/**
 * Collects a sheet's cells as a reader finds them and gives back the filled
 * rows, each as wide as the widest one. Only what is filled counts: a sheet
 * that claims a million rows (an XLSX's `<dimension>`, an ODS row repeated
 * to the end of the sheet) costs nothing, and the limits are checked as
 * cells arrive — the row after the last one allowed stops the reading.
 */
export class TableBuilder {
  private readonly rows = new Map<number, string[]>();
  private width = 0;

  /** `row` and `column` from 0; empty text is no cell at all. */
  set(row: number, column: number, text: string): void {
    if (text === '') return;
    checkMemory();
    if (column >= TABLE_LIMITS.columns) throw tooManyColumns();
    let cells = this.rows.get(row);
    if (!cells) {
      if (this.rows.size >= TABLE_LIMITS.rows + 1) throw tooManyRows();
      cells = [];
      this.rows.set(row, cells);
    }
    cells[column] = text;
    if (column + 1 > this.width) this.width = column + 1;
  }

  /** Filled rows in sheet order, holes as ''. */
  build(): string[][] {
    return [...this.rows.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([, cells]) => Array.from({ length: this.width }, (_, i) => cells[i] ?? ''));
  }
}

export function tooManyRows(): AppError {
  return new AppError('VALIDATION', `В файле больше ${TABLE_LIMITS.rows} строк. Разделите список на несколько файлов.`, { fields: { file: 'Слишком много строк' } });
}

export function tooManyColumns(): AppError {
  return new AppError(
    'VALIDATION',
    `В файле заполнены столбцы дальше ${TABLE_LIMITS.columns}-го: в списке столько не бывает. Удалите лишние столбцы (или сохраните нужный лист в новый файл) и загрузите его снова.`,
    { fields: { file: 'Слишком много столбцов' } },
  );
}

/** A number as a Russian user reads it: «3,5», whole numbers as they are. */
export function numberText(v: number): string {
  return Number.isInteger(v) ? String(v) : String(v).replace('.', ',');
}

/** An Excel date serial (days since 1899-12-30, or 1904-01-01 in a Mac workbook) → `YYYY-MM-DD`. */
export function serialDate(serial: number, date1904 = false): string {
  const days = Math.floor(serial + 1e-7);
  // Excel's day 60 is 29 February 1900, a day that never was (Lotus 1-2-3's leap year).
  if (!date1904 && days === 60) return '1900-02-29';
  const base = date1904 ? Date.UTC(1904, 0, 1) : days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return new Date(base + days * 86_400_000).toISOString().slice(0, 10);
}
