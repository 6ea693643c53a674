import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';

/** The director sees every page and edits nothing (seed 003 §4.2.4): the deputy's checks too. */
describe('the director reads the journal checks without writing', () => {
  let t: TestRuntime;
  let s: SmallSchool;
  beforeAll(async () => {
    // Wednesday 25.11: the lessons of 23 and 24.11 are behind, so the check has pages to read.
    t = await createTestRuntime({ now: '2026-11-25T07:00:00.000Z' });
    s = await buildSmallSchool(t);
  });
  afterAll(() => t.close());

  it('runs a check, drills into it, reads the saved checks and the remarks', async () => {
    const check = await t.call('control.run', { from: '2026-11-01', to: '2026-11-30' }, s.tokens.director);
    expect(check.pages.map((p) => `${p.className} ${p.subjectName}`)).toEqual(expect.arrayContaining(['5А Математика', '5А Русский язык']));
    await t.call('control.addRemark', { toStaffId: s.staff.ivanova, text: 'Не записана тема урока 23.11.' }, s.tokens.deputy);
    expect((await t.call('control.remarks', {}, s.tokens.director)).map((r) => r.text)).toEqual(['Не записана тема урока 23.11.']);
    expect(await t.call('control.checks', {}, s.tokens.director)).toEqual([]);
    const drill = await t.call(
      'control.drill',
      { classId: s.classes.c5a, groupId: null, subjectId: s.subjects.maths, code: 'topics_missing', from: '2026-11-01', to: '2026-11-30' },
      s.tokens.director,
    );
    expect(drill.lessons.length).toBeGreaterThan(0);
  });

  it('writes no remark, saves no check, confirms no fix', async () => {
    expect((await t.fail('control.addRemark', { toStaffId: s.staff.ivanova, text: 'Замечание директора.' }, s.tokens.director)).code).toBe('FORBIDDEN');
    expect((await t.fail('control.saveCheck', { from: '2026-11-01', to: '2026-11-30' }, s.tokens.director)).code).toBe('FORBIDDEN');
  });
});
