import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildReportSchool, MATHS_TOPICS, type ReportSchool } from './fixture';
import type { ReportModel, TextBlock } from '../../../main/core/reports/model';
import { cancelJob, startJob, waitForJob } from '../../../main/core/reports/jobs';
import { writeReport } from '../../../main/core/reports/output';
import { pdfPages } from './pdf-tools';

/** FORMS.md §1 on 5А (fixture.ts), the background jobs, and the Excel copy of a form. */
describe('the journal printout of a class', () => {
  let t: TestRuntime;
  let s: ReportSchool;
  let model: ReportModel;

  beforeAll(async () => {
    t = await createTestRuntime();
    s = await buildReportSchool(t);
    model = (await t.call('reports.build', { report: { kind: 'journalPrintout', classId: s.classes.c5a } }, s.tokens.deputy)).model!;
  });
  afterAll(() => t.close());

  it('has the contents, a section per subject, the attendance, the summary sheet and the last page', () => {
    expect(model.title).toBe('Классный журнал 5А класса');
    expect(model.sections[0].blocks[0]).toEqual({ kind: 'contents', title: 'Содержание' });
    expect(model.sections.map((x) => x.tocLabel).filter(Boolean)).toEqual([
      'Математика — Иванова А.П.',
      'Русский язык — Петрова М.И.',
      'Сведения о пропущенных уроках',
      'Сводная ведомость итоговых отметок',
      'Лист проверки',
    ]);
  });

  it('prints the marks by date with «н», the final mark, and the lessons with topics', () => {
    const maths = model.sections.find((x) => x.title === 'Математика')!;
    const [marks, lessons] = maths.blocks.filter((b) => b.kind === 'table');
    if (marks.kind !== 'table' || lessons.kind !== 'table') throw new Error('tables expected');
    expect(marks.caption).toBe('I четверть: отметки и посещаемость');
    // Dates across, grouped by month: 5 in September, 3 in October, then the quarter's final mark.
    expect(marks.headerGroups![0].map((g) => [g.title, g.span])).toEqual([
      ['', 1],
      ['', 1],
      ['Сентябрь', 5],
      ['Октябрь', 3],
      ['', 1],
    ]);
    const row = (name: string) => marks.rows.find((r) => r.cells[1] === name)!.cells.slice(2);
    expect(row('Алексеев Артём')).toEqual([5, null, 'н', null, 5, null, null, null, 5]);
    expect(row('Егоров Егор')).toEqual([null, null, 2, null, 2, null, null, null, 'н/а']);
    expect(lessons.rows[0].cells).toEqual(['2026-09-07', 2, MATHS_TOPICS[0], '№ 10, 11', 'Иванова А.П.']);
    expect(lessons.rows[7].cells[2]).toBe('—');
    const programme = maths.blocks.find((b): b is TextBlock => b.kind === 'text')!;
    expect(programme.runs!.map((r) => r.text).join('')).toContain('проведено — 7 ч; разница — 1 ч. Программа не выполнена, отставание 1 ч.');
  });

  it('numbers its pages on the last page', async () => {
    const r = await t.call('reports.build', { report: { kind: 'journalPrintout', classId: s.classes.c5a }, format: 'pdf' }, s.tokens.deputy);
    const pages = pdfPages(Buffer.from(r.file!.base64, 'base64'));
    const last = pages[pages.length - 1];
    const count = /В журнале 5А класса за 2026\/2027 учебный год пронумеровано (\d+) страниц/.exec(last);
    expect(Number(count?.[1])).toBe(pages.length);
    expect(last).toContain('Журнал проверен.');
    // The contents on the first page give each subject's pages.
    expect(pages[0]).toMatch(/Математика — Иванова А\.П\.[ .]+\d+(–\d+)?/);
  });

  it('writes in the background, reports progress and hands over the file', async () => {
    const started = await t.call('reports.start', { report: { kind: 'journalPrintout', classId: s.classes.c5a }, format: 'pdf' }, s.tokens.deputy);
    const events: number[] = [];
    const audiences = new Set<string>();
    t.runtime.events.on('event', (e, to) => {
      if (e.taskId !== started.taskId) return;
      events.push(e.done);
      audiences.add(to.token);
    });
    const done = await waitForJob(t.runtime, s.userIds.deputy, started.taskId);
    expect(done.status).toBe('done');
    expect(done.file!.fileName).toBe('Журнал 5А 2026-2027.pdf');
    expect(events.length).toBeGreaterThan(0);
    // The progress (with the report's title) is addressed to the deputy's session only.
    expect([...audiences]).toEqual([s.tokens.deputy]);
    // Another user cannot collect it.
    const other = await t.fail('reports.job', { taskId: started.taskId }, s.tokens.director);
    expect(other.code).toBe('NOT_FOUND');
  });

  it('stops a job when cancelled', async () => {
    // Built through the method, then cancelled at once: the writing has not begun, so it never finishes.
    const model = (await t.call('reports.build', { report: { kind: 'finalSheet' }, format: 'screen' }, s.tokens.deputy)).model!;
    const taskId = startJob(t.runtime, t.runtime.sessions.get(s.tokens.deputy), model.title, (options) => writeReport(model, 'pdf', options));
    expect(cancelJob(t.runtime, s.userIds.deputy, taskId).status).toBe('running');
    const end = await waitForJob(t.runtime, s.userIds.deputy, taskId);
    expect(end.status).toBe('cancelled');
    expect(end.file).toBeNull();
    // Through the contract: a finished task cannot be cancelled any more, and says so by its status.
    const started = await t.call('reports.start', { report: { kind: 'finalSheet', classId: s.classes.c5a }, format: 'xlsx' }, s.tokens.deputy);
    await waitForJob(t.runtime, s.userIds.deputy, started.taskId);
    expect((await t.call('reports.cancel', { taskId: started.taskId }, s.tokens.deputy)).status).toBe('done');
  });

  it('gives the summary sheet as a workbook with a sheet per class', async () => {
    const r = await t.call('reports.build', { report: { kind: 'finalSheet' }, format: 'xlsx' }, s.tokens.deputy);
    const book = XLSX.read(Buffer.from(r.file!.base64, 'base64'), { type: 'buffer' });
    expect(book.SheetNames).toEqual(['1А', '5А', '6А']);
    const rows = XLSX.utils.sheet_to_json<(string | number | null)[]>(book.Sheets['5А'], { header: 1, defval: null });
    const alekseev = rows.find((x) => x[1] === 'Алексеев Артём')!;
    expect(alekseev.slice(2, 6)).toEqual(['I ч.', 5, 5, 5]);
  });
});
