import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildReportSchool, type ReportSchool } from './fixture';
import { readWorkbook, type XWorkbook } from './xlsx-tools';
import type { ParamsOf } from '../../../main/core/api/types';
import type { ReportKind } from '../../../main/core/reports/registry';
import type { ReportFile } from '../../../main/core/reports/output';
import { tablesOf, type ReportModel } from '../../../main/core/reports/model';

type Request = ParamsOf<'reports.build'>['report'];

/**
 * Issue 20: every report's Excel file as a deputy would send it on. Each
 * workbook is read back by a reader of its own (xlsx-tools.ts: the zip and
 * its XML, not the writer's library): numbers are numbers with their
 * formats, text that only looks like a number is marked as text, headings
 * are bold and bordered with the PDF's merges, the heading and the name
 * column are frozen, and every sheet prints on the PDF's paper, one page
 * wide, the heading on every page, the date of printing and the page
 * numbers in the footer.
 */
describe('the Excel files of every report', () => {
  let t: TestRuntime;
  let s: ReportSchool;
  let samples: Record<ReportKind, Request>;
  const files = new Map<string, { file: ReportFile; book: XWorkbook; model: ReportModel }>();

  /** A report as a workbook, with the model the screen shows for the same request. */
  const get = async (key: string, report: Request) => {
    let got = files.get(key);
    if (!got) {
      const file = (await t.call('reports.build', { report, format: 'xlsx', action: 'save' }, s.tokens.deputy)).file!;
      const model = (await t.call('reports.build', { report, format: 'screen' }, s.tokens.deputy)).model!;
      got = { file, book: await readWorkbook(Buffer.from(file.base64, 'base64')), model };
      files.set(key, got);
    }
    return got;
  };

  beforeAll(async () => {
    t = await createTestRuntime();
    s = await buildReportSchool(t);
    const check = await t.call('control.saveCheck', { periodId: s.periods.q1 }, s.tokens.deputy);
    const asc = path.join(__dirname, '../../fixtures/timetable/asc-2012-school.xml');
    const timetable = await t.call(
      'timetableImport.apply',
      { yearId: s.yearId, format: 'asc', validFrom: '2026-09-01', files: [{ fileName: 'asc.xml', contentBase64: fs.readFileSync(asc).toString('base64') }] },
      s.tokens.deputy,
    );
    samples = {
      finalSheet: { kind: 'finalSheet', classId: s.classes.c5a },
      performance: { kind: 'performance', classId: s.classes.c5a, period: s.periods.q1 },
      journalPrintout: { kind: 'journalPrintout', classId: s.classes.c5a },
      attendance: { kind: 'attendance', classId: s.classes.c5a, period: s.periods.q1 },
      unsatisfactory: { kind: 'unsatisfactory', classId: s.classes.c5a, period: s.periods.q1 },
      teacherPeriod: { kind: 'teacherPeriod', staffId: s.staff.ivanova, period: s.periods.q1 },
      activity: { kind: 'activity', month: '2026-09' },
      checkCertificate: { kind: 'checkCertificate', checkId: check.id },
      substitutionChanges: { kind: 'substitutionChanges', date: '2026-09-16', scope: 'both' },
      substitutionBook: { kind: 'substitutionBook', from: '2026-09-01', to: '2026-10-24' },
      substitutionStatement: { kind: 'substitutionStatement', month: '2026-09' },
      timetable: { kind: 'timetable', timetableId: timetable.timetableId, scope: 'school' },
    };
  }, 120_000);
  afterAll(() => t.close());

  it('every kind: sheets named as Excel allows, the PDF’s paper, one page wide, the footer, the heading frozen and repeated', async () => {
    for (const [kind, report] of Object.entries(samples)) {
      const { book, model } = await get(kind, report);
      const names = book.sheets.map((x) => x.name);
      expect({ kind, names: names.filter((n) => n.length > 31 || /[[\]:*?/\\]/.test(n) || /^'|'$/.test(n)) }).toEqual({ kind, names: [] });
      expect(new Set(names.map((n) => n.toLocaleLowerCase('ru'))).size).toBe(names.length);
      const page = model.sections.find((x) => x.page)?.page ?? model.page;
      for (const sheet of book.sheets) {
        const where = `${kind} / ${sheet.name}`;
        expect({ where, paper: sheet.pageSetup.paperSize, orientation: sheet.pageSetup.orientation }).toEqual({
          where,
          paper: page.size === 'A3' ? '8' : '9',
          orientation: page.orientation,
        });
        expect({ where, fit: sheet.fitToPage, wide: sheet.pageSetup.fitToWidth, tall: sheet.pageSetup.fitToHeight }).toEqual({
          where,
          fit: true,
          wide: '1',
          tall: page.onePage ? '1' : '0',
        });
        expect(sheet.footer).toContain('Дата печати: 23.11.2026');
        expect(sheet.footer).toContain('Стр. &P из &N');
        // The title and the school stand above the table, as on paper.
        expect(sheet.at(1, 1)?.value).toBe(model.schoolName);
        expect(sheet.at(2, 1)?.value).toBe(model.title);
        // The heading repeats on every printed page the table runs on to (a table on one page repeats it
        // nowhere) and stays on screen with the column naming the row.
        const heading = sheet.printTitles ?? (sheet.pane ? { top: sheet.pane.ySplit, bottom: sheet.pane.ySplit } : null);
        if (!heading) continue;
        expect({ where, pane: sheet.pane }).toEqual({ where, pane: { xSplit: expect.any(Number), ySplit: heading.bottom, state: 'frozen' } });
        expect(sheet.pane!.xSplit).toBeGreaterThanOrEqual(1);
        for (let r = heading.top; r <= heading.bottom; r++) {
          const heading = sheet.cells.filter((c) => c.row === r && c.value !== null);
          expect(heading.length).toBeGreaterThan(0);
          expect({ where, r, plain: heading.filter((c) => !c.bold || !c.boxed).map((c) => c.value) }).toEqual({ where, r, plain: [] });
        }
      }
    }
  });

  it('every kind: no number written as text, unless its column says it is an identifier', async () => {
    for (const [kind, report] of Object.entries(samples)) {
      const { book } = await get(kind, report);
      for (const sheet of book.sheets) {
        const numeric = sheet.cells.filter((c) => c.type === 's' && typeof c.value === 'string' && /^[−-]?\d+([.,]\d+)?\s?%?$/.test(c.value) && c.numFmt !== '@');
        expect({ where: `${kind} / ${sheet.name}`, numeric: numeric.map((c) => `${c.ref}=${String(c.value)}`) }).toEqual({ where: `${kind} / ${sheet.name}`, numeric: [] });
        // Every number carries a format of the form's kind: whole, two decimals, a percentage, hours, a date.
        const formats = new Set(sheet.cells.filter((c) => c.type === 'n' && c.value !== null).map((c) => c.numFmt));
        for (const f of formats) expect(['0', '0.00', '0.0%', '0;"−"0', '0.0#;"−"0.0#', 'dd.mm.yyyy', 'General']).toContain(f);
      }
    }
  });

  it('the summary sheet: marks as numbers, «н/а» and «осв.» as text, the PDF’s merges, the name and period frozen', async () => {
    const { book, file } = await get('finalSheet', samples.finalSheet);
    expect(file.fileName).toBe('Сводная ведомость 5А 2026-2027.xlsx');
    const sheet = book.sheet('5А');
    const heading = sheet.find('Итоговые отметки по предметам')!;
    // Over the three subjects (maths, Russian, PE) in one merged cell; «№» rises through both heading rows.
    expect(sheet.merges).toContainEqual({ top: heading.row, left: heading.col, bottom: heading.row, right: heading.col + 2 });
    const no = sheet.find('№')!;
    expect(sheet.merges).toContainEqual({ top: no.row, left: no.col, bottom: no.row + 1, right: no.col });
    expect(sheet.find('Математика')!.rotated).toBe(true);
    expect(sheet.pane).toEqual({ xSplit: 3, ySplit: no.row + 1, state: 'frozen' });
    // Борисов (all on paper): his name over his five period rows, his quarter marks numbers.
    const borisov = sheet.find('Борисов Глеб')!;
    expect(sheet.merges).toContainEqual({ top: borisov.row, left: borisov.col, bottom: borisov.row + 4, right: borisov.col });
    const marks = [4, 5, 6].map((c) => sheet.at(borisov.row, c)!);
    expect(marks.map((c) => [c.type, c.value, c.numFmt])).toEqual([
      ['n', 5, '0'],
      ['n', 4, '0'],
      ['n', 5, '0'],
    ]);
    // Егоров is not attested in maths; «н/а» stays text, beside his numbers.
    const egorov = sheet.find('Егоров Егор')!;
    expect([sheet.at(egorov.row, 4)!.value, sheet.at(egorov.row, 5)!.value]).toEqual(['н/а', 3]);
    expect(sheet.at(egorov.row, 4)!.type).toBe('s');
    // Body cells bordered; a student's five rows never cross a page (no break inside a name's merge).
    expect(marks.every((c) => c.boxed)).toBe(true);
    for (const b of sheet.rowBreaks) expect(sheet.merges.some((m) => m.left === borisov.col && b >= m.top && b < m.bottom)).toBe(false);
  });

  it('the performance report: rates as Excel percentages, the average with two decimals', async () => {
    const { book } = await get('performance', samples.performance);
    const [sheet] = book.sheets;
    const maths = sheet.find('Математика')!;
    const row = (col: number) => sheet.at(maths.row, col)!;
    // FORMS.md §3: «5» «4» «3» «2» н/а осв. (whole numbers), then успеваемость, качество, СОУ (%), средний балл.
    expect([3, 4, 5, 6, 7, 8].map((c) => [row(c).value, row(c).numFmt])).toEqual([
      [2, '0'],
      [1, '0'],
      [0, '0'],
      [0, '0'],
      [1, '0'],
      [0, '0'],
    ]);
    expect([9, 10, 11].map((c) => [row(c).value, row(c).numFmt])).toEqual([
      [0.75, '0.0%'],
      [0.75, '0.0%'],
      [0.678, '0.0%'],
    ]);
    expect([row(12).value, row(12).numFmt]).toEqual([4.67, '0.00']);
    expect(sheet.pane).toEqual({ xSplit: 1, ySplit: sheet.find('Предмет')!.row, state: 'frozen' });
    // The lists and the formulas under the table are there whole, each line in a row of the sheet's width.
    const formulas = sheet.find('Формулы расчёта:')!;
    expect(sheet.merges).toContainEqual({ top: formulas.row, left: 1, bottom: formulas.row, right: expect.any(Number) });
  });

  it('the control certificate: the programme’s plan and fact as two numbers under one merged heading', async () => {
    const { book, model } = await get('checkCertificate', samples.checkCertificate);
    const [sheet] = book.sheets;
    const programme = sheet.find('Программа, ч')!;
    expect(sheet.merges).toContainEqual({ top: programme.row, left: programme.col, bottom: programme.row, right: programme.col + 1 });
    const [table] = tablesOf(model);
    const first = sheet.find(String(table.rows[0].cells[0]))!;
    const planned = sheet.at(first.row, programme.col)!;
    expect([planned.type, planned.value]).toEqual(['n', table.rows[0].cells[8]]);
    expect(sheet.at(first.row, 4)!.numFmt).toBe('0.0%');
  });

  it('tables of other kinds go to sheets of their own: the class’s absences on one, each student’s dated absences on the next', async () => {
    const { book, model } = await get('attendance', samples.attendance);
    const tables = tablesOf(model);
    expect(tables.length).toBeGreaterThan(2);
    expect(book.sheets.map((x) => x.name)).toEqual(['Отчёт', 'Отчёт (2)']);
    const [summary, details] = book.sheets;
    // The class's table alone on its sheet: its heading frozen (a page of the class's six students
    // repeats it on no other page), its number columns narrow.
    const total = summary.find('всего')!;
    expect(summary.pane).toMatchObject({ ySplit: total.row, state: 'frozen' });
    expect(summary.printTitles).toBeNull();
    expect(summary.widths[total.col - 1]).toBeLessThan(10);
    // The students' tables share their columns; several tables on a sheet repeat no one table's heading over the others.
    expect(details.printTitles).toBeNull();
    expect(details.pane).toBeNull();
    expect(details.cells.filter((c) => c.value === 'Дата' && c.bold && c.boxed).length).toBe(tables.length - 1);
    for (const section of model.sections.slice(1)) expect(details.find(section.title!)).toBeDefined();
  });

  it('the school timetable: A3 landscape on one sheet of paper, days and lesson numbers frozen', async () => {
    const { book, file } = await get('timetable', samples.timetable);
    expect(file.fileName).toBe('Расписание школы с 01.09.2026.xlsx');
    const [sheet] = book.sheets;
    expect(sheet.pageSetup).toMatchObject({ paperSize: '8', orientation: 'landscape', fitToWidth: '1', fitToHeight: '1' });
    const day = sheet.find('День')!;
    expect(sheet.pane).toEqual({ xSplit: 2, ySplit: day.row, state: 'frozen' });
    // Lesson numbers are numbers; a day's name is one merged cell over its lessons.
    const monday = sheet.find('Пн')!;
    expect(sheet.at(monday.row, 2)).toMatchObject({ type: 'n', value: 1 });
    expect(sheet.merges.some((m) => m.top === monday.row && m.left === 1 && m.bottom > monday.row)).toBe(true);
  });
});
