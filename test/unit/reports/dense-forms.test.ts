import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { ClassMembershipEntity, DataConsentEntity, StudentEntity } from '../../../main/core/db/entities/contingent';
import { LessonEntity } from '../../../main/core/db/entities/journal';
import { plannedLesson } from '../../../main/core/lessons/planned-lesson';
import { searchKey } from '../../../main/core/shared/text';
import { tablesOf } from '../../../main/core/reports/model';
import { embedFonts } from '../../../main/core/reports/pdf/fonts';
import { layoutTable } from '../../../main/core/reports/pdf/table-layout';
import { evenChunks } from '../../../main/core/reports/forms/journal-printout';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildReportSchool, type ReportSchool } from './fixture';
import { pdfPages } from './pdf-tools';

/** Landscape A4 less the binding margin (20 mm) and the right one (10 mm), in points. */
const LANDSCAPE_WIDTH = 841.89 - (30 * 72) / 25.4;
const MM = 72 / 25.4;

/**
 * The printed forms laid out densely (FORMS.md §1, §2; issue 16 §16): 5А of
 * the report school grown to a class of 29, with a I quarter of 38
 * mathematics lessons (the fixture's 8 and 30 more).
 */
describe('dense printed forms', () => {
  let t: TestRuntime;
  let s: ReportSchool;

  beforeAll(async () => {
    t = await createTestRuntime();
    s = await buildReportSchool(t);
    await t.runtime.transact({ userId: null, method: 'test.fixture' }, async (write) => {
      for (let i = 0; i < 23; i++) {
        const lastName = `Ученикова${String(i + 1).padStart(2, '0')}`;
        const id = (
          await write.insert(StudentEntity, {
            lastName,
            firstName: 'Анастасия',
            middleName: null,
            searchName: searchKey(lastName, 'Анастасия'),
            birthDate: '2015-05-01',
            sex: 'f',
            personalFileNo: null,
            address: null,
            phone: null,
            email: null,
            snils: null,
            note: null,
            dataCheckedAt: null,
          })
        ).id;
        await write.insert(ClassMembershipEntity, { studentId: id, classId: s.classes.c5a, fromDate: '2026-09-01', toDate: null });
        await write.insert(DataConsentEntity, { studentId: id, status: 'given', date: '2026-08-28', document: 'Заявление', guardianId: null, note: null });
      }
      // Mathematics as the 7th lesson of the school days from 01.09: 30 lessons more in the I quarter.
      const day = new Date('2026-09-01T00:00:00Z');
      let added = 0;
      while (added < 30) {
        const weekday = day.getUTCDay();
        if (weekday !== 0 && weekday !== 6) {
          const date = day.toISOString().slice(0, 10);
          await write.insert(LessonEntity, plannedLesson({ yearId: s.yearId, date, lessonNo: 7, classId: s.classes.c5a, subjectId: s.subjects.maths, staffId: s.staff.ivanova }));
          added++;
        }
        day.setUTCDate(day.getUTCDate() + 1);
      }
    });
  });
  afterAll(() => t.close());

  const build = async (kind: 'finalSheet' | 'journalPrintout', format: 'screen' | 'pdf') =>
    t.call('reports.build', { report: { kind, classId: s.classes.c5a }, format, action: 'print' }, s.tokens.deputy);

  it('the summary sheet of a class of 29 (five rows each) goes on four landscape pages at most, ten students to a full page', async () => {
    const r = await build('finalSheet', 'pdf');
    const pages = pdfPages(Buffer.from(r.file!.base64, 'base64'));
    expect(pages.length).toBeLessThanOrEqual(4);
    // A page in the middle: ten students, each with the rows of the quarters and the year.
    expect(pages[1].match(/ I ч\./g)?.length).toBeGreaterThanOrEqual(10);
    // Every student is on it.
    expect(pages.join('\n').match(/Ученикова\d\d/g)?.length).toBe(23);
  });

  it('the council’s decision is a column of its own, not a quarter of the sheet: the subjects’ marks take the width', async () => {
    const model = (await build('finalSheet', 'screen')).model!;
    const [table] = tablesOf(model);
    const fonts = await embedFonts(await PDFDocument.create());
    const layout = layoutTable(table, fonts, LANDSCAPE_WIDTH);
    const width = (key: string) => layout.widths[table.columns.findIndex((c) => c.key === key)];
    expect(width('decision')).toBeLessThanOrEqual(40 * MM);
    expect(width('decision') / layout.totalWidth).toBeLessThan(0.16);
    expect(width(s.subjects.maths)).toBeGreaterThan(12 * MM);
    expect(layout.totalWidth).toBeGreaterThan(LANDSCAPE_WIDTH - 1);
  });

  it('the journal printout gives a quarter of 38 lessons one table of marks, not a full one and a stub', async () => {
    const model = (await build('journalPrintout', 'screen')).model!;
    const maths = model.sections.find((sec) => sec.title === 'Математика')!;
    const marks = maths.blocks.filter((b) => b.kind === 'table' && b.caption?.startsWith('I четверть: отметки'));
    expect(marks).toHaveLength(1);
    const dates = marks[0] as Extract<(typeof marks)[number], { kind: 'table' }>;
    // Every date of the quarter in the one table, beside № and the name, and the final mark.
    expect(dates.columns.length - 3).toBe(38);
    expect(dates.caption).toBe('I четверть: отметки и посещаемость');
  });

  it('a longer period is cut into tables of near-equal width', () => {
    expect(evenChunks(Array.from({ length: 45 }, (_, i) => i), 42).map((c) => c.length)).toEqual([23, 22]);
    expect(evenChunks(Array.from({ length: 42 }, (_, i) => i), 42).map((c) => c.length)).toEqual([42]);
    expect(evenChunks(Array.from({ length: 90 }, (_, i) => i), 42).map((c) => c.length)).toEqual([30, 30, 30]);
  });
});
