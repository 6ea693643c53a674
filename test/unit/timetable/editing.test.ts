import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TeacherUnavailabilityEntity } from '../../../main/core/db/entities/school';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildTimetableSchool, type TimetableSchool } from '../lessons/school-with-timetable';

/**
 * The deputy's editing methods: a placement that breaks a rule is refused
 * with the reasons unless confirmed, and then stays in the conflicts; a
 * split's two groups share a slot; moves take a card with them; swaps
 * exchange two lessons' slots.
 */
describe('placing, moving and swapping lessons', () => {
  let t: TestRuntime;
  let s: TimetableSchool;
  let tt: string;

  beforeEach(async () => {
    t = await createTestRuntime({ now: '2026-08-25T08:00:00.000Z' });
    s = await buildTimetableSchool(t);
    tt = (await t.call('timetable.create', { yearId: s.yearId, name: 'Основное', validFrom: '2026-09-01' }, s.tokens.deputy)).id;
  });
  afterEach(() => t.close());

  const place = (weekday: number, lessonNo: number, over: Record<string, unknown> = {}) =>
    t.call('timetable.place', { timetableId: tt, weekday, lessonNo, classId: s.classes.c5a, subjectId: s.subjects.maths, staffId: s.staff.ivanova, roomId: s.rooms.r201, ...over }, s.tokens.deputy);

  it('refuses a busy teacher with the reason, places it when confirmed, and lists the conflict until it is fixed', async () => {
    const first = await place(1, 1);
    expect(first.warnings).toEqual([]);
    const busy = await t.fail('timetable.place', { timetableId: tt, weekday: 1, lessonNo: 1, classId: s.classes.c1a, subjectId: s.subjects.maths, staffId: s.staff.ivanova }, s.tokens.deputy);
    expect(busy.code).toBe('CONFLICT');
    expect(busy.message).toBe(
      'Учитель Иванова А.П. в это время ведёт урок: 5А, математика. Урок можно поставить и так — он останется в списке конфликтов до исправления.',
    );
    const forced = await t.call('timetable.place', { timetableId: tt, weekday: 1, lessonNo: 1, classId: s.classes.c1a, subjectId: s.subjects.maths, staffId: s.staff.ivanova, force: true }, s.tokens.deputy);
    expect(forced.conflicts.map((c) => c.message)).toEqual(['Пн, 1 урок: учитель Иванова А.П. ведёт два урока сразу — 5А, математика и 1А, математика.']);
    const moved = await t.call('timetable.move', { entryId: forced.entry.id, weekday: 1, lessonNo: 2 }, s.tokens.deputy);
    expect(moved.conflicts).toEqual([]);
  });

  it('lets the two English groups share a slot, and moves a card as a whole', async () => {
    const g1 = await place(2, 3, { subjectId: s.english, groupId: s.groups.eng1, staffId: s.englishTeachers.smirnova, roomId: s.rooms.r301 });
    const g2 = await place(2, 3, { subjectId: s.english, groupId: s.groups.eng2, staffId: s.englishTeachers.kuznetsova, roomId: null, withEntryId: g1.entry.id });
    expect(g2.warnings).toEqual([]);
    expect(g2.entry.cardId).not.toBeNull();
    // The whole class cannot join them.
    const whole = await t.fail('timetable.place', { timetableId: tt, weekday: 2, lessonNo: 3, classId: s.classes.c5a, subjectId: s.subjects.russian, staffId: s.staff.petrova }, s.tokens.deputy);
    expect(whole.message).toContain('У 5А в это время урок группы: 5А, английский язык (1 подгруппа).');
    // Moving one group moves the card: both groups go to Thursday.
    const r = await t.call('timetable.move', { entryId: g1.entry.id, weekday: 4, lessonNo: 1 }, s.tokens.deputy);
    expect(r.moved.sort()).toEqual([g1.entry.id, g2.entry.id].sort());
    const entries = (await t.call('timetable.get', { id: tt }, s.tokens.deputy)).entries;
    expect(entries.map((e) => [e.weekday, e.lessonNo])).toEqual([
      [4, 1],
      [4, 1],
    ]);
  });

  it('swaps two lessons of a class', async () => {
    const maths = await place(1, 1);
    const russian = await place(1, 2, { subjectId: s.subjects.russian, staffId: s.staff.petrova, roomId: s.rooms.r202 });
    await t.call('timetable.swap', { entryId: maths.entry.id, otherEntryId: russian.entry.id }, s.tokens.deputy);
    const entries = (await t.call('timetable.get', { id: tt }, s.tokens.deputy)).entries;
    expect(entries.find((e) => e.id === maths.entry.id)).toMatchObject({ weekday: 1, lessonNo: 2 });
    expect(entries.find((e) => e.id === russian.entry.id)).toMatchObject({ weekday: 1, lessonNo: 1 });
  });

  it('shows every slot free or why not, the teacher’s day off included', async () => {
    await t.runtime.transact({ userId: null, method: 'test.fixture' }, (write) =>
      write.insert(TeacherUnavailabilityEntity, { staffId: s.staff.ivanova, weekday: 3, lessonNo: null, note: 'методический день' }),
    );
    await place(1, 1, { classId: s.classes.c1a });
    const slots = await t.call(
      'timetable.slots',
      { timetableId: tt, lesson: { classId: s.classes.c5a, subjectId: s.subjects.maths, staffId: s.staff.ivanova, roomId: s.rooms.r201 }, days: 5, lessonsPerDay: 2 },
      s.tokens.deputy,
    );
    const at = (weekday: number, lessonNo: number) => slots.find((x) => x.weekday === weekday && x.lessonNo === lessonNo)!;
    expect(slots).toHaveLength(10);
    expect(at(1, 1).reasons.map((r) => r.message)).toEqual([
      'Учитель Иванова А.П. в это время ведёт урок: 1А, математика.',
      'Кабинет 201 занят: 1А, математика, Иванова А.П.',
    ]);
    expect(at(3, 2).reasons.map((r) => r.message)).toEqual(['Учитель Иванова А.П. в это время не работает: методический день.']);
    expect(at(2, 2)).toMatchObject({ free: true, reasons: [] });
  });

  it('keeps a one-week timetable free of weeks A and B, and a teacher’s hand off it', async () => {
    const refused = await t.fail('timetable.place', { timetableId: tt, weekday: 1, lessonNo: 1, classId: s.classes.c5a, subjectId: s.subjects.maths, staffId: s.staff.ivanova, weekParity: 1 }, s.tokens.deputy);
    expect(refused).toMatchObject({ code: 'VALIDATION', details: { fields: { weekParity: 'Расписание на одну неделю: недели А и Б не различаются' } } });
    const teacher = await t.fail('timetable.place', { timetableId: tt, weekday: 1, lessonNo: 1, classId: s.classes.c5a, subjectId: s.subjects.maths, staffId: s.staff.ivanova }, s.tokens.ivanova);
    expect(teacher.code).toBe('FORBIDDEN');
  });
});
