import fs from 'node:fs';
import { formulaSafe } from '../shared/formula-safe';

/**
 * CSV as Excel in a Russian locale opens it with a double click: UTF-8 with a
 * byte-order mark (or Excel guesses the ANSI code page and shows mojibake),
 * «;» between fields (the list separator where the decimal mark is a comma),
 * CRLF line ends, and quotes around fields that hold «;», quotes or newlines.
 * Text that Excel would take for a formula is written as text (`formulaSafe`).
 */
export type CsvValue = string | number | boolean | null | undefined;

function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(';')}\r\n`;
}

function csvField(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'boolean' ? (v ? 'да' : '') : typeof v === 'number' ? String(v).replace('.', ',') : formulaSafe(v);
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Writes a CSV file: the BOM, the header, then the rows as they come (a year's marks do not fit a string comfortably). */
export class CsvFile {
  private readonly fd: number;
  private buffer: string[] = [];
  rows = 0;

  constructor(
    readonly file: string,
    header: readonly string[],
  ) {
    this.fd = fs.openSync(file, 'w');
    fs.writeSync(this.fd, '\uFEFF');
    this.buffer.push(csvLine(header));
  }

  add(values: readonly CsvValue[]): void {
    this.buffer.push(csvLine(values));
    this.rows++;
    if (this.buffer.length >= 2000) this.flush();
  }

  close(): void {
    this.flush();
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
  }

  private flush(): void {
    if (this.buffer.length) fs.writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
  }
}
