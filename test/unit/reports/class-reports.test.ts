import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildReportSchool, MATHS_TOPICS, type ReportSchool } from './fixture';
import { tablesOf } from '../../../main/core/reports/model';
import { isUnsatisfactory } from '../../../main/core/reports/forms/unsatisfactory';

/** Attendance, unsatisfactory marks and the teacher's period report on 5А's first quarter (fixture.ts). */
describe('class reports of the first quarter', () => {
  let t: TestRuntime;
  let s: ReportSchool;

  beforeAll(async () => {
    t = await createTestRuntime();
    s = await buildReportSchool(t);
  });
  afterAll(() => t.close());

  it('counts missed lessons by reason: the certificate makes Алексеев’s absence an illness', async () => {
    const model = (await t.call('reports.build', { report: { kind: 'attendance', classId: s.classes.c5a, period: s.periods.q1 } }, s.tokens.petrova)).model!;
    const [summary, ...details] = tablesOf(model);
    const row = (name: string) => summary.rows.find((r) => r.cells[1] === name)!.cells.slice(2);
    //                          всего, болезнь, уважит., без уважит.
    expect(row('Алексеев Артём')).toEqual([1, 1, 0, 0]);
    expect(row('Борисов Глеб')).toEqual([1, 0, 0, 1]);
    expect(row('Волкова Вера')).toEqual([1, 0, 1, 0]);
    expect(row('Егоров Егор')).toEqual([0, 0, 0, 0]);
    expect(summary.totals![0].cells.slice(2)).toEqual([3, 1, 1, 1]);
    // The dates with the topics missed, per student who missed any.
    expect(details).toHaveLength(3);
    expect(model.sections[1].title).toBe('Алексеев Артём');
    expect(details[0].rows[0].cells).toEqual(['2026-09-14', 2, 'Математика', MATHS_TOPICS[2], 'по болезни']);
    expect(details[1].rows[0].cells[4]).toBe('не указана');
  });

  it('lists the «2» with the topic and kind of work they were given for', async () => {
    const model = (await t.call('reports.build', { report: { kind: 'unsatisfactory', classId: s.classes.c5a, from: '2026-09-01', to: '2026-10-24' } }, s.tokens.deputy)).model!;
    const [table] = tablesOf(model);
    expect(table.rows.map((r) => r.cells.slice(2))).toEqual([
      ['2026-09-14', 'Математика', 2, 'Работа на уроке', MATHS_TOPICS[2], 'Иванова А.П.'],
      ['2026-09-21', 'Математика', 2, 'Работа на уроке', MATHS_TOPICS[4], 'Иванова А.П.'],
    ]);
    expect(table.rows[0].cells[1]).toBe('Егоров Егор\n(2)');
    expect(table.rows[0].ref).toEqual({ kind: 'lesson', id: s.mathsQ1[2].id });
    expect(model.fields.find((f) => f.label === 'Отметок')!.value).toBe('2');
  });

  it('knows which marks are unsatisfactory', () => {
    expect(['2', '2+', '2-', '1', 'незач'].every(isUnsatisfactory)).toBe(true);
    expect(['3', '3-', '4', '5', 'зач', 'н'].some(isUnsatisfactory)).toBe(false);
  });

  it('asks for both dates of a span', async () => {
    const e = await t.fail('reports.build', { report: { kind: 'unsatisfactory', classId: s.classes.c5a, from: '2026-09-01' } }, s.tokens.deputy);
    expect(e.message).toBe('Укажите обе даты: начало и конец.');
    expect(e.details?.fields).toEqual({ to: 'Укажите дату' });
  });

  it('gives the maths teacher her quarter: marks, rates, hours planned and given, the topic behind', async () => {
    const model = (await t.call('reports.build', { report: { kind: 'teacherPeriod', staffId: s.staff.ivanova, period: s.periods.q1 } }, s.tokens.ivanova)).model!;
    const [table] = tablesOf(model);
    const row = table.rows.find((r) => r.cells[0] === '5А' && r.cells[1] === 'Математика')!.cells;
    // 5 on the roll at the quarter's end, 3 attested (5, 5, 4), Егоров н/а, Дмитриева without a mark.
    expect(row.slice(2)).toEqual([5, 3, 2, 1, 0, 0, 1, 0, 75, 75, 67.8, 4.67, 8, 7, 1]);
    const behind = model.sections[0].blocks.find((b) => b.kind === 'text');
    expect(behind && behind.kind === 'text' && behind.runs!.map((r) => r.text).join('')).toContain('5А, Математика: Деление с остатком.');
  });

  it('lets a teacher see only her own period report', async () => {
    const e = await t.fail('reports.build', { report: { kind: 'teacherPeriod', staffId: s.staff.petrova, period: 'year' } }, s.tokens.ivanova);
    expect(e.message).toBe('Учитель может сформировать этот отчёт только о своей работе.');
  });

  it('counts each teacher’s entries of a month, on time and late', async () => {
    const model = (await t.call('reports.build', { report: { kind: 'activity', month: '2026-09' } }, s.tokens.deputy)).model!;
    const [table] = tablesOf(model);
    const row = (name: string) => table.rows.find((r) => r.cells[1] === name)!.cells.slice(2, 10);
    // September: 5 maths topics (16.09 late); 8 marks (21.09 Алексеев late); no final marks yet.
    expect(row('Иванова А.П.')).toEqual([5, 4, 1, 8, 7, 1, 0, 0]);
    expect(row('Петрова М.И.')).toEqual([1, 1, 0, 0, 0, 0, 0, 0]);
    const october = (await t.call('reports.build', { report: { kind: 'activity', month: '2026-10' } }, s.tokens.deputy)).model!;
    // October: 05.10 and 07.10 topics, one mark, and the quarter's 15 final marks (by 20.10, on time).
    expect(tablesOf(october)[0].rows.find((r) => r.cells[1] === 'Иванова А.П.')!.cells.slice(2, 10)).toEqual([2, 2, 0, 1, 1, 0, 15, 0]);
    const refused = await t.fail('reports.build', { report: { kind: 'activity', month: '2026-09' } }, s.tokens.ivanova);
    expect(refused.code).toBe('FORBIDDEN');
  });
});
