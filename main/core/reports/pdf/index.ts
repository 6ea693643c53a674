import { PDFDocument } from 'pdf-lib';
import { countRu } from '../../grading/plural';
import { type ReportModel } from '../model';
import { embedFonts } from './fonts';
import { PageFlow } from './flow';
import { ruDate } from '../../shared/dates';

export interface RenderOptions {
  /** Called now and then with rows done and rows in all (for a progress bar). */
  onProgress?: (done: number, total: number) => void;
  /** Aborting stops the work between rows with a ReportCancelled error. */
  signal?: AbortSignal;
}

/** Thrown when the caller cancelled a report that was being built. */
export class ReportCancelled extends Error {
  constructor() {
    super('Формирование отчёта отменено.');
    this.name = 'ReportCancelled';
  }
}

/**
 * What follows a table up to the next table or page break, when it is short:
 * the formulas and signatures under a sheet go to a page with the last rows,
 * never to a page of their own.
 */
function tailAfter(flow: PageFlow, model: ReportModel, sectionIndex: number, blockIndex: number): number {
  const section = model.sections[sectionIndex];
  let height = 0;
  for (const b of section.blocks.slice(blockIndex + 1)) {
    if (b.kind === 'table' || b.kind === 'pageBreak' || b.kind === 'contents') return height > 160 ? 0 : height;
    height += b.kind === 'pageCount' ? 13 : flow.heightOf(b) + 10;
  }
  const next = model.sections[sectionIndex + 1];
  if (!next) height += model.signatures.length > 0 ? flow.heightOf({ kind: 'signatures', lines: model.signatures }) + 10 : 0;
  return height > 160 ? 0 : height;
}

/** How much work a model is, in rows and blocks: the total of the progress bar. */
function workUnits(model: ReportModel): number {
  let units = 0;
  for (const s of model.sections) {
    for (const b of s.blocks) units += b.kind === 'table' ? Math.max(1, b.rows.length + (b.totals?.length ?? 0)) : 1;
  }
  return Math.max(units, 1);
}

/**
 * The model as a PDF: A4 or A3, portrait or landscape per section, DejaVu
 * Sans embedded as a subset, the school's name and the form's title on the
 * first page, «Стр. N из M» and the date of printing on every page, and the
 * signature lines at the end.
 */
export async function renderPdf(model: ReportModel, options: RenderOptions = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(model.title);
  doc.setProducer('Классный журнал');
  doc.setCreator('Классный журнал');
  doc.setLanguage('ru-RU');
  doc.setSubject(model.schoolName);
  const fonts = await embedFonts(doc);
  const total = workUnits(model);
  let done = 0;
  let sinceYield = 0;
  const flow = new PageFlow(doc, fonts, {
    tick: async (units) => {
      done += units;
      sinceYield += units;
      if (sinceYield < 100 && done < total) return;
      sinceYield = 0;
      options.onProgress?.(Math.min(done, total), total);
      // Let the event loop breathe: a cancel request or a progress event gets through.
      await new Promise((resolve) => setImmediate(resolve));
      if (options.signal?.aborted) throw new ReportCancelled();
    },
  });

  flow.newPage(model.page);
  if (model.schoolName) flow.text({ kind: 'text', text: model.schoolName, size: 10, align: 'center' });
  flow.gap(4);
  flow.heading(model.title, 13, 'center');
  if (model.subtitle) flow.text({ kind: 'text', text: model.subtitle, size: 10.5, align: 'center' });
  flow.gap(6);
  flow.fields({ fields: model.fields });
  flow.gap(6);

  // The first page of each section, for a contents block.
  const starts: number[] = [];
  const contentsEntries = model.sections
    .map((section, i) => ({ section, i }))
    .filter(({ section }) => section.tocLabel)
    .map(({ section, i }) => ({
      label: section.tocLabel!,
      first: () => starts[i],
      // Up to the page before the next section begins (or the last page).
      last: () => {
        const next = starts.slice(i + 1).find((p) => p !== undefined);
        return next !== undefined ? Math.max(starts[i], next - 1) : flow.pages.length;
      },
    }));
  for (const [i, section] of model.sections.entries()) {
    if (section.page) flow.breakPage(section.page);
    else if (section.newPage && i > 0) flow.breakPage();
    starts[i] = flow.pageNumber;
    if (section.title) flow.heading(section.title, 11.5, 'left', 60);
    if (section.fields?.length) flow.fields({ fields: section.fields });
    if (section.title || section.fields?.length) flow.gap(4);
    for (const [bi, block] of section.blocks.entries()) {
      switch (block.kind) {
        case 'table':
          await flow.table(block, tailAfter(flow, model, i, bi));
          break;
        case 'text':
          flow.text(block);
          break;
        case 'fields':
          flow.fields(block);
          break;
        case 'signatures':
          flow.gap(8);
          flow.signatures(block);
          break;
        case 'slip':
          flow.gap(10);
          flow.slip(block);
          break;
        case 'pageBreak':
          flow.breakPage();
          break;
        case 'contents':
          flow.contents(block.title, contentsEntries);
          break;
        case 'pageCount':
          flow.pageCount((pages) => block.text.replace('{pages}', countRu(pages, ['страница', 'страницы', 'страниц'])));
          break;
      }
      if (block.kind !== 'table') done += 1;
    }
    flow.gap(8);
  }
  if (model.signatures.length > 0) {
    flow.gap(10);
    flow.signatures({ kind: 'signatures', lines: model.signatures });
  }
  flow.footers(model.title, ruDate(model.printedOn));
  options.onProgress?.(total, total);
  if (options.signal?.aborted) throw new ReportCancelled();
  return doc.save({ useObjectStreams: true });
}
