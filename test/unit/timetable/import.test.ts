import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StaffEntity } from '../../../main/core/db/entities/staff';
import { searchKey } from '../../../main/core/shared/text';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildTimetableSchool, type TimetableSchool } from '../lessons/school-with-timetable';

const FIXTURES = path.join(__dirname, '../../fixtures/timetable');
const upload = (name: string) => ({ fileName: name, contentBase64: fs.readFileSync(path.join(FIXTURES, name)).toString('base64') });

/**
 * Imports of aSc TimeTables (2012 XML) and FET exports: names matched to the
 * school's records with a preview of what is created and what is matched,
 * group splits and weeks A/B understood (a valid file imports with no
 * conflicts), both encodings read, and a file that is not what it claims
 * refused with the reason.
 */
describe('timetable import', () => {
  let t: TestRuntime;
  let s: TimetableSchool;

  beforeEach(async () => {
    t = await createTestRuntime({ now: '2026-08-25T08:00:00.000Z' });
    s = await buildTimetableSchool(t);
  });
  afterEach(() => t.close());

  const asc = (file = 'asc-2012-school.xml') => ({ yearId: s.yearId, format: 'asc' as const, files: [upload(file)] });

  it('shows what an aSc export will match and create, with no conflicts', async () => {
    const p = await t.call('timetableImport.preview', asc(), s.tokens.deputy);
    expect(p).toMatchObject({ format: 'asc', source: 'aSc TimeTables 2023.24.1', encoding: 'utf-8', cycleWeeks: 2, ready: true, problems: [] });
    // Иванова А.П. and Петрова М.И. are the school's; so are Смирнова О.В. and Кузнецова Д.А., the English teachers.
    expect(p.summary).toEqual({
      teachers: { matched: 4, create: 5, problems: 0 },
      classes: { matched: 1, create: 1, problems: 0 },
      subjects: { matched: 3, create: 6, problems: 0 },
      rooms: { matched: 3, create: 5, problems: 0 },
      groups: { matched: 0, create: 10, problems: 0 },
    });
    expect(p.items.teachers.find((x) => x.name === 'Иванова А.П.')).toMatchObject({ status: 'matched', targetId: s.staff.ivanova, targetName: 'Иванова А.П.' });
    expect(p.items.classes.map((c) => [c.name, c.status])).toEqual([
      ['5А', 'matched'],
      ['5Б', 'create'],
    ]);
    // 41 cards: two English cards of two groups each per class, four technology cards of two classes each.
    expect(p.entries).toBe(50);
    expect(p.conflicts).toEqual({ total: 0, messages: [] });
  });

  it('reads the same export saved in windows-1251', async () => {
    const utf8 = await t.call('timetableImport.preview', asc(), s.tokens.deputy);
    const cp1251 = await t.call('timetableImport.preview', asc('asc-2012-school-cp1251.xml'), s.tokens.deputy);
    expect(cp1251.encoding).toBe('windows-1251');
    expect({ ...cp1251, encoding: 'utf-8' }).toEqual(utf8);
  });

  it('reads an export whose declaration lies about its encoding, and says so', async () => {
    const utf8 = await t.call('timetableImport.preview', asc(), s.tokens.deputy);
    const text = fs.readFileSync(path.join(FIXTURES, 'asc-2012-school.xml'), 'utf8');
    // Saved in UTF-8 by a program that kept the declaration of the windows-1251 original.
    const lying = Buffer.from(text.replace('encoding="UTF-8"', 'encoding="windows-1251"'), 'utf8');
    const read = await t.call(
      'timetableImport.preview',
      { yearId: s.yearId, format: 'asc', files: [{ fileName: 'asc.xml', contentBase64: lying.toString('base64') }] },
      s.tokens.deputy,
    );
    expect(read.items.teachers.map((x) => x.name)).toEqual(utf8.items.teachers.map((x) => x.name));
    expect(read.items.teachers.map((x) => x.name)).toContain('Иванова А.П.');
    expect(read.encoding).toBe('utf-8');
    expect(read.notes).toContain('В файле «asc.xml» указана кодировка windows-1251, но текст записан в UTF-8: файл прочитан как UTF-8.');
    // And the other way round: windows-1251 bytes under a UTF-8 declaration.
    const cp1251 = fs.readFileSync(path.join(FIXTURES, 'asc-2012-school-cp1251.xml'));
    const head = cp1251.subarray(0, 100).toString('latin1').replace(/encoding="[^"]+"/, 'encoding="UTF-8"');
    const relabelled = Buffer.concat([Buffer.from(head, 'latin1'), cp1251.subarray(100)]);
    const back = await t.call(
      'timetableImport.preview',
      { yearId: s.yearId, format: 'asc', files: [{ fileName: 'asc.xml', contentBase64: relabelled.toString('base64') }] },
      s.tokens.deputy,
    );
    expect(back.items.teachers.map((x) => x.name)).toEqual(utf8.items.teachers.map((x) => x.name));
    expect(back.encoding).toBe('windows-1251');
    expect(back.notes).toContain('В файле «asc.xml» указана кодировка UTF-8, но текст записан в windows-1251: файл прочитан как windows-1251.');
  });

  it('imports the aSc week as a draft timetable with splits, joint lessons and weeks A/B, conflict-free', async () => {
    const result = await t.call('timetableImport.apply', { ...asc(), validFrom: '2026-09-01' }, s.tokens.deputy);
    expect(result).toMatchObject({ entries: 50, conflicts: 0, created: { teachers: 5, classes: 1, subjects: 6, rooms: 5, groups: 10 } });
    const tt = await t.call('timetable.get', { id: result.timetableId }, s.tokens.deputy);
    expect(tt.timetable).toMatchObject({ status: 'draft', cycleWeeks: 2, validFrom: '2026-09-01' });
    expect(tt.conflicts).toEqual([]);
    const subject = (id: string) => tt.subjects.find((x) => x.id === id)!.name;
    const teacher = (id: string) => tt.teachers.find((x) => x.id === id)!.name;
    const group = (id: string | null) => (id ? tt.groups.find((x) => x.id === id)!.name : null);
    const at = (weekday: number, lessonNo: number) =>
      tt.entries
        .filter((e) => e.classId === s.classes.c5a && e.weekday === weekday && e.lessonNo === lessonNo)
        .map((e) => [subject(e.subjectId), group(e.groupId), teacher(e.staffId), e.weekParity])
        .sort();
    // Tuesday, lesson 3: English for group 1 while group 2 has informatics.
    expect(at(2, 3)).toEqual([
      ['Английский язык', '1 группа', 'Смирнова О.В.', 0],
      ['Информатика', '2 группа', 'Орлов С.И.', 0],
    ]);
    // Tuesday, lesson 4: biology in week A, geography in week B.
    expect(at(2, 4)).toEqual([
      ['Биология', null, 'Белова Н.К.', 1],
      ['География', null, 'Белова Н.К.', 2],
    ]);
    // Thursday, lessons 4–5: technology for the boys and the girls, the boys of both classes in one workshop.
    expect(at(4, 5)).toEqual([
      ['Труд (технология)', 'Девочки', 'Зуева Т.А.', 0],
      ['Труд (технология)', 'Мальчики', 'Соколов И.Н.', 0],
    ]);
    const workshop = tt.entries.filter((e) => e.weekday === 4 && e.lessonNo === 5 && teacher(e.staffId) === 'Соколов И.Н.');
    expect(workshop).toHaveLength(2);
    expect(new Set(workshop.map((e) => e.cardId)).size).toBe(1);
    // The split's groups were made per subject, with the split of the file.
    const english1 = tt.groups.find((g) => g.classId === s.classes.c5a && g.name === '1 группа' && subject(g.subjectId) === 'Английский язык')!;
    const informatics1 = tt.groups.find((g) => g.classId === s.classes.c5a && g.name === '1 группа' && subject(g.subjectId) === 'Информатика')!;
    expect(english1.splitKey).toBe(informatics1.splitKey);
  });

  it('imports FET with its results file, and the same from a timetable saved with locked placements', async () => {
    const fet = { yearId: s.yearId, format: 'fet' as const, files: [upload('fet-school.fet'), upload('fet-school_activities.xml')] };
    const p = await t.call('timetableImport.preview', fet, s.tokens.deputy);
    expect(p).toMatchObject({ format: 'fet', source: 'FET 6.9.0', cycleWeeks: 1, ready: true, conflicts: { total: 0, messages: [] } });
    expect(p.entries).toBe(50);
    const locked = await t.call('timetableImport.preview', { ...fet, files: [upload('fet-school_data_and_timetable.fet')] }, s.tokens.deputy);
    expect(locked.entries).toBe(p.entries);
    expect(locked.conflicts.total).toBe(0);
    const result = await t.call('timetableImport.apply', { ...fet, validFrom: '2026-09-01', name: 'Из FET' }, s.tokens.deputy);
    expect((await t.call('timetable.conflicts', { id: result.timetableId }, s.tokens.deputy))).toEqual([]);
  });

  it('reads the shapes of real aSc exports: zero lesson, hyphenated and Latin class names, a lesson with no teacher, a room the file lacks', async () => {
    const p = await t.call('timetableImport.preview', asc('asc-2012-real-shapes.xml'), s.tokens.deputy);
    expect(p).toMatchObject({ source: 'aSc TimeTables 2021.6.2', encoding: 'utf-8', cycleWeeks: 1, ready: true, problems: [] });
    expect(p.conflicts).toEqual({ total: 0, messages: [] });
    // «5-А» is the school's 5А; «6-A», typed with a Latin «A», is its 6А.
    expect(p.items.classes.map((c) => [c.name, c.status, c.targetId])).toEqual([
      ['5-А', 'matched', s.classes.c5a],
      ['6-A', 'matched', s.classes.c6a],
    ]);
    expect(p.notes).toEqual([
      'Уроков без учителя пропущено: 1 (в журнале у урока должен быть учитель).',
      'Карточек со ссылкой на кабинет, которого нет в файле: 1; у этих уроков кабинет не указан.',
      'Уроков, которые ведут несколько учителей одну группу: 1. В журнале у урока один учитель — оставлен первый.',
    ]);
    // Six cards: the duty lesson left out, the card written twice taken once.
    expect(p.entries).toBe(5);
    const result = await t.call('timetableImport.apply', { ...asc('asc-2012-real-shapes.xml'), validFrom: '2026-09-01' }, s.tokens.deputy);
    const tt = await t.call('timetable.get', { id: result.timetableId }, s.tokens.deputy);
    const subject = (id: string) => tt.subjects.find((x) => x.id === id)!.name;
    const teacher = (id: string) => tt.teachers.find((x) => x.id === id)!.name;
    const room = (id: string | null) => (id ? tt.rooms.find((x) => x.id === id)!.number : null);
    const rows = tt.entries.map((e) => [e.classId === s.classes.c5a ? '5А' : '6А', e.weekday, e.lessonNo, subject(e.subjectId), teacher(e.staffId), room(e.roomId)]).sort();
    expect(rows).toEqual([
      ['5А', 1, 0, 'Математика', 'Иванова А.П.', '201'],
      ['5А', 1, 2, 'Физическая культура', 'Волков Д.С.', 'СЗ-1'],
      ['5А', 3, 1, 'Математика', 'Иванова А.П.', '201'],
      ['6А', 1, 1, 'Русский язык', 'Петрова М.И.', null],
      ['6А', 3, 2, 'Русский язык', 'Петрова М.И.', '202'],
    ]);
    expect(tt.conflicts).toEqual([]);
  });

  it('refuses a file that is not what it claims, with the reason', async () => {
    const refused = async (format: 'asc' | 'fet', files: { fileName: string; contentBase64: string }[]) =>
      (await t.fail('timetableImport.preview', { yearId: s.yearId, format, files }, s.tokens.deputy)).message;
    expect(await refused('asc', [upload('asc-2008-refused.xml')])).toBe(
      'Файл «asc-2008-refused.xml» не принят: это экспорт в старом формате «aSc Timetables 2008 XML» (или не из aSc). Экспортируйте расписание заново: Файл → Экспорт → «aSc Timetables 2012 XML».',
    );
    expect(await refused('asc', [upload('fet-school.fet')])).toBe(
      'Файл «fet-school.fet» не принят: это не экспорт aSc TimeTables: в файле корневой элемент <fet>, а не <timetable>. Похоже, это файл FET: выберите формат «FET».',
    );
    expect(await refused('fet', [upload('asc-2012-school.xml')])).toBe(
      'Файл «asc-2012-school.xml» не принят: это не файл FET: корневой элемент <timetable>. Похоже, это экспорт aSc TimeTables: выберите формат «aSc TimeTables».',
    );
    expect(await refused('fet', [upload('fet-school.fet')])).toContain('в файле FET нет размещённого расписания');
    expect(await refused('asc', [{ fileName: 'расписание.xlsx', contentBase64: Buffer.from('PK\u0003\u0004rest').toString('base64') }])).toContain('это архив или книга Excel');
    const broken = Buffer.from('<?xml version="1.0"?>\n<timetable>\n<subjects>\n</timetable>\n').toString('base64');
    expect(await refused('asc', [{ fileName: 'broken.xml', contentBase64: broken }])).toBe(
      'Файл «broken.xml» не принят: это не правильный XML (строка 4: закрывающий тег </timetable> не соответствует <subjects>). Возможно, файл повреждён или это не экспорт расписания.',
    );
  });

  it('asks the deputy to choose when a name fits two people, and takes the choice', async () => {
    const twin = await t.runtime.transact({ userId: null, method: 'test.fixture' }, (write) =>
      write.insert(StaffEntity, {
        lastName: 'Иванова',
        firstName: 'Алла',
        middleName: 'Павловна',
        searchName: searchKey('Иванова Алла Павловна'),
        position: 'Учитель начальных классов',
        phone: null,
        email: null,
        hiredOn: null,
        leftOn: null,
        maxLessonsPerDay: null,
        note: null,
      }),
    );
    const p = await t.call('timetableImport.preview', asc(), s.tokens.deputy);
    expect(p.ready).toBe(false);
    expect(p.problems).toEqual(['Учитель «Иванова А.П.» подходит к нескольким записям: выберите нужную.']);
    const item = p.items.teachers.find((x) => x.name === 'Иванова А.П.')!;
    expect(item.candidates.map((c) => c.id).sort()).toEqual([s.staff.ivanova, twin.id].sort());
    const refused = await t.fail('timetableImport.apply', { ...asc(), validFrom: '2026-09-01' }, s.tokens.deputy);
    expect(refused.message).toContain('Учитель «Иванова А.П.» подходит к нескольким записям');
    const chosen = await t.call('timetableImport.preview', { ...asc(), mapping: { teachers: { [item.key]: s.staff.ivanova } } }, s.tokens.deputy);
    expect(chosen.ready).toBe(true);
    expect(chosen.items.teachers.find((x) => x.key === item.key)).toMatchObject({ status: 'matched', targetId: s.staff.ivanova });
  });
});
