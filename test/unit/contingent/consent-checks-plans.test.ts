import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';
import { canExportPersonalData, exportableStudentIds } from '../../../main/core/contingent/consent';

describe('students, guardians, consent, the monthly data check and individual plans', () => {
  let t: TestRuntime;
  let s: SmallSchool;
  let secretary: string;
  const em = () => t.runtime.database().manager;

  beforeAll(async () => {
    t = await createTestRuntime();
    s = await buildSmallSchool(t);
    secretary = s.tokens.secretary;
  });
  afterAll(() => t.close());

  describe('who may edit a student', () => {
    const record = { lastName: 'Алексеев', firstName: 'Артём', birthDate: '2015-03-01', sex: 'm' as const, phone: '89001112233' };
    it('the secretary and the class teacher of the student’s class', async () => {
      await t.call('contingent.saveStudent', { id: s.students.first, ...record }, secretary);
      await t.call('contingent.saveStudent', { id: s.students.first, ...record, address: 'ул. Ленина, 1' }, s.tokens.petrova);
      const card = await t.call('contingent.getStudent', { id: s.students.first }, s.tokens.petrova);
      expect(card.student).toMatchObject({ phone: '+7 (900) 111-22-33', address: 'ул. Ленина, 1' });
      expect(card.mayEdit).toBe(true);
    });
    it('not another teacher, nor the director', async () => {
      const teacher = await t.fail('contingent.saveStudent', { id: s.students.first, ...record }, s.tokens.ivanova);
      expect(teacher.code).toBe('FORBIDDEN');
      expect(teacher.message).toBe(
        'Изменять сведения об обучающемся и его законных представителях могут секретарь, администратор и классный руководитель его класса.',
      );
      expect((await t.fail('contingent.saveStudent', { id: s.students.first, ...record }, s.tokens.director)).code).toBe('FORBIDDEN');
    });
  });

  describe('guardians', () => {
    it('adds the mother as the primary contact; a second mother is refused', async () => {
      const mother = await t.call(
        'contingent.saveGuardian',
        { studentId: s.students.first, relation: 'mother', lastName: 'Алексеева', firstName: 'Ольга', middleName: 'Ивановна', phone: '+79005556677' },
        secretary,
      );
      const twin = await t.fail('contingent.saveGuardian', { studentId: s.students.first, relation: 'mother', lastName: 'Петрова', firstName: 'Анна' }, secretary);
      expect(twin.details?.fields?.relation).toBe('Мать обучающегося уже указана');
      const card = await t.call('contingent.getStudent', { id: s.students.first }, secretary);
      expect(card.guardians).toMatchObject([{ id: mother.id, relationName: 'мать', isPrimary: true, phone: '+7 (900) 555-66-77' }]);
    });
    it('a sibling’s parent is linked, not entered twice', async () => {
      const found = await t.call('contingent.findGuardians', { search: 'алексеева' }, secretary);
      expect(found).toHaveLength(1);
      await t.call('contingent.saveGuardian', { studentId: s.students.second, id: found[0].id, relation: 'mother', lastName: 'Алексеева', firstName: 'Ольга', middleName: 'Ивановна' }, secretary);
      await t.call('contingent.unlinkGuardian', { studentId: s.students.second, guardianId: found[0].id }, secretary);
      expect(await t.call('contingent.findGuardians', { search: 'алексеева' }, secretary)).toHaveLength(1);
    });
  });

  describe('consent to personal-data processing (152-ФЗ)', () => {
    it('a date is required for consent or refusal, and is not in the future', async () => {
      const noDate = await t.fail('contingent.setConsent', { studentId: s.students.first, status: 'given' }, secretary);
      expect(noDate.details?.fields?.date).toBe('Укажите дату заявления о согласии');
      const future = await t.fail('contingent.setConsent', { studentId: s.students.first, status: 'refused', date: '2026-12-01' }, secretary);
      expect(future.details?.fields?.date).toBe('Дата не может быть позже сегодняшней');
    });
    it('without consent the data never leave the computer: the exporters’ gate', async () => {
      expect(await canExportPersonalData(em(), s.students.first)).toBe(false);
      await t.call('contingent.setConsent', { studentId: s.students.first, status: 'given', date: '2026-09-01', document: 'Заявление № 1' }, secretary);
      expect(await canExportPersonalData(em(), s.students.first)).toBe(true);
      expect([...(await exportableStudentIds(em(), [s.students.first, s.students.second]))]).toEqual([s.students.first]);
      // A later refusal counts: the latest document wins.
      await t.call('contingent.setConsent', { studentId: s.students.first, status: 'refused', date: '2026-11-20', document: 'Отзыв согласия' }, secretary);
      expect(await canExportPersonalData(em(), s.students.first)).toBe(false);
    });
    it('lists the students without consent, class by class', async () => {
      const list = await t.call('contingent.withoutConsent', { yearId: s.yearId }, secretary);
      expect(list.map((c) => [c.className, c.total, c.students.map((x) => [x.name, x.status])])).toEqual([
        ['5А', 2, [['Алексеев А.', 'refused'], ['Борисов Г.', 'not_asked']]],
        ['6А', 1, [['Васильева Д.', 'not_asked']]],
      ]);
    });
    it('under the «noEntry» policy personal data are not entered without consent, and a refusal erases them once confirmed', async () => {
      await t.call('settings.set', { key: 'contingent.consentPolicy', value: 'noEntry' }, s.tokens.admin);
      const refused = await t.fail('contingent.saveStudent', { id: s.students.first, lastName: 'Алексеев', firstName: 'Артём', birthDate: '2015-03-01', phone: '89001112233' }, secretary);
      expect(refused.details?.fields).toEqual({
        birthDate: 'Без согласия на обработку персональных данных не вносится (так настроено в школе)',
        phone: 'Без согласия на обработку персональных данных не вносится (так настроено в школе)',
      });
      const guardian = await t.fail('contingent.saveGuardian', { studentId: s.students.second, relation: 'father', lastName: 'Борисов', firstName: 'Павел' }, secretary);
      expect(guardian.message).toBe('Без согласия на обработку персональных данных сведения о законных представителях не вносятся (так настроено в школе).');
      // Алексеев still has data entered before the refusal: recording it again asks to erase them.
      const ask = await t.fail('contingent.setConsent', { studentId: s.students.first, status: 'refused', date: '2026-11-21' }, secretary);
      expect(ask.code).toBe('CONFLICT');
      expect(ask.message).toBe(
        'По настройке школы без согласия на обработку персональных данных сведения об обучающемся не вносятся. Будут удалены: дата рождения, адрес, телефон, сведения о законных представителях (1). Подтвердите запись.',
      );
      const done = await t.call('contingent.setConsent', { studentId: s.students.first, status: 'refused', date: '2026-11-21', erasePersonalData: true }, secretary);
      expect(done.erased).toBe(true);
      const card = await t.call('contingent.getStudent', { id: s.students.first }, secretary);
      expect(card.student).toMatchObject({ birthDate: null, address: null, phone: null, lastName: 'Алексеев' });
      expect(card.guardians).toEqual([]);
      await t.call('settings.set', { key: 'contingent.consentPolicy', value: 'paperOnly' }, s.tokens.admin);
    });
  });

  describe('the class teacher’s monthly data check', () => {
    it('only the class teacher of the class marks it «проверено»', async () => {
      const other = await t.fail('contingent.markChecked', { classId: s.classes.c5a }, s.tokens.ivanova);
      expect(other.message).toBe('Отметить проверку данных 5А может только классный руководитель этого класса.');
      const r = await t.call('contingent.markChecked', { classId: s.classes.c5a }, s.tokens.petrova);
      expect(r).toEqual({ month: '2026-11', checkedOn: '2026-11-23' });
    });
    it('lists the classes not checked this month', async () => {
      const list = await t.call('contingent.dataChecks', { yearId: s.yearId }, s.tokens.deputy);
      expect(list.unchecked).toEqual(['1А', '6А']);
      expect(list.classes.find((c) => c.className === '5А')).toMatchObject({ checkedOn: '2026-11-23', checkedBy: 'Петрова М.И.' });
      const december = await t.call('contingent.dataChecks', { yearId: s.yearId, month: '2026-12' }, s.tokens.deputy);
      expect(december.unchecked).toEqual(['1А', '5А', '6А']);
    });
    it('sets the students’ «data checked» time', async () => {
      const card = await t.call('contingent.getStudent', { id: s.students.second }, secretary);
      expect(card.student.dataCheckedAt).toBe('2026-11-23T07:00:00.000Z');
    });
  });

  describe('individual study plans (ИУП)', () => {
    it('a plan with its own subjects, inside the year, for a student on a class list', async () => {
      const p = await t.call(
        'contingent.savePlan',
        {
          studentId: s.students.third,
          yearId: s.yearId,
          fromDate: '2026-11-23',
          basis: 'Справка ВК № 15',
          subjects: [
            { subjectId: s.subjects.maths, hoursPerWeek: 2, staffId: s.staff.ivanova },
            { subjectId: s.subjects.russian, hoursPerWeek: 2 },
          ],
        },
        s.tokens.deputy,
      );
      const plans = await t.call('contingent.plans', { yearId: s.yearId }, s.tokens.deputy);
      expect(plans).toMatchObject([{ id: p.id, studentName: 'Васильева Дарья', className: '6А', subjects: [{ hoursPerWeek: 2 }, { hoursPerWeek: 2 }] }]);
    });
    it('refuses overlapping plans, repeated subjects, dates out of order or outside the year', async () => {
      const e = await t.fail(
        'contingent.savePlan',
        {
          studentId: s.students.third,
          yearId: s.yearId,
          fromDate: '2026-12-01',
          toDate: '2026-11-30',
          subjects: [
            { subjectId: s.subjects.maths, hoursPerWeek: 2 },
            { subjectId: s.subjects.maths, hoursPerWeek: 1 },
          ],
        },
        s.tokens.deputy,
      );
      expect(e.details?.fields).toMatchObject({
        toDate: 'Дата окончания не может быть раньше даты начала',
        fromDate: 'У обучающегося уже есть план с 23.11.2026',
        'subjects.1.subjectId': '«Математика» уже есть в плане',
      });
      const outside = await t.fail('contingent.savePlan', { studentId: s.students.second, yearId: s.yearId, fromDate: '2027-06-10', subjects: [{ subjectId: s.subjects.maths, hoursPerWeek: 2 }] }, s.tokens.deputy);
      expect(outside.details?.fields?.fromDate).toBe('Дата — внутри учебного года (01.09.2026 — 31.05.2027)');
      const empty = await t.fail('contingent.savePlan', { studentId: s.students.second, yearId: s.yearId, fromDate: '2026-12-01', subjects: [] }, s.tokens.deputy);
      expect(empty.details?.fields?.subjects).toBe('Добавьте хотя бы один предмет');
    });
  });
});
