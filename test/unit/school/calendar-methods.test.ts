import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, setUpSchool, type TestRuntime } from '../../support/runtime';
import { AuditEventEntity } from '../../../main/core/db/entities/system';

/** A new school's calendar, set up from an empty database by the administrator. */
describe('the academic year, its periods, holidays and bells', () => {
  let t: TestRuntime;
  let admin: string;
  let yearId: string;

  beforeAll(async () => {
    t = await createTestRuntime({ now: '2026-08-20T07:00:00.000Z' });
    admin = await setUpSchool(t);
  });
  afterAll(() => t.close());

  it('creates the year, named by its dates', async () => {
    const year = await t.call('school.saveYear', { startDate: '2026-09-01', endDate: '2027-05-31' }, admin);
    yearId = year.id;
    expect(year).toMatchObject({ name: '2026/2027', status: 'open' });
    const list = await t.call('school.listYears', {}, admin);
    expect(list.currentYearId).toBe(yearId);
  });

  it('refuses a year that overlaps, with the message next to the field', async () => {
    const e = await t.fail('school.saveYear', { startDate: '2027-05-01', endDate: '2028-04-30' }, admin);
    expect(e.code).toBe('VALIDATION');
    expect(e.details?.fields?.startDate).toBe('Пересекается с 2026/2027 учебным годом (01.09.2026 — 31.05.2027)');
    expect(e.message).toBe('Пересекается с 2026/2027 учебным годом (01.09.2026 — 31.05.2027).');
  });

  it('refuses an impossible date at the boundary', async () => {
    const e = await t.fail('school.saveYear', { startDate: '2026-02-30', endDate: '2027-05-31' }, admin);
    expect(e.details?.fields?.startDate).toBe('Укажите правильную дату');
  });

  it('adds quarters for 1–9 and half-years for 10–11', async () => {
    const quarters: [string, string][] = [
      ['2026-09-01', '2026-10-24'],
      ['2026-11-05', '2026-12-28'],
      ['2027-01-12', '2027-03-20'],
      ['2027-03-30', '2027-05-26'],
    ];
    for (const [i, [startDate, endDate]] of quarters.entries()) {
      await t.call('school.savePeriod', { yearId, kind: 'quarter', ordinal: i + 1, startDate, endDate, gradeFrom: 1, gradeTo: 9 }, admin);
    }
    await t.call('school.savePeriod', { yearId, kind: 'half', ordinal: 1, startDate: '2026-09-01', endDate: '2026-12-28', gradeFrom: 10, gradeTo: 11 }, admin);
    await t.call('school.savePeriod', { yearId, kind: 'half', ordinal: 2, startDate: '2027-01-12', endDate: '2027-05-26', gradeFrom: 10, gradeTo: 11 }, admin);
    const cal = await t.call('school.calendar', { yearId }, admin);
    expect(cal.periods.map((p) => p.name)).toEqual(['I четверть', 'II четверть', 'III четверть', 'IV четверть', 'I полугодие', 'II полугодие']);
  });

  it('refuses a period outside the year and one overlapping another', async () => {
    const outside = await t.fail('school.savePeriod', { yearId, kind: 'trimester', ordinal: 3, startDate: '2027-03-01', endDate: '2027-06-10', gradeFrom: 1, gradeTo: 1 }, admin);
    expect(outside.details?.fields?.endDate).toBe('Период должен заканчиваться не позже окончания учебного года (31.05.2027)');
    const overlap = await t.fail('school.savePeriod', { yearId, kind: 'trimester', ordinal: 1, startDate: '2026-09-01', endDate: '2026-11-30', gradeFrom: 5, gradeTo: 5 }, admin);
    expect(overlap.details?.fields?.startDate).toMatch(/^Пересекается с периодом «I четверть» \(1–9 классы/);
  });

  it('refuses to move the year’s end before its last quarter ends', async () => {
    const e = await t.fail('school.saveYear', { id: yearId, startDate: '2026-09-01', endDate: '2027-05-20' }, admin);
    expect(e.details?.fields?.endDate).toMatch(/^«(IV четверть|II полугодие)» \(26\.05\.2027\) окажется после окончания года$/);
  });

  it('adds holidays inside the year and refuses one outside it', async () => {
    await t.call('school.saveHoliday', { yearId, name: 'Осенние каникулы', kind: 'vacation', startDate: '2026-10-26', endDate: '2026-11-04' }, admin);
    await t.call('school.saveHoliday', { yearId, name: 'День народного единства', kind: 'holiday', startDate: '2026-11-04', endDate: '2026-11-04' }, admin);
    const e = await t.fail('school.saveHoliday', { yearId, name: 'Летние каникулы', kind: 'vacation', startDate: '2027-06-01', endDate: '2027-08-31' }, admin);
    expect(e.details?.fields?.endDate).toBe('Дата вне учебного года: он заканчивается 31.05.2027');
    const overlap = await t.fail('school.saveHoliday', { yearId, name: 'Ещё каникулы', kind: 'vacation', startDate: '2026-11-03', endDate: '2026-11-08' }, admin);
    expect(overlap.details?.fields?.startDate).toBe('Пересекается с каникулами «Осенние каникулы» (26.10.2026 — 04.11.2026)');
  });

  it('saves bells with the slots in order, and keeps them in step on edit', async () => {
    const s = await t.call(
      'school.saveBellSchedule',
      {
        yearId,
        name: 'Основной',
        shift: 1,
        slots: [
          { lessonNo: 1, startTime: '08:30', endTime: '09:15' },
          { lessonNo: 2, startTime: '09:25', endTime: '10:10' },
          { lessonNo: 3, startTime: '10:30', endTime: '11:15' },
        ],
      },
      admin,
    );
    expect(s.weekdays).toBeNull();
    const edited = await t.call(
      'school.saveBellSchedule',
      { id: s.id, yearId, name: 'Основной', shift: 1, slots: [{ lessonNo: 1, startTime: '08:00', endTime: '08:45' }, { lessonNo: 2, startTime: '08:55', endTime: '09:40' }] },
      admin,
    );
    expect(edited.slots).toEqual([
      { lessonNo: 1, startTime: '08:00', endTime: '08:45' },
      { lessonNo: 2, startTime: '08:55', endTime: '09:40' },
    ]);
    const bad = await t.fail(
      'school.saveBellSchedule',
      { yearId, name: 'Сокращённый', shift: 1, weekdays: [6], slots: [{ lessonNo: 1, startTime: '08:30', endTime: '09:10' }, { lessonNo: 2, startTime: '09:00', endTime: '09:40' }] },
      admin,
    );
    expect(bad.details?.fields?.['slots.1.startTime']).toBe('Урок 2 начинается раньше, чем заканчивается урок 1 (09:10)');
    const second = await t.fail('school.saveBellSchedule', { yearId, name: 'Ещё один', shift: 1, slots: [{ lessonNo: 1, startTime: '08:30', endTime: '09:10' }] }, admin);
    expect(second.details?.fields?.weekdays).toContain('уже есть основной режим «Основной»');
  });

  it('refuses a bell schedule used by a class, and every change is in the log', async () => {
    const cal = await t.call('school.calendar', { yearId }, admin);
    const scheduleId = cal.bellSchedules[0].id;
    await t.call('school.saveClass', { yearId, gradeLevel: 5, letter: 'а', shift: 1, bellScheduleId: scheduleId }, admin);
    const e = await t.fail('school.removeBellSchedule', { id: scheduleId }, admin);
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toBe('Удалить режим звонков «Основной» нельзя — есть связанные записи: 1 класс. Связанные записи программа не удаляет. Сначала выберите для этих классов другой режим.');
    const events = await t.runtime.database().manager.find(AuditEventEntity, { where: { entity: 'BellSlot' } });
    expect(events.length).toBeGreaterThanOrEqual(5);
  });

  it('a class in the second shift cannot take the first shift’s bells', async () => {
    const cal = await t.call('school.calendar', { yearId }, admin);
    const e = await t.fail('school.saveClass', { yearId, gradeLevel: 6, letter: 'Б', shift: 2, bellScheduleId: cal.bellSchedules[0].id }, admin);
    expect(e.details?.fields?.bellScheduleId).toBe('Режим «Основной» — для 1 смены, а класс учится в 2 смене');
  });

  it('removes an unused holiday and refuses to remove the year with classes', async () => {
    const cal = await t.call('school.calendar', { yearId }, admin);
    await t.call('school.removeHoliday', { id: cal.holidays[1].id }, admin);
    expect((await t.call('school.calendar', { yearId }, admin)).holidays).toHaveLength(1);
    const e = await t.fail('school.removeYear', { id: yearId }, admin);
    expect(e.message).toMatch(/^Удалить учебный год 2026\/2027 нельзя — есть связанные записи: .*1 класс/);
  });
});
