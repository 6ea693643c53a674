import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildReportSchool, type ReportSchool } from './fixture';
import { pdfPages } from './pdf-tools';

/**
 * FORMS.md §4 and seed 002: the class teacher prints the week's extracts of
 * 5А, one page per student with a tear-off slip; two parents return their
 * slips and the class teacher registers them; the register lists who has
 * seen theirs.
 */
describe('extracts for parents', () => {
  let t: TestRuntime;
  let s: ReportSchool;
  let printed: Awaited<ReturnType<TestRuntime['call']>> & { acks: { id: string; studentId: string; number: string }[] };
  let pages: string[];

  beforeAll(async () => {
    t = await createTestRuntime();
    s = await buildReportSchool(t);
    printed = (await t.call('reports.printExtracts', { classId: s.classes.c5a, kind: 'week', date: '2026-09-16' }, s.tokens.petrova)) as never;
    const bytes = Buffer.from((printed as unknown as { file: { base64: string } }).file.base64, 'base64');
    if (process.env.KZ_KEEP_PDF) fs.writeFileSync(process.env.KZ_KEEP_PDF, bytes);
    pages = pdfPages(bytes);
  });
  afterAll(() => t.close());

  it('prints one page per student of the week, each with its slip', () => {
    // The six students of 5А that week (Григорьев left only in October).
    expect(printed.acks).toHaveLength(6);
    expect(pages).toHaveLength(6);
    for (const page of pages) {
      expect(page).toContain('Выписка из электронного журнала');
      expect(page).toContain('линия отреза');
      // The school week, Monday to Saturday, as the attendance week (issue 16, item 15).
      expect(page).toContain('С выпиской за неделю 14.09.2026 – 19.09.2026 ознакомлен(а)');
      expect(page).toContain('Классный руководитель');
    }
    const egorov = pages.find((p) => p.includes('Егоров Егор'))!;
    expect(egorov).toMatch(/14\.09: 2/);
    // The slip carries the name, the class and the number to match it by.
    const ack = printed.acks.find((a) => a.studentId === s.kids.egorov)!;
    expect(egorov).toContain(`Егоров Егор, 5А класс`);
    expect(egorov).toContain(`Выписка № ${ack.number}`);
    // Plain numbers, one after another through the school year: the first extracts of the year are 1 to 6.
    expect(printed.acks.map((a) => a.number)).toEqual(['1', '2', '3', '4', '5', '6']);
    // The week's homework is on a weekly extract.
    expect(egorov).toContain('14.09: № 12, 13');
    const alekseev = pages.find((p) => p.includes('Алексеев Артём'))!;
    expect(alekseev).not.toMatch(/14\.09: \d/);
  });

  it('registers the parents’ acknowledgements and lists them', async () => {
    const [first, second] = printed.acks;
    await t.call('reports.acknowledgeExtract', { id: first.id, acknowledgedBy: 'Алексеева Н.В.' }, s.tokens.petrova);
    await t.call('reports.acknowledgeExtract', { id: second.id, acknowledgedBy: 'Борисов П.С.' }, s.tokens.petrova);
    const list = await t.call('reports.extractAcks', { classId: s.classes.c5a }, s.tokens.petrova);
    expect(list).toHaveLength(6);
    const seen = list.filter((r) => r.acknowledgedAt);
    expect(seen.map((r) => r.acknowledgedBy).sort()).toEqual(['Алексеева Н.В.', 'Борисов П.С.']);
    expect(list.filter((r) => !r.acknowledgedAt)).toHaveLength(4);
    const again = await t.fail('reports.acknowledgeExtract', { id: first.id, acknowledgedBy: 'Алексеева Н.В.' }, s.tokens.petrova);
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toBe('Ознакомление с этой выпиской уже зарегистрировано (Алексеева Н.В.).');
  });

  it('asks who signed the slip', async () => {
    const e = await t.fail('reports.acknowledgeExtract', { id: printed.acks[2].id, acknowledgedBy: '' }, s.tokens.petrova);
    expect(e.details?.fields?.acknowledgedBy).toBe('Укажите, кто из родителей подписал отрывной талон');
  });

  it('leaves printing to the class teacher and the deputy', async () => {
    const director = await t.fail('reports.printExtracts', { classId: s.classes.c5a, kind: 'month', date: '2026-09-01' }, s.tokens.director);
    expect(director.code).toBe('READ_ONLY');
    const other = await t.fail('reports.printExtracts', { classId: s.classes.c5a, kind: 'month', date: '2026-09-01' }, s.tokens.ivanova);
    expect(other.code).toBe('FORBIDDEN');
    expect(other.message).toBe('Выписки класса печатает и регистрирует его классный руководитель или заместитель директора.');
  });

  it('numbers the next print on from the last one of the school year, and lists the numbers', async () => {
    const next = (await t.call('reports.printExtracts', { classId: s.classes.c5a, kind: 'week', date: '2026-09-23', studentIds: [s.kids.egorov] }, s.tokens.petrova)) as never as {
      acks: { number: string }[];
    };
    expect(next.acks.map((a) => a.number)).toEqual(['7']);
    const list = await t.call('reports.extractAcks', { classId: s.classes.c5a }, s.tokens.petrova);
    expect(list.map((r) => r.number).sort((a, b) => Number(a) - Number(b))).toEqual(['1', '2', '3', '4', '5', '6', '7']);
  });

  it('shows the final marks when the extract covers a period', async () => {
    const r = (await t.call('reports.printExtracts', { classId: s.classes.c5a, kind: 'period', periodId: s.periods.q1, studentIds: [s.kids.volkova] }, s.tokens.deputy)) as never as { file: { base64: string }; acks: unknown[] };
    expect(r.acks).toHaveLength(1);
    const [page] = pdfPages(Buffer.from(r.file.base64, 'base64'));
    expect(page).toContain('Итоговая');
    expect(page).toMatch(/Физическая культура.*осв\./);
  });
});
