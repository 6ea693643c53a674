import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { renderPdf, ReportCancelled } from '../../../main/core/reports/pdf/index';
import { renderXlsx } from '../../../main/core/reports/xlsx/index';
import type { ReportModel, ReportRow } from '../../../main/core/reports/model';
import { pdfPages, pdfToPng } from './pdf-tools';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The report engine on a long table: it must run over several pages, repeat
 * its header on each, never split a row (nor a group of rows), number the
 * pages «Стр. N из M» and end with the signature lines.
 */
const LONG_TEXT = 'слово '.repeat(18).trim();

function longModel(rows = 120): ReportModel {
  const body: ReportRow[] = [];
  for (let i = 1; i <= rows; i++) {
    const id = String(i).padStart(3, '0');
    // Each row wraps to several lines: its first token and its last must land on one page.
    body.push({ cells: [i, `НАЧАЛО${id} ${LONG_TEXT} КОНЕЦ${id}`, i % 5 === 0 ? 'н/а' : String((i % 4) + 2)] });
  }
  return {
    kind: 'test',
    title: 'Проверка многостраничной таблицы',
    schoolName: 'МБОУ «Средняя общеобразовательная школа № 1»',
    printedOn: '2026-11-23',
    page: { size: 'A4', orientation: 'portrait' },
    fields: [{ label: 'Класс', value: '5А' }],
    sections: [
      {
        blocks: [
          {
            kind: 'table',
            columns: [
              { key: 'n', title: '№', align: 'center' },
              { key: 't', title: 'Длинный текст', widthMm: 60 },
              { key: 'm', title: 'Отметка за четверть', vertical: true, align: 'center' },
            ],
            headerGroups: [[{ title: '', span: 1 }, { title: 'Сведения об ученике', span: 2 }]],
            rows: body,
          },
        ],
      },
    ],
    signatures: [{ position: 'Заместитель директора по УВР', name: 'Е.Б. Зайцева' }],
    fileName: 'Проверка',
  };
}

describe('the PDF writer', () => {
  it('runs a long table over pages with the header on each, rows whole, pages numbered', async () => {
    const progress: number[] = [];
    const bytes = await renderPdf(longModel(), { onProgress: (done) => progress.push(done) });
    const pages = pdfPages(bytes);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((text, i) => {
      expect(text, `page ${i + 1}`).toContain('Сведения об ученике');
      expect(text, `page ${i + 1}`).toContain('Длинный текст');
      expect(text).toContain(`Стр. ${i + 1} из ${pages.length}`);
      expect(text).toContain('Дата печати: 23.11.2026');
    });
    for (let i = 1; i <= 120; i++) {
      const id = String(i).padStart(3, '0');
      const start = pages.findIndex((p) => p.includes(`НАЧАЛО${id}`));
      const end = pages.findIndex((p) => p.includes(`КОНЕЦ${id}`));
      expect(start, `row ${id}`).toBeGreaterThanOrEqual(0);
      expect(end, `row ${id} split across pages`).toBe(start);
    }
    expect(pages[0]).toContain('МБОУ «Средняя общеобразовательная школа № 1»');
    expect(pages[pages.length - 1]).toContain('Заместитель директора по УВР');
    expect(pages[pages.length - 1]).toContain('/Е.Б. Зайцева/');
    expect(progress.at(-1)).toBeGreaterThan(0);
    // And it renders: poppler turns every page into an image.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-png-'));
    expect(pdfToPng(bytes, path.join(dir, 'page'), 30)).toHaveLength(pages.length);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a group of rows on one page and prints a merged cell once', async () => {
    const rows: ReportRow[] = [];
    for (let s = 1; s <= 40; s++) {
      for (const p of ['I', 'II', 'III', 'IV', 'Год']) rows.push({ group: `g${s}`, cells: [`УЧЕНИК${s}`, `${p}-${s}`, '5'] });
    }
    const model = longModel(0);
    model.sections[0].blocks = [
      {
        kind: 'table',
        columns: [
          { key: 'name', title: 'Ученик', mergeInGroup: true },
          { key: 'p', title: 'Период' },
          { key: 'm', title: 'Отметка' },
        ],
        rows,
      },
    ];
    const pages = pdfPages(await renderPdf(model));
    expect(pages.length).toBeGreaterThan(1);
    for (let s = 1; s <= 40; s++) {
      const first = pages.findIndex((p) => p.includes(`I-${s} `) || p.match(new RegExp(`\\bI-${s}\\b`)));
      const last = pages.findIndex((p) => p.includes(`Год-${s}`));
      expect(last, `group ${s}`).toBe(first);
      const names = pages.join('').match(new RegExp(`УЧЕНИК${s}\\b`, 'g')) ?? [];
      expect(names, `name of ${s} printed once`).toHaveLength(1);
    }
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(renderPdf(longModel(400), { signal: controller.signal })).rejects.toBeInstanceOf(ReportCancelled);
  });

  it('says so instead of printing an empty table', async () => {
    const model = longModel(0);
    const table = model.sections[0].blocks[0];
    if (table.kind === 'table') table.emptyText = 'В классе нет обучающихся.';
    const [page] = pdfPages(await renderPdf(model));
    expect(page).toContain('В классе нет обучающихся.');
  });
});

describe('the XLSX writer', () => {
  it('writes the same rows, the grouped heading merged, a sheet per named section', async () => {
    const model = longModel(3);
    model.sections.push({ sheetName: 'Второй', blocks: [{ kind: 'text', text: 'Текст второго листа' }] });
    const book = XLSX.read(await renderXlsx(model), { type: 'buffer' });
    expect(book.SheetNames).toEqual(['Отчёт', 'Второй']);
    const sheet = book.Sheets['Отчёт'];
    const rows = XLSX.utils.sheet_to_json<(string | number)[]>(sheet, { header: 1, blankrows: true, defval: null });
    expect(rows[0][0]).toBe('МБОУ «Средняя общеобразовательная школа № 1»');
    expect(rows[1][0]).toBe('Проверка многостраничной таблицы');
    const header = rows.findIndex((r) => r.includes('Сведения об ученике'));
    expect(rows[header + 1].slice(0, 3)).toEqual([null, 'Длинный текст', 'Отметка за четверть']);
    // «№» rises into the group row: merged over two rows; the group spans two columns.
    expect(sheet['!merges']).toEqual(
      expect.arrayContaining([
        { s: { r: header, c: 1 }, e: { r: header, c: 2 } },
        { s: { r: header, c: 0 }, e: { r: header + 1, c: 0 } },
      ]),
    );
    expect(rows[header][0]).toBe('№');
    expect(rows[header + 2][0]).toBe(1);
    expect(String(rows[header + 2][1])).toMatch(/^НАЧАЛО001 /);
    expect(XLSX.utils.sheet_to_json<string[]>(book.Sheets['Второй'], { header: 1 }).flat()).toContain('Текст второго листа');
  });

  it('writes free text that a spreadsheet would calculate as text, and negative numbers as numbers', async () => {
    const model = longModel(0);
    const table = model.sections[0].blocks[0] as Extract<ReportModel['sections'][number]['blocks'][number], { kind: 'table' }>;
    table.rows = [{ cells: [-5, '=HYPERLINK("http://example.com","5")', '-2+3'] }, { cells: [1, '@SUM(A1:A2)', '-2,5'] }];
    const sheet = XLSX.read(await renderXlsx(model), { type: 'buffer' }).Sheets['Отчёт'];
    const rows = XLSX.utils.sheet_to_json<(string | number)[]>(sheet, { header: 1, defval: null });
    const first = rows.findIndex((r) => r[0] === -5);
    expect(rows[first].slice(0, 3)).toEqual([-5, `'=HYPERLINK("http://example.com","5")`, `'-2+3`]);
    expect(rows[first + 1].slice(0, 3)).toEqual([1, `'@SUM(A1:A2)`, '-2,5']);
    expect(Object.values(sheet).some((cell) => typeof cell === 'object' && cell !== null && 'f' in cell)).toBe(false);
  });
});
