import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildSubSchool, type SubSchool } from '../substitutions/fixture';

/**
 * The deputy's first screen is the day (issue 16 §12): on Monday 23.11
 * Иванова is ill; her three lessons (5А 2nd and 3rd, 5Б 4th) need decisions.
 */
describe('the deputy’s day at a glance', () => {
  let t: TestRuntime;
  let s: SubSchool;
  const date = '2026-11-23';

  beforeAll(async () => {
    t = await createTestRuntime();
    s = await buildSubSchool(t);
    await t.call('substitutions.saveAbsence', { staffId: s.staff.ivanova, fromDate: date, toDate: date, reason: 'illness' }, s.tokens.deputy);
  });
  afterAll(() => t.close());

  it('names the absent teacher with her lessons, all still without a decision', async () => {
    const d = await t.call('today.deputy', { date }, s.tokens.deputy);
    expect(d.absences.map((a) => [a.staffName, a.reasonText, a.lessons, a.open])).toEqual([['Иванова А.П.', 'болезнь', 3, 3]]);
    expect(d.open.map((l) => [l.lessonNo, l.classLabel, l.subjectName])).toEqual([
      [2, '5А', 'Математика'],
      [3, '5А', 'Математика'],
      [4, '5Б', 'Математика'],
    ]);
  });

  it('a decided lesson leaves the open list; its change waits for the print until printed', async () => {
    await t.call('substitutions.apply', { lessonId: s.lessons['mon.5a.2'].id, kind: 'substitute', substituteStaffId: s.staff.smirnova }, s.tokens.deputy);
    let d = await t.call('today.deputy', { date }, s.tokens.deputy);
    expect(d.absences[0].open).toBe(2);
    expect(d.open.map((l) => l.lessonNo)).toEqual([3, 4]);
    // Never printed: the one change is on no posted sheet yet, for the classes nor for the staff.
    expect(d.unprinted).toMatchObject({ classes: 1, teachers: 1, lastPrinted: { class: null, teacher: null } });

    t.clock.advance(60_000);
    await t.call('substitutions.printChanges', { date, scope: 'class', format: 'pdf' }, s.tokens.deputy);
    d = await t.call('today.deputy', { date }, s.tokens.deputy);
    expect(d.unprinted.classes).toBe(0);
    expect(d.unprinted.teachers).toBe(1);

    // A later decision is not on the printed sheet.
    t.clock.advance(60_000);
    await t.call('substitutions.apply', { lessonId: s.lessons['mon.5a.3'].id, kind: 'cancel' }, s.tokens.deputy);
    d = await t.call('today.deputy', { date }, s.tokens.deputy);
    expect(d.unprinted.classes).toBe(1);
  });

  it('lists the remarks a teacher marked fixed, not those still open', async () => {
    const fixed = await t.call('control.addRemark', { toStaffId: s.staff.kuznetsov, text: 'Не записаны темы уроков 16–20.11.' }, s.tokens.deputy);
    await t.call('control.addRemark', { toStaffId: s.staff.smirnova, text: 'Не выставлены отметки за самостоятельную работу.' }, s.tokens.deputy);
    await t.call('control.fixRemark', { id: fixed.id, fixNote: 'Темы записаны.' }, s.tokens.kuznetsov);
    const d = await t.call('today.deputy', { date }, s.tokens.deputy);
    expect(d.toConfirm.map((r) => [r.teacherName, r.text, r.fixNote])).toEqual([['Кузнецов И.И.', 'Не записаны темы уроков 16–20.11.', 'Темы записаны.']]);
  });

  it('is the deputy’s: a teacher is refused', async () => {
    expect((await t.fail('today.deputy', { date }, s.tokens.ivanova)).code).toBe('FORBIDDEN');
  });
});
