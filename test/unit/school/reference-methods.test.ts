import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, setUpSchool, type TestRuntime } from '../../support/runtime';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';

/** Classes, rooms, subjects, grading, work types and staff: every rule, each message next to its field. */
describe('reference data of the school', () => {
  let t: TestRuntime;
  let s: SmallSchool;
  let admin: string;

  beforeAll(async () => {
    t = await createTestRuntime();
    s = await buildSmallSchool(t);
    admin = s.tokens.admin;
  });
  afterAll(() => t.close());

  describe('classes', () => {
    it('writes the letter as a capital and names the class', async () => {
      const c = await t.call('school.saveClass', { yearId: s.yearId, gradeLevel: 7, letter: 'б', shift: 2 }, admin);
      expect(c).toMatchObject({ name: '7Б', letter: 'Б', shift: 2, studentCount: 0 });
    });
    it('refuses a grade outside 1–11 and a letter that is not Russian', async () => {
      const e = await t.fail('school.saveClass', { yearId: s.yearId, gradeLevel: 12, letter: 'A', shift: 1 }, admin);
      expect(e.details?.fields?.gradeLevel).toBe('Параллели — с 1 по 11');
      const l = await t.fail('school.saveClass', { yearId: s.yearId, gradeLevel: 7, letter: 'A', shift: 1 }, admin);
      expect(l.details?.fields?.letter).toBe('Буква класса — русская буква: А, Б, В');
    });
    it('refuses a second 5А in the year', async () => {
      const e = await t.fail('school.saveClass', { yearId: s.yearId, gradeLevel: 5, letter: 'А', shift: 1 }, admin);
      expect(e.details?.fields?.letter).toBe('Класс 5А уже есть в 2026/2027 учебном году');
    });
    it('refuses a class teacher who already leads another class', async () => {
      const e = await t.fail('school.saveClass', { yearId: s.yearId, gradeLevel: 7, letter: 'В', shift: 1, classTeacherId: s.staff.petrova }, admin);
      expect(e.details?.fields?.classTeacherId).toBe('Петрова М.И. уже классный руководитель 5А');
    });
    it('counts the students on the class list today', async () => {
      const list = await t.call('school.listClasses', { yearId: s.yearId }, admin);
      expect(list.find((c) => c.name === '5А')).toMatchObject({ studentCount: 2, classTeacherName: 'Петрова М.И.' });
    });
    it('refuses to delete a class in use, naming what uses it; deletes an empty one', async () => {
      const e = await t.fail('school.removeClass', { id: s.classes.c5a }, admin);
      expect(e.code).toBe('CONFLICT');
      expect(e.message).toMatch(/^Удалить класс 5А нельзя — есть связанные записи: .*2 обучающихся в списке.*3 урока в журнале/);
      const c = (await t.call('school.listClasses', { yearId: s.yearId }, admin)).find((x) => x.name === '7Б')!;
      await t.call('school.removeClass', { id: c.id }, admin);
      expect((await t.call('school.listClasses', { yearId: s.yearId }, admin)).some((x) => x.name === '7Б')).toBe(false);
    });
    it('the director sees but may not change classes', async () => {
      const e = await t.fail('school.saveClass', { yearId: s.yearId, gradeLevel: 8, letter: 'А', shift: 1 }, s.tokens.director);
      expect(e.code).toBe('FORBIDDEN');
    });
  });

  describe('rooms', () => {
    it('keeps room numbers unique and capacity sensible', async () => {
      await t.call('school.saveRoom', { number: '204', name: 'Кабинет математики', capacity: 30, kind: 'classroom' }, admin);
      const twin = await t.fail('school.saveRoom', { number: '204' }, admin);
      expect(twin.details?.fields?.number).toBe('Кабинет 204 уже есть');
      const cap = await t.fail('school.saveRoom', { number: '205', capacity: 0 }, admin);
      expect(cap.details?.fields?.capacity).toBe('От 1 места');
    });
    it('refuses to delete a room that is a class’s home room', async () => {
      const room = (await t.call('school.listRooms', {}, admin)).find((r) => r.number === '204')!;
      const c = await t.call('school.saveClass', { yearId: s.yearId, gradeLevel: 9, letter: 'А', shift: 1, roomId: room.id }, admin);
      const e = await t.fail('school.removeRoom', { id: room.id }, admin);
      expect(e.message).toMatch(/^Удалить кабинет 204 нельзя — есть связанные записи: 1 класс\./);
      await t.call('school.removeClass', { id: c.id }, admin);
      await t.call('school.removeRoom', { id: room.id }, admin);
    });
  });

  describe('grading systems, subjects and work types', () => {
    it('adds the three grading systems and the work types of seed 000 §3.2 once', async () => {
      const first = await t.call('school.installDefaults', {}, admin);
      expect(first.added).toBe(2); // the fixture has the five-point system and its own work types already
      const again = await t.call('school.installDefaults', {}, admin);
      expect(again.added).toBe(0);
      const lists = await t.call('school.subjects', {}, admin);
      expect(lists.gradingSystems.map((g) => g.code)).toEqual(['five_point', 'pass_fail', 'none']);
      expect(lists.workTypes.map((w) => [w.name, w.deadlineText])).toEqual([
        ['Работа на уроке', 'в день проведения'],
        ['Тест', 'в течение 2 уроков'],
        ['Контрольная работа', 'к следующему уроку'],
        ['Сочинение', 'в течение 10 дней'],
      ]);
    });
    it('a new school gets all work types with their deadlines', async () => {
      const fresh = await createTestRuntime();
      try {
        const token = await setUpSchool(fresh);
        await fresh.call('school.installDefaults', {}, token);
        const w = (await fresh.call('school.subjects', {}, token)).workTypes;
        const deadline = (name: string) => w.find((x) => x.name === name)!.deadlineText;
        expect(deadline('Работа на уроке')).toBe('в день проведения');
        expect(deadline('Самостоятельная работа')).toBe('в течение 2 уроков');
        expect(deadline('Тест')).toBe('в течение 2 уроков');
        expect(deadline('Контрольная работа')).toBe('к следующему уроку');
        expect(deadline('Лабораторная работа')).toBe('к следующему уроку');
        expect(deadline('Диктант')).toBe('к следующему уроку');
        expect(deadline('Сочинение')).toBe('в течение 10 дней');
        expect(deadline('Изложение')).toBe('в течение 10 дней');
      } finally {
        await fresh.close();
      }
    });
    it('plus and minus only with five-point marks', async () => {
      const g = (await t.call('school.subjects', {}, admin)).gradingSystems.find((x) => x.code === 'pass_fail')!;
      const e = await t.fail('school.saveGradingSystem', { id: g.id, name: g.name, allowModifiers: true }, admin);
      expect(e.details?.fields?.allowModifiers).toBe('Плюсы и минусы бывают только у отметок 1–5');
    });
    it('subject names are unique whatever the case and «ё»', async () => {
      const five = (await t.call('school.subjects', {}, admin)).gradingSystems[0];
      const e = await t.fail('school.saveSubject', { name: 'математика', gradingSystemId: five.id }, admin);
      expect(e.details?.fields?.name).toBe('Предмет «Математика» уже есть');
      const chem = await t.call('school.saveSubject', { name: 'Химия', gradingSystemId: five.id }, admin);
      expect(chem.shortName).toBe('Химия');
      await t.call('school.removeSubject', { id: chem.id }, admin);
    });
    it('refuses to delete a subject that lessons and load use', async () => {
      const e = await t.fail('school.removeSubject', { id: s.subjects.maths }, admin);
      expect(e.message).toMatch(/^Удалить предмет «Математика» нельзя — есть связанные записи: .*записи нагрузки.*урока в журнале/);
    });
    it('work type: weight above 0 and up to 10; deadline numbers that fit the kind', async () => {
      const base = { name: 'Зачёт по теории', shortName: 'Зач.', isControl: false };
      const w = await t.fail('school.saveWorkType', { ...base, weight: 0, deadlineKind: 'same_day', deadlineValue: 0 }, admin);
      expect(w.details?.fields?.weight).toBe('Вес — число больше 0 и не больше 10, например 1 или 1,5');
      const same = await t.fail('school.saveWorkType', { ...base, weight: 1, deadlineKind: 'same_day', deadlineValue: 2 }, admin);
      expect(same.details?.fields?.deadlineValue).toBe('Для срока «в день проведения» число не указывается');
      const lessons = await t.fail('school.saveWorkType', { ...base, weight: 1, deadlineKind: 'lessons', deadlineValue: 0 }, admin);
      expect(lessons.details?.fields?.deadlineValue).toBe('Число уроков — от 1 до 10');
      const days = await t.fail('school.saveWorkType', { ...base, weight: 1, deadlineKind: 'days', deadlineValue: 45 }, admin);
      expect(days.details?.fields?.deadlineValue).toBe('Число дней — от 1 до 30');
      const twin = await t.fail('school.saveWorkType', { ...base, name: 'тест', weight: 1, deadlineKind: 'lessons', deadlineValue: 2 }, admin);
      expect(twin.details?.fields?.name).toBe('Вид работы «Тест» уже есть');
      const ok = await t.call('school.saveWorkType', { ...base, weight: 1.5, deadlineKind: 'days', deadlineValue: 21 }, admin);
      expect(ok.deadlineText).toBe('в течение 21 дня');
    });
  });

  describe('staff', () => {
    it('saves a teacher with the subjects they may teach', async () => {
      const st = await t.call(
        'school.saveStaff',
        { lastName: 'Кузнецова', firstName: 'Нина', middleName: 'Олеговна', position: 'Учитель английского языка', phone: '8 912 345 67 89', subjectIds: [s.subjects.russian] },
        admin,
      );
      expect(st).toMatchObject({ fullName: 'Кузнецова Нина Олеговна', shortName: 'Кузнецова Н.О.', phone: '+7 (912) 345-67-89', subjectIds: [s.subjects.russian] });
      const again = await t.call('school.saveStaff', { id: st.id, lastName: 'Кузнецова', firstName: 'Нина', middleName: 'Олеговна', position: 'Учитель английского языка', subjectIds: [s.subjects.maths] }, admin);
      expect(again.subjectIds).toEqual([s.subjects.maths]);
    });
    it('checks names, dates, e-mail and the same person twice', async () => {
      const e = await t.fail('school.saveStaff', { lastName: '', firstName: 'Ol1', position: '', email: 'нет', hiredOn: '2026-09-01', leftOn: '2026-08-01' }, admin);
      expect(e.details?.fields).toMatchObject({
        lastName: 'Введите фамилию',
        firstName: 'Только буквы, дефис и пробел',
        position: 'Укажите должность, например «Учитель математики»',
        email: 'Адрес электронной почты вида name@example.ru',
      });
      const dates = await t.fail('school.saveStaff', { lastName: 'Пак', firstName: 'Ли', position: 'Учитель', hiredOn: '2026-09-01', leftOn: '2026-08-01' }, admin);
      expect(dates.details?.fields?.leftOn).toBe('Дата увольнения не может быть раньше даты приёма');
      const twin = await t.fail('school.saveStaff', { lastName: 'Иванова', firstName: 'Анна', middleName: 'Петровна', position: 'учитель математики' }, admin);
      expect(twin.details?.fields?.lastName).toBe('Сотрудник Иванова Анна Петровна (Учитель математики) уже есть');
    });
    it('a class teacher with load cannot leave before handing them over', async () => {
      const e = await t.fail('school.saveStaff', { id: s.staff.petrova, lastName: 'Петрова', firstName: 'Мария', middleName: 'Ивановна', position: 'Учитель русского языка и литературы', leftOn: '2026-12-31' }, admin);
      expect(e.details?.fields?.leftOn).toBe('Сначала назначьте другого классного руководителя: 5А');
    });
    it('refuses to delete a teacher who has an account, load and lessons', async () => {
      const e = await t.fail('school.removeStaff', { id: s.staff.ivanova }, admin);
      expect(e.message).toMatch(/^Удалить карточку сотрудника «Иванова А\.П\.» нельзя — есть связанные записи: /);
      expect(e.message).toContain('1 учётная запись');
      expect(e.message).toContain('Если сотрудник уволился, укажите дату увольнения');
    });
  });
});
