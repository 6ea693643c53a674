import type { RichText, Worksheet } from 'exceljs';
import { cellText } from '../cell-text';
import type { ReportColumn, ReportField, TableBlock, TextRun } from '../model';
import { excelValue, textValue } from './cells';
import { lineHeight, longestLineUnits, longestWordUnits, unitsToPoints, widthUnits, wrappedLines } from './measure';
import { BODY_SIZE, styleOf, type CellLook } from './styles';
import { groupBreaks, printableUnits } from './pages';
import type { PageSetup } from '../model';

/** The widest a column gets from its text; longer text wraps. */
const MAX_COLUMN = 45;
const MIN_COLUMN = 3;
/** Where a vertical heading wraps, in points of its length (the row's height). */
const MAX_VERTICAL_PT = 90;
/** Padding above and below a cell's lines, points. */
const PAD_PT = 3;
/** Columns kept in view no wider than this in all (a wide first column would fill the screen). */
const MAX_FROZEN = 60;

/** A text cell laid out after the widths are known: its rows' heights depend on them. */
interface Measured {
  row: number;
  rows: number;
  col: number;
  /** Columns it spans; `all` = the sheet's whole width. */
  cols: number | 'all';
  text: string;
  size: number;
  bold: boolean;
  vertical?: boolean;
  wrap: boolean;
}

/**
 * One worksheet being written, top to bottom, the way the PDF lays the form
 * out: title lines across the table's width, tables with bordered bold
 * headings (grouped headings merged, a title rising into an empty group
 * cell), texts and signature lines under them. Widths and heights are
 * settled in `finish`, once every table is in.
 */
export class SheetWriter {
  private row = 0;
  /** Columns of the widest table. */
  private span = 0;
  /** What each column needs, by kind; settled into a width in `finish`. */
  private readonly needs: ColumnNeeds[] = [];
  private readonly measured: Measured[] = [];
  private readonly fullWidth: { row: number; look: CellLook }[] = [];
  /** Rows that stay on one page (a student's periods), and the rows after which a page ends. */
  private readonly groups: { first: number; last: number }[] = [];
  private readonly breaks = new Set<number>();
  private firstHeading: { top: number; bottom: number; columns: number } | null = null;
  /** The first table's last row. */
  private firstTableEnds = 0;
  private tables = 0;
  private repeat = false;

  /**
   * The table's heading, frozen on screen — when the sheet has one table:
   * another table's rows (a student's dates under the class's totals) would
   * stand under a heading not theirs. Each table prints its own heading
   * above its rows anyway.
   */
  get heading(): { top: number; bottom: number; columns: number } | null {
    return this.tables === 1 ? this.firstHeading : null;
  }

  /**
   * The heading printed again at the top of every page (known after
   * `finish`): when the table runs on past the first page. Over a page of
   * the text under a table (the performance report's formulas) it would
   * head no rows of its own.
   */
  get repeatedHeading(): { top: number; bottom: number } | null {
    return this.repeat ? this.heading : null;
  }

  constructor(readonly ws: Worksheet) {}

  get lastRow(): number {
    return this.row;
  }

  blank(): void {
    if (this.row > 0) this.row++;
  }

  /** A line across the sheet's width: a title, a text, a signature. */
  line(content: string | TextRun[], look: CellLook = {}): void {
    const runs = typeof content === 'string' ? [{ text: content, bold: look.bold }] : content;
    const text = runs.map((r) => r.text).join('');
    const r = ++this.row;
    const cell = this.ws.getCell(r, 1);
    const mixed = runs.some((x) => !!x.bold !== !!look.bold);
    cell.value = mixed
      ? { richText: runs.filter((x) => x.text).map((x): RichText => ({ text: textValue(x.text), font: { name: 'Arial', size: look.size ?? BODY_SIZE, bold: !!x.bold, charset: 204 } })) }
      : textValue(text);
    const full: CellLook = { wrap: true, vertical: 'top', ...look };
    cell.style = styleOf(full);
    this.fullWidth.push({ row: r, look: full });
    this.measured.push({ row: r, rows: 1, col: 1, cols: 'all', text, size: look.size ?? BODY_SIZE, bold: !!look.bold || runs.every((x) => x.bold), wrap: true });
  }

  /** «Класс: **7А**   Классный руководитель: **М.Н. Никифорова**», as the PDF sets fields. */
  fields(fields: ReportField[]): void {
    if (fields.length === 0) return;
    const runs: TextRun[] = [];
    fields.forEach((f, i) => runs.push({ text: `${i > 0 ? '     ' : ''}${f.label}: ` }, { text: f.value, bold: true }));
    this.line(runs);
  }

  /** A row break before the next row, for a section the PDF starts on a new page. */
  pageBreak(): void {
    if (this.row > 0) this.breaks.add(this.row);
  }

  private sections = 0;

  /** A section begins here: on a new page when it asks for one and something of another section is above it. */
  startSection(newPage: boolean): void {
    if (newPage && this.sections > 0) this.pageBreak();
    this.sections++;
  }

  table(table: TableBlock): void {
    const n = table.columns.length;
    if (table.caption) this.line(table.caption, { bold: true });
    if (table.rows.length === 0 && !table.totals?.length) {
      this.line(table.emptyText ?? 'Нет данных.');
      this.blank();
      return;
    }
    this.span = Math.max(this.span, n);
    const top = this.row + 1;
    this.headingRows(table, top);
    const bottom = this.row;
    this.firstHeading ??= { top, bottom, columns: frozenColumns(table.columns) };
    this.tables++;
    this.bodyRows(table);
    if (this.tables === 1) this.firstTableEnds = this.row;
    this.blank();
  }

  private headingRows(table: TableBlock, top: number): void {
    const groups = table.headerGroups ?? [];
    const titleRow = top + groups.length;
    // Headings are labels, text even where they look like numbers (a day of the month over a date column).
    const header = (bold = true): CellLook => ({ bold, border: true, fill: 'header', horizontal: 'center', vertical: 'middle', wrap: true, numFmt: '@' });
    // Every cell of the heading bordered and shaded first; merged cells take their first cell's look.
    for (let r = top; r <= titleRow; r++) {
      for (let c = 1; c <= table.columns.length; c++) this.ws.getCell(r, c).style = styleOf(header());
    }
    groups.forEach((groupRow, gi) => {
      let c = 0;
      for (const g of groupRow) {
        if (g.title || g.span > 1) {
          const r = top + gi;
          this.ws.getCell(r, c + 1).value = g.title ? textValue(g.title) : null;
          if (g.span > 1) this.ws.mergeCells(r, c + 1, r, c + g.span);
          if (g.title) this.measured.push({ row: r, rows: 1, col: c + 1, cols: g.span, text: g.title, size: BODY_SIZE, bold: true, wrap: true });
        }
        c += g.span;
      }
    });
    table.columns.forEach((col, i) => {
      // A column under empty single group cells: its title fills them, as in the PDF.
      let rise = titleRow;
      for (let gi = groups.length - 1; gi >= 0; gi--) {
        const g = groupAt(groups[gi], i);
        if (g && g.title === '' && g.span === 1) rise = top + gi;
        else break;
      }
      const cell = this.ws.getCell(rise, i + 1);
      cell.value = textValue(col.title);
      if (col.vertical) cell.style = styleOf({ ...header(), rotate: true });
      if (rise < titleRow) this.ws.mergeCells(rise, i + 1, titleRow, i + 1);
      this.measured.push({ row: rise, rows: titleRow - rise + 1, col: i + 1, cols: 1, text: col.title, size: BODY_SIZE, bold: true, vertical: col.vertical, wrap: true });
      const need = this.needOf(i);
      need.heading = Math.max(need.heading, headingWidth(col));
      if (col.widthMm) need.mm = Math.max(need.mm, mmToUnits(col.widthMm));
    });
    this.row = titleRow;
  }

  private bodyRows(table: TableBlock): void {
    const n = table.columns.length;
    const blank = table.columns.map(() => true);
    // The looks of a column's cells, by bold/shade/type: a few per column, looked up for every cell of the school's workbook.
    const looks = table.columns.map(() => new Map<string, ReturnType<typeof styleOf>>());
    /** The measured text of a group's first row, by column: the merged cell's text. */
    const groupText = new Map<number, Measured>();
    let groupStart = -1;
    let groupKey: string | undefined;
    const closeGroup = (end: number) => {
      if (groupKey === undefined || groupStart < 0 || end <= groupStart) return;
      this.groups.push({ first: groupStart, last: end });
      table.columns.forEach((col, i) => {
        if (col.mergeInGroup) {
          this.ws.mergeCells(groupStart, i + 1, end, i + 1);
          const m = groupText.get(i);
          if (m && m.row === groupStart) m.rows = end - groupStart + 1;
        }
      });
    };
    const write = (cells: (string | number | null)[], look: { bold: boolean; shade: boolean }, merged: (i: number) => boolean) => {
      const r = ++this.row;
      const sheetRow = this.ws.getRow(r);
      for (let i = 0; i < n; i++) {
        const col = table.columns[i];
        const cell = sheetRow.getCell(i + 1);
        const v = merged(i) ? null : cells[i];
        const typed = excelValue(v, col.format);
        if (typed.value !== null) cell.value = typed.value;
        const numeric = typeof typed.value === 'number' || typed.value instanceof Date;
        const key = `${look.bold ? 1 : 0}${look.shade ? 1 : 0}${numeric ? 1 : 0}${typed.numFmt ?? ''}`;
        let style = looks[i].get(key);
        if (!style) {
          style = styleOf({
            bold: look.bold,
            border: true,
            fill: look.shade ? 'shade' : undefined,
            horizontal: col.align ?? (numeric ? 'right' : 'left'),
            vertical: 'top',
            wrap: !col.noWrap && !numeric,
            numFmt: typed.numFmt,
          });
          looks[i].set(key, style);
        }
        cell.style = style;
        const text = shownText(v, col);
        if (!text) continue;
        blank[i] = false;
        const need = this.needOf(i);
        const line = longestLineUnits(text, BODY_SIZE, look.bold);
        if (col.noWrap || numeric) need.rigid = Math.max(need.rigid, line);
        else {
          need.content = Math.max(need.content, line);
          need.word = Math.max(need.word, longestWordUnits(text, BODY_SIZE, look.bold));
        }
        if (!numeric) {
          const m: Measured = { row: r, rows: 1, col: i + 1, cols: 1, text, size: BODY_SIZE, bold: look.bold, wrap: !col.noWrap };
          this.measured.push(m);
          if (col.mergeInGroup) groupText.set(i, m);
        }
      }
      return r;
    };
    for (const row of table.rows) {
      const continues = !!row.group && row.group === groupKey;
      // The group before is closed first: its merged cells' text is measured over all its rows.
      if (!continues) closeGroup(this.row);
      const r = write(row.cells, { bold: !!row.bold, shade: !!row.shade }, (i) => continues && !!table.columns[i].mergeInGroup);
      if (!continues) {
        groupKey = row.group;
        groupStart = r;
      }
    }
    closeGroup(this.row);
    for (const total of table.totals ?? []) write(total.cells, { bold: total.bold !== false, shade: true }, () => false);
    blank.forEach((isBlank, i) => {
      if (!isBlank) this.needOf(i).filled = true;
    });
  }

  private needOf(i: number): ColumnNeeds {
    return (this.needs[i] ??= { content: 0, word: 0, rigid: 0, heading: 0, mm: 0, filled: false });
  }

  /** Column widths, the merges across the sheet, the rows' heights and the page breaks, now that every table is in. */
  finish(page: PageSetup): number[] {
    const widths = Array.from({ length: this.span }, (_, i) => Math.ceil(columnWidth(this.needOf(i)) * 100) / 100);
    // Lines across the sheet (titles, texts, signatures) get most of the paper's width even beside a narrow table:
    // an empty column of its own makes up the difference.
    const room = Math.floor(printableUnits(page) * 0.9);
    const tables = widths.reduce((a, b) => a + b, 0);
    if (tables < room) widths.push(room - tables);
    widths.forEach((w, i) => (this.ws.getColumn(i + 1).width = w));
    if (widths.length > 1) for (const { row } of this.fullWidth) this.ws.mergeCells(row, 1, row, widths.length);
    const width = (m: Measured) => (m.cols === 'all' ? widths.reduce((a, b) => a + b, 0) : widths.slice(m.col - 1, m.col - 1 + m.cols).reduce((a, b) => a + b, 0));
    const heights = new Map<number, number>();
    const needOf = (m: Measured) => {
      const lh = lineHeight(m.size);
      if (m.vertical) return Math.min(unitsToPoints(widthUnits(m.text, m.size, m.bold)), MAX_VERTICAL_PT) + 2 * PAD_PT;
      const lines = m.wrap ? wrappedLines(m.text, width(m), m.size, m.bold) : m.text.split('\n').length;
      return lines * lh + (lines > 1 || m.size > BODY_SIZE ? PAD_PT : 0);
    };
    for (const m of this.measured) {
      if (m.rows !== 1) continue;
      const need = needOf(m);
      if (need > lineHeight(BODY_SIZE)) heights.set(m.row, Math.max(heights.get(m.row) ?? 0, need));
    }
    // A cell over several rows (a student's name over the periods, a title risen into the group rows): the last row takes what is missing.
    for (const m of this.measured) {
      if (m.rows === 1) continue;
      let have = 0;
      for (let r = m.row; r < m.row + m.rows; r++) have += heights.get(r) ?? lineHeight(BODY_SIZE);
      const need = needOf(m);
      if (need > have) {
        const last = m.row + m.rows - 1;
        heights.set(last, (heights.get(last) ?? lineHeight(BODY_SIZE)) + need - have);
      }
    }
    for (const [r, h] of heights) this.ws.getRow(r).height = Math.ceil(h * 4) / 4;
    // A form printed on one sheet of paper has no page to break.
    const { breaks, firstPageEnds } = page.onePage
      ? { breaks: [], firstPageEnds: this.row }
      : groupBreaks(page, {
          heights,
          // Rows left to the application's own height come out at 12.75 pt; a little more is counted.
          defaultHeight: 13,
          lastRow: this.row,
          widths,
          titles: this.heading,
          groups: this.groups,
          breaks: this.breaks,
        });
    this.repeat = !!this.heading && this.firstTableEnds > firstPageEnds;
    // ExcelJS's default right edge (16838) is past Excel's last column (XFD, 16384): give the real one.
    for (const r of breaks) if (r > 0 && r < this.row) this.ws.getRow(r).addPageBreak(1, 16384);
    return widths;
  }
}

/** What a column's cells ask for, in Excel's width units. */
interface ColumnNeeds {
  /** The longest line of wrapping text. */
  content: number;
  /** The longest word of wrapping text: narrower would break words. */
  word: number;
  /** Numbers, dates and no-wrap text: narrower would show «###» or clip. */
  rigid: number;
  heading: number;
  /** The PDF's fixed width, if any. */
  mm: number;
  /** Any cell with text: a blank column (a signature line) keeps the PDF's width. */
  filled: boolean;
}

/**
 * A column's width: its text on one line up to MAX_COLUMN (longer text
 * wraps), no wider than the PDF's fixed width where the text may wrap
 * there too (the school timetable's narrow class columns), never narrower
 * than its longest word, its numbers or its heading.
 */
function columnWidth(n: ColumnNeeds): number {
  if (!n.filled && n.mm) return Math.max(n.mm, n.heading, MIN_COLUMN);
  const flowing = n.mm ? Math.min(n.content, n.mm) : Math.min(n.content, MAX_COLUMN);
  return Math.max(flowing, Math.min(n.word, MAX_COLUMN), n.rigid, n.heading, MIN_COLUMN);
}

function groupAt(row: { title: string; span: number }[], column: number): { title: string; span: number } | null {
  let c = 0;
  for (const g of row) {
    if (column < c + g.span) return g;
    c += g.span;
  }
  return null;
}

/** The text a cell shows in the spreadsheet (a percentage with its sign), for measuring. */
function shownText(value: string | number | null | undefined, col: ReportColumn): string {
  const text = cellText(value, col.format);
  return typeof value === 'number' && col.format === 'percent' ? `${text} %` : text;
}

/** A heading's width: a vertical one stacks its lines across the column; a horizontal one wraps to at most three lines. */
function headingWidth(col: ReportColumn): number {
  if (col.vertical) {
    const lines = wrappedLines(col.title, (MAX_VERTICAL_PT * 96) / 72 / 7, BODY_SIZE, true);
    return (lines * lineHeight(BODY_SIZE) * 96) / 72 / 7 + 1;
  }
  return Math.min(MAX_COLUMN, Math.max(longestWordUnits(col.title, BODY_SIZE, true), widthUnits(col.title, BODY_SIZE, true) / 3));
}

/** The columns kept in view: through the last that names the row (or the first), unless they would fill the screen. */
function frozenColumns(columns: ReportColumn[]): number {
  const last = columns.reduce((at, c, i) => (c.rowHeading ? i + 1 : at), 0);
  return last || 1;
}

export function frozenFits(widths: number[], columns: number): boolean {
  return widths.slice(0, columns).reduce((a, b) => a + b, 0) <= MAX_FROZEN;
}

function mmToUnits(mm: number): number {
  return (mm * 96) / 25.4 / 7;
}
