import { AppError } from '../shared/errors';
import { TABLE_LIMITS, tooBigText, UPLOAD_LIMITS } from '../files/limits';
import { tooManyColumns, tooManyRows } from './table-builder';
import { readXlsx } from './xlsx';
import { readOds } from './ods';
import { readXls } from './xls';
import { XmlLimitError } from '../files/xml-stream';
import { fileRefused } from '../files/refusal';
import { checkMemory, MemoryLimitError } from '../files/memory-guard';
import { decodeAs, decodeDetected, TEXT_ENCODINGS, type DecodedText, type EncodingSource, type TextEncoding } from '../files/text-encoding';

/**
 * Reads an uploaded table — XLSX (or XLS) from Excel, ODS from LibreOffice, or
 * text (CSV, Excel's «Текст Юникод») in UTF-8, UTF-16, windows-1251 (what
 * Russian Excel writes by default) or KOI8-R — into its filled rows of text, within the table limits
 * (files/limits.ts), which apply as the file is read. Runs in a reading
 * worker (files/README.md), never on the core's queue.
 * Date cells of a workbook become `YYYY-MM-DD` whatever their display format;
 * everything else is the cell's value as text, trimmed.
 */

export const ENCODINGS = ['auto', ...TEXT_ENCODINGS] as const;
export type Encoding = (typeof ENCODINGS)[number];

export interface Table {
  /** Sheet names of a workbook; empty for CSV. */
  sheets: string[];
  sheet: string | null;
  /** The encoding a CSV was read in, and how it was found. */
  encoding: TextEncoding | null;
  encodingSource: EncodingSource | null;
  rows: string[][];
}

export async function readTable(fileName: string, bytes: Buffer, opts: { encoding?: Encoding; sheet?: string | null } = {}): Promise<Table> {
  if (bytes.length === 0) throw new AppError('VALIDATION', 'Файл пуст.', { fields: { file: 'Файл пуст' } });
  if (bytes.length > UPLOAD_LIMITS.table.bytes) {
    throw new AppError('VALIDATION', `${tooBigText('table')}. Разделите список на несколько файлов.`, { fields: { file: tooBigText('table') } });
  }
  const lower = fileName.toLowerCase();
  let table: Table;
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) {
    const { text, encoding, source } = decodeText(bytes, opts.encoding ?? 'auto');
    table = { sheets: [], sheet: null, encoding, encodingSource: source, rows: parseCsv(text) };
  } else if (lower.endsWith('.xlsx') || lower.endsWith('.xls') || lower.endsWith('.ods')) {
    table = await readWorkbook(fileName, lower, bytes, opts.sheet ?? null);
  } else {
    throw new AppError('VALIDATION', 'Загружаются файлы Excel (.xlsx, .xls), LibreOffice (.ods) и CSV (.csv).', { fields: { file: 'Выберите файл .xlsx, .ods или .csv' } });
  }
  table.rows = table.rows.filter((r, i) => i === 0 || r.some((c) => c !== ''));
  return table;
}

/**
 * A text file's characters: in the encoding the user chose, or — «auto» — the
 * one its byte-order mark or its text shows (files/text-encoding.ts).
 */
export function decodeText(bytes: Buffer, choice: Encoding): DecodedText {
  if (choice === 'auto') return decodeDetected(bytes);
  try {
    return { text: decodeAs(bytes, choice, choice === 'utf-8'), encoding: choice, source: 'choice' };
  } catch {
    throw new AppError('VALIDATION', 'Файл не в кодировке UTF-8. Выберите другую кодировку или «определить автоматически».', {
      fields: { encoding: 'Файл не в кодировке UTF-8' },
    });
  }
}

/**
 * CSV as Excel writes it: `;` in the Russian locale (`,` and tab are
 * recognised too, by the header line), fields in double quotes may hold the
 * separator, line breaks and doubled quotes.
 */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, 64 * 1024).split(/\r?\n/, 1)[0] ?? '';
  const counts = [';', ',', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  const delimiter = counts.sort((a, b) => b[1] - a[1])[0][1] > 0 ? counts[0][0] : ';';
  const rows: string[][] = [];
  let filled = 0;
  let row: string[] = [];
  let field = '';
  // The table limits apply as the text is read: the row after the last one allowed stops the reading.
  const endField = () => {
    const value = field.trim();
    if (row.length >= TABLE_LIMITS.columns && value !== '') throw tooManyColumns();
    row.push(value);
    field = '';
  };
  const endRow = () => {
    endField();
    checkMemory();
    if (row.some((c) => c !== '') && ++filled > TABLE_LIMITS.rows + 1) throw tooManyRows();
    rows.push(row);
    row = [];
  };
  const n = text.length;
  let i = 0;
  while (i < n) {
    const ch = text[i];
    if (ch === '"' && field === '') {
      // A quoted field, up to its closing quote; a doubled quote inside is one quote.
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          field += text.slice(i);
          i = n;
          break;
        }
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else if (ch === delimiter) {
      endField();
      i++;
    } else if (ch === '\n' || ch === '\r') {
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      endRow();
    } else {
      let j = i + 1;
      while (j < n) {
        const c = text[j];
        if (c === delimiter || c === '\n' || c === '\r' || c === '"') break;
        j++;
      }
      field += text.slice(i, j);
      i = j;
    }
  }
  if (field !== '' || row.length) endRow();
  return rows;
}

async function readWorkbook(fileName: string, lower: string, bytes: Buffer, wanted: string | null): Promise<Table> {
  // An .xlsx or .ods is a ZIP archive; anything else under that name is not a workbook.
  const zipped = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (!lower.endsWith('.xls') && !zipped) throw unreadable();
  try {
    if (lower.endsWith('.ods')) return await readOds(fileName, bytes, wanted);
    // A workbook saved as .xlsx but named .xls (it happens) is still read as what it is.
    if (zipped) return await readXlsx(fileName, bytes, wanted);
    return await readXls(bytes, wanted);
  } catch (e) {
    if (e instanceof AppError || e instanceof MemoryLimitError) throw e;
    if (e instanceof XmlLimitError) throw fileRefused(fileName, `${e.message}.`);
    // A part that is not XML, a workbook without its parts, SheetJS's own failure on a broken .xls.
    throw unreadable();
  }
}

function unreadable(): AppError {
  return new AppError('VALIDATION', 'Файл не читается как книга Excel: возможно, он повреждён или защищён паролем.', { fields: { file: 'Файл не читается' } });
}
