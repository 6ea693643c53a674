import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { covers, overlaps } from '../../../main/core/substitutions/absences';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildSubSchool, type SubSchool } from './fixture';

const span = (fromDate: string, toDate: string, fromLessonNo: number | null = null, toLessonNo: number | null = null) => ({ fromDate, toDate, fromLessonNo, toLessonNo });

describe('which lessons an absence covers', () => {
  it('covers whole days, from a lesson on the first day and up to a lesson on the last', () => {
    const a = span('2026-11-23', '2026-11-25', 3, 2);
    expect([covers(a, '2026-11-23', 2), covers(a, '2026-11-23', 3), covers(a, '2026-11-24', 1), covers(a, '2026-11-25', 2), covers(a, '2026-11-25', 3)]).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
    expect(covers(span('2026-11-23', '2026-11-23', 2, 4), '2026-11-23', 5)).toBe(false);
    expect(covers(span('2026-11-23', '2026-11-23'), '2026-11-22', 1)).toBe(false);
  });

  it('sees two absences of one day overlap only when their lessons do', () => {
    expect(overlaps(span('2026-11-23', '2026-11-23', 1, 3), span('2026-11-23', '2026-11-23', 4, 6))).toBe(false);
    expect(overlaps(span('2026-11-23', '2026-11-23', 1, 4), span('2026-11-23', '2026-11-23', 4, 6))).toBe(true);
    expect(overlaps(span('2026-11-20', '2026-11-23', null, 3), span('2026-11-23', '2026-11-24', 4))).toBe(false);
    expect(overlaps(span('2026-11-20', '2026-11-24'), span('2026-11-23', '2026-11-23', 4, 4))).toBe(true);
  });
});

describe('registering an absence', () => {
  let t: TestRuntime;
  let s: SubSchool;

  beforeAll(async () => {
    t = await createTestRuntime();
    s = await buildSubSchool(t);
  });
  afterAll(() => t.close());

  it('lists the lessons it leaves without a teacher at once', async () => {
    const r = await t.call('substitutions.saveAbsence', { staffId: s.staff.ivanova, fromDate: '2026-11-23', toDate: '2026-11-24', reason: 'illness', note: 'больничный лист' }, s.tokens.deputy);
    expect(r.absence).toMatchObject({ staffName: 'Иванова А.П.', reasonText: 'болезнь', span: '23.11 – 24.11' });
    expect(r.lessons.map((l) => [l.date, l.lessonNo, l.label, l.solved])).toEqual([
      ['2026-11-23', 2, '5А, Математика', false],
      ['2026-11-23', 3, '5А, Математика', false],
      ['2026-11-23', 4, '5Б, Математика', false],
      ['2026-11-24', 1, '5А, Математика', false],
      ['2026-11-24', 2, '5Б, Математика', false],
    ]);
    const day = await t.call('substitutions.day', { date: '2026-11-23' }, s.tokens.deputy);
    expect([day.open, day.absences.map((a) => a.staffName)]).toEqual([3, ['Иванова А.П.']]);
  });

  it('takes a teacher who substitutes away from that substitution too', async () => {
    await t.call('substitutions.apply', { lessonId: s.lessons['mon.5a.2'].id, kind: 'substitute', substituteStaffId: s.staff.smirnova }, s.tokens.deputy);
    const r = await t.call('substitutions.saveAbsence', { staffId: s.staff.smirnova, fromDate: '2026-11-23', toDate: '2026-11-23', fromLessonNo: 2, toLessonNo: 2, reason: 'other' }, s.tokens.deputy);
    expect(r.lessons.map((l) => l.label)).toEqual(['5А, Математика (замена; по расписанию — Иванова А.П.)']);
    const day = await t.call('substitutions.day', { date: '2026-11-23' }, s.tokens.deputy);
    const l = day.lessons.find((x) => x.id === s.lessons['mon.5a.2'].id)!;
    expect([l.state, l.problem]).toEqual(['problem', 'Назначенный учитель сам отсутствует в этот день: выберите другое решение.']);
  });

  it('refuses an overlapping absence of the same teacher and a span that ends before it starts', async () => {
    const e = await t.fail('substitutions.saveAbsence', { staffId: s.staff.ivanova, fromDate: '2026-11-24', toDate: '2026-11-27', reason: 'illness' }, s.tokens.deputy);
    expect([e.code, e.message]).toEqual(['CONFLICT', 'Отсутствие уже зарегистрировано: Иванова А.П., 23.11.2026 – 24.11.2026. Измените его, а не добавляйте новое.']);
    const v = await t.fail('substitutions.saveAbsence', { staffId: s.staff.ivanova, fromDate: '2026-11-27', toDate: '2026-11-26', reason: 'illness' }, s.tokens.deputy);
    expect(v.code).toBe('VALIDATION');
    expect(v.details?.fields).toMatchObject({ toDate: 'Последний день отсутствия раньше первого' });
  });

  it('removes an absence with its solutions only when confirmed', async () => {
    const [smirnova] = await t.call('substitutions.absences', { from: '2026-11-23', to: '2026-11-23' }, s.tokens.deputy).then((list) => list.filter((a) => a.staffName === 'Смирнова Е.В.'));
    await t.call('substitutions.removeAbsence', { id: smirnova.id }, s.tokens.deputy);
    const [ivanova] = await t.call('substitutions.absences', { from: '2026-11-23', to: '2026-11-23' }, s.tokens.deputy);
    const e = await t.fail('substitutions.removeAbsence', { id: ivanova.id }, s.tokens.deputy);
    expect([e.code, e.message]).toEqual(['CONFLICT', 'Для уроков этого отсутствия выбраны решения (1): они будут сняты. Подтвердите удаление.']);
    const r = await t.call('substitutions.removeAbsence', { id: ivanova.id, confirm: true }, s.tokens.deputy);
    expect(r.removedSolutions).toBe(1);
    const day = await t.call('substitutions.day', { date: '2026-11-23' }, s.tokens.deputy);
    expect([day.open, day.lessons.length, day.absences.length]).toEqual([0, 0, 0]);
  });
});
