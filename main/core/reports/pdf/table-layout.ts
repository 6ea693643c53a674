import type { ReportRow, TableBlock } from '../model';
import { cellText } from '../cell-text';
import type { FontPair } from './fonts';
import { longestWordWidth, wrapText } from './wrap';

/** Cell padding, points; a dense table's rows have less above and below the text (its header keeps PAD_Y). */
export const PAD_X = 2.5;
export const PAD_Y = 1.8;
const DENSE_PAD_Y = 0.6;
/** Smallest font a table shrinks to before its columns are squeezed instead. */
const MIN_FONT = 5.5;
/** Vertical headings taller than this wrap into a second rotated line. */
const MAX_VERTICAL_HEADING = 118;
const MM = 72 / 25.4;
/** A column at least this wide holds text, and may take spare width. */
const TEXT_COLUMN = 50;

export interface HeaderCell {
  x: number;
  y: number;
  w: number;
  h: number;
  lines: string[];
  vertical: boolean;
}

export interface TableLayout {
  size: number;
  lineHeight: number;
  /** Padding above and below a cell's text. */
  padY: number;
  widths: number[];
  /** x of each column's left edge, from the table's left. */
  lefts: number[];
  totalWidth: number;
  headerHeight: number;
  headerCells: HeaderCell[];
}

export interface MeasuredRow {
  row: ReportRow;
  lines: string[][];
  height: number;
}

/**
 * Column widths measured from the text: each column gets what its longest
 * cell needs; when the page is too narrow, columns that may wrap give way
 * down to their longest word, then the font gets smaller, and only then are
 * words cut. Extra width goes to `grow` columns (or to all that may wrap).
 */
export function layoutTable(table: TableBlock, fonts: FontPair, available: number): TableLayout {
  let size = table.fontSize ?? 9;
  for (;;) {
    const attempt = tryWidths(table, fonts, size, available);
    if (attempt || size <= MIN_FONT) return finish(table, fonts, size, attempt ?? squeeze(table, fonts, size, available));
    size = Math.max(MIN_FONT, size - 0.5);
  }
}

interface ColumnNeed {
  natural: number;
  min: number;
  fixed: boolean;
  canGrow: boolean;
}

/** A totals row as it is printed: bold unless it says otherwise. */
export function asTotal(row: ReportRow): ReportRow {
  return { ...row, bold: row.bold ?? true };
}

function needs(table: TableBlock, fonts: FontPair, size: number): ColumnNeed[] {
  const lineHeight = size * 1.18;
  // The totals measured in the bold they are printed in: a «251» measured in regular type broke over two lines.
  const allRows = [...table.rows, ...(table.totals ?? []).map(asTotal)];
  return table.columns.map((col, i) => {
    if (col.widthMm) return { natural: col.widthMm * MM, min: col.widthMm * MM, fixed: true, canGrow: false };
    let content = 0;
    let word = 0;
    for (const row of allRows) {
      const text = cellText(row.cells[i], col.format);
      if (!text) continue;
      const font = row.bold ? fonts.bold : fonts.regular;
      content = Math.max(content, font.width(text, size));
      if (!col.noWrap) word = Math.max(word, longestWordWidth(text, font, size));
    }
    if (col.noWrap) word = content;
    let headerMin: number;
    if (col.vertical) {
      const lines = Math.ceil(fonts.bold.width(col.title, size) / verticalMax(table)) || 1;
      headerMin = lines * lineHeight;
    } else {
      headerMin = longestWordWidth(col.title, fonts.bold, size);
    }
    const min = Math.max(word, headerMin) + 2 * PAD_X;
    // A long text column (a topic) should not claim the whole page for one cell.
    const natural = Math.max(Math.min(content, col.grow ? 1e6 : 260), word, headerMin) + 2 * PAD_X;
    return { natural, min, fixed: false, canGrow: !col.vertical };
  });
}

function verticalMax(table: TableBlock): number {
  return table.verticalHeadingMm ? table.verticalHeadingMm * MM : MAX_VERTICAL_HEADING;
}

function padOf(table: TableBlock): number {
  return table.dense ? DENSE_PAD_Y : PAD_Y;
}

function tryWidths(table: TableBlock, fonts: FontPair, size: number, available: number): number[] | null {
  const cols = needs(table, fonts, size);
  const naturalSum = cols.reduce((s, c) => s + c.natural, 0);
  if (naturalSum <= available) return spread(table, cols, available);
  const minSum = cols.reduce((s, c) => s + c.min, 0);
  if (minSum > available) return null;
  // Take the excess from each column in proportion to how far it can give.
  const slack = naturalSum - minSum;
  const cut = naturalSum - available;
  return cols.map((c) => c.natural - ((c.natural - c.min) / slack) * cut);
}

function spread(table: TableBlock, cols: ColumnNeed[], available: number): number[] {
  const widths = cols.map((c) => c.natural);
  const extra = available - widths.reduce((s, w) => s + w, 0);
  const growing = table.columns.map((c, i) => (c.grow ? i : -1)).filter((i) => i >= 0);
  // Without a `grow` column the text columns share the rest; a table of
  // numbers only stays as narrow as it is rather than get a vast «№».
  const takers =
    growing.length > 0 ? growing : cols.map((c, i) => (c.canGrow && !c.fixed && c.natural >= TEXT_COLUMN ? i : -1)).filter((i) => i >= 0);
  if (takers.length === 0) return widths;
  const base = takers.reduce((s, i) => s + widths[i], 0);
  for (const i of takers) widths[i] += (extra * widths[i]) / base;
  return widths;
}

/** The last resort: every column scaled down alike; words are cut by characters. */
function squeeze(table: TableBlock, fonts: FontPair, size: number, available: number): number[] {
  const cols = needs(table, fonts, size);
  const sum = cols.reduce((s, c) => s + c.min, 0);
  return cols.map((c) => (c.min * available) / sum);
}

function finish(table: TableBlock, fonts: FontPair, size: number, widths: number[]): TableLayout {
  const lineHeight = size * 1.18;
  const padY = padOf(table);
  const lefts: number[] = [];
  let x = 0;
  for (const w of widths) {
    lefts.push(x);
    x += w;
  }
  const { height, cells } = layoutHeader(table, fonts, size, lineHeight, widths, lefts);
  return { size, lineHeight, padY, widths, lefts, totalWidth: x, headerHeight: height, headerCells: cells };
}

/**
 * The header: grouped heading rows on top, the column titles below. A group
 * with an empty title over a single column lets that column's title rise
 * into the group row («№» beside «Пропущено уроков»).
 */
function layoutHeader(
  table: TableBlock,
  fonts: FontPair,
  size: number,
  lineHeight: number,
  widths: number[],
  lefts: number[],
): { height: number; cells: HeaderCell[] } {
  const groups = table.headerGroups ?? [];
  const n = table.columns.length;
  // For each column: the first group row its title occupies (groups.length = only the title row).
  const titleTop = table.columns.map((_, ci) => {
    let top = groups.length;
    for (let gi = groups.length - 1; gi >= 0; gi--) {
      const g = groupAt(groups[gi], ci);
      if (g && g.group.title === '' && g.group.span === 1) top = gi;
      else break;
    }
    return top;
  });
  const groupRows = groups.map((row) => {
    let col = 0;
    return row.map((g) => {
      const start = col;
      col += g.span;
      const w = sum(widths, start, g.span);
      return { g, start, lines: g.title ? wrapText(g.title, fonts.bold, size, w - 2 * PAD_X) : [] };
    });
  });
  const groupHeights = groupRows.map((row) =>
    Math.max(lineHeight + 2 * PAD_Y, ...row.filter((c) => c.g.title !== '' || c.g.span > 1).map((c) => c.lines.length * lineHeight + 2 * PAD_Y)),
  );
  const titleCells = table.columns.map((col, ci) => {
    if (col.vertical) {
      const lines = wrapText(col.title, fonts.bold, size, verticalMax(table));
      const longest = Math.max(...lines.map((l) => fonts.bold.width(l, size)));
      return { lines, need: longest + 2 * PAD_Y + 4 };
    }
    const lines = wrapText(col.title, fonts.bold, size, widths[ci] - 2 * PAD_X);
    return { lines, need: lines.length * lineHeight + 2 * PAD_Y };
  });
  // The title row must fit every title that sits in it alone; a title rising
  // into group rows may use their height too.
  let titleRow = lineHeight + 2 * PAD_Y;
  for (let ci = 0; ci < n; ci++) {
    const above = groupHeights.slice(titleTop[ci]).reduce((s, h) => s + h, 0);
    titleRow = Math.max(titleRow, titleCells[ci].need - above);
  }
  const tops: number[] = [];
  let y = 0;
  for (const h of groupHeights) {
    tops.push(y);
    y += h;
  }
  const titleY = y;
  const height = y + titleRow;
  const cells: HeaderCell[] = [];
  groupRows.forEach((row, gi) => {
    for (const c of row) {
      if (c.g.title === '' && c.g.span === 1 && titleTop[c.start] <= gi) continue;
      cells.push({ x: lefts[c.start], y: tops[gi], w: sum(widths, c.start, c.g.span), h: groupHeights[gi], lines: c.lines, vertical: false });
    }
  });
  table.columns.forEach((col, ci) => {
    const top = titleTop[ci] < groups.length ? tops[titleTop[ci]] : titleY;
    cells.push({ x: lefts[ci], y: top, w: widths[ci], h: height - top, lines: titleCells[ci].lines, vertical: !!col.vertical });
  });
  return { height, cells };
}

function groupAt(row: { title: string; span: number }[], column: number) {
  let col = 0;
  for (const group of row) {
    if (column < col + group.span) return { group, start: col };
    col += group.span;
  }
  return null;
}

function sum(widths: number[], start: number, span: number): number {
  let s = 0;
  for (let i = start; i < start + span && i < widths.length; i++) s += widths[i];
  return s;
}

/** Wraps a row's cells to their columns; merged-in-group cells are measured by the group. */
export function measureRow(row: ReportRow, table: TableBlock, layout: TableLayout, fonts: FontPair): MeasuredRow {
  const font = row.bold ? fonts.bold : fonts.regular;
  const lines: string[][] = [];
  let height = layout.lineHeight + 2 * layout.padY;
  table.columns.forEach((col, i) => {
    const text = cellText(row.cells[i], col.format);
    const cell = !text ? [] : col.noWrap ? [text] : wrapText(text, font, layout.size, layout.widths[i] - 2 * PAD_X);
    lines.push(cell);
    if (!(col.mergeInGroup && row.group)) height = Math.max(height, cell.length * layout.lineHeight + 2 * layout.padY);
  });
  return { row, lines, height };
}

/** The height a merged cell needs: its text in the group's first row. */
export function mergedNeed(first: MeasuredRow, table: TableBlock, layout: TableLayout): number {
  let need = 0;
  table.columns.forEach((col, i) => {
    if (col.mergeInGroup) need = Math.max(need, first.lines[i].length * layout.lineHeight + 2 * layout.padY);
  });
  return need;
}
