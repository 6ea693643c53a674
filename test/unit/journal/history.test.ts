import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';

/** Seed 002: every correction is recorded — who, when, the old value, the new value, the reason. */
describe('the history of a cell, from the audit log', () => {
  let t: TestRuntime;
  let s: SmallSchool;
  beforeEach(async () => {
    t = await createTestRuntime({ now: '2026-11-23T07:00:00.000Z' });
    s = await buildSmallSchool(t);
  });
  afterEach(() => t.close());

  const cell = (text: string) => ({ entries: [{ lessonId: s.lessons.maths5a.id, studentId: s.students.first, text }] });
  const history = (token: string) => t.call('journal.cellHistory', { lessonId: s.lessons.maths5a.id, studentId: s.students.first }, token);

  it('lists marks and attendance set, changed and removed, with the work type and who did it', async () => {
    await t.call('journal.setMarks', cell('оп'), s.tokens.ivanova);
    t.clock.advance(60_000);
    await t.call('journal.setMarks', cell('н'), s.tokens.ivanova);
    t.clock.advance(60_000);
    await t.call('journal.setMarks', cell('5/4'), s.tokens.ivanova);
    t.clock.advance(60_000);
    const marks = await t.call('journal.setMarks', cell('5/4'), s.tokens.ivanova);
    const second = marks.results[0].ok ? marks.results[0].cell.marks[1].id : '';
    await t.call('journal.setMark', { lessonId: s.lessons.maths5a.id, studentId: s.students.first, markId: second, value: '4', workTypeId: s.workTypes.test }, s.tokens.ivanova);
    t.clock.advance(60_000);
    await t.call('journal.setMarks', cell('5'), s.tokens.ivanova);
    expect((await history(s.tokens.ivanova)).map((h) => [h.what, h.oldValue, h.newValue])).toEqual([
      ['Посещаемость', null, 'оп'],
      ['Посещаемость', 'оп', 'н'],
      // One entry «5/4» over «н»: the marks, then the absence taken off, at the same moment.
      ['Отметка', null, '5 (Работа на уроке)'],
      ['Отметка', null, '4 (Работа на уроке)'],
      ['Посещаемость', 'н', null],
      ['Вид работы', 'Работа на уроке', 'Тест'],
      ['Отметка', '4', null],
    ]);
  });

  it('opens for those who see the page (the class teacher, the director, a substitute of the page), and for no one else', async () => {
    await t.call('journal.setMarks', cell('5'), s.tokens.ivanova);
    expect(await history(s.tokens.petrova)).toHaveLength(1);
    expect(await history(s.tokens.director)).toHaveLength(1);
    expect(await history(s.tokens.sidorov)).toHaveLength(1);
    expect((await t.fail('journal.cellHistory', { lessonId: s.lessons.maths5a.id, studentId: s.students.first }, s.tokens.secretary)).code).toBe('FORBIDDEN');
  });
});
