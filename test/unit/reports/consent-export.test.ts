import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildReportSchool, type ReportSchool } from './fixture';
import { pdfText } from './pdf-tools';
import type { ParamsOf } from '../../../main/core/api/types';
import type { ReportKind } from '../../../main/core/reports/registry';
import type { ReportFile } from '../../../main/core/reports/output';

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
 * leave the school without consent to their processing, except on the paper
 * extract for the student's own parents. In 5А (fixture.ts) every family has
 * consented but Волкова's, whose parents refused on 10.09.2026.
 *
 * The school's own records — the class journal (kept 5 years) and the summary
 * sheets (25 years), «на электронных и бумажных носителях» (seed 002) — are
 * complete however they are produced: printed, saved as PDF or as Excel, they
 * name her in her place. A report saved as a file for use elsewhere shows her
 * as «данные скрыты», in her own row under her own number, so that counts,
 * totals and the numbers of everyone else stay as on paper.
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

  it('the summary sheet saved as PDF is the sheet printed: every student named, Волкова third of six', async () => {
    const report: Request = { kind: 'finalSheet', classId: s.classes.c5a };
    const saved = pdf(await build(report, 'pdf', 'save'));
    expect(saved).toBe(pdf(await build(report, 'pdf', 'print')));
    expect(saved).not.toContain('данные скрыты');
    expect(saved).toMatch(/2 Борисов Глеб.*3 Волкова Вера.*4 Григорьев/);
  });

  it('the summary sheet saved as Excel names her too, in her place', async () => {
    const rows = workbookRows(await build({ kind: 'finalSheet', classId: s.classes.c5a }, 'xlsx', 'save'), '5А');
    const numbered = rows.filter((r) => r[2] === 'I ч.' && typeof r[0] === 'number').map((r) => [r[0], r[1]]);
    expect(numbered.map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6]);
    expect(numbered[2][1]).toMatch(/^Волкова Вера/);
  });

  it('the class journal saved as PDF is the journal printed, and names her', async () => {
    const report: Request = { kind: 'journalPrintout', classId: s.classes.c5a };
    const saved = pdf(await build(report, 'pdf', 'save'));
    expect(saved).toBe(pdf(await build(report, 'pdf', 'print')));
    expect(saved).toContain('Волкова Вера');
    expect(saved).not.toContain('данные скрыты');
  });

  it('a report saved for use elsewhere hides her in her own row: number 3, between Борисов and Григорьев', async () => {
    const rows = workbookRows(await build({ kind: 'attendance', classId: s.classes.c5a, period: s.periods.q1 }, 'xlsx', 'save'), 'Отчёт').filter(
      (r) => typeof r[0] === 'number',
    );
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      [1, 'Алексеев Артём'],
      [2, 'Борисов Глеб'],
      [3, 'данные скрыты'],
      [4, 'Григорьев Гордей'],
      [5, 'Дмитриева Дарья'],
      [6, 'Егоров Егор'],
    ]);
  });

  it('the same report printed for the school names her', async () => {
    const text = pdf(await build({ kind: 'attendance', classId: s.classes.c5a, period: s.periods.q1 }, 'pdf', 'print'));
    expect(text).toContain('Волкова Вера');
    expect(text).not.toContain('данные скрыты');
  });

  it('an Excel file of such a report is an export even when asked to print', async () => {
    expect(workbookText(await build({ kind: 'attendance', classId: s.classes.c5a, period: s.periods.q1 }, 'xlsx', 'print'))).not.toContain(NAME);
  });

  it('a file without a stated action is taken as saved', async () => {
    const report: Request = { kind: 'attendance', classId: s.classes.c5a, period: s.periods.q1 };
    const file = (await t.call('reports.build', { report, format: 'pdf' }, s.tokens.deputy)).file!;
    expect(pdf(file)).not.toContain(NAME);
  });

  it('the paper extract for her own parents names her', async () => {
    const printed = await t.call('reports.printExtracts', { classId: s.classes.c5a, kind: 'period', periodId: s.periods.q1, studentIds: [s.kids.volkova] }, s.tokens.petrova);
    const text = pdf(printed.file);
    expect(text).toContain('Волкова Вера');
  });

  it('her diary week is not saved as a file; the diary of a student with consent is', async () => {
    await expect(t.call('diary.pdf', { studentId: s.kids.volkova, weekStart: '2026-09-14' }, s.tokens.petrova)).rejects.toMatchObject({
      code: 'NO_CONSENT',
      message: expect.stringContaining('«Печать»'),
    });
    const file = await t.call('diary.pdf', { studentId: s.kids.alekseev, weekStart: '2026-09-14' }, s.tokens.petrova);
    expect(pdf(file)).toContain('Алексеев');
  });

  it('every report saved as Excel or PDF: the school records name her, no other report does', async () => {
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
    const records: ReportKind[] = ['finalSheet', 'journalPrintout'];
    for (const [kind, report] of Object.entries(samples)) {
      const xlsx = workbookText(await build(report, 'xlsx', 'save'));
      const saved = pdf(await build(report, 'pdf', 'save'));
      const named = records.includes(kind as ReportKind);
      expect({ kind, xlsx: xlsx.includes(NAME), pdf: saved.includes(NAME) }).toEqual({ kind, xlsx: named, pdf: named });
    }
    // The one about her alone says whose it is no more than that.
    const own = pdf(await build(samples.attendance, 'pdf', 'save'));
    expect(own).toContain('Пропуски уроков: данные скрыты, 5А класс');
  });
});
