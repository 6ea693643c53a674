import type { Alignment, Borders, Fill, Font, Style } from 'exceljs';

/**
 * The look of a sheet, after the PDF: Arial (every Windows has it; Liberation
 * Sans on Linux has its metrics), thin borders round every table cell, bold
 * headings on a light grey, shaded totals. Style objects are shared between
 * cells: ExcelJS keeps a reference, so they are built once per combination
 * and never changed.
 */
export const FONT_NAME = 'Arial';
export const BODY_SIZE = 10;
export const TITLE_SIZE = 14;
export const SCHOOL_SIZE = 11;
export const SECTION_SIZE = 12;

const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDERS: Partial<Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E7E7' } };
const SHADE_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };

export interface CellLook {
  size?: number;
  bold?: boolean;
  border?: boolean;
  fill?: 'header' | 'shade';
  horizontal?: Alignment['horizontal'];
  vertical?: Alignment['vertical'];
  wrap?: boolean;
  /** Text printed bottom-to-top (the subject names over the summary sheet's columns). */
  rotate?: boolean;
  numFmt?: string;
}

const cache = new Map<string, Partial<Style>>();
const fonts = new Map<string, Partial<Font>>();

/** The shared style object for a look. */
export function styleOf(look: CellLook): Partial<Style> {
  // A key by hand: this runs for every cell of the school's workbook.
  const key = `${look.size ?? ''}|${look.bold ? 1 : 0}|${look.border ? 1 : 0}|${look.fill ?? ''}|${look.horizontal ?? ''}|${look.vertical ?? ''}|${look.wrap ? 1 : 0}|${look.rotate ? 1 : 0}|${look.numFmt ?? ''}`;
  let style = cache.get(key);
  if (style) return style;
  const size = look.size ?? BODY_SIZE;
  const fontKey = `${size}|${look.bold ? 1 : 0}`;
  let font = fonts.get(fontKey);
  if (!font) {
    font = { name: FONT_NAME, size, bold: !!look.bold, family: 2, charset: 204 };
    fonts.set(fontKey, font);
  }
  style = {
    font,
    alignment: {
      horizontal: look.horizontal ?? 'left',
      vertical: look.vertical ?? 'top',
      wrapText: !!look.wrap,
      ...(look.rotate ? { textRotation: 90 } : {}),
    },
    ...(look.border ? { border: BORDERS } : {}),
    ...(look.fill ? { fill: look.fill === 'header' ? HEADER_FILL : SHADE_FILL } : {}),
    ...(look.numFmt ? { numFmt: look.numFmt } : {}),
  };
  cache.set(key, style);
  return style;
}
