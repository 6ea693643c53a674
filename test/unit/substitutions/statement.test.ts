import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { IsNull } from 'typeorm';
import { SubstitutionEntity } from '../../../main/core/db/entities/changes';
import { tablesOf } from '../../../main/core/reports/model';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { pdfText } from '../reports/pdf-tools';
import { excelDay, readWorkbook } from '../reports/xlsx-tools';
import { buildSubSchool, type SubSchool } from './fixture';

/**
 * Иванова is ill on 23–24.11. The deputy: Смирнова takes 5А at the 2nd and
 * 3rd on Monday (the 3rd marked «not paid»), 5Б joins 5В's maths at the 4th,
 * Tuesday's 5А at the 1st is cancelled, 5Б's at the 2nd moves to Thursday's
 * 6th. Орлова is away on Thursday for an «other» reason: Петрова takes her
 * 5Б Russian at the 5th, unpaid by the school's rule for such reasons.
 * With what the fixture already has in November (Петрова twice for Орлова,
 * paid; Смирнова once for Белова, not paid), the month counts:
 *
 * | teacher  | given, h        | paid, h | not given, h                  | total  |
 * |----------|-----------------|---------|-------------------------------|--------|
 * | Белова   | 0               | 0       | 1 (05.11, taken)              | −1     |
 * | Иванова  | 0               | 0       | 4 (2 taken, 1 merged, 1 cancelled) | −4 |
 * | Кузнецов | 0,5 (merge 50%) | 0,5     | 0                             | 0,5    |
 * | Орлова   | 0               | 0       | 3 (10.11, 12.11, 26.11)       | −3     |
 * | Петрова  | 3               | 2       | 0                             | 2      |
 * | Смирнова | 3               | 1       | 0                             | 1      |
 * | school   | 6,5             | 3,5     | 8                             | −4,5   |
 *
 * The move counts nowhere: Иванова gives that lesson on Thursday.
 */
describe('the book of substituted lessons and the monthly statement', () => {
  let t: TestRuntime;
  let s: SubSchool;

  beforeAll(async () => {
    t = await createTestRuntime();
    s = await buildSubSchool(t);
    const d = s.tokens.deputy;
    await t.call('substitutions.saveAbsence', { staffId: s.staff.ivanova, fromDate: '2026-11-23', toDate: '2026-11-24', reason: 'illness' }, d);
    await t.call('substitutions.apply', { lessonId: s.lessons['mon.5a.2'].id, kind: 'substitute', substituteStaffId: s.staff.smirnova }, d);
    await t.call('substitutions.apply', { lessonId: s.lessons['mon.5a.3'].id, kind: 'substitute', substituteStaffId: s.staff.smirnova }, d);
    const third = await t.runtime.database().manager.findOneByOrFail(SubstitutionEntity, { lessonId: s.lessons['mon.5a.3'].id, deletedAt: IsNull() });
    await t.call('substitutions.setPay', { id: third.id, hours: 1, paid: false }, d);
    await t.call('substitutions.apply', { lessonId: s.lessons['mon.5b.4'].id, kind: 'merge', mergedWithLessonId: s.lessons['mon.5v.4'].id }, d);
    await t.call('substitutions.apply', { lessonId: s.lessons['tue.5a.1'].id, kind: 'cancel' }, d);
    await t.call('substitutions.move', { lessonId: s.lessons['tue.5b.2'].id, toDate: '2026-11-26', toLessonNo: 6 }, d);
    await t.call('substitutions.saveAbsence', { staffId: s.staff.orlova, fromDate: '2026-11-26', toDate: '2026-11-26', reason: 'other' }, d);
    await t.call('substitutions.apply', { lessonId: s.lessons['thu.5b.5'].id, kind: 'substitute', substituteStaffId: s.staff.petrova }, d);
  });
  afterAll(() => t.close());

  it('sets hours and pay by the rules of each kind and reason', async () => {
    const rows = await t.runtime.database().manager.find(SubstitutionEntity, { where: { deletedAt: IsNull() } });
    const of = (key: string) => rows.find((r) => r.lessonId === s.lessons[key].id)!;
    expect([of('mon.5a.2').hours, Boolean(of('mon.5a.2').paid)]).toEqual([1, true]); // illness: paid
    expect([of('mon.5b.4').hours, Boolean(of('mon.5b.4').paid)]).toEqual([0.5, true]); // a merge counts 50 %
    expect([of('tue.5a.1').hours, Boolean(of('tue.5a.1').paid)]).toEqual([0, false]); // nobody gives a cancelled lesson
    expect([of('thu.5b.5').hours, Boolean(of('thu.5b.5').paid)]).toEqual([1, false]); // «other» reason: not paid
  });

  it('counts the month per teacher exactly as worked out by hand', async () => {
    const r = await t.call('reports.build', { report: { kind: 'substitutionStatement', month: '2026-11' }, format: 'screen' }, s.tokens.deputy);
    const [summary] = tablesOf(r.model!);
    expect(summary.rows.map((x) => x.cells)).toEqual([
      [1, 'Белова Д.А.', 0, 0, 1, -1],
      [2, 'Иванова А.П.', 0, 0, 4, -4],
      [3, 'Кузнецов И.И.', 0.5, 0.5, 0, 0.5],
      [4, 'Орлова О.О.', 0, 0, 3, -3],
      [5, 'Петрова М.И.', 3, 2, 0, 2],
      [6, 'Смирнова Е.В.', 3, 1, 0, 1],
    ]);
    expect(summary.totals?.[0].cells).toEqual(['', 'Итого по школе', 6.5, 3.5, 8, -4.5]);
    // Иванова's page: what she did not give, by kind.
    const ivanova = r.model!.sections.find((x) => x.title === 'Иванова А.П.')!;
    expect(ivanova.fields?.[1].value).toBe('4 (отменено — 1, заменено — 2, объединено — 1)');
  });

  it('gives a teacher their own statement only', async () => {
    const own = await t.call('reports.build', { report: { kind: 'substitutionStatement', month: '2026-11', staffId: s.staff.smirnova }, format: 'screen' }, s.tokens.smirnova);
    expect(tablesOf(own.model!)[0].rows.map((x) => x.cells[1])).toEqual(['Смирнова Е.В.']);
    const other = await t.fail('reports.build', { report: { kind: 'substitutionStatement', month: '2026-11', staffId: s.staff.ivanova }, format: 'screen' }, s.tokens.smirnova);
    expect(other.code).toBe('FORBIDDEN');
  });

  it('lists every substitution, merge, cancellation and move of the span in the book', async () => {
    const r = await t.call('reports.build', { report: { kind: 'substitutionBook', from: '2026-11-23', to: '2026-11-26' }, format: 'screen' }, s.tokens.director);
    const [table] = tablesOf(r.model!);
    expect(table.rows.map((x) => x.cells.slice(0, 10))).toEqual([
      ['2026-11-23', 2, '5А', 'Математика', 'Иванова А.П.', 'болезнь', 'Смирнова Е.В.', 'замена', 1, 'да'],
      ['2026-11-23', 3, '5А', 'Математика', 'Иванова А.П.', 'болезнь', 'Смирнова Е.В.', 'замена', 1, 'нет'],
      ['2026-11-23', 4, '5Б', 'Математика', 'Иванова А.П.', 'болезнь', 'Кузнецов И.И.', 'объединение с 5В', 0.5, 'да'],
      ['2026-11-24', 1, '5А', 'Математика', 'Иванова А.П.', 'болезнь', '—', 'отмена', 0, '—'],
      ['2026-11-24', 2, '5Б', 'Математика', 'Иванова А.П.', 'болезнь', '—', 'перенос на 26.11, 6-й урок', '—', '—'],
      ['2026-11-26', 5, '5Б', 'Русский язык', 'Орлова О.О.', 'иная причина', 'Петрова М.И.', 'замена', 1, 'нет'],
    ]);
    expect(table.columns.map((c) => c.title)).toEqual([
      'Дата',
      '№ урока',
      'Класс',
      'Предмет',
      'Отсутствующий учитель',
      'Причина',
      'Заменяющий учитель',
      'Вид замены',
      'Часов',
      'Оплачивается',
      'Подпись заменяющего',
    ]);
  });

  it('prints the statement as PDF and XLSX', async () => {
    const pdf = await t.call('reports.build', { report: { kind: 'substitutionStatement', month: '2026-11' }, format: 'pdf' }, s.tokens.deputy);
    const text = pdfText(Buffer.from(pdf.file!.base64, 'base64'));
    expect(text).toContain('Табель замен');
    expect(text).toContain('за ноябрь 2026 г.');
    expect(text).toMatch(/Итого по школе\s+6,5\s+3,5\s+8\s+−4,5/);
    expect(pdf.file!.fileName).toBe('Табель замен ноябрь 2026.pdf');
    const xlsx = await t.call('reports.build', { report: { kind: 'substitutionStatement', month: '2026-11' }, format: 'xlsx' }, s.tokens.deputy);
    const book = XLSX.read(Buffer.from(xlsx.file!.base64, 'base64'), { type: 'buffer' });
    const cells = XLSX.utils.sheet_to_json<(string | number)[]>(book.Sheets[book.SheetNames[0]], { header: 1 }).flat();
    expect(cells).toContain('Смирнова Е.В.');
    // Hours are numbers the bookkeeper's formulas can sum, shown as on paper: «0,5», «−4,5» (the form's minus).
    const sheet = (await readWorkbook(Buffer.from(xlsx.file!.base64, 'base64'))).sheets[0];
    const total = sheet.find('Итого по школе')!;
    expect([3, 4, 5, 6].map((c) => [sheet.at(total.row, c)!.value, sheet.at(total.row, c)!.numFmt])).toEqual([
      [6.5, '0.0#;"−"0.0#'],
      [3.5, '0.0#;"−"0.0#'],
      [8, '0;"−"0'],
      [-4.5, '0.0#;"−"0.0#'],
    ]);
  });

  it('writes the book to Excel with dates as dates and hours as numbers', async () => {
    const file = (await t.call('reports.build', { report: { kind: 'substitutionBook', from: '2026-11-23', to: '2026-11-26' }, format: 'xlsx' }, s.tokens.director)).file!;
    expect(file.fileName).toBe('Книга замены уроков 23.11.2026–26.11.2026.xlsx');
    const sheet = (await readWorkbook(Buffer.from(file.base64, 'base64'))).sheets[0];
    const merge = sheet.find('объединение с 5В')!;
    expect(sheet.at(merge.row, 1)).toMatchObject({ type: 'n', value: excelDay('2026-11-23'), numFmt: 'dd.mm.yyyy' });
    expect(sheet.at(merge.row, 9)).toMatchObject({ type: 'n', value: 0.5 });
    // The move has no hours: «—» stays text beside the numbers.
    expect(sheet.at(sheet.find('перенос на 26.11, 6-й урок')!.row, 9)).toMatchObject({ type: 's', value: '—' });
  });
});
