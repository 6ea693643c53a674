import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildReportSchool, type ReportSchool } from './fixture';
import { tablesOf, type ReportModel } from '../../../main/core/reports/model';
import { pdfText } from './pdf-tools';

/** FORMS.md §2: the summary sheet of final marks of 5А, the first quarter worked by hand (fixture.ts). */
describe('the summary sheet of final marks', () => {
  let t: TestRuntime;
  let s: ReportSchool;
  let model: ReportModel;

  beforeAll(async () => {
    t = await createTestRuntime();
    s = await buildReportSchool(t);
    const r = await t.call('reports.build', { report: { kind: 'finalSheet', classId: s.classes.c5a }, format: 'screen' }, s.tokens.deputy);
    model = r.model!;
  });
  afterAll(() => t.close());

  it('has a row per period and the year for each student, the subjects as vertical columns', () => {
    const [table] = tablesOf(model);
    expect(model.page).toEqual({ size: 'A4', orientation: 'landscape' });
    expect(table.columns.filter((c) => c.vertical).map((c) => c.title)).toEqual(['Математика', 'Русский язык', 'Физическая культура']);
    // Six students (the withdrawn one stays on the sheet) × (four quarters + the year).
    expect(table.rows).toHaveLength(30);
    const alekseev = table.rows.filter((r) => r.group === s.kids.alekseev);
    expect(alekseev.map((r) => r.cells[2])).toEqual(['I ч.', 'II ч.', 'III ч.', 'IV ч.', 'Год']);
    expect(alekseev[0].cells.slice(3, 6)).toEqual([5, 5, 5]);
    // One lesson missed in the first quarter, for illness (the certificate covers it).
    expect(alekseev[0].cells.slice(6, 8)).toEqual([1, 1]);
    const volkova = table.rows.find((r) => r.group === s.kids.volkova)!;
    expect(volkova.cells.slice(3, 6)).toEqual([4, 3, 'осв.']);
    const grigoriev = table.rows.find((r) => r.group === s.kids.grigoriev)!;
    expect(grigoriev.cells[1]).toBe('Григорьев Гордей\nвыбыл 20.10.2026');
  });

  it('counts the marks per subject and prints the class rates of the last period with marks', () => {
    const [table] = tablesOf(model);
    const count = (label: string) => table.totals!.find((r) => r.cells[1] === `Количество ${label}`)!.cells.slice(3, 6);
    // The withdrawn Григорьев and his «2» are not counted.
    expect(count('«5»')).toEqual([2, 1, 2]);
    expect(count('«4»')).toEqual([1, 1, 1]);
    expect(count('«3»')).toEqual([0, 2, 0]);
    expect(count('«2»')).toEqual([0, 0, 0]);
    expect(count('н/а')).toEqual([1, 0, 0]);
    expect(count('осв.')).toEqual([0, 0, 1]);
    const text = model.sections[0].blocks.find((b) => b.kind === 'text');
    expect(text && text.kind === 'text' && text.text).toContain(
      'Итоги за I четверть: учащихся с отметками — 4; успеваемость — 75,0 % (3 из 4); качество знаний — 50,0 % (2 из 4)',
    );
  });

  it('ends with the class teacher’s and the deputy’s signature lines', () => {
    const sig = model.sections[0].blocks.find((b) => b.kind === 'signatures');
    expect(sig && sig.kind === 'signatures' && sig.lines).toEqual([
      { position: 'Классный руководитель', name: 'М.И. Петрова' },
      { position: 'Заместитель директора по УВР', name: 'Е.Б. Зайцева' },
    ]);
  });

  it('prints as a PDF with the Cyrillic text intact', async () => {
    const r = await t.call('reports.build', { report: { kind: 'finalSheet', classId: s.classes.c5a }, format: 'pdf' }, s.tokens.deputy);
    expect(r.file!.fileName).toBe('Сводная ведомость 5А 2026-2027.pdf');
    const text = pdfText(Buffer.from(r.file!.base64, 'base64'));
    expect(text).toContain('Сводная ведомость учёта успеваемости обучающихся 5А класса');
    expect(text).toContain('Волкова Вера');
    expect(text).toContain('Стр. 1 из');
  });

  it('is refused to a teacher of another class and to the whole school for a teacher', async () => {
    const other = await t.fail('reports.build', { report: { kind: 'finalSheet', classId: s.classes.c6a }, format: 'screen' }, s.tokens.petrova);
    expect(other.code).toBe('FORBIDDEN');
    const school = await t.fail('reports.build', { report: { kind: 'finalSheet' }, format: 'screen' }, s.tokens.petrova);
    expect(school.message).toBe('Отчёт по всей школе доступен директору, заместителю директора и администратору.');
  });
});
