import { FIELDS, type ImportKind, type Mapping } from './columns';

/**
 * The rows of a table as records by field, each with the number of its row
 * in the spreadsheet (the heading is row 1), so that a problem names the row
 * the user sees in Excel.
 */
export interface SourceRow {
  rowNo: number;
  values: Record<string, string>;
}

export interface CheckedRow<T> extends SourceRow {
  problems: string[];
  data: T | null;
}

export function sourceRows(kind: ImportKind, rows: string[][], mapping: Mapping, headerIndex = 0): SourceRow[] {
  const out: SourceRow[] = [];
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const row = rows[i];
    if (row.every((c) => c === '')) continue;
    const values: Record<string, string> = {};
    for (const f of FIELDS[kind]) {
      const col = mapping[f.key];
      values[f.key] = col === null || col === undefined ? '' : (row[col] ?? '').trim();
    }
    out.push({ rowNo: i + 1, values });
  }
  return out;
}

/** Collects a row's problems as «Column: what is wrong». */
export class RowProblems {
  readonly list: string[] = [];
  constructor(private readonly kind: ImportKind) {}
  add(fieldKey: string | null, problem: string): void {
    const label = fieldKey ? FIELDS[this.kind].find((f) => f.key === fieldKey)?.label : null;
    this.list.push(label ? `${label}: ${problem}` : problem);
  }
}

/** «Строка 5: Дата рождения: неверная дата …; Класс: …» for the headline of a refusal. */
export function describeRow(row: { rowNo: number; problems: string[] }): string {
  return `Строка ${row.rowNo}: ${row.problems.join('; ')}`;
}

const pluralRules = new Intl.PluralRules('ru');
export function rowsWord(n: number): string {
  const rule = pluralRules.select(n);
  return rule === 'one' ? 'строке' : 'строках';
}
