import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { fitWord, textEms, timetableReportModel, type TimetableReportInput } from '../../../main/core/timetable/report';
import { PDFDocument } from 'pdf-lib';
import { tablesOf } from '../../../main/core/reports/model';
import { renderPdf } from '../../../main/core/reports/pdf';
import type { Placement } from '../../../main/core/timetable/model';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildTimetableSchool, type TimetableSchool } from '../lessons/school-with-timetable';

let seq = 0;
const e = (over: Partial<Placement> & Pick<Placement, 'weekday' | 'lessonNo' | 'classId' | 'subjectId' | 'staffId'>): Placement => ({
  id: `e${++seq}`,
  weekParity: 0,
  groupId: null,
  roomId: null,
  individualPlanId: null,
  cardId: null,
  ...over,
});

const INPUT: TimetableReportInput = {
  schoolName: 'МБОУ СОШ № 1',
  printedOn: '2026-08-30',
  timetable: { name: 'Основное', validFrom: '2026-09-01', cycleWeeks: 2 },
  days: 5,
  classes: [
    { id: '5A', name: '5А', shift: 1 },
    { id: '5B', name: '5Б', shift: 1 },
  ],
  teachers: [
    { id: 'iv', name: 'Иванова А.П.' },
    { id: 'sm', name: 'Смирнова О.В.' },
    { id: 'ku', name: 'Кузнецова Д.А.' },
  ],
  rooms: [
    { id: 'r201', number: '201' },
    { id: 'r301', number: '301' },
    { id: 'r302', number: '302' },
  ],
  subjects: [
    { id: 'm', name: 'Математика', shortName: 'Матем.' },
    { id: 'en', name: 'Английский язык', shortName: 'Англ.' },
    { id: 'bio', name: 'Биология', shortName: 'Биол.' },
  ],
  groups: [
    { id: 'g1', name: '1 группа' },
    { id: 'g2', name: '2 группа' },
  ],
  entries: [
    e({ weekday: 1, lessonNo: 1, classId: '5A', subjectId: 'm', staffId: 'iv', roomId: 'r201' }),
    e({ weekday: 1, lessonNo: 2, classId: '5B', subjectId: 'm', staffId: 'iv', roomId: 'r201' }),
    e({ weekday: 1, lessonNo: 2, classId: '5A', subjectId: 'en', staffId: 'sm', roomId: 'r301', groupId: 'g1', cardId: 'c1' }),
    e({ weekday: 1, lessonNo: 2, classId: '5A', subjectId: 'en', staffId: 'ku', roomId: 'r302', groupId: 'g2', cardId: 'c1' }),
    e({ weekday: 2, lessonNo: 3, classId: '5A', subjectId: 'bio', staffId: 'iv', roomId: 'r201', weekParity: 1 }),
  ],
  bells: [
    { shift: 1, lessonNo: 1, time: '08:00–08:40' },
    { shift: 1, lessonNo: 2, time: '08:50–09:30' },
    { shift: 1, lessonNo: 3, time: '09:45–10:25' },
  ],
};

describe('the printed timetable', () => {
  it('gives a class its week: day × lesson number, with the subject, teacher and room', () => {
    const model = timetableReportModel(INPUT, { scope: 'class', ids: ['5A'] });
    expect(model).toMatchObject({ title: 'Расписание уроков класса: 5А', subtitle: 'с 01.09.2026', page: { size: 'A4', orientation: 'landscape' } });
    const [table] = tablesOf(model);
    expect(table.columns.map((c) => c.title)).toEqual(['№', 'Время', 'Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница']);
    expect(table.rows.map((r) => r.cells.slice(0, 4))).toEqual([
      [1, '08:00–08:40', 'Математика, Иванова А.П., каб. 201', ''],
      [2, '08:50–09:30', 'Английский язык (1 группа), Смирнова О.В., каб. 301; Английский язык (2 группа), Кузнецова Д.А., каб. 302', ''],
      [3, '09:45–10:25', '', 'Нед. А: Биология, Иванова А.П., каб. 201'],
    ]);
  });

  it('gives a teacher the classes, and the whole school one A3 sheet with classes across', () => {
    const teacher = tablesOf(timetableReportModel(INPUT, { scope: 'teacher', ids: ['iv'] }))[0];
    expect(teacher.rows[1].cells[2]).toBe('5Б, Математика, каб. 201');
    const school = timetableReportModel(INPUT, { scope: 'school' });
    expect(school.page).toEqual({ size: 'A3', orientation: 'landscape', onePage: true });
    const [table] = tablesOf(school);
    expect(table.columns.map((c) => c.title)).toEqual(['День', '№', '5А', '5Б']);
    // The groups of a split in one line, their rooms joined; a week-A lesson marked.
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['Пн', 1, 'Матем. 201', ''],
      ['Пн', 2, 'Англ. 301/302', 'Матем. 201'],
      ['Вт', 1, '', ''],
      ['Вт', 2, '', ''],
      ['Вт', 3, 'А: Биол. 201', ''],
    ]);
    // Columns of one width, as many as fit on the sheet.
    expect(new Set(table.columns.slice(2).map((c) => c.widthMm)).size).toBe(1);
  });
});

describe('the printed timetable of a teacher or a room in both shifts', () => {
  it('tells the second shift’s lessons from the first’s by their own rows and times', () => {
    const input: TimetableReportInput = {
      ...INPUT,
      classes: [...INPUT.classes, { id: '2A', name: '2А', shift: 2 }],
      entries: [
        e({ weekday: 1, lessonNo: 1, classId: '5A', subjectId: 'm', staffId: 'iv', roomId: 'r201' }),
        e({ weekday: 1, lessonNo: 1, classId: '2A', subjectId: 'm', staffId: 'iv', roomId: 'r201' }),
      ],
      bells: [...INPUT.bells, { shift: 2, lessonNo: 1, time: '13:20–14:00' }],
    };
    const [table] = tablesOf(timetableReportModel(input, { scope: 'teacher', ids: ['iv'] }));
    expect(table.columns.map((c) => c.title).slice(0, 4)).toEqual(['№', 'Смена', 'Время', 'Понедельник']);
    expect(table.rows.map((r) => r.cells.slice(0, 4))).toEqual([
      [1, 1, '08:00–08:40', '5А, Математика, каб. 201'],
      [1, 2, '13:20–14:00', '2А, Математика, каб. 201'],
    ]);
  });

  it('cuts a word too wide for the school sheet’s column, and keeps one that fits', () => {
    expect(fitWord('История', 4.2)).toBe('Истори.');
    expect(fitWord('История', 3.8)).toBe('Истор.');
    expect(fitWord('Инд.проект', 4.2)).toBe('Инд.пр.');
    expect(fitWord('Матем.', 4.2)).toBe('Матем.');
    expect(textEms('201')).toBeCloseTo(1.92, 2);
  });
});

describe('the whole school on one sheet', () => {
  it('puts forty classes, seven lessons a day, with splits, on one A3 page', async () => {
    const classes = Array.from({ length: 40 }, (_, i) => ({ id: `c${i}`, name: `${Math.floor(i / 4) + 1}${'АБВГ'[i % 4]}`, shift: 1 }));
    const subjects = [
      { id: 'ru', name: 'Русский язык', shortName: 'Рус. яз.' },
      { id: 'en', name: 'Английский язык', shortName: 'Англ. яз.' },
      { id: 'hi', name: 'История', shortName: 'История' },
      { id: 'od', name: 'ОДНКНР', shortName: 'ОДНКНР' },
    ];
    const entries: Placement[] = [];
    for (const c of classes) {
      for (let d = 1; d <= 5; d++) {
        for (let l = 1; l <= 7; l++) {
          if ((d + l) % 3 === 0) {
            entries.push(e({ weekday: d, lessonNo: l, classId: c.id, subjectId: 'en', staffId: 'sm', roomId: 'r301', groupId: 'g1', cardId: `${c.id}${d}${l}` }));
            entries.push(e({ weekday: d, lessonNo: l, classId: c.id, subjectId: 'en', staffId: 'ku', roomId: 'r302', groupId: 'g2', cardId: `${c.id}${d}${l}` }));
          } else {
            entries.push(e({ weekday: d, lessonNo: l, classId: c.id, subjectId: ['ru', 'hi', 'od'][(d * l) % 3], staffId: 'iv', roomId: 'r201' }));
          }
        }
      }
    }
    const model = timetableReportModel({ ...INPUT, classes, subjects, entries }, { scope: 'school' });
    const pdf = await PDFDocument.load(await renderPdf(model));
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getPage(0).getSize()).toEqual({ width: expect.closeTo(1190.55, 1), height: expect.closeTo(841.89, 1) });
  });
});

describe('printing through the report engine', () => {
  let t: TestRuntime;
  let s: TimetableSchool;
  beforeEach(async () => {
    t = await createTestRuntime({ now: '2026-08-25T08:00:00.000Z' });
    s = await buildTimetableSchool(t);
  });
  afterEach(() => t.close());

  it('writes a class’s timetable to PDF and the school’s to XLSX', async () => {
    const file = path.join(__dirname, '../../fixtures/timetable/asc-2012-school.xml');
    const imported = await t.call(
      'timetableImport.apply',
      { yearId: s.yearId, format: 'asc', validFrom: '2026-09-01', files: [{ fileName: 'asc.xml', contentBase64: fs.readFileSync(file).toString('base64') }] },
      s.tokens.deputy,
    );
    const pdf = await t.call('reports.build', { report: { kind: 'timetable', timetableId: imported.timetableId, scope: 'class', ids: [s.classes.c5a] }, format: 'pdf' }, s.tokens.ivanova);
    expect(pdf.file?.fileName).toBe('Расписание уроков класса 5А.pdf');
    expect(Buffer.from(pdf.file!.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await t.call('reports.build', { report: { kind: 'timetable', timetableId: imported.timetableId, scope: 'school' }, format: 'xlsx' }, s.tokens.deputy);
    const wb = XLSX.read(Buffer.from(xlsx.file!.base64, 'base64'), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<string[]>(wb.Sheets[wb.SheetNames[0]], { header: 1 }).flat().join('|');
    expect(rows).toContain('5А');
    expect(rows).toContain('Мат. 201');
    // English for group 1 beside informatics for group 2; biology in week A, geography in week B.
    expect(rows).toContain('Англ. 301 / Информ. 305');
    expect(rows).toContain('А: Биол. 203 / Б: Геогр. 203');
    // Classes without lessons take no column.
    expect(rows).not.toContain('1А');
    if (process.env.KZ_KEEP_PRINTS) fs.writeFileSync(path.join(process.env.KZ_KEEP_PRINTS, 'timetable-5a.pdf'), Buffer.from(pdf.file!.base64, 'base64'));
  });
});
