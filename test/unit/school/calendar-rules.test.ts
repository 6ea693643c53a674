import { describe, expect, it } from 'vitest';
import {
  holidayProblems,
  outsideYear,
  periodName,
  periodProblems,
  scheduleDayProblems,
  slotProblems,
  weekdayMask,
  weekdaysOf,
  yearProblems,
} from '../../../main/core/school/calendar-rules';
import type { Holiday, StudyPeriod } from '../../../main/core/db/entities/calendar';

const year = { startDate: '2026-09-01', endDate: '2027-05-31' };
const synced = { createdAt: '', updatedAt: '', deletedAt: null };

function period(over: Partial<StudyPeriod>): StudyPeriod {
  return {
    id: over.id ?? 'p',
    yearId: 'y',
    kind: 'quarter',
    ordinal: 1,
    name: 'I четверть',
    startDate: '2026-09-01',
    endDate: '2026-10-24',
    gradeFrom: 1,
    gradeTo: 9,
    closedAt: null,
    ...synced,
    ...over,
  };
}

const q1 = period({ id: 'q1' });
const h1 = period({ id: 'h1', kind: 'half', name: 'I полугодие', startDate: '2026-09-01', endDate: '2026-12-28', gradeFrom: 10, gradeTo: 11 });

describe('academic year (seed 002: «учебные периоды», DOMAIN «Academic year»)', () => {
  it('ends after it starts', () => {
    expect(yearProblems({ startDate: '2026-09-01', endDate: '2026-09-01' }, [], null).fields.endDate).toBe(
      'Учебный год должен заканчиваться позже, чем начинается',
    );
  });
  it('lasts no longer than a year', () => {
    expect(yearProblems({ startDate: '2026-09-01', endDate: '2027-09-03' }, [], null).fields.endDate).toBe('Учебный год не может длиться дольше года');
    expect(yearProblems({ startDate: '2026-09-01', endDate: '2027-08-31' }, [], null).any).toBe(false);
  });
  it('does not overlap another year, but may be saved over itself', () => {
    const other = { id: 'a', name: '2025/2026', startDate: '2025-09-01', endDate: '2026-09-01' };
    expect(yearProblems(year, [other], null).fields.startDate).toBe('Пересекается с 2025/2026 учебным годом (01.09.2025 — 01.09.2026)');
    expect(yearProblems(year, [other], 'a').any).toBe(false);
  });
  it('keeps its periods and holidays inside when its dates change', () => {
    const p = outsideYear({ startDate: '2026-09-02', endDate: '2027-05-20' }, [
      { name: 'I четверть', startDate: '2026-09-01', endDate: '2026-10-24' },
      { name: 'IV четверть', startDate: '2027-03-30', endDate: '2027-05-26' },
    ]);
    expect(p.fields).toEqual({
      startDate: '«I четверть» (01.09.2026) окажется до начала года',
      endDate: '«IV четверть» (26.05.2027) окажется после окончания года',
    });
  });
});

describe('study periods', () => {
  it('are named by number and kind', () => {
    expect(periodName('quarter', 2)).toBe('II четверть');
    expect(periodName('half', 1)).toBe('I полугодие');
    expect(periodName('trimester', 3)).toBe('III триместр');
    expect(periodName('year', 1)).toBe('Учебный год');
  });
  it('end no earlier than they start', () => {
    const p = periodProblems({ ...q1, startDate: '2026-10-24', endDate: '2026-09-01' }, year, [], null);
    expect(p.fields.endDate).toBe('Период должен заканчиваться не раньше, чем начинается');
  });
  it('lie inside the year', () => {
    const early = periodProblems({ ...q1, startDate: '2026-08-31' }, year, [], null);
    expect(early.fields.startDate).toBe('Период должен начинаться не раньше начала учебного года (01.09.2026)');
    const late = periodProblems({ ...q1, ordinal: 4, startDate: '2027-03-30', endDate: '2027-06-05' }, year, [], null);
    expect(late.fields.endDate).toBe('Период должен заканчиваться не позже окончания учебного года (31.05.2027)');
  });
  it('cover grades in order', () => {
    expect(periodProblems({ ...q1, gradeFrom: 9, gradeTo: 5 }, year, [], null).fields.gradeTo).toBe('Последняя параллель не может быть меньше первой');
  });
  it('have no more ordinals than the kind allows', () => {
    expect(periodProblems({ ...h1, ordinal: 3, startDate: '2027-01-11', endDate: '2027-05-25' }, year, [], null).fields.ordinal).toBe(
      'В учебном году не больше 2 периодов вида «полугодие»',
    );
  });
  it('do not overlap another period of the same grades', () => {
    const p = periodProblems({ ...q1, ordinal: 2, name: 'II четверть', startDate: '2026-10-20', endDate: '2026-12-28' }, year, [q1], null);
    expect(p.fields.startDate).toBe('Пересекается с периодом «I четверть» (1–9 классы, 01.09.2026 — 24.10.2026)');
  });
  it('may run beside periods of other grades: quarters for 1–9, half-years for 10–11', () => {
    expect(periodProblems(h1, year, [q1], null).any).toBe(false);
  });
  it('overlap when grade ranges meet in one grade', () => {
    const p = periodProblems({ ...h1, gradeFrom: 9 }, year, [q1], null);
    expect(p.fields.startDate).toContain('Пересекается с периодом «I четверть»');
  });
  it('do not repeat a number for the same grades', () => {
    const p = periodProblems({ ...q1, startDate: '2026-11-05', endDate: '2026-12-28' }, year, [q1], null);
    expect(p.fields.ordinal).toBe('«I четверть» для 1–9 классов уже есть');
  });
  it('follow each other in the order of their numbers', () => {
    const q2 = period({ id: 'q2', ordinal: 2, name: 'II четверть', startDate: '2026-11-05', endDate: '2026-12-28' });
    const p = periodProblems({ ...q1, ordinal: 3, startDate: '2026-09-01', endDate: '2026-10-24' }, year, [q2], null);
    expect(p.fields.ordinal).toBe('Номер не соответствует порядку дат: «II четверть» начинается 05.11.2026');
  });
  it('may be saved over themselves, and a tombstoned period does not count', () => {
    expect(periodProblems(q1, year, [q1], 'q1').any).toBe(false);
    expect(periodProblems(q1, year, [{ ...q1, id: 'old', deletedAt: '2026-08-01T00:00:00Z' }], null).any).toBe(false);
  });
  it('a whole-year period overlaps nothing', () => {
    const y = period({ id: 'y1', kind: 'year', ordinal: 1, name: 'Учебный год', startDate: year.startDate, endDate: year.endDate, gradeFrom: 1, gradeTo: 11 });
    expect(periodProblems(y, year, [q1, h1], null).any).toBe(false);
  });
});

describe('holidays', () => {
  const autumn: Holiday = { id: 'a', yearId: 'y', name: 'Осенние каникулы', kind: 'vacation', startDate: '2026-10-26', endDate: '2026-11-03', ...synced };
  it('end no earlier than they start', () => {
    expect(holidayProblems({ ...autumn, endDate: '2026-10-25' }, year, [], null).fields.endDate).toBe(
      'Каникулы должны заканчиваться не раньше, чем начинаются',
    );
  });
  it('lie inside the year', () => {
    const p = holidayProblems({ ...autumn, name: 'Летние', startDate: '2027-05-30', endDate: '2027-08-31' }, year, [], null);
    expect(p.fields.endDate).toBe('Дата вне учебного года: он заканчивается 31.05.2027');
    expect(holidayProblems({ ...autumn, startDate: '2026-08-30' }, year, [], null).fields.startDate).toBe('Дата вне учебного года: он начинается 01.09.2026');
  });
  it('two vacations do not overlap', () => {
    const p = holidayProblems({ name: 'Дополнительные', kind: 'vacation', startDate: '2026-11-02', endDate: '2026-11-06' }, year, [autumn], null);
    expect(p.fields.startDate).toBe('Пересекается с каникулами «Осенние каникулы» (26.10.2026 — 03.11.2026)');
  });
  it('a public holiday may fall inside a vacation (4 ноября)', () => {
    expect(holidayProblems({ name: 'День народного единства', kind: 'holiday', startDate: '2026-11-04', endDate: '2026-11-04' }, year, [autumn], null).any).toBe(false);
  });
  it('the same day is not entered twice as a public holiday', () => {
    const unity: Holiday = { ...autumn, id: 'u', name: 'День народного единства', kind: 'holiday', startDate: '2026-11-04', endDate: '2026-11-04' };
    expect(holidayProblems({ name: '4 ноября', kind: 'holiday', startDate: '2026-11-04', endDate: '2026-11-04' }, year, [unity], null).fields.startDate).toBe(
      'На эти даты уже приходится «День народного единства»',
    );
  });
});

describe('bell schedules (режим звонков)', () => {
  const ok = [
    { lessonNo: 1, startTime: '08:30', endTime: '09:15' },
    { lessonNo: 2, startTime: '09:25', endTime: '10:10' },
  ];
  it('accept a normal schedule, and a «нулевой урок»', () => {
    expect(slotProblems(ok).any).toBe(false);
    expect(slotProblems([{ lessonNo: 0, startTime: '07:45', endTime: '08:20' }, { ...ok[0] }]).any).toBe(false);
  });
  it('need at least one lesson', () => {
    expect(slotProblems([]).fields.slots).toBe('Добавьте хотя бы один урок');
  });
  it('number lessons from 1 (or 0) and in a row', () => {
    expect(slotProblems([{ ...ok[0], lessonNo: 2 }]).fields['slots.0.lessonNo']).toBe('Нумерация уроков начинается с 1 (или с 0 для нулевого урока)');
    expect(slotProblems([ok[0], { ...ok[1], lessonNo: 3 }]).fields['slots.1.lessonNo']).toBe('Номера уроков идут подряд: после 1 — 2');
  });
  it('write times as ЧЧ:ММ', () => {
    const p = slotProblems([{ lessonNo: 1, startTime: '8.30', endTime: '25:00' }]);
    expect(p.fields['slots.0.startTime']).toBe('Время в виде ЧЧ:ММ, например 08:30');
    expect(p.fields['slots.0.endTime']).toBe('Время в виде ЧЧ:ММ, например 09:15');
  });
  it('end each lesson after it starts', () => {
    expect(slotProblems([{ lessonNo: 1, startTime: '09:15', endTime: '08:30' }]).fields['slots.0.endTime']).toBe(
      'Урок 1 должен заканчиваться позже, чем начинается',
    );
  });
  it('keep a lesson 20 to 90 minutes long', () => {
    expect(slotProblems([{ lessonNo: 1, startTime: '08:30', endTime: '08:45' }]).fields['slots.0.endTime']).toBe(
      'Урок 1 длится 15 мин: допустимо от 20 до 90 мин',
    );
    expect(slotProblems([{ lessonNo: 1, startTime: '08:30', endTime: '10:30' }]).fields['slots.0.endTime']).toContain('120 мин');
  });
  it('do not let a lesson start before the previous one ends', () => {
    const p = slotProblems([ok[0], { lessonNo: 2, startTime: '09:10', endTime: '09:55' }]);
    expect(p.fields['slots.1.startTime']).toBe('Урок 2 начинается раньше, чем заканчивается урок 1 (09:15)');
  });
  it('a lesson may start exactly when the previous ends', () => {
    expect(slotProblems([ok[0], { lessonNo: 2, startTime: '09:15', endTime: '10:00' }]).any).toBe(false);
  });

  const main = { id: 'm', name: 'Основной', shift: 1, weekdays: null, deletedAt: null };
  const saturday = { id: 's', name: 'Суббота', shift: 1, weekdays: weekdayMask([6]), deletedAt: null };
  it('weekday masks go there and back', () => {
    expect(weekdaysOf(weekdayMask([1, 3, 6]))).toEqual([1, 3, 6]);
    expect(weekdaysOf(null)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(weekdayMask([])).toBeNull();
  });
  it('one usual schedule per shift', () => {
    expect(scheduleDayProblems({ shift: 1, weekdays: null }, [main], null).fields.weekdays).toBe(
      'У 1 смены уже есть основной режим «Основной»: укажите дни недели, в которые действует этот режим',
    );
    expect(scheduleDayProblems({ shift: 2, weekdays: null }, [main], null).any).toBe(false);
  });
  it('no day claimed by two special schedules of one shift', () => {
    expect(scheduleDayProblems({ shift: 1, weekdays: weekdayMask([5, 6]) }, [main, saturday], null).fields.weekdays).toBe(
      'Режим «Суббота» уже действует для 1 смены в эти дни: суббота',
    );
    expect(scheduleDayProblems({ shift: 1, weekdays: weekdayMask([1]) }, [main, saturday], null).any).toBe(false);
  });
});
