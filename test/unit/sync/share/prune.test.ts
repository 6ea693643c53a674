import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planPrune, type PruneInput } from '../../../../main/core/sync/share';
import type { ComputerEntry, ComputerRecord } from '../../../../main/core/sync/share/types';
import { changesFor, computer, filesUnder, newSchool, tmpDir } from './helpers';

/**
 * Pruning: a batch goes only when every computer has read it and the
 * snapshot includes it; never with a computer file missing or unreadable,
 * never before the snapshot has been on the share long enough for everyone
 * to see it.
 */

function record(computerId: string, readThrough: Record<string, number>): ComputerEntry {
  const r: ComputerRecord = {
    computerId,
    name: computerId,
    programVersion: '0.1.0',
    programFormat: 1,
    lastSeen: '2026-11-23T07:00:00.000Z',
    clockOffsetMs: 0,
    lastSeq: 0,
    readThrough,
  };
  return { computerId, state: 'ok', record: r };
}

const base = (over: Partial<PruneInput> = {}): PruneInput => ({
  batches: { a: [1, 2, 3, 4, 5], b: [1, 2] },
  computers: [record('a', { b: 2 }), record('b', { a: 4 }), record('c', { a: 3, b: 1 })],
  snapshot: { covers: { a: 5, b: 2 }, ageMs: 3_600_000 },
  graceMs: 600_000,
  seenComputers: ['a', 'b', 'c'],
  ...over,
});

describe('the pruning rule', () => {
  it('removes what every other computer has read and the snapshot covers: the smallest of them', () => {
    const plan = planPrune(base());
    // a: the snapshot has 5, b has read 4, c has read 3 → up to 3. b: the snapshot has 2, a has read 2, c has read 1 → up to 1.
    expect(plan.remove).toEqual([
      { computerId: 'a', seq: 1 },
      { computerId: 'a', seq: 2 },
      { computerId: 'a', seq: 3 },
      { computerId: 'b', seq: 1 },
    ]);
  });

  it('never removes beyond the snapshot’s coverage', () => {
    expect(planPrune(base({ snapshot: { covers: { a: 1 }, ageMs: 3_600_000 } })).remove).toEqual([{ computerId: 'a', seq: 1 }]);
  });

  it('a computer that has never read another has read nothing of it', () => {
    // a has read nothing of b: none of b's batches go, though the snapshot and c hold them; a's, read by all, do.
    const plan = planPrune(base({ computers: [record('a', {}), record('b', { a: 5 }), record('c', { a: 5, b: 2 })] }));
    expect(plan.remove.filter((r) => r.computerId === 'b')).toEqual([]);
    expect(plan.remove.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('nothing without a snapshot, or with one too young for every listing to show it', () => {
    expect(planPrune(base({ snapshot: null }))).toMatchObject({ remove: [], kept: [expect.stringMatching(/нет общей базы/)] });
    expect(planPrune(base({ snapshot: { covers: { a: 5, b: 2 }, ageMs: 1000 } }))).toMatchObject({ remove: [], kept: [expect.stringMatching(/опубликована недавно/)] });
  });

  it('nothing while a computer file is unreadable or of a newer format', () => {
    const unreadable: ComputerEntry = { computerId: 'c', state: 'unreadable', reason: 'auth-failed', message: '…' };
    expect(planPrune(base({ computers: [record('a', { b: 2 }), record('b', { a: 4 }), unreadable] }))).toMatchObject({ remove: [], kept: [expect.stringMatching(/Не читается файл компьютера c/)] });
    const newer: ComputerEntry = { computerId: 'c', state: 'newer-format', format: 2 };
    expect(planPrune(base({ computers: [record('a', { b: 2 }), record('b', { a: 4 }), newer] })).remove).toEqual([]);
  });

  it('nothing while a computer with batches, or one seen before, has no computer file', () => {
    expect(planPrune(base({ computers: [record('a', { b: 2 }), record('c', { a: 3, b: 1 })] }))).toMatchObject({ remove: [], kept: [expect.stringMatching(/Нет файла компьютера b/)] });
    expect(planPrune(base({ seenComputers: ['a', 'b', 'c', 'd'] }))).toMatchObject({ remove: [], kept: [expect.stringMatching(/Нет файла компьютера d/)] });
  });
});

describe('pruning a folder', () => {
  it('removes the batches everyone has read and the snapshot holds; a computer that comes later is told to start from the snapshot', async () => {
    const { root, a } = await newSchool('prune', { pruneGraceMs: 0, lock: { ttlMs: 5000, refreshMs: 1000, settleMs: 50 } });
    const b = await computer('pc-b', root).open();
    for (let seq = 1; seq <= 5; seq++) await a.writeBatch(seq, changesFor('pc-a', seq));
    await b.readNewBatches({});
    await b.writeComputerFile({ readThrough: { 'pc-a': 4 } });
    await a.writeComputerFile({ readThrough: {} });
    const work = tmpDir('prune-work');
    fs.writeFileSync(path.join(work, 'db.sqlite'), 'a compacted database');
    const lock = await a.acquireLock();
    await a.publishSnapshot(lock, path.join(work, 'db.sqlite'), { 'pc-a': 3 });
    const result = await a.prune(lock);
    await lock.release();
    expect(result.removed).toEqual([1, 2, 3].map((seq) => ({ computerId: 'pc-a', seq })));
    expect(filesUnder(path.join(root, 'changes/pc-a'))).toEqual(['000000000004.kzc', '000000000005.kzc']);

    // B read 1–5 before: the folder still looks right to it (the snapshot covers what went).
    expect(await b.status()).toMatchObject({ state: 'ok' });
    // A computer that joins now cannot get batches 1–3: it must start from the snapshot.
    const c = await computer('pc-c', root).open();
    expect(await c.readNewBatches({})).toMatchObject({ batches: [], behind: [{ computerId: 'pc-a', nextSeq: 1, coveredThrough: 3 }] });
    expect((await c.readNewBatches({ 'pc-a': 3 })).batches.map((x) => x.header.seq)).toEqual([4, 5]);
  });
});
