import { IsNull } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MarkEntity, AttendanceEntity } from '../../../main/core/db/entities/journal';
import { CurriculumItemEntity, GradingSystemEntity } from '../../../main/core/db/entities/school';
import { AuditEventEntity } from '../../../main/core/db/entities/system';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';
import { loginAt } from './helpers';

const Q2 = { from: '2026-11-05', to: '2026-12-28' };

describe('marks and attendance in the cells of a page (DOMAIN.md «The journal»)', () => {
  let t: TestRuntime;
  let s: SmallSchool;
  beforeEach(async () => {
    // Monday 23.11.2026, 10:00 in Moscow: the day of 5А's maths lesson.
    t = await createTestRuntime({ now: '2026-11-23T07:00:00.000Z' });
    s = await buildSmallSchool(t);
  });
  afterEach(() => t.close());

  const em = () => t.runtime.database().manager;
  const auditCount = () => em().count(AuditEventEntity);
  const cell = (studentId: string, text: string, lessonId = s.lessons.maths5a.id) => ({ lessonId, studentId, text });
  const liveMarks = () => em().createQueryBuilder(MarkEntity, 'm').where('m.deletedAt IS NULL').orderBy('m.setAt').getMany();

  it('takes «5/4» as two marks of the day’s work type and returns the new averages', async () => {
    const r = await t.call('journal.setMarks', { entries: [cell(s.students.first, '5/4')], range: Q2 }, s.tokens.ivanova);
    expect(r.results[0]).toMatchObject({ ok: true });
    const marks = await liveMarks();
    expect(marks.map((m) => [m.value, m.numericValue, m.workTypeId, m.weight, Boolean(m.late)])).toEqual([
      ['5', 5, s.workTypes.classwork, 1, false],
      ['4', 4, s.workTypes.classwork, 1, false],
    ]);
    expect(r.summaries[s.students.first]).toEqual({ average: 4.5, weighted: 4.5, count: 2 });
  });

  it('records «н» and «оп», lateness together with a mark, and marks the lesson’s attendance as taken', async () => {
    const r = await t.call('journal.setMarks', { entries: [cell(s.students.first, 'н'), cell(s.students.second, 'оп/5')] }, s.tokens.ivanova);
    expect(r.results.map((x) => x.ok)).toEqual([true, true]);
    const rows = await em().find(AttendanceEntity);
    expect(rows.map((a) => [a.studentId, a.code]).sort()).toEqual([[s.students.first, 'absent'], [s.students.second, 'late']].sort());
    expect((await liveMarks()).map((m) => m.value)).toEqual(['5']);
    const page = await t.call('journal.getPage', { classId: s.classes.c5a, subjectId: s.subjects.maths }, s.tokens.ivanova);
    expect(page.lessons.find((l) => l.id === s.lessons.maths5a.id)?.status).toBe('given');
  });

  it('replaces the cell’s contents in order, and an empty cell (Backspace) clears marks and absence', async () => {
    await t.call('journal.setMarks', { entries: [cell(s.students.first, 'н/5/4')] }, s.tokens.ivanova);
    const [first] = await liveMarks();
    await t.call('journal.setMarks', { entries: [cell(s.students.first, '3')] }, s.tokens.ivanova);
    const after = await liveMarks();
    // The first mark keeps its record (and its history); the second is removed.
    expect(after.map((m) => [m.id, m.value])).toEqual([[first.id, '3']]);
    expect(await em().count(AttendanceEntity, { where: { deletedAt: IsNull() } })).toBe(0);
    await t.call('journal.setMarks', { entries: [cell(s.students.first, '')] }, s.tokens.ivanova);
    expect(await liveMarks()).toEqual([]);
  });

  it('refuses «7» with a clear Russian message, saves the rest of a pasted block, and changes nothing for the refused cell', async () => {
    const before = await auditCount();
    const r = await t.call('journal.setMarks', { entries: [cell(s.students.first, '7'), cell(s.students.second, '4')] }, s.tokens.ivanova);
    expect(r.results[0]).toMatchObject({
      ok: false,
      code: 'VALIDATION',
      message: 'Отметка 7 невозможна: по предмету «Математика» ставятся отметки от 1 до 5.',
    });
    expect(r.results[1]).toMatchObject({ ok: true });
    expect((await liveMarks()).map((m) => [m.studentId, m.value])).toEqual([[s.students.second, '4']]);
    expect(await auditCount()).toBe(before + 1);
    const single = await t.fail('journal.setMark', { lessonId: s.lessons.maths5a.id, studentId: s.students.first, value: '7' }, s.tokens.ivanova);
    expect(single.message).toBe('Отметка 7 невозможна: по предмету «Математика» ставятся отметки от 1 до 5.');
  });

  it('gives grade 1 no marks, only attendance (seed 000 §2.8, seed 003 §4.4.5)', async () => {
    const r = await t.call('journal.setMarks', { entries: [cell(s.students.first, '5', s.lessons.maths1a.id)] }, s.tokens.sidorov);
    expect(r.results[0]).toMatchObject({ ok: false, message: 'В 1 классе отметки не ставятся: ведётся только учёт посещаемости и записи тем уроков.' });
    const page = await t.call('journal.getPage', { classId: s.classes.c1a, subjectId: s.subjects.maths }, s.tokens.sidorov);
    expect(page).toMatchObject({ marksAllowed: false, homeworkAllowed: false });
  });

  it('follows the curriculum’s grading system for the class: without marks, every mark is refused', async () => {
    await t.runtime.transact({ userId: null, method: 'test' }, async (write) => {
      const none = await write.insert(GradingSystemEntity, { code: 'none', name: 'Без отметок', allowModifiers: false });
      await write.insert(CurriculumItemEntity, {
        yearId: s.yearId,
        classId: s.classes.c5a,
        subjectId: s.subjects.maths,
        hoursPerWeek: 4,
        hoursPerYear: null,
        gradingSystemId: none.id,
        splitIntoGroups: false,
      });
    });
    const error = await t.fail('journal.setMark', { lessonId: s.lessons.maths5a.id, studentId: s.students.first, value: '5' }, s.tokens.ivanova);
    expect(error.message).toBe('По предмету «Математика» отметки не ставятся (безотметочное обучение).');
  });

  it('refuses marks on a lesson that has not taken place yet, and for a student not on the page', async () => {
    const ahead = await t.fail(
      'journal.setAttendance',
      { lessonId: s.lessons.substituted5a.id, studentId: s.students.first, code: 'absent' },
      s.tokens.sidorov,
    );
    expect(ahead.message).toBe('Урок 24.11.2026 ещё не прошёл: отметки и пропуски ставятся в день урока или позже.');
    const stranger = await t.fail('journal.setMark', { lessonId: s.lessons.maths5a.id, studentId: s.students.third, value: '5' }, s.tokens.ivanova);
    expect(stranger).toMatchObject({ code: 'VALIDATION' });
    expect(stranger.message).toContain('не числится на этой странице журнала 23.11.2026');
  });

  describe('scope: a teacher edits only their own pages and the lessons they substitute (seed 003 §4.4, seed 001 §5.2)', () => {
    it('refuses the class teacher in another teacher’s page, and nothing changes', async () => {
      const before = await auditCount();
      const r = await t.call('journal.setMarks', { entries: [cell(s.students.first, '5')] }, s.tokens.petrova);
      expect(r.results[0]).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      const single = await t.fail('journal.setMark', { lessonId: s.lessons.maths5a.id, studentId: s.students.first, value: '5' }, s.tokens.petrova);
      expect(single.code).toBe('FORBIDDEN');
      expect(single.message).toContain('записи вносит учитель, который ведёт этот предмет по нагрузке');
      expect(await liveMarks()).toEqual([]);
      expect(await auditCount()).toBe(before);
    });

    it('refuses the director by role, and nothing changes', async () => {
      const before = await auditCount();
      const error = await t.fail('journal.setMarks', { entries: [cell(s.students.first, '5')] }, s.tokens.director);
      expect(error).toMatchObject({ code: 'FORBIDDEN' });
      expect(error.message).toContain('директор');
      expect(await auditCount()).toBe(before);
    });

    it('lets the substitute mark the lesson they gave, and not the planned teacher', async () => {
      const sidorov = await loginAt(t, 'sidorov.on', '2026-11-24T08:00:00.000Z');
      const ivanova = await loginAt(t, 'ivanova.ap', '2026-11-24T08:00:00.000Z');
      const ok = await t.call('journal.setMarks', { entries: [cell(s.students.first, '4', s.lessons.substituted5a.id)] }, sidorov);
      expect(ok.results[0]).toMatchObject({ ok: true });
      const refused = await t.call('journal.setMarks', { entries: [cell(s.students.second, '4', s.lessons.substituted5a.id)] }, ivanova);
      expect(refused.results[0]).toMatchObject({ ok: false, code: 'FORBIDDEN', message: 'Урок проведён на замене: записи в нём вносит заменявший учитель.' });
    });
  });
});
