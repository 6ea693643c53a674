import { afterEach, describe, expect, it } from 'vitest';
import { AttendanceEntity, LessonEntity, MarkEntity } from '../../../../main/core/db/entities/journal';
import { StudentEntity } from '../../../../main/core/db/entities/contingent';
import { ChangeLogEntity } from '../../../../main/core/db/entities/system';
import { SyncWaitingEntity } from '../../../../main/core/db/entities/sync';
import { cellHistory } from '../../../../main/core/journal/history';
import { pendingRecords } from '../../../../main/core/sync/outbox';
import { deliver, flush, schoolOnDevices, type Device } from '../../../support/sync-devices';
import type { SmallSchool } from '../../../support/small-school';

/**
 * The merge of another computer's batches: per-field last writer wins by
 * the hybrid clock, tombstones as fields, rows that wait for their parent,
 * changes applied once, the loser kept in the history.
 */

let devices: Device[] = [];
afterEach(async () => {
  for (const d of devices) await d.t.close();
  devices = [];
});

async function setup(count: number): Promise<{ s: SmallSchool; a: Device; b: Device; c: Device }> {
  const r = await schoolOnDevices(count);
  devices = r.devices;
  return { s: r.school, a: r.devices[0], b: r.devices[1], c: r.devices[2] };
}

const range = undefined;

async function rows<T>(d: Device, entity: { options: { name: string } }, where: object = {}): Promise<T[]> {
  const ds = d.t.runtime.database();
  const key = ds.getMetadata(entity as never).primaryColumns[0].propertyName;
  return (await ds.manager.find(entity as never, { where, order: { [key]: 'ASC' } as never })) as T[];
}

// Sync between computers is for SQLite: a school on PostgreSQL shares its server (sync/README.md).
describe.skipIf(!!process.env.PG_URL)('applying another computer’s batches', () => {
  it('marks, attendance and a topic entered on A appear on B exactly as on A, and B does not ship them back', async () => {
    const { s, a, b } = await setup(2);
    const lesson = s.lessons.maths5a.id;
    await a.t.call('journal.setMarks', { entries: [{ lessonId: lesson, studentId: s.students.first, text: '5' }, { lessonId: lesson, studentId: s.students.second, text: 'н' }], range }, a.tokens.ivanova);
    await a.t.call('journal.setLessonText', { lessonId: lesson, topic: 'Сложение дробей', homework: '№ 245' }, a.tokens.ivanova);
    expect(await pendingRecords(a.t.runtime.database().manager, a.id)).toBe(3);
    await flush(a);
    expect(await pendingRecords(a.t.runtime.database().manager, a.id)).toBe(0);
    const [outcome] = await deliver(a, b);
    expect(outcome).toMatchObject({ applied: true, duplicates: 0, ignored: 0, waiting: 0 });

    const strip = (r: Record<string, unknown>) => ({ ...r, updatedAt: undefined });
    expect((await rows<Record<string, unknown>>(b, MarkEntity)).map(strip)).toEqual((await rows<Record<string, unknown>>(a, MarkEntity)).map(strip));
    expect((await rows<Record<string, unknown>>(b, AttendanceEntity)).map(strip)).toEqual((await rows<Record<string, unknown>>(a, AttendanceEntity)).map(strip));
    const lessonOnB = (await rows<{ topic: string; homework: string }>(b, LessonEntity, { id: lesson }))[0];
    expect(lessonOnB).toMatchObject({ topic: 'Сложение дробей', homework: '№ 245' });
    // B's history of the cell shows who did it on A.
    const history = await cellHistory(b.t.runtime.database().manager, lesson, s.students.first);
    expect(history.map((h) => [h.who, h.newValue])).toEqual([['Иванова А.П.', '5 (Работа на уроке)']]);
    // Recorded with their origin: nothing for B to ship.
    expect(await pendingRecords(b.t.runtime.database().manager, b.id)).toBe(0);
    const log = await rows<{ computerId: string }>(b, ChangeLogEntity, { entity: 'Mark' });
    expect(new Set(log.map((e) => e.computerId))).toEqual(new Set([a.id]));
    // The same batch again is nothing.
    expect((await deliver(a, b))[0]).toMatchObject({ applied: false });
  });

  it('the same field changed on two computers: the later write wins on both, and the earlier stays in the history', async () => {
    const { s, a, b } = await setup(2);
    const lesson = s.lessons.maths5a.id;
    await a.t.call('journal.setAttendance', { lessonId: lesson, studentId: s.students.first, code: 'absent' }, a.tokens.ivanova);
    a.t.clock.advance(1000);
    b.t.clock.advance(2000);
    await b.t.call('journal.setAttendance', { lessonId: lesson, studentId: s.students.first, code: 'late' }, b.tokens.ivanova);
    await flush(a);
    await flush(b);
    await deliver(a, b);
    await deliver(b, a);
    for (const d of [a, b]) {
      const [row] = await rows<{ code: string; id: string }>(d, AttendanceEntity, { studentId: s.students.first, lessonId: lesson });
      expect(row.code).toBe('late');
      const history = await cellHistory(d.t.runtime.database().manager, lesson, s.students.first);
      expect(history.map((h) => h.newValue).sort()).toEqual(['н', 'оп']);
    }
  });

  it('a removal is a tombstone that travels', async () => {
    const { s, a, b } = await setup(2);
    const lesson = s.lessons.maths5a.id;
    await a.t.call('journal.setMarks', { entries: [{ lessonId: lesson, studentId: s.students.first, text: '4' }], range }, a.tokens.ivanova);
    await flush(a);
    await deliver(a, b);
    a.t.clock.advance(1000);
    await a.t.call('journal.setMarks', { entries: [{ lessonId: lesson, studentId: s.students.first, text: '' }], range }, a.tokens.ivanova);
    await flush(a);
    await deliver(a, b);
    const marks = await rows<{ deletedAt: string | null }>(b, MarkEntity, { studentId: s.students.first });
    expect(marks).toHaveLength(1);
    expect(marks[0].deletedAt).not.toBeNull();
  });

  it('a row whose parent has not arrived waits, and is written when the parent comes', async () => {
    const { s, a, b, c } = await setup(3);
    // A enrols a student; B (which has A's batch) gives him a mark; C gets B's batch first.
    const studentId = await a.t.runtime.transact({ userId: null, method: 'test' }, async (write) => {
      const st = await write.insert(StudentEntity, {
        lastName: 'Новиков',
        firstName: 'Пётр',
        middleName: null,
        searchName: 'новиков петр',
        birthDate: '2015-03-01',
        sex: 'm',
        personalFileNo: null,
        address: null,
        phone: null,
        email: null,
        snils: null,
        note: null,
        dataCheckedAt: null,
      });
      return st.id;
    });
    await flush(a);
    await deliver(a, b);
    await b.t.runtime.transact({ userId: null, method: 'test' }, async (write) => {
      await write.insert(MarkEntity, {
        lessonId: s.lessons.maths5a.id,
        studentId,
        value: '5',
        numericValue: 5,
        workTypeId: s.workTypes.classwork,
        weight: 1,
        comment: null,
        setAt: b.t.clock.now().toISOString(),
        setBy: s.userIds.ivanova,
        late: false,
      });
    });
    await flush(b);
    const [early] = await deliver(b, c);
    expect(early.waiting).toBe(1);
    expect(await rows(c, MarkEntity, { studentId })).toHaveLength(0);
    expect(await rows(c, SyncWaitingEntity)).toHaveLength(1);
    await deliver(a, c);
    expect(await rows(c, MarkEntity, { studentId })).toHaveLength(1);
    expect(await rows(c, SyncWaitingEntity)).toHaveLength(0);
  });
});
