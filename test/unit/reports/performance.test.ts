import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildReportSchool, type ReportSchool } from './fixture';
import { StudyPeriodEntity } from '../../../main/core/db/entities/calendar';
import { tablesOf, type ReportModel, type TextBlock } from '../../../main/core/reports/model';

/**
 * FORMS.md §3 on 5А's first quarter (fixture.ts). Worked by hand, over the
 * students on the roll on 24.10.2026 — Григорьев, withdrawn on 20.10, is not
 * counted, his three «2» neither:
 *
 * maths   5, 5, 4, —, н/а  → N = 4; усп. 3/4 = 75 %; кач. 3/4 = 75 %; СОУ (200+64+7)/4 = 67,75 → 67,8; ср. (5+5+4)/3 = 4,67
 * Russian 5, 4, 3, —, 3    → N = 4; усп. 100 %; кач. 2/4 = 50 %; СОУ (100+64+72)/4 = 59,0; ср. 15/4 = 3,75
 * PE      5, 5, осв., —, 4 → N = 3; усп. 100 %; кач. 100 %; СОУ (200+64)/3 = 88,0; ср. 14/3 = 4,67
 * class: N = 4 (Дмитриева has no marks); успевают Алексеев, Борисов, Волкова → 75 %;
 *        отличник Алексеев, хорошист Борисов → 50 %;
 *        all marks 5×5, 4×3, 3×2, н/а×1 → СОУ (500+192+72+7)/11 = 70,09 → 70,1; ср. 43/10 = 4,30.
 */
describe('the performance and quality report', () => {
  let t: TestRuntime;
  let s: ReportSchool;
  let model: ReportModel;

  beforeAll(async () => {
    t = await createTestRuntime();
    s = await buildReportSchool(t);
    model = (await t.call('reports.build', { report: { kind: 'performance', classId: s.classes.c5a, period: s.periods.q1 } }, s.tokens.petrova)).model!;
  });
  afterAll(() => t.close());

  it('heads the report with the roll: at the start, arrived, left, at the end', () => {
    const f = Object.fromEntries(model.fields.map((x) => [x.label, x.value]));
    expect(f).toMatchObject({ Класс: '5А', 'Классный руководитель': 'Петрова М.И.', 'На начало периода': '6', Прибыло: '0', Выбыло: '1', 'На конец периода': '5' });
    expect(model.subtitle).toBe('I четверть, 2026/2027 учебный год');
  });

  it('gives the hand-worked figures per subject and for the class', () => {
    const [table] = tablesOf(model);
    const row = (name: string) => table.rows.find((r) => r.cells[0] === name)!.cells;
    //                                   5  4  3  2  н/а осв.  усп.     кач.    СОУ      ср.
    expect(row('Математика')).toEqual(['Математика', 'Иванова А.П.', 2, 1, 0, 0, 1, 0, 75, 75, 67.8, 4.67]);
    expect(row('Русский язык').slice(2)).toEqual([1, 1, 2, 0, 0, 0, 100, 50, 59, 3.75]);
    expect(row('Физическая культура').slice(2)).toEqual([2, 1, 0, 0, 0, 1, 100, 100, 88, 4.67]);
    expect(table.totals![0].cells.slice(2)).toEqual([5, 3, 2, 0, 1, 1, 75, 50, 70.1, 4.3]);
  });

  it('lists the students by standing, with the subjects', () => {
    const lists = (model.sections[0].blocks[2] as TextBlock).runs!.map((r) => r.text).join('');
    expect(lists).toContain('Отличники (1): Алексеев Артём');
    expect(lists).toContain('Хорошисты (1): Борисов Глеб');
    expect(lists).toContain('С одной «4» (1): Борисов Глеб (Русский язык)');
    expect(lists).toContain('С одной «3» (1): Волкова Вера (Русский язык)');
    expect(lists).toContain('Неуспевающие (0): нет');
    expect(lists).toContain('Не аттестованы (1): Егоров Егор (Математика)');
    expect(lists).toContain('Без итоговых отметок (не учтены) (1): Дмитриева Дарья');
    expect(lists).not.toContain('Григорьев');
  });

  it('prints the formulas under the table', () => {
    const formulas = model.sections[0].blocks[3] as TextBlock;
    expect(formulas.text).toContain('СОУ = (100 × n«5» + 64 × n«4» + 36 × n«3» + 16 × n«2» + 7 × n«н/а») / N, %.');
    expect(formulas.text).toContain('не аттестованные («н/а») учитываются в N');
  });

  it('gives the school a line per class with a total worked from all students', async () => {
    const school = (await t.call('reports.build', { report: { kind: 'performance', period: s.periods.q1 } }, s.tokens.deputy)).model!;
    const [table] = tablesOf(school);
    const c5a = table.rows.find((r) => r.cells[0] === '5А')!.cells;
    expect(c5a).toEqual(['5А', 'Петрова М.И.', 5, 4, 1, 1, 1, 0, 1, 75, 50, 70.1, 4.3]);
    // 6А has a student and no marks: counted on the roll, N = 0.
    expect(table.rows.find((r) => r.cells[0] === '6А')!.cells.slice(2, 4)).toEqual([1, 0]);
    expect(table.totals![0].cells.slice(3, 11)).toEqual([4, 1, 1, 1, 0, 1, 75, 50]);
  });

  it('refuses a period that is not one, or not of the class’s grade, with a message next to the field', async () => {
    const e = await t.fail('reports.build', { report: { kind: 'performance', classId: s.classes.c5a, period: 'not-a-period' } }, s.tokens.deputy);
    expect(e.code).toBe('VALIDATION');
    expect(e.details?.fields?.['report.period']).toBe('Выберите учебный период или год');
    const half = await t.runtime.transact({ userId: null, method: 'test.fixture' }, (write) =>
      write.insert(StudyPeriodEntity, {
        yearId: s.yearId,
        kind: 'half',
        ordinal: 1,
        name: 'I полугодие',
        startDate: '2026-09-01',
        endDate: '2026-12-28',
        gradeFrom: 10,
        gradeTo: 11,
        closedAt: null,
      }),
    );
    const wrong = await t.fail('reports.build', { report: { kind: 'performance', classId: s.classes.c5a, period: half.id } }, s.tokens.deputy);
    expect(wrong.message).toBe('«I полугодие» не относится к 5 классам: выберите период их учебного года.');
    expect(wrong.details?.fields?.period).toBe('Период не относится к этому классу');
  });
});
