import { afterEach, describe, expect, it } from 'vitest';
import { IsNull } from 'typeorm';
import { LessonEntity, MarkEntity, FinalMarkEntity } from '../../../main/core/db/entities/journal';
import { SubstitutionEntity } from '../../../main/core/db/entities/changes';
import { UserEntity } from '../../../main/core/db/entities/users';
import { AcademicYearEntity } from '../../../main/core/db/entities/calendar';
import { PlanTopicEntity } from '../../../main/core/db/entities/planning';
import { plannedLesson } from '../../../main/core/lessons/planned-lesson';
import { deliver, flush, schoolOnDevices, type Device } from '../../support/sync-devices';
import type { SmallSchool } from '../../support/small-school';

/**
 * The conflicts last-writer-wins must not hide (issue 15): found while
 * merging, listed once for the school on every computer, settled by the
 * deputy or the administrator, the settlement travelling like any change.
 */

let devices: Device[] = [];
afterEach(async () => {
  for (const d of devices) await d.t.close();
  devices = [];
});

async function setup(): Promise<{ s: SmallSchool; a: Device; b: Device }> {
  const r = await schoolOnDevices(2);
  devices = r.devices;
  return { s: r.school, a: r.devices[0], b: r.devices[1] };
}

/** Both computers send and receive until neither has anything new (what a few sync cycles do). */
async function exchange(a: Device, b: Device): Promise<void> {
  for (let round = 0; round < 4; round++) {
    await flush(a);
    await flush(b);
    await deliver(a, b);
    await deliver(b, a);
  }
}

const conflicts = (d: Device, state: 'open' | 'settled' | 'all' = 'open') => d.t.call('sync.conflicts', { state }, d.tokens.deputy);
const manager = (d: Device) => d.t.runtime.database().manager;

describe.skipIf(!!process.env.PG_URL)('sync conflicts', () => {
  it('two substitutions for one lesson: the later stays on both computers, the conflict is listed, and the deputy’s choice travels', async () => {
    const { s, a, b } = await setup();
    const lessonId = s.lessons.russian5a.id;
    await a.t.call('substitutions.apply', { lessonId, kind: 'substitute', substituteStaffId: s.staff.sidorov, confirm: true }, a.tokens.deputy);
    a.t.clock.advance(1000);
    b.t.clock.advance(2000);
    await b.t.call('substitutions.apply', { lessonId, kind: 'substitute', substituteStaffId: s.staff.ivanova, confirm: true }, b.tokens.deputy);
    await exchange(a, b);

    for (const d of [a, b]) {
      const live = await manager(d).find(SubstitutionEntity, { where: { lessonId, deletedAt: IsNull() } });
      expect(live.map((x) => x.substituteStaffId)).toEqual([s.staff.ivanova]);
      expect((await manager(d).findOneByOrFail(LessonEntity, { id: lessonId })).substituteStaffId).toBe(s.staff.ivanova);
      const [c] = await conflicts(d);
      expect(c).toMatchObject({ kind: 'double-substitution', title: 'Две замены одного урока', summary: 'Две замены одного урока: 5А, русский язык, 23.11.2026, 3-й урок' });
      expect(c.sides.map((x) => [x.computerName, x.text, x.current])).toEqual([
        ['ПК A', 'замена: Сидоров О.Н.', false],
        ['ПК B', 'замена: Иванова А.П.', true],
      ]);
      expect(c.actions).toEqual(['take']);
    }
    // The deputy on A keeps A's substitute after all.
    const [open] = await conflicts(a);
    const settled = await a.t.call('sync.settleConflict', { id: open.id, action: 'take', side: 0, note: 'Иванова на курсах' }, a.tokens.deputy);
    expect(settled).toMatchObject({ settlement: 'take:0', settledBy: 'Зайцева Е.Б.', actions: [] });
    await exchange(a, b);
    for (const d of [a, b]) {
      const live = await manager(d).find(SubstitutionEntity, { where: { lessonId, deletedAt: IsNull() } });
      expect(live.map((x) => x.substituteStaffId)).toEqual([s.staff.sidorov]);
      expect((await manager(d).findOneByOrFail(LessonEntity, { id: lessonId })).substituteStaffId).toBe(s.staff.sidorov);
      expect(await conflicts(d)).toEqual([]);
      expect((await conflicts(d, 'settled'))[0]).toMatchObject({ settlement: 'take:0', settlementNote: 'Иванова на курсах' });
    }
  });

  it('two different final marks set on two computers are listed; a correction made after seeing the other is not', async () => {
    const { s, a, b } = await setup();
    const ref = { classId: s.classes.c5a, subjectId: s.subjects.maths, studentId: s.students.first, periodId: s.periods.q2, reason: 'Проверка' };
    await a.t.call('journal.setFinalMark', { ...ref, value: '5' }, a.tokens.ivanova);
    a.t.clock.advance(1000);
    b.t.clock.advance(2000);
    await b.t.call('journal.setFinalMark', { ...ref, value: '4' }, b.tokens.ivanova);
    await exchange(a, b);
    for (const d of [a, b]) {
      expect((await manager(d).findOneByOrFail(FinalMarkEntity, { studentId: s.students.first, periodId: s.periods.q2 })).value).toBe('4');
      const [c] = await conflicts(d);
      expect(c).toMatchObject({ kind: 'final-mark', summary: 'Две разные итоговые отметки: Алексеев А., 5А, математика, II четверть' });
      expect(c.sides.map((x) => [x.text, x.current, x.who])).toEqual([
        ['отметка «5»', false, 'Иванова А.П.'],
        ['отметка «4»', true, 'Иванова А.П.'],
      ]);
    }
    // The deputy takes the «5» on B; then the teacher, having seen it on A, corrects it to «4» there: no new conflict.
    const [c] = await conflicts(b);
    await b.t.call('sync.settleConflict', { id: c.id, action: 'take', side: 0 }, b.tokens.deputy);
    await exchange(a, b);
    for (const d of [a, b]) expect((await manager(d).findOneByOrFail(FinalMarkEntity, { studentId: s.students.first, periodId: s.periods.q2 })).value).toBe('5');
    a.t.clock.advance(60_000);
    await a.t.call('journal.setFinalMark', { ...ref, value: '4' }, a.tokens.ivanova);
    await exchange(a, b);
    for (const d of [a, b]) {
      expect((await manager(d).findOneByOrFail(FinalMarkEntity, { studentId: s.students.first, periodId: s.periods.q2 })).value).toBe('4');
      expect(await conflicts(d)).toEqual([]);
    }
  });

  it('two accounts with one login: both kept, the older renamed on both computers, listed for the administrator', async () => {
    const { a, b } = await setup();
    await a.t.call('users.create', { login: 'novikov', staffId: null, roles: ['teacher'] }, a.tokens.admin);
    a.t.clock.advance(1000);
    b.t.clock.advance(2000);
    await b.t.call('users.create', { login: 'novikov', staffId: null, roles: ['secretary'] }, b.tokens.admin);
    await exchange(a, b);
    const logins = async (d: Device) => (await manager(d).find(UserEntity, { where: { deletedAt: IsNull() }, order: { login: 'ASC' } })).map((u) => u.login).filter((l) => l.startsWith('novikov'));
    expect(await logins(a)).toEqual(['novikov', 'novikov.2']);
    expect(await logins(b)).toEqual(['novikov', 'novikov.2']);
    const onA = await manager(a).findOneByOrFail(UserEntity, { login: 'novikov' });
    const onB = await manager(b).findOneByOrFail(UserEntity, { login: 'novikov' });
    expect(onA.id).toBe(onB.id);
    const [c] = await a.t.call('sync.conflicts', { state: 'open' }, a.tokens.admin);
    expect(c).toMatchObject({ kind: 'duplicate-login', summary: 'Две учётные записи с именем входа «novikov»', actions: ['acknowledge'] });
  });

  it('a mark made on a computer that had not heard the period was closed: kept, listed, and undone by the deputy', async () => {
    const { s, a, b } = await setup();
    // A lesson of the I quarter (it ended on 24.10.2026).
    const october = await a.t.runtime.transact({ userId: null, method: 'test' }, (write) =>
      write.insert(LessonEntity, plannedLesson({ yearId: s.yearId, date: '2026-10-20', lessonNo: 2, classId: s.classes.c5a, subjectId: s.subjects.maths, staffId: s.staff.ivanova })),
    );
    await exchange(a, b);
    await a.t.call('journal.closePeriod', { periodId: s.periods.q1 }, a.tokens.deputy);
    // B has not heard of it: the teacher enters a late mark there.
    b.t.clock.advance(1000);
    const r = await b.t.call('journal.setMarks', { entries: [{ lessonId: october.id, studentId: s.students.first, text: '5' }], reason: 'Пересдача' }, b.tokens.ivanova);
    expect(r.results[0].ok).toBe(true);
    await exchange(a, b);
    for (const d of [a, b]) {
      expect(await manager(d).count(MarkEntity, { where: { lessonId: october.id, deletedAt: IsNull() } })).toBe(1);
      const [c] = await conflicts(d);
      expect(c).toMatchObject({ kind: 'closed-period', actions: ['acknowledge', 'revert'] });
      expect(c.summary).toBe('Записи в закрытом периоде: 5А, математика, I четверть (ПК B)');
      expect(c.sides.map((x) => x.text)).toEqual(['отметка за 20.10.2026 (после закрытия)']);
    }
    const [c] = await conflicts(a);
    await a.t.call('sync.settleConflict', { id: c.id, action: 'revert' }, a.tokens.deputy);
    await exchange(a, b);
    for (const d of [a, b]) {
      expect(await manager(d).count(MarkEntity, { where: { lessonId: october.id, deletedAt: IsNull() } })).toBe(0);
      expect(await conflicts(d)).toEqual([]);
    }
  });

  it('topics added to one КТП on two computers keep every topic: the older ones move to the end of the plan, the same on both', async () => {
    const { s, a, b } = await setup();
    const plan = await a.t.call('plans.create', { yearId: s.yearId, classId: s.classes.c5a, subjectId: s.subjects.maths, staffId: s.staff.ivanova }, a.tokens.ivanova);
    await exchange(a, b);
    const topic = (title: string) => ({ title, hours: 1 });
    await a.t.call('plans.saveTopics', { id: plan.id, topics: [topic('Дроби'), topic('Сложение дробей'), topic('Вычитание дробей')] }, a.tokens.ivanova);
    a.t.clock.advance(1000);
    b.t.clock.advance(2000);
    await b.t.call('plans.saveTopics', { id: plan.id, topics: [topic('Натуральные числа'), topic('Делители')] }, b.tokens.ivanova);
    await exchange(a, b);
    const topics = async (d: Device) =>
      (await manager(d).find(PlanTopicEntity, { where: { planId: plan.id, deletedAt: IsNull() }, order: { ordinal: 'ASC' } })).map((t) => `${t.ordinal}. ${t.title}`);
    expect(await topics(a)).toEqual(['1. Натуральные числа', '2. Делители', '3. Вычитание дробей', '4. Дроби', '5. Сложение дробей']);
    expect(await topics(b)).toEqual(await topics(a));
  });

  it('a change made on a computer that had not heard the year was closed: applied on both (they must stay equal), listed for the administrator', async () => {
    const { s, a, b } = await setup();
    await a.t.runtime.transact({ userId: s.userIds.admin, method: 'test' }, (write) =>
      write.update(AcademicYearEntity, s.yearId, { status: 'closed', closedAt: a.t.clock.now().toISOString(), closedBy: s.userIds.admin }),
    );
    // Closed on A: the Writer refuses a mark there.
    const refused = await a.t.call('journal.setMarks', { entries: [{ lessonId: s.lessons.maths5a.id, studentId: s.students.first, text: '5' }] }, a.tokens.ivanova);
    expect(refused.results[0]).toMatchObject({ ok: false, code: 'READ_ONLY' });
    b.t.clock.advance(1000);
    await b.t.call('journal.setMarks', { entries: [{ lessonId: s.lessons.maths5a.id, studentId: s.students.first, text: '4' }] }, b.tokens.ivanova);
    await exchange(a, b);
    for (const d of [a, b]) {
      expect((await manager(d).find(MarkEntity, { where: { lessonId: s.lessons.maths5a.id, deletedAt: IsNull() } })).map((m) => m.value)).toEqual(['4']);
      const list = await d.t.call('sync.conflicts', { state: 'open' }, d.tokens.admin);
      expect(list.map((c) => [c.kind, c.summary, c.actions])).toEqual([['closed-year', 'Изменения в закрытом учебном году 2026/2027 (ПК B)', ['acknowledge']]]);
      expect(list[0].explanation).toContain('архив года сделан без них');
    }
  });

  it('a teacher given two lessons at one time on two computers is listed as booked twice', async () => {
    const { s, a, b } = await setup();
    // 6А has a lesson at the time of 5А’s Russian (Monday, lesson 3).
    const sixth = await a.t.runtime.transact({ userId: null, method: 'test' }, (write) =>
      write.insert(LessonEntity, plannedLesson({ yearId: s.yearId, date: '2026-11-23', lessonNo: 3, classId: s.classes.c6a, subjectId: s.subjects.maths, staffId: s.staff.ivanova })),
    );
    await exchange(a, b);
    await a.t.call('substitutions.apply', { lessonId: s.lessons.russian5a.id, kind: 'substitute', substituteStaffId: s.staff.sidorov, confirm: true }, a.tokens.deputy);
    await b.t.call('substitutions.apply', { lessonId: sixth.id, kind: 'substitute', substituteStaffId: s.staff.sidorov, confirm: true }, b.tokens.deputy);
    await exchange(a, b);
    for (const d of [a, b]) {
      const list = await conflicts(d);
      expect(list.map((c) => [c.kind, c.summary])).toEqual([['double-booking', 'Учитель занят дважды — Сидоров О.Н.: 23.11.2026, 3-й урок']]);
    }
  });
});
