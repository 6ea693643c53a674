import ExcelJS from 'exceljs';
import type { PageSetup, ReportModel, ReportSection, TableBlock } from '../model';
import { ruDate } from '../../shared/dates';
import { SheetNames } from './sheet-name';
import { SheetGroup } from './sheet-group';
import { frozenFits, SheetWriter } from './sheet';
import { MARGINS } from './pages';
import { withNormalFont } from './normal-font';
import { BODY_SIZE, SCHOOL_SIZE, SECTION_SIZE, TITLE_SIZE } from './styles';

/**
 * The model as an Excel workbook a deputy can send on as it is: each sheet
 * laid out as the paper form (FORMS.md), typed numbers, and set up to print
 * — the PDF's paper and orientation, one page wide, the heading repeated on
 * every page, the date of printing and «Стр. N из M» in the footer. A
 * section with a sheet name starts a sheet of its own (a class of the
 * school's summary sheets). SheetJS, which reads every format schools have,
 * writes no styles: ExcelJS writes this one.
 */
export async function renderXlsx(model: ReportModel): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Классный журнал';
  book.lastModifiedBy = 'Классный журнал';
  book.title = model.title;
  book.company = model.schoolName;
  const printed = new Date(`${model.printedOn}T00:00:00Z`);
  book.created = printed;
  book.modified = printed;

  const names = new SheetNames();
  const sheets: { writer: SheetWriter; page: PageSetup }[] = [];
  const open = (name: string, page: PageSetup) => {
    const writer = new SheetWriter(book.addWorksheet(names.take(name)));
    sheets.push({ writer, page });
    preamble(writer, model);
    return writer;
  };
  const group = (name: string, page: PageSetup) => new SheetGroup(open(name, page), name, (next) => open(next, page));
  let current: SheetGroup | null = null;
  for (const s of model.sections) {
    if (!current || s.sheetName) current = group(s.sheetName ?? 'Отчёт', s.page ?? model.page);
    section(current, s);
  }
  current ??= group('Отчёт', model.page);
  for (const l of model.signatures) current.current.line(signatureText(l));

  for (const { writer, page } of sheets) {
    const widths = writer.finish(page);
    printSetup(writer, page, model, widths);
  }
  // Stored, not deflated: the pass that sets the Normal font compresses once, with Node's own zlib (ExcelJS's is in JavaScript).
  const buffer = await book.xlsx.writeBuffer({ zip: { compression: 'STORE' } });
  return withNormalFont(new Uint8Array(buffer as ArrayBuffer));
}

/** The top of every sheet, as on the PDF's first page: the school, the title, what it covers. */
function preamble(sheet: SheetWriter, model: ReportModel): void {
  if (model.schoolName) sheet.line(model.schoolName, { size: SCHOOL_SIZE, horizontal: 'center' });
  sheet.line(model.title, { size: TITLE_SIZE, bold: true, horizontal: 'center' });
  if (model.subtitle) sheet.line(model.subtitle, { size: SCHOOL_SIZE, horizontal: 'center' });
  sheet.fields(model.fields);
  sheet.blank();
}

function section(group: SheetGroup, s: ReportSection): void {
  const lead = s.blocks.find((b): b is TableBlock => b.kind === 'table');
  let sheet = lead ? group.sheetFor(lead) : group.current;
  // A section the PDF starts on a new page starts one here too, unless it opens its sheet.
  sheet.startSection(!!(s.newPage || s.page));
  const heading = () => {
    if (s.title) sheet.line(s.title, { size: SECTION_SIZE, bold: true });
  };
  heading();
  sheet.fields(s.fields ?? []);
  for (const block of s.blocks) {
    switch (block.kind) {
      case 'table': {
        const target = group.sheetFor(block);
        if (target !== sheet) {
          // The section's tables of another kind, on their sheet, under the section's title again.
          sheet.blank();
          sheet = target;
          sheet.startSection(!!(s.newPage || s.page));
          heading();
        }
        sheet.table(block);
        group.current = sheet;
        break;
      }
      case 'text': {
        const runs = block.runs ?? [{ text: block.text ?? '', bold: block.bold }];
        // One row per line: each wraps in its own row, and a row is what Excel sizes.
        for (const line of splitLines(runs)) sheet.line(line, { bold: block.bold, horizontal: block.align, size: block.size && block.size > BODY_SIZE ? block.size : undefined });
        break;
      }
      case 'fields':
        sheet.fields(block.fields);
        break;
      case 'signatures':
        sheet.blank();
        if (block.title) sheet.line(block.title, { bold: true });
        for (const l of block.lines) sheet.line(signatureText(l));
        break;
      case 'slip':
        sheet.blank();
        sheet.line('- - - - - - - - - - - - - - - - линия отреза - - - - - - - - - - - - - - - -', { horizontal: 'center' });
        for (const l of block.lines) sheet.line(l);
        break;
      case 'pageBreak':
        sheet.pageBreak();
        break;
      case 'contents':
        // Page numbers belong to paper: the workbook's sheets are its contents.
        break;
      case 'pageCount':
        sheet.line(block.text.replace('{pages}', '____ страниц'));
        break;
    }
  }
  sheet.blank();
}

function signatureText(l: { position: string; name: string; withDate?: boolean }): string {
  return `${l.position} ________________ /${l.name || '________________'}/${l.withDate ? '     Дата ____________' : ''}`;
}

/** Runs split at «\n» into lines of runs; an empty line stays (a gap the text asks for) unless it is the last. */
function splitLines(runs: { text: string; bold?: boolean }[]): { text: string; bold?: boolean }[][] {
  const lines: { text: string; bold?: boolean }[][] = [[]];
  for (const run of runs) {
    run.text.split('\n').forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (part) lines[lines.length - 1].push({ text: part, bold: run.bold });
    });
  }
  while (lines.length > 1 && lines[lines.length - 1].length === 0) lines.pop();
  return lines;
}

/** Excel's paper codes (ExcelJS's PaperSize enum lacks A3). */
const PAPER = { A4: 9, A3: 8 } as const;

/**
 * The PDF's paper and orientation, one page wide and as many long as it
 * takes, the heading rows on every page the table runs on to and frozen on
 * screen with the column that names the row; the footer as the PDF's.
 */
function printSetup(writer: SheetWriter, page: PageSetup, model: ReportModel, widths: number[]): void {
  const ws = writer.ws;
  ws.pageSetup = {
    paperSize: PAPER[page.size] as unknown as ExcelJS.PaperSize,
    orientation: page.orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: page.onePage ? 1 : 0,
    horizontalCentered: true,
    margins: MARGINS,
    ...(writer.repeatedHeading ? { printTitlesRow: `${writer.repeatedHeading.top}:${writer.repeatedHeading.bottom}` } : {}),
  };
  // Excel takes at most 255 characters for a footer, codes and doubled «&» included: a long title is shortened there.
  const escape = (text: string) => (text.length > 100 ? `${text.slice(0, 99)}…` : text).replace(/&/g, '&&');
  ws.headerFooter = {
    oddFooter: `&L&8Дата печати: ${ruDate(model.printedOn)}&C&8${escape(model.title)}&R&8Стр. &P из &N`,
  };
  if (writer.heading) {
    const columns = frozenFits(widths, writer.heading.columns) ? writer.heading.columns : 0;
    ws.views = [{ state: 'frozen', xSplit: columns, ySplit: writer.heading.bottom, topLeftCell: undefined, activeCell: 'A1' }];
  }
}
