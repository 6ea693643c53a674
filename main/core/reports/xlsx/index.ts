import * as XLSX from 'xlsx';
import { formulaSafe } from '../../shared/formula-safe';
import { type CellValue, type ReportModel, type ReportSection, type TableBlock } from '../model';
import { ruDate } from '../../shared/dates';

type Cell = string | number | null;

/**
 * One worksheet being filled: rows of values, merged ranges and the widest
 * text per column (SheetJS CE writes no styles, so widths and merges are what
 * makes it readable; vertical headings stay horizontal here).
 */
class SheetBuilder {
  readonly rows: Cell[][] = [];
  readonly merges: XLSX.Range[] = [];
  readonly widths: number[] = [];

  constructor(readonly name: string) {}

  add(cells: Cell[], measure = true): number {
    this.rows.push(cells);
    if (measure) {
      cells.forEach((c, i) => {
        const len = c === null ? 0 : String(c).length;
        this.widths[i] = Math.max(this.widths[i] ?? 6, Math.min(len + 2, 60));
      });
    }
    return this.rows.length - 1;
  }

  merge(r1: number, c1: number, r2: number, c2: number): void {
    if (r1 === r2 && c1 === c2) return;
    this.merges.push({ s: { r: r1, c: c1 }, e: { r: r2, c: c2 } });
  }

  table(table: TableBlock): void {
    if (table.caption) this.add([table.caption], false);
    if (table.rows.length === 0 && !table.totals?.length) {
      this.add([table.emptyText ?? 'Нет данных.'], false);
      this.add([], false);
      return;
    }
    const n = table.columns.length;
    const groups = table.headerGroups ?? [];
    const headerTop = this.rows.length;
    for (const groupRow of groups) {
      const r = this.add(new Array<Cell>(n).fill(null), false);
      let c = 0;
      for (const g of groupRow) {
        this.rows[r][c] = g.title || null;
        if (g.title) this.merge(r, c, r, c + g.span - 1);
        c += g.span;
      }
    }
    const titleRow = this.add(table.columns.map((col) => col.title), false);
    table.columns.forEach((col, i) => {
      const titleLen = Math.min(col.title.length + 2, col.vertical ? 8 : 30);
      this.widths[i] = Math.max(this.widths[i] ?? 4, titleLen);
      // A column with empty groups above it: its title fills those rows.
      let top = titleRow;
      for (let gi = groups.length - 1; gi >= 0; gi--) {
        const cell = this.rows[headerTop + gi][i];
        if (cell === null && spanAt(groups[gi], i) === 1) top = headerTop + gi;
        else break;
      }
      if (top < titleRow) {
        this.rows[top][i] = col.title;
        this.rows[titleRow][i] = null;
        this.merge(top, i, titleRow, i);
      }
    });
    let groupStart = -1;
    let groupKey: string | undefined;
    const closeGroup = (end: number) => {
      if (groupKey === undefined || groupStart < 0 || end <= groupStart) return;
      table.columns.forEach((col, i) => {
        if (col.mergeInGroup) this.merge(groupStart, i, end, i);
      });
    };
    for (const row of table.rows) {
      const r = this.add(row.cells.map(toCell));
      if (row.group !== groupKey) {
        closeGroup(r - 1);
        groupKey = row.group;
        groupStart = r;
      } else if (row.group) {
        table.columns.forEach((col, i) => {
          if (col.mergeInGroup) this.rows[r][i] = null;
        });
      }
    }
    closeGroup(this.rows.length - 1);
    for (const total of table.totals ?? []) this.add(total.cells.map(toCell));
    this.add([], false);
  }
}

function spanAt(row: { title: string; span: number }[], column: number): number {
  let c = 0;
  for (const g of row) {
    if (column < c + g.span) return g.span;
    c += g.span;
  }
  return 0;
}

function toCell(v: CellValue): Cell {
  return v === undefined ? null : v;
}

function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 31) || 'Лист';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 27)} (${i})`;
  taken.add(name.toLowerCase());
  return name;
}

function preamble(sheet: SheetBuilder, model: ReportModel): void {
  if (model.schoolName) sheet.add([model.schoolName], false);
  sheet.add([model.title], false);
  if (model.subtitle) sheet.add([model.subtitle], false);
  for (const f of model.fields) sheet.add([`${f.label}: ${f.value}`], false);
  sheet.add([`Дата печати: ${ruDate(model.printedOn)}`], false);
  sheet.add([], false);
}

function section(sheet: SheetBuilder, s: ReportSection): void {
  if (s.title) sheet.add([s.title], false);
  for (const f of s.fields ?? []) sheet.add([`${f.label}: ${f.value}`], false);
  for (const block of s.blocks) {
    switch (block.kind) {
      case 'table':
        sheet.table(block);
        break;
      case 'text':
        for (const line of (block.runs?.map((r) => r.text).join('') ?? block.text ?? '').split('\n')) sheet.add([line], false);
        break;
      case 'fields':
        for (const f of block.fields) sheet.add([`${f.label}: ${f.value}`], false);
        break;
      case 'signatures':
        if (block.title) sheet.add([block.title], false);
        for (const l of block.lines) sheet.add([`${l.position} ________ /${l.name || '________'}/`], false);
        break;
      case 'slip':
        sheet.add(['Линия отреза - - - - - - - - - - - - - - - -'], false);
        for (const l of block.lines) sheet.add([l], false);
        break;
      case 'pageBreak':
        break;
      case 'contents':
        break;
      case 'pageCount':
        sheet.add([block.text.replace('{pages}', '____ страниц')], false);
        break;
    }
  }
  sheet.add([], false);
}

/** The model as an XLSX workbook; sections with a sheet name get a sheet of their own. */
export function renderXlsx(model: ReportModel): Uint8Array {
  const taken = new Set<string>();
  const sheets: SheetBuilder[] = [];
  let current: SheetBuilder | null = null;
  for (const s of model.sections) {
    if (!current || s.sheetName) {
      current = new SheetBuilder(sheetName(s.sheetName ?? 'Отчёт', taken));
      sheets.push(current);
      preamble(current, model);
    }
    section(current, s);
  }
  if (!current) {
    current = new SheetBuilder(sheetName('Отчёт', taken));
    sheets.push(current);
    preamble(current, model);
  }
  if (model.signatures.length > 0) {
    for (const l of model.signatures) current.add([`${l.position} ________ /${l.name || '________'}/`], false);
  }
  const book = XLSX.utils.book_new();
  book.Props = { Title: model.title, Author: 'Классный журнал', Company: model.schoolName };
  for (const sheet of sheets) {
    const ws = XLSX.utils.aoa_to_sheet(sheet.rows.map((row) => row.map((c) => (typeof c === 'string' ? formulaSafe(c) : c))));
    ws['!merges'] = sheet.merges;
    ws['!cols'] = sheet.widths.map((w) => ({ wch: w ?? 8 }));
    XLSX.utils.book_append_sheet(book, ws, sheet.name);
  }
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Uint8Array;
}
