import path from 'node:path/posix';
import { ZipArchive } from '../files/zip';
import { localName, scanXml, streamXml } from '../files/xml-stream';
import { numberText, serialDate, TableBuilder } from './table-builder';
import type { Table } from './read-table';

/**
 * An Excel workbook (.xlsx, Office Open XML) read straight from its parts:
 * the workbook's sheet list, the styles (which cells are dates), the shared
 * strings and the chosen sheet, which is read as it unpacks and only as far
 * as the table limits allow. The sheet's `<dimension>` is never trusted: the
 * used range is where the filled cells are.
 */

interface Relationship {
  type: string;
  target: string;
}

/** Number formats Excel builds in that show a date or a time (ECMA-376 part 1, §18.8.30). */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A format code that shows a date or a time: «dd.mm.yyyy», «[$-419]D MMMM YYYY», not «0.00» nor «"д"0». */
export function isDateFormat(code: string): boolean {
  const first = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/_.|\*./g, '')
    .replace(/\[(h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '')
    .split(';')[0];
  return !/^\s*general\s*$/i.test(first) && /[dmyhs]/i.test(first);
}

export async function readXlsx(fileName: string, bytes: Buffer, wanted: string | null): Promise<Table> {
  const zip = await ZipArchive.open(bytes, fileName);
  try {
    const main = relationships(await zip.text('_rels/.rels'), '').find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
    const workbook = await zip.text(main);
    if (workbook === null) throw new NotAWorkbook();
    const book = readWorkbookPart(workbook);
    const rels = new Map<string, Relationship>();
    const relsText = await zip.text(path.join(path.dirname(main), '_rels', `${path.basename(main)}.rels`));
    const list = relationships(relsText, path.dirname(main), rels);
    const stylesPart = list.find((r) => r.type.endsWith('/styles'))?.target;
    const dateStyles = stylesPart && zip.has(stylesPart) ? readDateStyles((await zip.text(stylesPart))!) : [];
    const stringsPart = list.find((r) => r.type.endsWith('/sharedStrings'))?.target;
    const strings = stringsPart && zip.has(stringsPart) ? await readSharedStrings(zip, stringsPart) : [];

    const names = book.sheets.map((s) => s.name);
    const chosen = book.sheets.find((s) => s.name === wanted) ?? book.sheets[0];
    if (!chosen) return { sheets: names, sheet: null, encoding: null, encodingSource: null, rows: [] };
    const target = rels.get(chosen.rid);
    const builder = new TableBuilder();
    if (target && target.type.endsWith('/worksheet') && zip.has(target.target)) {
      await readSheet(zip, target.target, { strings, dateStyles, date1904: book.date1904 }, builder);
    }
    return { sheets: names, sheet: chosen.name, encoding: null, encodingSource: null, rows: builder.build() };
  } finally {
    zip.close();
  }
}

/** The workbook has no main part: not an Excel file (perhaps another ZIP renamed). */
export class NotAWorkbook extends Error {}

function relationships(xml: string | null, base: string, byId?: Map<string, Relationship>): Relationship[] {
  const out: Relationship[] = [];
  if (!xml) return out;
  scanXml(xml, {
    open(name, attrs) {
      if (localName(name) !== 'Relationship' || attrs.TargetMode === 'External' || !attrs.Target) return;
      const target = attrs.Target.startsWith('/') ? attrs.Target.slice(1) : path.normalize(path.join(base, attrs.Target));
      const rel = { type: attrs.Type ?? '', target };
      out.push(rel);
      if (attrs.Id) byId?.set(attrs.Id, rel);
    },
  });
  return out;
}

function readWorkbookPart(xml: string): { sheets: { name: string; rid: string }[]; date1904: boolean } {
  const sheets: { name: string; rid: string }[] = [];
  let date1904 = false;
  scanXml(xml, {
    open(name, attrs) {
      const local = localName(name);
      if (local === 'workbookPr') date1904 = attrs.date1904 === '1' || attrs.date1904 === 'true';
      if (local === 'sheet' && attrs.name) {
        const rid = Object.keys(attrs).find((k) => k === 'id' || k.endsWith(':id'));
        sheets.push({ name: attrs.name, rid: rid ? attrs[rid] : '' });
      }
    },
  });
  return { sheets, date1904 };
}

/** For each cell style (`s` of a cell), whether it shows a date. */
function readDateStyles(xml: string): boolean[] {
  const formats = new Map<number, string>();
  const styles: boolean[] = [];
  let inCellXfs = false;
  scanXml(xml, {
    open(name, attrs) {
      const local = localName(name);
      if (local === 'numFmt') formats.set(Number(attrs.numFmtId), attrs.formatCode ?? '');
      else if (local === 'cellXfs') inCellXfs = true;
      else if (local === 'xf' && inCellXfs) {
        const id = Number(attrs.numFmtId ?? 0);
        const custom = formats.get(id);
        styles.push(custom !== undefined ? isDateFormat(custom) : BUILT_IN_DATE_FORMATS.has(id));
      }
    },
    close(name) {
      if (localName(name) === 'cellXfs') inCellXfs = false;
    },
  });
  return styles;
}

/** OOXML writes characters XML cannot hold as `_xHHHH_` (`_x000D_` is a carriage return). */
function ooxmlText(s: string): string {
  return s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s;
}

async function readSharedStrings(zip: ZipArchive, part: string): Promise<string[]> {
  const strings: string[] = [];
  let current: string | null = null;
  let inText = false;
  let phonetic = 0;
  await streamXml(zip.chunks(part), {
    open(name, _attrs, selfClosing) {
      const local = localName(name);
      if (local === 'si') current = '';
      else if (local === 'rPh') phonetic++;
      else if (local === 't' && !selfClosing && phonetic === 0) inText = true;
    },
    close(name) {
      const local = localName(name);
      if (local === 'si') {
        strings.push(ooxmlText(current ?? ''));
        current = null;
      } else if (local === 'rPh') phonetic--;
      else if (local === 't') inText = false;
    },
    text(t) {
      if (inText && current !== null) current += t;
    },
  });
  return strings;
}

interface SheetContext {
  strings: string[];
  dateStyles: boolean[];
  date1904: boolean;
}

/** `AB12` → column 27, row 11 (from 0); null parts when the reference lacks them. */
function cellRef(ref: string): { column: number | null; row: number | null } {
  let column = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i) | 0x20;
    if (code < 0x61 || code > 0x7a) break;
    column = column * 26 + (code - 0x60);
  }
  const digits = ref.slice(i);
  return { column: i > 0 ? column - 1 : null, row: /^\d+$/.test(digits) ? Number(digits) - 1 : null };
}

async function readSheet(zip: ZipArchive, part: string, ctx: SheetContext, builder: TableBuilder): Promise<void> {
  let row = -1;
  let column = -1;
  let type = 'n';
  let style = 0;
  let value = '';
  let inline = '';
  let capture: 'v' | 'is' | null = null;
  let inInline = false;
  let phonetic = 0;
  await streamXml(zip.chunks(part), {
    open(name, attrs, selfClosing) {
      switch (localName(name)) {
        case 'row': {
          const r = attrs.r ? Number(attrs.r) - 1 : NaN;
          row = Number.isInteger(r) && r >= 0 ? r : row + 1;
          column = -1;
          break;
        }
        case 'c': {
          const ref = attrs.r ? cellRef(attrs.r) : { column: null, row: null };
          column = ref.column ?? column + 1;
          if (ref.row !== null) row = ref.row;
          type = attrs.t ?? 'n';
          style = Number(attrs.s ?? 0);
          value = '';
          inline = '';
          break;
        }
        case 'v':
          if (!selfClosing) capture = 'v';
          break;
        case 'is':
          inInline = !selfClosing;
          break;
        case 'rPh':
          phonetic++;
          break;
        case 't':
          if (inInline && phonetic === 0 && !selfClosing) capture = 'is';
          break;
      }
    },
    close(name) {
      switch (localName(name)) {
        case 'v':
        case 't':
          capture = null;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'is':
          inInline = false;
          break;
        case 'c':
          builder.set(row, column, cellText(type, style, value, inline, ctx));
          break;
      }
    },
    text(t) {
      if (capture === 'v') value += t;
      else if (capture === 'is') inline += t;
    },
  });
}

function cellText(type: string, style: number, value: string, inline: string, ctx: SheetContext): string {
  switch (type) {
    case 's':
      return value.trim() === '' ? '' : (ctx.strings[Number(value)] ?? '').trim();
    case 'inlineStr':
      return ooxmlText(inline).trim();
    case 'str':
      return ooxmlText(value).trim();
    case 'b':
      return value === '1' || value === 'true' ? 'да' : value === '' ? '' : 'нет';
    case 'e':
      return value.trim();
    case 'd':
      return value.slice(0, 10);
    default: {
      if (value.trim() === '') return '';
      const n = Number(value);
      if (!Number.isFinite(n)) return value.trim();
      return ctx.dateStyles[style] ? serialDate(n, ctx.date1904) : numberText(n);
    }
  }
}
