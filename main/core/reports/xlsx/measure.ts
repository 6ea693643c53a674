import { textEms } from '../text-ems';

/**
 * Sizes for the spreadsheet, estimated from the text: Excel and LibreOffice
 * do not fit a column to its text on opening a file, nor a row to a merged
 * cell's text, so the writer sets them. The sheet is set in Arial
 * (Liberation Sans on Linux, the same metrics); `textEms` knows DejaVu Sans,
 * about a tenth wider, which errs on the side of room.
 */

/** Arial's width relative to DejaVu Sans, for the same letters. */
const ARIAL = 0.9;
/** Bold Arial is about this much wider than regular. */
const BOLD = 1.07;
/** A column's width unit: the Normal font's digit, 7 px at 96 dpi (Calibri 11). */
const UNIT_PX = 7;
/** Excel's cell padding and grid line, in pixels. */
const PAD_PX = 7;

/** Ems of the texts seen, by text: a workbook repeats its marks, periods and names thousands of times. */
const emsSeen = new Map<string, number>();

function emsOf(text: string): number {
  let ems = emsSeen.get(text);
  if (ems === undefined) {
    ems = textEms(text);
    if (emsSeen.size > 50_000) emsSeen.clear();
    emsSeen.set(text, ems);
  }
  return ems;
}

/** The width a text needs in a column, in Excel's units, at `size` points. */
export function widthUnits(text: string, size: number, bold = false): number {
  return (emsOf(text) * ARIAL * (bold ? BOLD : 1) * size * (96 / 72) + PAD_PX) / UNIT_PX;
}

/** The line height of `size`-point Arial, in points (10 pt → 12.75, Excel's own row height). */
export function lineHeight(size: number): number {
  return Math.ceil(size * 1.275 * 4) / 4;
}

/** A column `units` wide, in points: for a vertical heading, whose lines stack across the column. */
export function unitsToPoints(units: number): number {
  return (units * UNIT_PX * 72) / 96;
}

/** How many lines a text takes when wrapped at `units` (words kept whole, «\n» respected). */
export function wrappedLines(text: string, units: number, size: number, bold = false): number {
  const space = widthUnits(' ', size, bold) - PAD_PX / UNIT_PX;
  // A hair of slack: a column sized to a line must hold that line.
  const room = Math.max(1, units - PAD_PX / UNIT_PX) + 0.01;
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    lines++;
    let used = 0;
    for (const word of paragraph.split(' ').filter(Boolean)) {
      const w = widthUnits(word, size, bold) - PAD_PX / UNIT_PX;
      if (used > 0 && used + space + w > room) {
        lines++;
        used = 0;
      }
      // A word longer than the column is broken across lines.
      if (w > room) {
        lines += Math.ceil(w / room) - 1;
        used = w % room;
      } else {
        used += (used > 0 ? space : 0) + w;
      }
    }
  }
  return lines;
}

/** The widest word of a text, in units: a column narrower than that breaks words. */
export function longestWordUnits(text: string, size: number, bold = false): number {
  let most = 0;
  for (const word of text.split(/[\s\n]+/)) if (word) most = Math.max(most, widthUnits(word, size, bold));
  return most;
}

/** The widest line of a text that keeps its own line breaks, in units. */
export function longestLineUnits(text: string, size: number, bold = false): number {
  let most = 0;
  for (const line of text.split('\n')) most = Math.max(most, widthUnits(line, size, bold));
  return most;
}
