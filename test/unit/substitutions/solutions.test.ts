import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IsNull } from 'typeorm';
import { SubstitutionEntity, LessonMoveEntity } from '../../../main/core/db/entities/changes';
import { LessonEntity } from '../../../main/core/db/entities/journal';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildSubSchool, type SubSchool } from './fixture';

describe('solutions for a lesson and their conflicts', () => {
  let t: TestRuntime;
  let s: SubSchool;
  const em = () => t.runtime.database().manager;
  const lesson = (key: string) => em().findOneByOrFail(LessonEntity, { id: s.lessons[key].id });
  const liveSubs = (key: string) => em().find(SubstitutionEntity, { where: { lessonId: s.lessons[key].id, deletedAt: IsNull() } });

  beforeAll(async () => {
    t = await createTestRuntime();
    s = await buildSubSchool(t);
    await t.call('substitutions.saveAbsence', { staffId: s.staff.ivanova, fromDate: '2026-11-23', toDate: '2026-11-24', reason: 'illness' }, s.tokens.deputy);
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.advance(1000));

  it('refuses a substitute who teaches at that time, or who is away', async () => {
    const busy = await t.fail('substitutions.apply', { lessonId: s.lessons['mon.5a.3'].id, kind: 'substitute', substituteStaffId: s.staff.kuznetsov }, s.tokens.deputy);
    expect([busy.code, busy.message]).toEqual(['CONFLICT', 'Кузнецов И.И. в это время ведёт урок: 3-й урок, 6А, Математика.']);
    await t.call('substitutions.saveAbsence', { staffId: s.staff.volkov, fromDate: '2026-11-23', toDate: '2026-11-23', reason: 'course' }, s.tokens.deputy);
    const away = await t.fail('substitutions.apply', { lessonId: s.lessons['mon.5a.3'].id, kind: 'substitute', substituteStaffId: s.staff.volkov }, s.tokens.deputy);
    expect(away.message).toBe('Волков С.П. отсутствует в это время (курсы повышения квалификации).');
    expect(await liveSubs('mon.5a.3')).toEqual([]);
  });

  it('asks to confirm a teacher who is blocked at that time or over the daily maximum, and saves only when confirmed', async () => {
    const blocked = await t.fail('substitutions.apply', { lessonId: s.lessons['mon.5a.2'].id, kind: 'substitute', substituteStaffId: s.staff.belova }, s.tokens.deputy);
    expect(blocked.code).toBe('CONFLICT');
    expect(blocked.details).toMatchObject({ needsConfirm: true, warnings: ['Белова Д.А. не ведёт уроки в это время (методический час).'] });
    const over = await t.fail('substitutions.apply', { lessonId: s.lessons['mon.5a.2'].id, kind: 'substitute', substituteStaffId: s.staff.orlova }, s.tokens.deputy);
    expect(over.message).toBe('Орлова О.О.: в этот день будет 3 урока, больше установленного максимума (2). Подтвердите, чтобы сохранить.');
    expect(await liveSubs('mon.5a.2')).toEqual([]);
  });

  it('saves a substitute with the hours and pay of the rules, mirrored on the lesson for the journal', async () => {
    const dto = await t.call('substitutions.apply', { lessonId: s.lessons['mon.5a.2'].id, kind: 'substitute', substituteStaffId: s.staff.smirnova }, s.tokens.deputy);
    expect([dto.state, dto.solution?.text]).toEqual(['solved', 'Замена: Смирнова Е.В.']);
    const [row] = await liveSubs('mon.5a.2');
    expect([row.kind, row.hours, Boolean(row.paid), row.teacherAbsenceId !== null]).toEqual(['substitute', 1, true, true]);
    expect((await lesson('mon.5a.2')).substituteStaffId).toBe(s.staff.smirnova);
  });

  it('warns before a second solution for one lesson and keeps one live row', async () => {
    const e = await t.fail('substitutions.apply', { lessonId: s.lessons['mon.5a.2'].id, kind: 'cancel' }, s.tokens.deputy);
    expect(e.details).toMatchObject({ needsConfirm: true });
    expect(e.message).toContain('У урока уже есть решение («Замена: Смирнова Е.В.»): оно будет заменено новым.');
    await t.call('substitutions.apply', { lessonId: s.lessons['mon.5a.2'].id, kind: 'cancel', confirm: true }, s.tokens.deputy);
    const rows = await liveSubs('mon.5a.2');
    expect(rows.map((r) => r.kind)).toEqual(['cancel']);
    const l = await lesson('mon.5a.2');
    expect([l.status, l.substituteStaffId]).toEqual(['cancelled', null]);
    // Taken back: the lesson is planned again and open.
    const back = await t.call('substitutions.remove', { lessonId: s.lessons['mon.5a.2'].id }, s.tokens.deputy);
    expect([back.state, (await lesson('mon.5a.2')).status]).toEqual(['open', 'planned']);
    expect(await liveSubs('mon.5a.2')).toEqual([]);
  });

  it('merges a class into a parallel lesson: it sits in that room, counted by the merge rule, and its own room is free', async () => {
    const dto = await t.call('substitutions.apply', { lessonId: s.lessons['mon.5b.4'].id, kind: 'merge', mergedWithLessonId: s.lessons['mon.5v.4'].id }, s.tokens.deputy);
    expect(dto.solution?.text).toBe('Объединение с 5В (Математика), ведёт Кузнецов И.И.');
    const [row] = await liveSubs('mon.5b.4');
    expect([row.hours, row.substituteStaffId]).toEqual([0.5, s.staff.kuznetsov]);
    // Room 13 holds 5В and 5Б now; room 12 is free at the 4th.
    const taken = await t.fail('substitutions.apply', { lessonId: s.lessons['mon.5a.4'].id, kind: 'room_change', newRoomId: s.rooms.r13 }, s.tokens.deputy);
    expect(taken.message).toBe('Кабинет 13 в это время занят: 4-й урок, 5В, Математика.');
    const moved = await t.call('substitutions.apply', { lessonId: s.lessons['mon.5a.4'].id, kind: 'room_change', newRoomId: s.rooms.r12 }, s.tokens.deputy);
    expect(moved.solution?.text).toBe('Кабинет 12 вместо 11');
    // 5В's lesson cannot be cancelled while 5Б sits in it.
    await t.call('substitutions.saveAbsence', { staffId: s.staff.kuznetsov, fromDate: '2026-11-30', toDate: '2026-11-30', reason: 'other' }, s.tokens.deputy);
    const joined = await t.fail('substitutions.apply', { lessonId: s.lessons['mon.5v.4'].id, kind: 'cancel' }, s.tokens.deputy);
    expect(joined.message).toBe('К этому уроку присоединён 5Б: сначала измените решение для него.');
  });

  it('keeps a changed room when the lesson then gets a substitute', async () => {
    // Белова is away at the 4th after all: 5А's English, already moved to room 12, gets Петрова and keeps the room.
    await t.call('substitutions.saveAbsence', { staffId: s.staff.belova, fromDate: '2026-11-23', toDate: '2026-11-23', fromLessonNo: 4, toLessonNo: 4, reason: 'business' }, s.tokens.deputy);
    const dto = await t.call('substitutions.apply', { lessonId: s.lessons['mon.5a.4'].id, kind: 'substitute', substituteStaffId: s.staff.petrova }, s.tokens.deputy);
    expect(dto.solution?.text).toBe('Замена: Петрова М.И., кабинет 12');
    expect((await liveSubs('mon.5a.4')).map((r) => [r.kind, r.newRoomId])).toEqual([['substitute', s.rooms.r12]]);
  });

  it('refuses to merge with a lesson at another time or of another grade', async () => {
    const e = await t.fail('substitutions.apply', { lessonId: s.lessons['mon.5a.3'].id, kind: 'merge', mergedWithLessonId: s.lessons['mon.6a.3'].id }, s.tokens.deputy);
    expect(e.message).toBe('Объединить можно только с уроком параллельного класса или другой группы этого класса в то же время.');
  });

  it('refuses to cancel a lesson that already has entries', async () => {
    await t.runtime.transact({ userId: null, method: 'test' }, (w) => w.update(LessonEntity, s.lessons['mon.6a.5'].id, { topic: 'Причастие' }));
    const e = await t.fail('substitutions.apply', { lessonId: s.lessons['mon.6a.5'].id, kind: 'cancel' }, s.tokens.deputy);
    expect(e.message).toBe('В уроке уже есть записи (тема, домашнее задание, отметки или пропуски): отменить его нельзя.');
  });

  it('moves a lesson to a free place: the lesson appears at its new date and remembers where it was', async () => {
    const busy = await t.fail('substitutions.move', { lessonId: s.lessons['tue.5b.2'].id, toDate: '2026-11-26', toLessonNo: 5 }, s.tokens.deputy);
    expect(busy.message).toBe('У класса в это время уже есть урок: 5-й урок, 5Б, Русский язык.');
    const sunday = await t.fail('substitutions.move', { lessonId: s.lessons['tue.5b.2'].id, toDate: '2026-11-29', toLessonNo: 1 }, s.tokens.deputy);
    expect(sunday.message).toBe('В воскресенье уроков нет.');
    await t.call('substitutions.move', { lessonId: s.lessons['tue.5b.2'].id, toDate: '2026-11-26', toLessonNo: 6, reason: 'болезнь учителя' }, s.tokens.deputy);
    const l = await lesson('tue.5b.2');
    expect([l.date, l.lessonNo, l.movedFromDate, l.movedFromLessonNo]).toEqual(['2026-11-26', 6, '2026-11-24', 2]);
    const thu = await t.call('substitutions.day', { date: '2026-11-26' }, s.tokens.deputy);
    expect(thu.lessons.map((x) => [x.classLabel, x.lessonNo, x.state, x.movedFrom])).toEqual([['5Б', 6, 'moved_in', 'с 24.11, 2-й урок']]);
    // Tuesday no longer has it open.
    const tue = await t.call('substitutions.day', { date: '2026-11-24' }, s.tokens.deputy);
    expect(tue.lessons.map((x) => [x.classLabel, x.lessonNo])).toEqual([['5А', 1]]);
    // And back again: the teacher is still away there, so the deputy confirms.
    const warn = await t.fail('substitutions.undoMove', { lessonId: s.lessons['tue.5b.2'].id }, s.tokens.deputy);
    expect(warn.message).toBe(
      'Вернуть урок на 24.11.2026, 2-й урок: Иванова А.П. отсутствует и в это время (болезнь): урок снова потребует замены. Подтвердите, чтобы сохранить.',
    );
    await t.call('substitutions.undoMove', { lessonId: s.lessons['tue.5b.2'].id, confirm: true }, s.tokens.deputy);
    const home = await lesson('tue.5b.2');
    expect([home.date, home.lessonNo, home.movedFromDate]).toEqual(['2026-11-24', 2, null]);
    expect(await em().count(LessonMoveEntity, { where: { lessonId: home.id, deletedAt: IsNull() } })).toBe(0);
  });

  it('warns of a holiday on the new date only for the grades it is for (a first graders’ holiday, named so)', async () => {
    // Entered on the calendar screen, such a holiday says whose it is by its name alone.
    const holiday = await t.call(
      'school.saveHoliday',
      { yearId: s.yearId, name: 'Дополнительные каникулы для 1-х классов', kind: 'vacation', startDate: '2026-11-26', endDate: '2026-11-26' },
      s.tokens.deputy,
    );
    await t.call('substitutions.move', { lessonId: s.lessons['tue.5b.2'].id, toDate: '2026-11-26', toLessonNo: 6 }, s.tokens.deputy);
    expect((await lesson('tue.5b.2')).date).toBe('2026-11-26');
    await t.call('substitutions.undoMove', { lessonId: s.lessons['tue.5b.2'].id, confirm: true }, s.tokens.deputy);
    await t.call('school.saveHoliday', { id: holiday.id, yearId: s.yearId, name: 'Осенние каникулы', kind: 'vacation', startDate: '2026-11-26', endDate: '2026-11-26' }, s.tokens.deputy);
    const warned = await t.fail('substitutions.move', { lessonId: s.lessons['tue.5b.2'].id, toDate: '2026-11-26', toLessonNo: 6 }, s.tokens.deputy);
    expect(warned.message).toContain('26.11.2026 — Осенние каникулы: уроков по календарю нет.');
    await t.call('school.removeHoliday', { id: holiday.id }, s.tokens.deputy);
  });

  it('refuses everything to a teacher', async () => {
    const e = await t.fail('substitutions.apply', { lessonId: s.lessons['mon.5a.3'].id, kind: 'cancel' }, s.tokens.smirnova);
    expect(e.code).toBe('FORBIDDEN');
  });
});

describe('the journal follows', () => {
  let t: TestRuntime;
  let s: SubSchool;

  beforeAll(async () => {
    t = await createTestRuntime();
    s = await buildSubSchool(t);
    await t.call('substitutions.saveAbsence', { staffId: s.staff.ivanova, fromDate: '2026-11-23', toDate: '2026-11-23', reason: 'illness' }, s.tokens.deputy);
    await t.call('substitutions.apply', { lessonId: s.lessons['mon.5a.2'].id, kind: 'substitute', substituteStaffId: s.staff.smirnova }, s.tokens.deputy);
  });
  afterAll(() => t.close());

  it('lets the substitute write the topic and marks of the lesson they cover', async () => {
    const topic = await t.call('journal.setLessonText', { lessonId: s.lessons['mon.5a.2'].id, topic: 'Сложение дробей' }, s.tokens.smirnova);
    expect(topic.topic).toBe('Сложение дробей');
    const mark = await t.call('journal.setMark', { lessonId: s.lessons['mon.5a.2'].id, studentId: s.students[0], value: '5' }, s.tokens.smirnova);
    expect(mark.cell.marks.map((m: { value: string }) => m.value)).toEqual(['5']);
  });

  it('does not let the substitute into the absent teacher’s other lessons, nor the absent teacher into the covered one', async () => {
    const other = await t.fail('journal.setLessonText', { lessonId: s.lessons['mon.5a.3'].id, topic: 'Вычитание дробей' }, s.tokens.smirnova);
    expect(other.code).toBe('FORBIDDEN');
    const own = await t.fail('journal.setLessonText', { lessonId: s.lessons['mon.5a.2'].id, topic: 'Другое' }, s.tokens.ivanova);
    expect(own.code).toBe('FORBIDDEN');
  });

  it('shows the lesson on the page with both teachers', async () => {
    const page = await t.call('journal.getPage', { classId: s.classes.c5a, subjectId: s.subjects.maths }, s.tokens.deputy);
    const l = page.lessons.find((x: { id: string }) => x.id === s.lessons['mon.5a.2'].id)!;
    expect([l.teacher, l.substitute]).toEqual(['Иванова А.П.', 'Смирнова Е.В.']);
  });
});
