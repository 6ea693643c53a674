import type { PageSetup } from '../model';

/**
 * Where a printed sheet should break so that a group of rows (a student's
 * periods on the summary sheet, a day of the school timetable) stays on one
 * page, as the PDF keeps it. Excel and LibreOffice break pages by height
 * alone; knowing the paper, the margins, the fit-to-width scale and the
 * rows' heights, the writer puts manual breaks before the groups that would
 * not fit. Heights are estimated on the generous side, so a manual break
 * comes at or before the application's own.
 */

/** The paper in inches, portrait. */
const PAPER_IN = { A4: [8.27, 11.69], A3: [11.69, 16.54] } as const;
/** The sheet's margins (index.ts), inches: left + right, top + bottom. */
export const MARGINS = { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.25, footer: 0.3 };
/** Room kept for what the estimate may miss. */
const SAFETY = 0.97;

export interface Paging {
  /** Row heights in points, by row number (1-based); rows without an entry are `defaultHeight`. */
  heights: Map<number, number>;
  defaultHeight: number;
  lastRow: number;
  /** Column widths in Excel's units. */
  widths: number[];
  /** Rows repeated at the top of every page after the first. */
  titles: { top: number; bottom: number } | null;
  /** Ranges of rows that must not be split, in order. */
  groups: { first: number; last: number }[];
  /** Rows after which a page break is set already. */
  breaks: Set<number>;
}

/** The paper's width and height in inches, as the sheet is turned. */
function paper(page: PageSetup): [number, number] {
  const [w, h] = PAPER_IN[page.size];
  return page.orientation === 'portrait' ? [w, h] : [h, w];
}

/** The width inside the margins, in Excel's column units (7 px at 96 dpi). */
export function printableUnits(page: PageSetup): number {
  return ((paper(page)[0] - MARGINS.left - MARGINS.right) * 96) / 7;
}

export interface Pages {
  /** The rows after which to break the page, the ones already set included. */
  breaks: number[];
  /** The last row printed on the first page (the sheet's last row when it prints on one). */
  firstPageEnds: number;
}

/** Where the pages break, and where the first one ends. */
export function groupBreaks(page: PageSetup, p: Paging): Pages {
  const [w, h] = paper(page);
  const printableWidthPt = (w - MARGINS.left - MARGINS.right) * 72;
  const printableHeightPt = (h - MARGINS.top - MARGINS.bottom) * 72;
  // A column of width W is about 7·W + 5 pixels; a pixel is ¾ of a point.
  const sheetWidthPt = p.widths.reduce((s, u) => s + (u * 7 + 5) * 0.75, 0);
  // Fit to one page wide: the applications scale by a whole percent, never up.
  const scale = Math.min(100, Math.floor((100 * printableWidthPt) / sheetWidthPt)) / 100;
  const pageRoom = (printableHeightPt / scale) * SAFETY;
  const height = (r: number) => p.heights.get(r) ?? p.defaultHeight;
  let titles = 0;
  if (p.titles) for (let r = p.titles.top; r <= p.titles.bottom; r++) titles += height(r);

  const out = new Set(p.breaks);
  const groupAt = new Map(p.groups.map((g) => [g.first, g]));
  let used = 0;
  let firstPage = true;
  let firstPageEnds = p.lastRow;
  /** A page ends after row `r`. */
  const endPage = (r: number) => {
    if (firstPage) firstPageEnds = r;
    firstPage = false;
  };
  for (let r = 1; r <= p.lastRow; r++) {
    const found = groupAt.get(r);
    const need = found ? range(found.first, found.last).reduce((s, x) => s + height(x), 0) : height(r);
    // A group that cannot fit even a page of its own is left to the application: its rows count one by one.
    const g = found && need <= pageRoom - titles ? found : undefined;
    const room = firstPage ? pageRoom : pageRoom - titles;
    if (g && used > 0 && used + need > room) {
      out.add(r - 1);
      used = 0;
      endPage(r - 1);
    }
    if (g) {
      used += need;
      r = g.last;
    } else {
      used += height(r);
      if (used > room) {
        // The application breaks here by itself; count the page from this row.
        used = height(r);
        endPage(r - 1);
      }
    }
    if (out.has(r)) {
      used = 0;
      endPage(r);
    }
  }
  return { breaks: [...out].sort((a, b) => a - b), firstPageEnds };
}

function range(a: number, b: number): number[] {
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}
