import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, setUpSchool, type TestRuntime } from '../../support/runtime';
import { GuardianEntity, StudentEntity, StudentMovementEntity } from '../../../main/core/db/entities/contingent';
import { AuditEventEntity } from '../../../main/core/db/entities/system';
import { CLASS_ROWS, STAFF_ROWS, csvOf, studentRows, windows1251, xlsxOf } from '../../fixtures/import/samples';

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64');

/** A new school loads its lists from files: a file is taken whole or not at all. */
describe('import of students, staff and classes', () => {
  let t: TestRuntime;
  let admin: string;
  let yearId: string;
  const em = () => t.runtime.database().manager;

  beforeAll(async () => {
    t = await createTestRuntime({ now: '2026-08-25T07:00:00.000Z' });
    admin = await setUpSchool(t);
    yearId = (await t.call('school.saveYear', { startDate: '2026-09-01', endDate: '2027-05-31' }, admin)).id;
    await t.call('school.saveClass', { yearId, gradeLevel: 5, letter: 'А', shift: 1 }, admin);
    await t.call('school.saveClass', { yearId, gradeLevel: 5, letter: 'Б', shift: 1 }, admin);
    await t.call('school.installDefaults', {}, admin);
  });
  afterAll(() => t.close());

  const students = (content: Buffer, fileName = 'список.xlsx') => ({ yearId, fileName, content: b64(content), date: '2026-09-01', orderNo: '101-у', orderDate: '2026-08-25' });

  it('the preview shows the columns understood and names the broken row in Russian', async () => {
    const preview = await t.call('import.preview', { kind: 'students', yearId, fileName: 'список.xlsx', content: b64(xlsxOf(studentRows(true))) }, admin);
    expect(preview.total).toBe(8);
    expect(preview.valid).toBe(false);
    expect(preview.problemRows).toBe(1);
    const broken = preview.rows.filter((r) => r.problems.length);
    expect(broken).toEqual([
      expect.objectContaining({ rowNo: 5, problems: ['Дата рождения: неверная дата «31.02.2015» — такой даты нет в календаре'] }),
    ]);
    expect(preview.rows[0].values).toMatchObject({ lastName: 'Андреев', birthDate: '2015-03-14', className: '5А' });
  });

  it('refuses the whole file with the broken row, and writes nothing', async () => {
    const before = await em().count(StudentEntity);
    const e = await t.fail('import.students', students(xlsxOf(studentRows(true))), admin);
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toBe(
      'Файл «список.xlsx» не загружен — ничего не записано: ошибки в 1 строке из 8. Строка 5: Дата рождения: неверная дата «31.02.2015» — такой даты нет в календаре. Исправьте файл и загрузите его снова.',
    );
    expect(e.details?.rows).toEqual([{ rowNo: 5, problems: ['Дата рождения: неверная дата «31.02.2015» — такой даты нет в календаре'] }]);
    expect(await em().count(StudentEntity)).toBe(before);
    expect(await em().count(GuardianEntity)).toBe(0);
  });

  it('imports the fixed file: students enrolled by the order, siblings sharing their parents', async () => {
    const r = await t.call('import.students', students(xlsxOf(studentRows(false))), admin);
    expect(r).toEqual({ students: 8, guardians: 10 });
    const list = await t.call('contingent.listStudents', { yearId }, admin);
    expect(list.filter((s) => s.className === '5А').map((s) => s.name)).toEqual([
      'Андреев Кирилл Игоревич',
      'Андреев Максим Игоревич',
      'Белова Анна Сергеевна',
      'Воронин Егор Алексеевич',
    ]);
    const movements = await em().find(StudentMovementEntity);
    expect(new Set(movements.map((m) => `${m.kind} ${m.date} ${m.orderNo}`))).toEqual(new Set(['enrolment 2026-09-01 101-у']));
    const voronin = list.find((s) => s.name.startsWith('Воронин'))!;
    const card = await t.call('contingent.getStudent', { id: voronin.id }, admin);
    expect(card.student).toMatchObject({ birthDate: '2015-02-28', sex: 'm' });
    expect(card.guardians).toMatchObject([{ name: 'Воронина Елена Викторовна', relationName: 'мать', phone: '+7 (912) 555-11-22', isPrimary: true }]);
    const events = await em().find(AuditEventEntity, { where: { field: 'загрузкаОбучающихся' } });
    expect(events).toHaveLength(1);
  });

  it('the same file again is refused row by row as duplicates', async () => {
    const e = await t.fail('import.students', students(xlsxOf(studentRows(false))), admin);
    expect((e.details?.rows as { problems: string[] }[])[0].problems).toEqual([
      'обучающийся Андреев Максим Игоревич, 14.03.2015 г. р., уже есть (5А) — повторно не загружается',
    ]);
  });

  it('a row repeating another row of the file, and an unknown class, are named', async () => {
    const rows = [studentRows()[0], ['Иванов', 'Пётр', '', '01.02.2015', 'м', '5Д'], ['Петров', 'Иван', '', '01.02.2015', 'м', '5А'], ['петров', 'Иван', '', '01.02.2015', 'м', '5Б']];
    const preview = await t.call('import.preview', { kind: 'students', yearId, fileName: 'новые.csv', content: b64(csvOf(rows as string[][])) }, admin);
    expect(preview.rows.map((r) => [r.rowNo, r.problems])).toEqual([
      [2, ['Класс: класса «5Д» нет в этом учебном году — сначала создайте его']],
      [3, []],
      [4, ['повторяет строку 3 (тот же обучающийся)']],
    ]);
  });

  it('reads a CSV saved in windows-1251', async () => {
    const rows = [studentRows()[0], ['Ёжиков', 'Семён', 'Львович', '05.06.2015', 'м', '5Б', 'Ёжикова Юлия Петровна', '8 912 111-11-11', '', '']];
    const content = windows1251(csvOf(rows as string[][]));
    const preview = await t.call('import.preview', { kind: 'students', yearId, fileName: 'ученики.csv', content: b64(content) }, admin);
    expect(preview.encoding).toBe('windows-1251');
    expect(preview.rows[0].values.lastName).toBe('Ёжиков');
    const r = await t.call('import.students', { ...students(content, 'ученики.csv') }, admin);
    expect(r.students).toBe(1);
  });

  it('the column mapping can be corrected by hand', async () => {
    const rows = [['Ученик', 'Кл.'], ['Юдин Олег', '5А']];
    const auto = await t.call('import.preview', { kind: 'students', yearId, fileName: 'a.csv', content: b64(csvOf(rows)) }, admin);
    expect(auto.valid).toBe(false);
    expect(auto.mappingProblems).toMatchObject({ 'mapping.fullName': 'Укажите столбец «ФИО» или столбцы «Фамилия» и «Имя»' });
    const fixed = await t.call('import.preview', { kind: 'students', yearId, fileName: 'a.csv', content: b64(csvOf(rows)), mapping: { fullName: 0 } }, admin);
    expect(fixed.valid).toBe(true);
    expect(fixed.rows[0].values).toMatchObject({ fullName: 'Юдин Олег', className: '5А' });
  });

  it('imports staff with their subjects, and classes with their class teachers', async () => {
    const lists = await t.call('school.subjects', {}, admin);
    await t.call('school.saveSubject', { name: 'Математика', gradingSystemId: lists.gradingSystems[0].id }, admin);
    await t.call('school.saveSubject', { name: 'Русский язык', gradingSystemId: lists.gradingSystems[0].id }, admin);
    const staff = await t.call('import.staff', { fileName: 'сотрудники.csv', content: b64('\ufeff' + csvOf(STAFF_ROWS)) }, admin);
    expect(staff.staff).toBe(2);
    const list = await t.call('school.listStaff', {}, admin);
    expect(list.find((s) => s.lastName === 'Смирнова')).toMatchObject({ position: 'Учитель математики', hiredOn: '2010-08-15', email: 'smirnova@school.ru' });
    const bad = await t.call('import.preview', { kind: 'staff', fileName: 'x.csv', content: b64(csvOf([STAFF_ROWS[0], ['Орлов Пётр', 'Учитель', '', '', '', 'Астрономия']])) }, admin);
    expect(bad.rows[0].problems).toEqual(['Предметы: предмета «Астрономия» нет в списке предметов школы']);

    const classes = await t.call('import.classes', { yearId, fileName: 'классы.csv', content: b64(csvOf(CLASS_ROWS)) }, admin);
    expect(classes.classes).toBe(2);
    const all = await t.call('school.listClasses', { yearId }, admin);
    expect(all.filter((c) => c.gradeLevel === 7).map((c) => [c.name, c.classTeacherName, c.shift])).toEqual([
      ['7А', 'Смирнова Т.О.', 1],
      ['7Б', 'Кузнецов А.П.', 2],
    ]);
    const again = await t.fail('import.classes', { yearId, fileName: 'классы.csv', content: b64(csvOf([CLASS_ROWS[0], ['8А', 'Смирнова Т.О.', '3']])) }, admin);
    expect(again.details?.rows).toEqual([{ rowNo: 2, problems: ['Классный руководитель: Смирнова Т.О. уже классный руководитель 7А', 'Смена: «3» — укажите 1 или 2'] }]);
  });

  it('nothing is imported without a session', async () => {
    const e = await t.fail('import.staff', { fileName: 'x.csv', content: b64(csvOf(STAFF_ROWS)) }, null);
    expect(e.code).toBe('UNAUTHENTICATED');
  });
});
