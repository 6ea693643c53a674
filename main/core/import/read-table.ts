import * as XLSX from 'xlsx';
import { AppError } from '../shared/errors';
import { tooBigText, UPLOAD_LIMITS } from '../files/limits';

/**
 * Reads an uploaded table — XLSX (or XLS) from Excel, or CSV saved in UTF-8 or
 * in windows-1251 (what Russian Excel writes by default) — into rows of text.
 * Date cells of a workbook become `YYYY-MM-DD` whatever their display format;
 * everything else is the cell's value as text, trimmed.
 */

export const ENCODINGS = ['auto', 'utf-8', 'windows-1251'] as const;
export type Encoding = (typeof ENCODINGS)[number];

export interface Table {
  /** Sheet names of a workbook; empty for CSV. */
  sheets: string[];
  sheet: string | null;
  /** The encoding a CSV was read in. */
  encoding: 'utf-8' | 'windows-1251' | null;
  rows: string[][];
}

const MAX_ROWS = 5000;

export function readTable(fileName: string, bytes: Buffer, opts: { encoding?: Encoding; sheet?: string | null } = {}): Table {
  if (bytes.length === 0) throw new AppError('VALIDATION', 'Файл пуст.', { fields: { file: 'Файл пуст' } });
  if (bytes.length > UPLOAD_LIMITS.table.bytes) {
    throw new AppError('VALIDATION', `${tooBigText('table')}. Разделите список на несколько файлов.`, { fields: { file: tooBigText('table') } });
  }
  const lower = fileName.toLowerCase();
  let table: Table;
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) {
    const { text, encoding } = decodeText(bytes, opts.encoding ?? 'auto');
    table = { sheets: [], sheet: null, encoding, rows: parseCsv(text) };
  } else if (lower.endsWith('.xlsx') || lower.endsWith('.xls') || lower.endsWith('.ods')) {
    // An .xlsx is a ZIP archive; anything else under that name is not a workbook (the reader would take it as text).
    if (!lower.endsWith('.xls') && !(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw unreadable();
    table = readWorkbook(bytes, opts.sheet ?? null);
  } else {
    throw new AppError('VALIDATION', 'Загружаются файлы Excel (.xlsx, .xls) и CSV (.csv).', { fields: { file: 'Выберите файл .xlsx или .csv' } });
  }
  table.rows = table.rows.filter((r, i) => i === 0 || r.some((c) => c !== ''));
  if (table.rows.length > MAX_ROWS + 1) {
    throw new AppError('VALIDATION', `В файле больше ${MAX_ROWS} строк. Разделите список на несколько файлов.`, { fields: { file: 'Слишком много строк' } });
  }
  return table;
}

/**
 * UTF-8 when the bytes are valid UTF-8 (with or without the BOM Excel adds),
 * windows-1251 otherwise: a Cyrillic text in windows-1251 is almost never valid UTF-8.
 */
export function decodeText(bytes: Buffer, encoding: Encoding): { text: string; encoding: 'utf-8' | 'windows-1251' } {
  if (encoding === 'windows-1251') return { text: new TextDecoder('windows-1251').decode(bytes), encoding };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    if (encoding === 'utf-8') {
      throw new AppError('VALIDATION', 'Файл не в кодировке UTF-8. Выберите кодировку windows-1251 или «определить автоматически».', {
        fields: { encoding: 'Файл не в кодировке UTF-8' },
      });
    }
    return { text: new TextDecoder('windows-1251').decode(bytes), encoding: 'windows-1251' };
  }
}

/**
 * CSV as Excel writes it: `;` in the Russian locale (`,` and tab are
 * recognised too, by the header line), fields in double quotes may hold the
 * separator, line breaks and doubled quotes.
 */
export function parseCsv(text: string): string[][] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [';', ',', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  const delimiter = counts.sort((a, b) => b[1] - a[1])[0][1] > 0 ? counts[0][0] : ';';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field.trim());
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field.trim());
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field.trim());
    rows.push(row);
  }
  return rows;
}

function readWorkbook(bytes: Buffer, wanted: string | null): Table {
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(bytes, { type: 'buffer', cellNF: true, cellDates: false });
  } catch {
    throw unreadable();
  }
  const sheet = wanted && wb.SheetNames.includes(wanted) ? wanted : wb.SheetNames[0];
  const ws = sheet ? wb.Sheets[sheet] : undefined;
  if (!ws || !ws['!ref']) return { sheets: wb.SheetNames, sheet: sheet ?? null, encoding: null, rows: [] };
  const range = XLSX.utils.decode_range(ws['!ref']);
  const rows: string[][] = [];
  for (let r = range.s.r; r <= range.e.r; r++) {
    const row: string[] = [];
    for (let c = range.s.c; c <= range.e.c; c++) row.push(cellText(ws[XLSX.utils.encode_cell({ r, c })]));
    rows.push(row);
  }
  while (rows.length && rows[0].every((c) => c === '')) rows.shift();
  return { sheets: wb.SheetNames, sheet, encoding: null, rows };
}

function unreadable(): AppError {
  return new AppError('VALIDATION', 'Файл не читается как книга Excel: возможно, он повреждён или защищён паролем.', { fields: { file: 'Файл не читается' } });
}

function cellText(cell: XLSX.CellObject | undefined): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  if (cell.t === 'n' && typeof cell.v === 'number') {
    if (cell.z && XLSX.SSF.is_date(String(cell.z))) {
      const d = XLSX.SSF.parse_date_code(cell.v);
      if (d) return `${String(d.y).padStart(4, '0')}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;
    }
    return Number.isInteger(cell.v) ? String(cell.v) : String(cell.v).replace('.', ',');
  }
  if (cell.t === 'd' && cell.v instanceof Date) return cell.v.toISOString().slice(0, 10);
  if (cell.t === 'b') return cell.v ? 'да' : 'нет';
  return String(cell.v).trim();
}
