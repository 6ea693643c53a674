import { PageSizes, type PDFDocument } from 'pdf-lib';
import { Canvas } from './canvas';
import type {
  FieldsBlock,
  PageSetup,
  ReportField,
  SignaturesBlock,
  SlipBlock,
  TableBlock,
  TextBlock,
  TextRun,
} from '../model';
import type { FontPair, MeasuredFont } from './fonts';
import { wrapRuns, type RunLine } from './wrap';
import { PAD_X, PAD_Y, asTotal, layoutTable, measureRow, mergedNeed, type MeasuredRow, type TableLayout } from './table-layout';

const MM = 72 / 25.4;
/** A wider left margin: archived forms are bound on the left. */
const MARGIN = { left: 20 * MM, right: 10 * MM, top: 12 * MM, bottom: 15 * MM };
const BLACK = 0;
const GREY = 0.35;
const HEADER_FILL = 0.92;
const SHADE_FILL = 0.96;

/** Reports progress and lets the caller stop a long layout between rows. */
export interface FlowHooks {
  tick(units: number): Promise<void>;
}

/**
 * Lays blocks out top to bottom, page after page. Tables repeat their header
 * on every page; a row — or a group of rows kept together — never splits.
 */
export class PageFlow {
  readonly pages: { page: Canvas; setup: PageSetup }[] = [];
  private page!: Canvas;
  private setup!: PageSetup;
  private y = 0;
  /** Drawing that waits for the page count: contents, «пронумеровано N страниц». */
  private readonly deferred: ((pageCount: number) => void)[] = [];

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: FontPair,
    private readonly hooks: FlowHooks,
  ) {}

  /** 1-based number of the current page. */
  get pageNumber(): number {
    return this.pages.length;
  }

  get width(): number {
    return this.page.width - MARGIN.left - MARGIN.right;
  }

  private get room(): number {
    return this.y - MARGIN.bottom;
  }

  private get atTop(): boolean {
    return this.y >= this.page.height - MARGIN.top - 0.01;
  }

  newPage(setup: PageSetup): void {
    const [w, h] = setup.size === 'A3' ? PageSizes.A3 : PageSizes.A4;
    const landscape = setup.orientation === 'landscape';
    this.page = new Canvas(this.doc.addPage(landscape ? [h, w] : [w, h]), this.doc);
    this.setup = setup;
    this.pages.push({ page: this.page, setup });
    this.y = this.page.height - MARGIN.top;
  }

  /** A new page unless the current one is still empty (and of the same shape). */
  breakPage(setup: PageSetup = this.setup): void {
    if (this.pages.length > 0 && this.atTop && sameSetup(setup, this.setup)) return;
    this.newPage(setup);
  }

  gap(points: number): void {
    if (!this.atTop) this.y -= Math.min(points, Math.max(0, this.room));
  }

  /** Makes room for `height` points, starting a page if needed; true if it did. */
  private ensure(height: number): boolean {
    if (height <= this.room || this.atTop) return false;
    this.newPage(this.setup);
    return true;
  }

  // ---- text ---------------------------------------------------------------

  text(block: TextBlock): void {
    const size = block.size ?? 10;
    const runs: TextRun[] = block.runs ?? [{ text: block.text ?? '', bold: block.bold }];
    this.runLines(wrapRuns(runs, this.fonts, size, this.width), size, block.align ?? 'left');
  }

  fields(block: FieldsBlock | { fields: ReportField[] }, size = 10): void {
    if (block.fields.length === 0) return;
    const runs: TextRun[] = [];
    block.fields.forEach((f, i) => {
      runs.push({ text: `${i > 0 ? '      ' : ''}${f.label}: ` }, { text: f.value || '—', bold: true });
    });
    this.runLines(wrapRuns(runs, this.fonts, size, this.width), size, 'left');
  }

  heading(text: string, size: number, align: 'left' | 'center' = 'left', keepWith = 0): void {
    const lines = wrapRuns([{ text, bold: true }], this.fonts, size, this.width);
    this.ensure(lines.length * size * 1.3 + keepWith);
    this.runLines(lines, size, align);
  }

  private runLines(lines: RunLine[], size: number, align: 'left' | 'center' | 'right'): void {
    const lh = size * 1.3;
    for (const line of lines) {
      this.ensure(lh);
      const x0 = MARGIN.left + (align === 'center' ? (this.width - line.width) / 2 : align === 'right' ? this.width - line.width : 0);
      for (const p of line.pieces) {
        this.draw(p.text, x0 + p.x, this.y - size * 0.95, size, p.bold ? this.fonts.bold : this.fonts.regular);
      }
      this.y -= lh;
    }
  }

  private draw(text: string, x: number, baseline: number, size: number, font: MeasuredFont, color = BLACK): void {
    if (!text) return;
    this.page.text(text, x, baseline, size, font, color);
  }

  /**
   * Reserves room for the contents and draws it once the pages are known:
   * «label ……… 5–12».
   */
  contents(title: string | undefined, entries: { label: string; first: () => number; last: () => number }[]): void {
    const size = 10;
    const lh = size * 1.6;
    if (title) this.heading(title, 12, 'center', lh * Math.min(entries.length, 5));
    for (const entry of entries) {
      this.ensure(lh);
      const page = this.page;
      const y = this.y - size;
      const width = this.width;
      this.deferred.push(() => {
        const first = entry.first();
        const last = entry.last();
        const pages = last > first ? `${first}–${last}` : String(first);
        const font = this.fonts.regular;
        const label = clip(entry.label, font, size, width - 60);
        const labelW = font.width(label, size);
        const pagesW = font.width(pages, size);
        page.text(label, MARGIN.left, y, size, font);
        page.text(pages, MARGIN.left + width - pagesW, y, size, font);
        if (MARGIN.left + labelW + 6 < MARGIN.left + width - pagesW - 6) {
          page.line(MARGIN.left + labelW + 4, y, MARGIN.left + width - pagesW - 4, y, GREY, [1, 2]);
        }
      });
      this.y -= lh;
    }
  }

  /** A line with the page count in it, drawn when the count is known. */
  pageCount(render: (pages: number) => string): void {
    const size = 10;
    const sample = wrapRuns([{ text: render(999) }], this.fonts, size, this.width);
    this.ensure(sample.length * size * 1.3);
    const page = this.page;
    let y = this.y;
    const width = this.width;
    this.deferred.push((pages) => {
      for (const line of wrapRuns([{ text: render(pages) }], this.fonts, size, width)) {
        for (const p of line.pieces) page.text(p.text, MARGIN.left + p.x, y - size * 0.95, size, p.bold ? this.fonts.bold : this.fonts.regular);
        y -= size * 1.3;
      }
    });
    this.y -= sample.length * size * 1.3;
  }

  /** About how tall a block will be (to keep it with the table before it). */
  heightOf(block: TextBlock | SignaturesBlock | FieldsBlock | SlipBlock): number {
    switch (block.kind) {
      case 'text': {
        const size = block.size ?? 10;
        const runs: TextRun[] = block.runs ?? [{ text: block.text ?? '', bold: block.bold }];
        return wrapRuns(runs, this.fonts, size, this.width).length * size * 1.3;
      }
      case 'signatures':
        return 8 + (block.title ? 13 : 0) + block.lines.length * 26;
      case 'fields':
        return 13 * Math.ceil(block.fields.length / 3);
      case 'slip':
        return 40 + block.lines.length * 16;
    }
  }

  // ---- signatures and slips -------------------------------------------------

  signatures(block: SignaturesBlock): void {
    const size = 10;
    const lh = 26;
    if (block.title) this.heading(block.title, size, 'left', lh);
    // One column for the signature lines, after the longest position.
    const positionsWidth = Math.min(
      this.width * 0.45,
      Math.max(0, ...block.lines.map((l) => this.fonts.regular.width(l.position, size))),
    );
    for (const line of block.lines) {
      const font = this.fonts.regular;
      let x = MARGIN.left;
      const positionLines = wrapRuns([{ text: line.position }], this.fonts, size, this.width * 0.45);
      // A position that wraps takes more height: its first lines go above the signature line.
      const height = lh + (positionLines.length - 1) * size * 1.2;
      this.ensure(height);
      const baseline = this.y - height + 8;
      positionLines.forEach((pl, i) => this.draw(pl.pieces[0]?.text ?? '', x, baseline + (positionLines.length - 1 - i) * size * 1.2, size, font));
      x += positionsWidth + 8;
      const signWidth = 40 * MM;
      this.page.line(x, baseline - 2, x + signWidth, baseline - 2);
      this.draw('(подпись)', x + signWidth / 2 - font.width('(подпись)', 6) / 2, baseline - 9, 6, font, GREY);
      x += signWidth + 6;
      if (line.name) {
        this.draw(`/${line.name}/`, x, baseline, size, font);
        x += font.width(`/${line.name}/`, size) + 12;
      } else {
        this.draw('/', x, baseline, size, font);
        const blank = 45 * MM;
        this.page.line(x + 5, baseline - 2, x + 5 + blank, baseline - 2);
        this.draw('/', x + 7 + blank, baseline, size, font);
        x += blank + 20;
      }
      if (line.withDate && x + 30 * MM < MARGIN.left + this.width) {
        this.page.line(x, baseline - 2, x + 28 * MM, baseline - 2);
        this.draw('(дата)', x + 14 * MM - font.width('(дата)', 6) / 2, baseline - 9, 6, font, GREY);
      }
      this.y -= height;
    }
  }

  slip(block: SlipBlock): void {
    const size = 10;
    const lines = block.lines.flatMap((l) => wrapRuns([{ text: l }], this.fonts, size, this.width - 8));
    const height = 22 + lines.length * size * 1.6 + 8;
    this.ensure(height);
    if (block.atBottom && this.room > height) this.y = MARGIN.bottom + height;
    const cutY = this.y - 9;
    const label = '✂ линия отреза';
    const labelW = this.fonts.regular.width(label, 7);
    const mid = MARGIN.left + this.width / 2;
    this.page.line(MARGIN.left, cutY, mid - labelW / 2 - 4, cutY, GREY, [4, 3]);
    this.page.line(mid + labelW / 2 + 4, cutY, MARGIN.left + this.width, cutY, GREY, [4, 3]);
    this.draw(label, mid - labelW / 2, cutY - 2.5, 7, this.fonts.regular, GREY);
    this.y -= 22;
    for (const line of lines) {
      for (const p of line.pieces) this.draw(p.text, MARGIN.left + 4 + p.x, this.y - size, size, this.fonts.regular);
      this.y -= size * 1.6;
    }
    this.y -= 8;
  }

  // ---- tables ---------------------------------------------------------------

  /**
   * @param tail height of what follows and should not be left alone on a
   * page (the formulas, the signatures): the last rows go over with it.
   */
  async table(table: TableBlock, tail = 0): Promise<void> {
    if (table.rows.length === 0 && !table.totals?.length) {
      if (table.caption) this.heading(table.caption, 10, 'left');
      this.text({ kind: 'text', text: table.emptyText ?? 'Нет данных.', size: 9 });
      await this.hooks.tick(1);
      return;
    }
    const layout = layoutTable(table, this.fonts, this.width);
    const units = this.units(table, layout);
    const captionHeight = table.caption ? 10 * 1.3 : 0;
    const whole = captionHeight + layout.headerHeight + units.reduce((sum, u) => sum + u.height, 0);
    if (table.keepTogether && whole > this.room && whole <= this.page.height - MARGIN.top - MARGIN.bottom) this.ensure(whole);
    else this.ensure(captionHeight + layout.headerHeight + (units[0]?.height ?? 0));
    if (table.caption) this.heading(table.caption, 10);
    this.header(table, layout);
    let done = 0;
    for (const [i, unit] of units.entries()) {
      const need = unit.height + (i === units.length - 1 && units.length > 1 ? tail : 0);
      if (need > this.room && !this.atTop) {
        this.newPage(this.setup);
        if (table.caption) this.draw(`${table.caption} (продолжение)`, MARGIN.left, this.y - 8, 8, this.fonts.regular, GREY);
        if (table.caption) this.y -= 11;
        this.header(table, layout);
      }
      this.unit(table, layout, unit);
      done += unit.rows.length;
      if (done >= 100) {
        await this.hooks.tick(done);
        done = 0;
      }
    }
    await this.hooks.tick(done);
    this.y -= 4;
  }

  /** Rows bundled into what must stay on one page: a group, or the totals. */
  private units(table: TableBlock, layout: TableLayout): { rows: MeasuredRow[]; height: number }[] {
    const units: { rows: MeasuredRow[]; height: number }[] = [];
    let current: MeasuredRow[] = [];
    const close = () => {
      if (current.length === 0) return;
      const rowsHeight = current.reduce((s, r) => s + r.height, 0);
      const merged = current[0].row.group ? mergedNeed(current[0], table, layout) : 0;
      if (merged > rowsHeight) current[current.length - 1].height += merged - rowsHeight;
      units.push({ rows: current, height: Math.max(rowsHeight, merged) });
      current = [];
    };
    for (const row of table.rows) {
      const measured = measureRow(row, table, layout, this.fonts);
      if (!row.group || current.length === 0 || current[0].row.group !== row.group) close();
      current.push(measured);
      if (!row.group) close();
    }
    close();
    if (table.totals?.length) {
      current = table.totals.map((r) => measureRow(asTotal(r), table, layout, this.fonts));
      close();
    }
    return units;
  }

  private header(table: TableBlock, layout: TableLayout): void {
    const top = this.y;
    const size = layout.size;
    for (const cell of layout.headerCells) {
      const x = MARGIN.left + cell.x;
      const yTop = top - cell.y;
      this.page.rect(x, yTop - cell.h, cell.w, cell.h, HEADER_FILL, true);
      if (cell.vertical) {
        const block = cell.lines.length * layout.lineHeight;
        cell.lines.forEach((line, j) => {
          const bx = x + (cell.w - block) / 2 + j * layout.lineHeight + size * 0.92;
          this.page.text(line, bx, yTop - cell.h + PAD_Y + 1, size, this.fonts.bold, BLACK, true);
        });
        continue;
      }
      const block = cell.lines.length * layout.lineHeight;
      const y0 = yTop - (cell.h - block) / 2;
      cell.lines.forEach((line, j) => {
        const w = this.fonts.bold.width(line, size);
        this.draw(line, x + (cell.w - w) / 2, y0 - j * layout.lineHeight - size * 0.92, size, this.fonts.bold);
      });
    }
    this.y = top - layout.headerHeight;
  }

  private unit(table: TableBlock, layout: TableLayout, unit: { rows: MeasuredRow[]; height: number }): void {
    const top = this.y;
    const left = MARGIN.left;
    const size = layout.size;
    const n = table.columns.length;
    const merged = table.columns.map((c) => !!c.mergeInGroup && !!unit.rows[0].row.group);
    let y = top;
    unit.rows.forEach((m, ri) => {
      if (m.row.shade) {
        for (let ci = 0; ci < n; ci++) {
          if (merged[ci]) continue;
          this.page.rect(left + layout.lefts[ci], y - m.height, layout.widths[ci], m.height, SHADE_FILL);
        }
      }
      // The line above the row; merged cells have none inside their group.
      let start = -1;
      for (let ci = 0; ci <= n; ci++) {
        const draws = ci < n && (ri === 0 || !merged[ci]);
        if (draws && start < 0) start = ci;
        if (!draws && start >= 0) {
          const x1 = left + layout.lefts[start];
          const x2 = left + layout.lefts[ci - 1] + layout.widths[ci - 1];
          this.page.line(x1, y, x2, y);
          start = -1;
        }
      }
      const font = m.row.bold ? this.fonts.bold : this.fonts.regular;
      table.columns.forEach((col, ci) => {
        if (merged[ci] && ri > 0) return;
        const lines = m.lines[ci];
        const w = layout.widths[ci] - 2 * PAD_X;
        lines.forEach((line, j) => {
          const text = col.noWrap ? clip(line, font, size, w) : line;
          const tw = font.width(text, size);
          const x = left + layout.lefts[ci] + PAD_X + (col.align === 'center' ? (w - tw) / 2 : col.align === 'right' ? w - tw : 0);
          this.draw(text, x, y - layout.padY - j * layout.lineHeight - size * 0.92, size, font);
        });
      });
      y -= m.height;
    });
    const bottom = top - unit.height;
    this.page.line(left, bottom, left + layout.totalWidth, bottom);
    for (let ci = 0; ci <= n; ci++) {
      const x = left + (ci < n ? layout.lefts[ci] : layout.totalWidth);
      this.page.line(x, top, x, bottom);
    }
    this.y = bottom;
  }

  // ---- page furniture ---------------------------------------------------------

  /** «Стр. N из M», the date of printing and the form's name on every page. */
  footers(title: string, printedOn: string): void {
    const size = 7.5;
    const font = this.fonts.regular;
    const total = this.pages.length;
    for (const draw of this.deferred) draw(total);
    this.pages.forEach(({ page }, i) => {
      const y = MARGIN.bottom / 2 - 2;
      const right = page.width - MARGIN.right;
      const pageNo = `Стр. ${i + 1} из ${total}`;
      page.text(pageNo, right - font.width(pageNo, size), y, size, font, GREY);
      page.text(`Дата печати: ${printedOn}`, MARGIN.left, y, size, font, GREY);
      const room = right - MARGIN.left - 2 * 90;
      const name = clip(title, font, size, room);
      page.text(name, MARGIN.left + (right - MARGIN.left - font.width(name, size)) / 2, y, size, font, GREY);
      page.finish();
    });
  }
}

function sameSetup(a: PageSetup, b: PageSetup): boolean {
  return a.size === b.size && a.orientation === b.orientation;
}

/** Cuts text to a width with «…» (only for cells that must stay on one line). */
function clip(text: string, font: MeasuredFont, size: number, width: number): string {
  if (font.width(text, size) <= width) return text;
  let n = text.length;
  while (n > 0 && font.width(`${text.slice(0, n)}…`, size) > width) n--;
  return `${text.slice(0, n)}…`;
}
