import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SharedFolder } from '../../../main/core/sync/share';
import { lastRecordedSeq, markWritten, pendingRecords, rebuildBatch, setBaseline, takeNextBatch } from '../../../main/core/sync/outbox';
import { SyncBatchEntity } from '../../../main/core/db/entities/sync';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';
import { LOWEST_COST, PASSPHRASE } from '../../support/sync-share';

/**
 * The outbox: this computer's change-log entries not yet on the shared
 * folder, cut into batches recorded before they are written, so that a batch
 * written again (after a crash, or after the folder lost it) is the same one.
 */

let t: TestRuntime | undefined;
let root: string | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
  if (root) fs.rmSync(root, { recursive: true, force: true });
  root = undefined;
});

async function school(): Promise<{ t: TestRuntime; s: SmallSchool; me: string; folder: SharedFolder }> {
  t = await createTestRuntime();
  const s = await buildSmallSchool(t);
  const me = t.runtime.changes.computerId;
  await t.runtime.database().transaction((em) => setBaseline(em, t!.clock.now().toISOString()));
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-outbox-'));
  const dataSet = (await t.runtime.database().manager.query('SELECT id FROM data_set'))[0].id as string;
  const folder = await SharedFolder.create({ root, passphrase: PASSPHRASE, computerId: me, computerName: 'ПК A', programVersion: '0.1.0', dataDir: t.dataDir, dataSetId: dataSet, kdfCost: LOWEST_COST });
  return { t, s, me, folder };
}

const take = (rt: TestRuntime, me: string, limit?: number) => rt.runtime.database().transaction((em) => takeNextBatch(em, me, rt.clock.now().toISOString(), limit));

describe.skipIf(!!process.env.PG_URL)('the outbox', () => {
  it('ships only what came after the baseline, in clock order, a record at a time, and counts what waits as a person would', async () => {
    const { t, s, me } = await school();
    expect(await take(t, me)).toBeNull();
    expect(await pendingRecords(t.runtime.database().manager, me)).toBe(0);
    await t.call('journal.setMarks', { entries: [{ lessonId: s.lessons.maths5a.id, studentId: s.students.first, text: '5' }] }, s.tokens.ivanova);
    await t.call('journal.setLessonText', { lessonId: s.lessons.maths5a.id, topic: 'Дроби' }, s.tokens.ivanova);
    // A mark and a topic: two records, whatever their fields and audit events.
    expect(await pendingRecords(t.runtime.database().manager, me)).toBe(2);
    const batch = (await take(t, me))!;
    expect(batch.seq).toBe(1);
    const hlcs = batch.changes.map((c) => c.hlc);
    expect(hlcs).toEqual([...hlcs].sort());
    expect(new Set(batch.changes.map((c) => c.entity))).toEqual(new Set(['Mark', 'Lesson', 'AuditEvent']));
    expect(batch.changes.every((c) => c.computerId === me)).toBe(true);
    // A whole new row travels as the JSON text of its fields; a field as its typed value.
    const mark = batch.changes.find((c) => c.entity === 'Mark')!;
    expect(mark.field).toBe('*');
    expect(JSON.parse(mark.value as string)).toMatchObject({ value: '5', numericValue: 5, late: false });
    expect(batch.changes.find((c) => c.entity === 'Lesson' && c.field === 'topic')!.value).toBe('Дроби');
    // Recorded but not written: the same batch comes again.
    expect(await take(t, me)).toEqual(batch);
  });

  it('a batch is cut between rows, never inside one: a row’s fields share a clock value', async () => {
    const { t, s, me } = await school();
    await t.call('journal.setLessonText', { lessonId: s.lessons.maths5a.id, topic: 'Дроби', homework: '№ 1' }, s.tokens.ivanova);
    const batches = [];
    for (let next = await take(t, me, 1); next; next = await take(t, me, 1)) {
      batches.push(next);
      await t.runtime.database().transaction((em) => markWritten(em, next!.seq, t.clock.now().toISOString()));
    }
    const batchOf = new Map<string, number>();
    for (const b of batches) {
      for (const c of b.changes) {
        expect(batchOf.get(c.hlc) ?? b.seq).toBe(b.seq);
        batchOf.set(c.hlc, b.seq);
      }
    }
    const lesson = batches.find((b) => b.changes.some((c) => c.entity === 'Lesson'))!;
    expect(lesson.changes.length).toBeGreaterThanOrEqual(8);
  });

  it('a batch written, lost from the folder and written again from the change log is the same batch', async () => {
    const { t, s, me, folder } = await school();
    await t.call('journal.setMarks', { entries: [{ lessonId: s.lessons.maths5a.id, studentId: s.students.first, text: '4' }] }, s.tokens.ivanova);
    const batch = (await take(t, me))!;
    expect(await folder.writeBatch(batch.seq, batch.changes)).toMatchObject({ written: true });
    await t.runtime.database().transaction((em) => markWritten(em, batch.seq, t.clock.now().toISOString()));
    expect(await take(t, me)).toBeNull();
    expect(await pendingRecords(t.runtime.database().manager, me)).toBe(0);

    fs.rmSync(path.join(root!, 'changes', me, '000000000001.kzc'));
    const status = await folder.status();
    expect(status).toMatchObject({ state: 'suspect', reasons: [{ kind: 'own-batches-missing', seqs: [1] }] });
    const rebuilt = (await rebuildBatch(t.runtime.database().manager, me, 1))!;
    expect(rebuilt).toEqual(batch.changes);
    expect(await folder.writeBatch(1, rebuilt)).toMatchObject({ written: true });
    expect((await folder.status()).state).toBe('ok');
    // Rebuilt again: byte for byte what the folder holds, so nothing is written.
    expect(await folder.writeBatch(1, (await rebuildBatch(t.runtime.database().manager, me, 1))!)).toMatchObject({ written: false });
    expect(await lastRecordedSeq(t.runtime.database().manager)).toBe(1);
    expect((await t.runtime.database().manager.find(SyncBatchEntity)).map((b) => [b.seq, b.count])).toEqual([
      [0, 0],
      [1, batch.changes.length],
    ]);
  });
});

