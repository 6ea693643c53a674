import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { timetableReportModel, type TimetableReportInput } from '../../../main/core/timetable/report';
import { tablesOf } from '../../../main/core/reports/model';
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
      ['1', '08:00–08:40', 'Математика, Иванова А.П., каб. 201', ''],
      ['2', '08:50–09:30', 'Английский язык (1 группа), Смирнова О.В., каб. 301; Английский язык (2 группа), Кузнецова Д.А., каб. 302', ''],
      ['3', '09:45–10:25', '', 'Нед. А: Биология, Иванова А.П., каб. 201'],
    ]);
  });

  it('gives a teacher the classes, and the whole school one A3 sheet with classes across', () => {
    const teacher = tablesOf(timetableReportModel(INPUT, { scope: 'teacher', ids: ['iv'] }))[0];
    expect(teacher.rows[1].cells[2]).toBe('5Б, Математика, каб. 201');
    const school = timetableReportModel(INPUT, { scope: 'school' });
    expect(school.page).toEqual({ size: 'A3', orientation: 'landscape' });
    const [table] = tablesOf(school);
    expect(table.columns.map((c) => c.title)).toEqual(['День', '№', '5А', '5Б']);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['Пн', '1', 'Матем. 201', ''],
      ['Пн', '2', 'Англ.(1) 301 / Англ.(2) 302', 'Матем. 201'],
      ['Вт', '1', '', ''],
      ['Вт', '2', '', ''],
      ['Вт', '3', 'Нед. А: Биол. 201', ''],
    ]);
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
    expect(rows).toContain('Англ.(1) 301 / Информ.(2) 305');
    // Classes without lessons take no column.
    expect(rows).not.toContain('1А');
    if (process.env.KZ_KEEP_PRINTS) fs.writeFileSync(path.join(process.env.KZ_KEEP_PRINTS, 'timetable-5a.pdf'), Buffer.from(pdf.file!.base64, 'base64'));
  });
});
