import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IsNull } from 'typeorm';
import { LessonEntity, MarkEntity, AttendanceEntity, type Lesson } from '../../../main/core/db/entities/journal';
import { LessonReconciliationEntity } from '../../../main/core/db/entities/planning';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestRuntime, TEST_PASSWORD, type TestRuntime } from '../../support/runtime';
import { buildTimetableSchool, type TimetableSchool } from './school-with-timetable';

/**
 * Dated lessons come from the active timetables and the calendar; when the
 * timetable changes, the lessons from the change date are made again, and a
 * lesson with a topic, a mark or an absence is never lost: it is kept and
 * listed for the deputy to reconcile.
 */
describe('dated lessons from the timetable', () => {
  let t: TestRuntime;
  let s: TimetableSchool;
  let deputy: string;

  beforeEach(async () => {
    t = await createTestRuntime({ now: '2026-11-20T08:00:00.000Z' });
    s = await buildTimetableSchool(t);
    deputy = s.tokens.deputy;
  });
  afterEach(() => t.close());

  const em = () => t.runtime.database().manager;
  const liveLessons = async (where: Pick<Partial<Lesson>, 'classId' | 'subjectId'>) =>
    (await em().find(LessonEntity, { where: { ...where, deletedAt: IsNull() } })).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.lessonNo - b.lessonNo));

  /** 5А: mathematics Mon 2 and Thu 2 (Иванова), Russian Mon 3 (Петрова); 1А: mathematics Mon 1 (Сидоров). */
  async function firstTimetable() {
    const tt = await t.call('timetable.create', { yearId: s.yearId, name: 'Основное', validFrom: '2026-09-01' }, deputy);
    const place = (weekday: number, lessonNo: number, classId: string, subjectId: string, staffId: string, roomId: string | null = null) =>
      t.call('timetable.place', { timetableId: tt.id, weekday, lessonNo, classId, subjectId, staffId, roomId }, deputy);
    const mondayMaths = await place(1, 2, s.classes.c5a, s.subjects.maths, s.staff.ivanova, s.rooms.r201);
    await place(4, 2, s.classes.c5a, s.subjects.maths, s.staff.ivanova, s.rooms.r201);
    await place(1, 3, s.classes.c5a, s.subjects.russian, s.staff.petrova, s.rooms.r202);
    await place(1, 1, s.classes.c1a, s.subjects.maths, s.staff.sidorov);
    return { tt, mondayMaths: mondayMaths.entry };
  }

  it('makes the lessons of school days only: no day off, a worked Saturday by its Monday, no vacation', async () => {
    const { tt } = await firstTimetable();
    const result = await t.call('timetable.activate', { id: tt.id }, deputy);
    expect(result.lessons?.from).toBe('2026-09-01');
    const maths = await liveLessons({ classId: s.classes.c5a, subjectId: s.subjects.maths });
    // September: Thursdays 3, 10, 17, 24; Mondays 7, 21, 28 (14 is a day off); Saturday 26 works as a Monday.
    expect(maths.filter((l) => l.date < '2026-10-01').map((l) => l.date)).toEqual([
      '2026-09-03',
      '2026-09-07',
      '2026-09-10',
      '2026-09-17',
      '2026-09-21',
      '2026-09-24',
      '2026-09-26',
      '2026-09-28',
    ]);
    // Nothing between the first and the second quarter (25.10–04.11), nothing after the fourth (26.05.2027).
    expect(maths.filter((l) => l.date > '2026-10-24' && l.date < '2026-11-05')).toEqual([]);
    expect(maths[maths.length - 1].date <= '2027-05-26').toBe(true);
    // The lesson the school had already entered by hand (Monday 23.11, lesson 2) is adopted, not doubled.
    const nov23 = maths.filter((l) => l.date === '2026-11-23');
    expect(nov23.map((l) => l.id)).toEqual([s.lessons.maths5a.id]);
    expect(nov23[0].timetableEntryId).not.toBeNull();
    // Every timetable lesson has its entry's teacher and room; the Tuesday lesson entered by hand is left alone.
    const fromTimetable = maths.filter((l) => l.timetableEntryId);
    expect(fromTimetable.length).toBe(maths.length - 1);
    expect(new Set(fromTimetable.map((l) => l.staffId))).toEqual(new Set([s.staff.ivanova]));
    expect(fromTimetable.every((l) => l.roomId === s.rooms.r201)).toBe(true);
    expect(maths.find((l) => !l.timetableEntryId)).toEqual(s.lessons.substituted5a);
    // A second run changes nothing.
    const again = await t.call('lessons.generate', { yearId: s.yearId, fromDate: '2026-09-01' }, deputy);
    expect(again).toMatchObject({ created: 0, updated: 0, removed: 0, kept: 0 });
  });

  it('switches to a new timetable from a date: earlier lessons and marks intact, a lesson with entries kept for reconciliation', async () => {
    const { tt } = await firstTimetable();
    await t.call('timetable.activate', { id: tt.id }, deputy);
    const before = await liveLessons({ classId: s.classes.c5a, subjectId: s.subjects.maths });
    const at = (date: string) => before.find((l) => l.date === date)!;
    // Entries in three lessons: a mark on 09.11 (before the switch), an absence on 12.11, a topic on 16.11.
    await t.runtime.transact({ userId: s.userIds.ivanova, method: 'test.entries' }, async (write) => {
      await write.insert(MarkEntity, {
        lessonId: at('2026-11-09').id,
        studentId: s.students.first,
        value: '5',
        numericValue: 5,
        workTypeId: s.workTypeId,
        weight: 1,
        comment: null,
        setAt: '2026-11-09T09:00:00.000Z',
        setBy: s.userIds.ivanova,
        late: false,
      });
      await write.insert(AttendanceEntity, {
        lessonId: at('2026-11-12').id,
        studentId: s.students.second,
        code: 'absent',
        reasonKind: null,
        reasonNote: null,
        setAt: '2026-11-12T09:00:00.000Z',
        setBy: s.userIds.ivanova,
      });
      await write.update(LessonEntity, at('2026-11-16').id, { topic: 'Сложение дробей' });
    });

    // From Thursday 12.11: mathematics moves from Monday to Wednesday, lesson 4.
    const next = await t.call('timetable.create', { yearId: s.yearId, name: 'Со II четверти', validFrom: '2026-11-12', copyFromId: tt.id }, deputy);
    const got = await t.call('timetable.get', { id: next.id }, deputy);
    const monday = got.entries.find((e) => e.weekday === 1 && e.lessonNo === 2 && e.subjectId === s.subjects.maths)!;
    await t.call('timetable.move', { entryId: monday.id, weekday: 3, lessonNo: 4 }, deputy);
    const switched = await t.call('timetable.activate', { id: next.id }, deputy);
    expect(switched.lessons).toMatchObject({ from: '2026-11-12', kept: 1 });

    const after = await liveLessons({ classId: s.classes.c5a, subjectId: s.subjects.maths });
    // Before the switch nothing changed: the same lessons, the mark in its place.
    expect(after.filter((l) => l.date < '2026-11-12')).toEqual(before.filter((l) => l.date < '2026-11-12'));
    const marks = await em().find(MarkEntity, { where: { deletedAt: IsNull() } });
    expect(marks.map((m) => m.lessonId)).toEqual([at('2026-11-09').id]);
    // Thursday 12.11 is in both timetables: the same lesson, with its absence, now the new timetable's.
    const thu = after.find((l) => l.date === '2026-11-12')!;
    expect(thu.id).toBe(at('2026-11-12').id);
    expect((await em().find(AttendanceEntity, { where: { lessonId: thu.id } })).length).toBe(1);
    expect(got.entries.some((e) => e.id === thu.timetableEntryId)).toBe(true);
    // Monday 16.11 had a topic: kept; Monday 23.11 was empty: removed; Wednesdays appear.
    const mondaysAfter = after.filter((l) => l.date >= '2026-11-12' && new Date(`${l.date}T00:00:00Z`).getUTCDay() === 1);
    expect(mondaysAfter.map((l) => l.date)).toEqual(['2026-11-16']);
    expect(after.filter((l) => l.date >= '2026-11-12' && l.date < '2026-12-01' && l.lessonNo === 4).map((l) => l.date)).toEqual([
      '2026-11-18',
      '2026-11-25',
    ]);
    const list = await t.call('lessons.reconciliation', { yearId: s.yearId }, deputy);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ date: '2026-11-16', lessonNo: 2, className: '5А', subjectName: 'Математика', topic: 'Сложение дробей' });
    expect(list[0].candidates.map((c) => c.date)).toContain('2026-11-18');

    // Applying again keeps one open reconciliation, not two.
    const again = await t.call('lessons.generate', { yearId: s.yearId, fromDate: '2026-11-12' }, deputy);
    expect(again).toMatchObject({ created: 0, removed: 0, kept: 1 });
    expect(await t.call('lessons.reconciliation', { yearId: s.yearId }, deputy)).toHaveLength(1);

    // The deputy moves the topic to Wednesday 18.11: the Monday lesson goes, the topic stays in the journal.
    const wednesday = list[0].candidates.find((c) => c.date === '2026-11-18')!;
    await t.call('lessons.reconcile', { id: list[0].id, action: 'merge', targetLessonId: wednesday.id }, deputy);
    expect(await t.call('lessons.reconciliation', { yearId: s.yearId }, deputy)).toEqual([]);
    const merged = await em().findOneByOrFail(LessonEntity, { id: wednesday.id });
    expect(merged.topic).toBe('Сложение дробей');
    expect((await em().findOneByOrFail(LessonEntity, { id: at('2026-11-16').id })).deletedAt).not.toBeNull();
  });

  it('brings a kept lesson back when the timetable that had it returns', async () => {
    const { tt } = await firstTimetable();
    await t.call('timetable.activate', { id: tt.id }, deputy);
    const monday = (await liveLessons({ classId: s.classes.c5a, subjectId: s.subjects.maths })).find((l) => l.date === '2026-11-16')!;
    await t.runtime.transact({ userId: s.userIds.ivanova, method: 'test.entries' }, (write) =>
      write.update(LessonEntity, monday.id, { homework: '№ 245, 247' }),
    );
    const next = await t.call('timetable.create', { yearId: s.yearId, name: 'Со II четверти', validFrom: '2026-11-12', copyFromId: tt.id }, deputy);
    const entries = (await t.call('timetable.get', { id: next.id }, deputy)).entries;
    await t.call('timetable.removeEntry', { entryId: entries.find((e) => e.weekday === 1 && e.subjectId === s.subjects.maths && e.classId === s.classes.c5a)!.id }, deputy);
    await t.call('timetable.activate', { id: next.id }, deputy);
    expect(await t.call('lessons.reconciliation', { yearId: s.yearId }, deputy)).toHaveLength(1);

    await t.call('timetable.deactivate', { id: next.id }, deputy);
    expect(await t.call('lessons.reconciliation', { yearId: s.yearId }, deputy)).toEqual([]);
    const back = await em().findOneByOrFail(LessonEntity, { id: monday.id });
    expect(back.deletedAt).toBeNull();
    expect(back.homework).toBe('№ 245, 247');
    const rec = await em().findOneByOrFail(LessonReconciliationEntity, { lessonId: monday.id });
    expect(rec.resolution).toBe('rematched');
  });

  it('alternates weeks A and B from the week the year starts', async () => {
    const tt = await t.call('timetable.create', { yearId: s.yearId, name: 'Две недели', validFrom: '2026-09-01', cycleWeeks: 2 }, deputy);
    const base = { timetableId: tt.id, classId: s.classes.c1a, subjectId: s.subjects.russian, staffId: s.staff.sidorov };
    await t.call('timetable.place', { ...base, weekday: 5, lessonNo: 3, weekParity: 1 }, deputy);
    await t.call('timetable.place', { ...base, weekday: 3, lessonNo: 3, weekParity: 2 }, deputy);
    await t.call('timetable.activate', { id: tt.id }, deputy);
    const lessons = await liveLessons({ classId: s.classes.c1a, subjectId: s.subjects.russian });
    // 01.09.2026 is a Tuesday: its week is A. Fridays of weeks A: 04.09, 18.09; Wednesdays of weeks B: 09.09, 23.09.
    expect(lessons.filter((l) => l.date < '2026-10-01').map((l) => l.date)).toEqual(['2026-09-04', '2026-09-09', '2026-09-18', '2026-09-23']);
  });

  it('keeps a switch date inside the year and refuses two timetables starting on one day', async () => {
    const { tt } = await firstTimetable();
    await t.call('timetable.activate', { id: tt.id }, deputy);
    const other = await t.call('timetable.create', { yearId: s.yearId, name: 'Другое', validFrom: '2026-09-01' }, deputy);
    const twin = await t.fail('timetable.activate', { id: other.id }, deputy);
    expect(twin.code).toBe('CONFLICT');
    expect(twin.message).toContain('С 01.09.2026 уже действует расписание «Основное»');
    const outside = await t.fail('timetable.create', { yearId: s.yearId, name: 'Летнее', validFrom: '2027-07-01' }, deputy);
    expect(outside).toMatchObject({ code: 'VALIDATION', details: { fields: { validFrom: 'Дата вне учебного года' } } });
  });

  it.skipIf(!!process.env.PG_URL)('makes the same lessons, with the same ids, on two computers that generate them from one timetable', async () => {
    const { tt } = await firstTimetable();
    // The second computer starts from a copy of the school (as from the shared folder's snapshot).
    const copyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-second-computer-'));
    const copy = path.join(copyDir, 'school.sqlite');
    await t.runtime.database().query('PRAGMA wal_checkpoint(TRUNCATE)');
    fs.copyFileSync((t.runtime.dbConfig as { file: string }).file, copy);
    const second = await createTestRuntime({ now: '2026-11-20T08:00:00.000Z', db: { kind: 'sqlite', file: copy } });
    try {
      expect(second.runtime.changes.computerId).not.toBe(t.runtime.changes.computerId);
      const deputyThere = (await second.call('auth.login', { login: 'zavuch', password: TEST_PASSWORD })).token;
      await t.call('timetable.activate', { id: tt.id }, deputy);
      await second.call('timetable.activate', { id: tt.id }, deputyThere);
      const ids = async (rt: TestRuntime) =>
        (await rt.runtime.database().manager.find(LessonEntity, { where: { deletedAt: IsNull() }, select: { id: true } })).map((l) => l.id).sort();
      const here = await ids(t);
      expect(here.length).toBeGreaterThan(100);
      expect(await ids(second)).toEqual(here);
    } finally {
      await second.close();
      fs.rmSync(copyDir, { recursive: true, force: true });
    }
  });
});
