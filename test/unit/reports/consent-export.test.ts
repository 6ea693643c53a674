import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildReportSchool, type ReportSchool } from './fixture';
import { pdfText } from './pdf-tools';
import type { ParamsOf } from '../../../main/core/api/types';
import type { ReportKind } from '../../../main/core/reports/registry';
import type { ReportFile } from '../../../main/core/reports/output';
import type { TextBlock } from '../../../main/core/reports/model';

type Request = ParamsOf<'reports.build'>['report'];

/** Every cell of every sheet of a workbook, as text. */
function workbookText(file: ReportFile): string {
  const book = XLSX.read(Buffer.from(file.base64, 'base64'), { type: 'buffer' });
  return book.SheetNames.map((name) => XLSX.utils.sheet_to_csv(book.Sheets[name])).join('\n');
}

function workbookRows(file: ReportFile, sheet: string): (string | number | null)[][] {
  const book = XLSX.read(Buffer.from(file.base64, 'base64'), { type: 'buffer' });
  return XLSX.utils.sheet_to_json<(string | number | null)[]>(book.Sheets[sheet], { header: 1, defval: null });
}

const pdf = (file: ReportFile) => pdfText(Buffer.from(file.base64, 'base64')).replace(/\s+/g, ' ');

/**
 * 152-ФЗ (seed 001 §3.2, seed 000 §5.2): a student's personal data do not
 * leave the program without consent to their processing, except on the paper
 * extract for the student's own parents. In 5А (fixture.ts) every family has
 * consented but Волкова's, whose parents refused on 10.09.2026: a file saved
 * for use elsewhere shows her as «данные скрыты», keeping her row so that
 * the counts stay true; paper kept at school and her parents' extract name her.
 */
describe('students without consent in exported files', () => {
  let t: TestRuntime;
  let s: ReportSchool;
  const NAME = 'Волкова';

  beforeAll(async () => {
    t = await createTestRuntime();
    s = await buildReportSchool(t);
    await t.call('contingent.setConsent', { studentId: s.kids.volkova, status: 'refused', date: '2026-09-10', document: 'Заявление об отказе' }, s.tokens.petrova);
  });
  afterAll(() => t.close());

  const build = async (report: Request, format: 'xlsx' | 'pdf', action: 'print' | 'save') =>
    (await t.call('reports.build', { report, format, action }, s.tokens.deputy)).file!;

  it('the summary sheet saved as Excel has her row as «данные скрыты», with her marks and no name', async () => {
    const file = await build({ kind: 'finalSheet', classId: s.classes.c5a }, 'xlsx', 'save');
    expect(workbookText(file)).not.toContain(NAME);
    const rows = workbookRows(file, '5А');
    // Her first-quarter marks (maths 4, Russian 3, PE exempt) stay, under no name.
    const hidden = rows.filter((r) => r[1] === 'данные скрыты');
    expect(hidden.map((r) => r.slice(2, 6))).toContainEqual(['I ч.', '4', '3', 'осв.']);
    // Six students on the roll, numbered 1 to 6, as on paper.
    expect(rows.filter((r) => r[2] === 'I ч.' && typeof r[0] === 'number').map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6]);
    // The class's totals are those of the screen, where everyone is named.
    const screen = (await t.call('reports.build', { report: { kind: 'finalSheet', classId: s.classes.c5a }, format: 'screen' }, s.tokens.deputy)).model!;
    const totals = screen.sections.flatMap((x) => x.blocks).filter((b): b is TextBlock => b.kind === 'text');
    const saved = workbookText(file);
    for (const text of totals.flatMap((b) => (b.runs ? [b.runs.map((r) => r.text).join('')] : [b.text ?? ''])).flatMap((x) => x.split('\n')).filter(Boolean)) {
      expect(saved).toContain(text);
    }
  });

  it('the journal printout saved as a PDF does not name her; the other students are named', async () => {
    const text = pdf(await build({ kind: 'journalPrintout', classId: s.classes.c5a }, 'pdf', 'save'));
    expect(text).not.toContain(NAME);
    expect(text).toContain('данные скрыты');
    expect(text).toContain('Алексеев Артём');
  });

  it('the same printout printed on paper for the school names her', async () => {
    const text = pdf(await build({ kind: 'journalPrintout', classId: s.classes.c5a }, 'pdf', 'print'));
    expect(text).toContain('Волкова Вера');
    expect(text).not.toContain('данные скрыты');
  });

  it('an Excel file is an export even when asked to print', async () => {
    expect(workbookText(await build({ kind: 'finalSheet', classId: s.classes.c5a }, 'xlsx', 'print'))).not.toContain(NAME);
  });

  it('a file without a stated action is taken as saved', async () => {
    const file = (await t.call('reports.build', { report: { kind: 'finalSheet', classId: s.classes.c5a }, format: 'pdf' }, s.tokens.deputy)).file!;
    expect(pdf(file)).not.toContain(NAME);
  });

  it('the paper extract for her own parents names her', async () => {
    const printed = await t.call('reports.printExtracts', { classId: s.classes.c5a, kind: 'period', periodId: s.periods.q1, studentIds: [s.kids.volkova] }, s.tokens.petrova);
    const text = pdf(printed.file);
    expect(text).toContain('Волкова Вера');
  });

  it('no report saved as Excel or PDF names her, whatever it is', async () => {
    const check = await t.call('control.saveCheck', { periodId: s.periods.q1 }, s.tokens.deputy);
    const timetable = await t.call('timetable.create', { yearId: s.yearId, name: 'Основное', validFrom: '2026-09-01' }, s.tokens.deputy);
    // Every report kind, with parameters that cover 5А in the first quarter (a new kind needs a line here).
    const samples: Record<ReportKind, Request> = {
      finalSheet: { kind: 'finalSheet' },
      performance: { kind: 'performance', classId: s.classes.c5a, period: s.periods.q1 },
      journalPrintout: { kind: 'journalPrintout', classId: s.classes.c5a },
      attendance: { kind: 'attendance', classId: s.classes.c5a, studentId: s.kids.volkova, period: s.periods.q1 },
      unsatisfactory: { kind: 'unsatisfactory', classId: s.classes.c5a, period: s.periods.q1 },
      teacherPeriod: { kind: 'teacherPeriod', staffId: s.staff.petrova, period: s.periods.q1 },
      activity: { kind: 'activity', month: '2026-09' },
      checkCertificate: { kind: 'checkCertificate', checkId: check.id },
      substitutionChanges: { kind: 'substitutionChanges', date: '2026-09-16', scope: 'both' },
      substitutionBook: { kind: 'substitutionBook', from: '2026-09-01', to: '2026-10-24' },
      substitutionStatement: { kind: 'substitutionStatement', month: '2026-09' },
      timetable: { kind: 'timetable', timetableId: timetable.id, scope: 'school' },
    };
    for (const [kind, report] of Object.entries(samples)) {
      const xlsx = workbookText(await build(report, 'xlsx', 'save'));
      const saved = pdf(await build(report, 'pdf', 'save'));
      expect({ kind, xlsx: xlsx.includes(NAME), pdf: saved.includes(NAME) }).toEqual({ kind, xlsx: false, pdf: false });
    }
    // The one about her alone says whose it is no more than that.
    const own = pdf(await build(samples.attendance, 'pdf', 'save'));
    expect(own).toContain('Пропуски уроков: данные скрыты, 5А класс');
  });
});
