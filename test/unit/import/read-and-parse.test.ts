import { describe, expect, it } from 'vitest';
import { decodeText, parseCsv, readTable } from '../../../main/core/import/read-table';
import { autoMapping, mappingProblems } from '../../../main/core/import/columns';
import { parseClassName, parseConsent, parseDate, parseRelation, parseSex, parseShift, splitFullName } from '../../../main/core/import/values';
import { CLASS_ROWS, csvOf, studentRows, windows1251, xlsxOf } from '../../fixtures/import/samples';

describe('reading a table', () => {
  it('reads CSV as Russian Excel writes it: «;», quotes, doubled quotes, CRLF', () => {
    expect(parseCsv('Класс;Руководитель\r\n5А;"Петрова; М.И."\r\n"5Б";"Школа ""Радуга"""\r\n')).toEqual([
      ['Класс', 'Руководитель'],
      ['5А', 'Петрова; М.И.'],
      ['5Б', 'Школа "Радуга"'],
    ]);
  });
  it('recognises «,» and tab as separators by the heading line', () => {
    expect(parseCsv('a,b\n1,2')).toEqual([['a', 'b'], ['1', '2']]);
    expect(parseCsv('a\tb\n1\t2')).toEqual([['a', 'b'], ['1', '2']]);
  });
  it('tells windows-1251 from UTF-8 by itself, BOM or not', () => {
    const text = 'Фамилия;Имя\r\nЁлкин;Тимофей\r\n';
    expect(decodeText(windows1251(text), 'auto')).toEqual({ text, encoding: 'windows-1251', source: 'content' });
    expect(decodeText(Buffer.from(text, 'utf-8'), 'auto')).toEqual({ text, encoding: 'utf-8', source: 'content' });
    expect(decodeText(Buffer.from('\ufeff' + text, 'utf-8'), 'auto').text).toBe(text);
  });
  it('refuses UTF-8 when asked for it and the file is not', () => {
    expect(() => decodeText(windows1251('Ёлкин'), 'utf-8')).toThrow('Файл не в кодировке UTF-8');
  });
  it('reads a workbook: date cells become dates whatever their format', async () => {
    const table = await readTable('список.xlsx', xlsxOf(studentRows(true)));
    expect(table.sheets).toEqual(['Список']);
    expect(table.rows[1].slice(0, 6)).toEqual(['Андреев', 'Максим', 'Игоревич', '2015-03-14', 'м', '5А']);
    expect(table.rows[4][3]).toBe('31.02.2015');
  });
  it('refuses other files, empty files', async () => {
    await expect(readTable('список.docx', Buffer.from('x'))).rejects.toThrow('Загружаются файлы Excel (.xlsx, .xls), LibreOffice (.ods) и CSV (.csv).');
    await expect(readTable('список.csv', Buffer.alloc(0))).rejects.toThrow('Файл пуст.');
    await expect(readTable('список.xlsx', Buffer.from('это не Excel'))).rejects.toThrow('Файл не читается как книга Excel: возможно, он повреждён или защищён паролем.');
  });
});

describe('cell values', () => {
  it('dates as schools type them', () => {
    expect(parseDate('01.09.2015')).toEqual({ ok: true, value: '2015-09-01' });
    expect(parseDate('1.9.2015')).toEqual({ ok: true, value: '2015-09-01' });
    expect(parseDate('01.09.15')).toEqual({ ok: true, value: '2015-09-01' });
    expect(parseDate('2015-09-01')).toEqual({ ok: true, value: '2015-09-01' });
    expect(parseDate('')).toEqual({ ok: true, value: null });
    expect(parseDate('31.02.2015')).toEqual({ ok: false, problem: 'неверная дата «31.02.2015» — такой даты нет в календаре' });
    expect(parseDate('весной')).toEqual({ ok: false, problem: 'неверная дата «весной», ожидается ДД.ММ.ГГГГ' });
  });
  it('sex, relation, consent, shift', () => {
    expect([parseSex('М'), parseSex('жен.'), parseSex('?')]).toEqual([
      { ok: true, value: 'm' },
      { ok: true, value: 'f' },
      { ok: false, problem: '«?» не распознан, укажите «м» или «ж»' },
    ]);
    expect(parseRelation('Мама')).toEqual({ ok: true, value: 'mother' });
    expect(parseRelation('бабушка')).toEqual({ ok: true, value: 'other' });
    expect(parseRelation('сосед').ok).toBe(false);
    expect([parseConsent('да'), parseConsent('отказ'), parseConsent('может быть').ok]).toEqual([
      { ok: true, value: 'given' },
      { ok: true, value: 'refused' },
      false,
    ]);
    expect([parseShift('2 смена'), parseShift('3').ok]).toEqual([{ ok: true, value: 2 }, false]);
  });
  it('class names: «5А», «5 а», «10-Б»; not «12А» or «А5»', () => {
    expect(parseClassName('5 а')).toEqual({ ok: true, value: { grade: 5, letter: 'А', name: '5А' } });
    expect(parseClassName('10-Б')).toEqual({ ok: true, value: { grade: 10, letter: 'Б', name: '10Б' } });
    expect(parseClassName('12А').ok).toBe(false);
    expect(parseClassName('А5')).toEqual({ ok: false, problem: '«А5» — не название класса (например, 5А)' });
  });
  it('a full name needs a surname and a name', () => {
    expect(splitFullName('Иванова  Анна Петровна')).toEqual({ ok: true, value: { lastName: 'Иванова', firstName: 'Анна', middleName: 'Петровна' } });
    expect(splitFullName('Иванова')).toEqual({ ok: false, problem: '«Иванова» — укажите фамилию и имя' });
  });
});

describe('column mapping', () => {
  it('recognises the headings of a school’s list', () => {
    const m = autoMapping('students', studentRows()[0] as string[]);
    expect(m).toMatchObject({ lastName: 0, firstName: 1, middleName: 2, birthDate: 3, sex: 4, className: 5, g1Name: 6, g1Phone: 7, g2Name: 8, g2Phone: 9, fullName: null });
    expect(autoMapping('classes', CLASS_ROWS[0])).toEqual({ className: 0, classTeacher: 1, shift: 2, room: null });
  });
  it('needs the class column and a name: «ФИО» or surname and name', () => {
    const problems = mappingProblems('students', { className: null, lastName: 0, firstName: null, fullName: null }, ['Фамилия']);
    expect(problems).toEqual({ 'mapping.className': 'Укажите столбец «Класс»', 'mapping.fullName': 'Укажите столбец «ФИО» или столбцы «Фамилия» и «Имя»' });
  });
  it('does not let two fields take one column', () => {
    const problems = mappingProblems('classes', { className: 0, classTeacher: 0, shift: null, room: null }, ['Класс']);
    expect(problems['mapping.classTeacher']).toBe('Этот столбец уже выбран для «Класс»');
  });
  it('csvOf and the parser agree', () => {
    expect(parseCsv(csvOf([['a;b', 'c"d']]))).toEqual([['a;b', 'c"d']]);
  });
});
