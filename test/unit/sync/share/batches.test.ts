import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../../main/core/shared/clock';
import { changesFor, computer, filesUnder, newSchool, rejection } from './helpers';

/**
 * Batches: written by their computer only, read by the others whole and in
 * order, never twice. A file that fails its check is retried, then
 * quarantined with a record of why and when; a renamed, truncated, damaged or
 * duplicated batch is never returned.
 */

const batchPath = (root: string, computerId: string, seq: number) => path.join(root, 'changes', computerId, `${String(seq).padStart(12, '0')}.kzc`);

async function twoComputers(label: string) {
  const clock = fixedClock('2026-11-23T07:00:00.000Z');
  const { root, a, pcA } = await newSchool(label, { clock });
  const pcB = computer('pc-b', root, { clock });
  const b = await pcB.open();
  await b.writeComputerFile({ readThrough: {} });
  return { root, a, b, pcA, pcB, clock };
}

describe('batches', () => {
  it('computer B reads A’s batches whole, in order, after its cursor, never twice', async () => {
    const { root, a, b } = await twoComputers('order');
    for (let seq = 1; seq <= 3; seq++) expect(await a.writeBatch(seq, changesFor('pc-a', seq, 4))).toMatchObject({ seq, written: true });
    expect(filesUnder(path.join(root, 'changes/pc-a'))).toEqual(['000000000001.kzc', '000000000002.kzc', '000000000003.kzc']);
    // The content is not readable on the share.
    expect(fs.readFileSync(batchPath(root, 'pc-a', 2)).includes(Buffer.from('Attendance'))).toBe(false);

    const all = await b.readNewBatches({});
    expect(all.batches.map((x) => x.header.seq)).toEqual([1, 2, 3]);
    expect(all.batches[1]).toEqual({
      header: { format: 1, computerId: 'pc-a', seq: 2, hlcFrom: changesFor('pc-a', 2, 4)[0].hlc, hlcTo: changesFor('pc-a', 2, 4)[3].hlc, count: 4 },
      changes: changesFor('pc-a', 2, 4),
    });
    expect(all).toMatchObject({ waiting: [], behind: [], quarantined: [], more: false, needsUpdate: false });
    expect((await b.readNewBatches({ 'pc-a': 2 })).batches.map((x) => x.header.seq)).toEqual([3]);
    expect((await b.readNewBatches({ 'pc-a': 3 })).batches).toEqual([]);
    // A computer does not read its own batches back.
    expect((await a.readNewBatches({})).batches).toEqual([]);
  });

  it('a size limit stops the read between batches: «more», and the next call goes on', async () => {
    const { a, b } = await twoComputers('more');
    for (let seq = 1; seq <= 4; seq++) await a.writeBatch(seq, changesFor('pc-a', seq, 50));
    const first = await b.readNewBatches({}, { maxBytes: 1 });
    expect(first.batches.map((x) => x.header.seq)).toEqual([1]);
    expect(first.more).toBe(true);
    expect((await b.readNewBatches({ 'pc-a': 1 })).batches.map((x) => x.header.seq)).toEqual([2, 3, 4]);
  });

  it('writing the same batch again (a retry after a crash) writes nothing; another batch under a used seq, a skipped seq, or foreign changes are refused', async () => {
    const { root, a } = await twoComputers('idempotent');
    await a.writeBatch(1, changesFor('pc-a', 1));
    const before = fs.statSync(batchPath(root, 'pc-a', 1)).mtimeMs;
    expect(await a.writeBatch(1, changesFor('pc-a', 1))).toMatchObject({ seq: 1, written: false });
    expect(fs.statSync(batchPath(root, 'pc-a', 1)).mtimeMs).toBe(before);
    expect(await rejection(a.writeBatch(1, changesFor('pc-a', 1, 5)))).toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/другим содержимым/) });
    expect(await rejection(a.writeBatch(3, changesFor('pc-a', 3)))).toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/пропущен номер/) });
    expect(await rejection(a.writeBatch(2, changesFor('pc-b', 2)))).toMatchObject({ code: 'INTERNAL', details: { detail: expect.stringMatching(/own computer/) } });
    expect(await rejection(a.writeBatch(2, []))).toMatchObject({ code: 'INTERNAL' });
    expect(a.lastWrittenSeq).toBe(1);
  });

  it('leaves no temporary file behind, and readers ignore temporary and foreign names («копия»)', async () => {
    const { root, a, b } = await twoComputers('names');
    await a.writeBatch(1, changesFor('pc-a', 1));
    await a.writeBatch(2, changesFor('pc-a', 2));
    const dir = path.join(root, 'changes/pc-a');
    expect(filesUnder(dir)).toEqual(['000000000001.kzc', '000000000002.kzc']);
    fs.copyFileSync(batchPath(root, 'pc-a', 1), path.join(dir, '000000000001 - копия.kzc'));
    fs.copyFileSync(batchPath(root, 'pc-a', 2), path.join(dir, '000000000003.kzc.part-1-abcd'));
    fs.writeFileSync(path.join(dir, 'readme.txt'), 'ученик был здесь');
    const read = await b.readNewBatches({});
    expect(read.batches.map((x) => x.header.seq)).toEqual([1, 2]);
    expect(read.waiting).toEqual([]);
  });

  it('a damaged batch is retried while it may still be arriving, then quarantined: copied to the data folder with why and when, removed from the share', async () => {
    const { root, a, b, pcB, clock } = await twoComputers('damaged');
    for (let seq = 1; seq <= 3; seq++) await a.writeBatch(seq, changesFor('pc-a', seq));
    const file = batchPath(root, 'pc-a', 2);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 40] ^= 0xff;
    fs.writeFileSync(file, bytes);

    const first = await b.readNewBatches({});
    expect(first.batches.map((x) => x.header.seq)).toEqual([1]);
    expect(first.waiting).toEqual([{ computerId: 'pc-a', seq: 2, why: 'retrying' }]);
    const status = await b.status();
    expect(status).toMatchObject({ state: 'ok', pending: [{ sharePath: 'changes/pc-a/000000000002.kzc', reason: 'auth-failed', attempts: 1 }] });

    // Three attempts are not enough within two minutes: a slow copy keeps its chance.
    await b.readNewBatches({ 'pc-a': 1 });
    expect((await b.readNewBatches({ 'pc-a': 1 })).waiting).toEqual([{ computerId: 'pc-a', seq: 2, why: 'retrying' }]);
    expect(fs.existsSync(file)).toBe(true);
    clock.advance(2 * 60_000);
    const late = await b.readNewBatches({ 'pc-a': 1 });
    expect(late.batches).toEqual([]);
    expect(late.quarantined).toEqual([
      expect.objectContaining({
        sharePath: 'changes/pc-a/000000000002.kzc',
        reason: 'auth-failed',
        message: expect.stringMatching(/не прошёл проверку подлинности/),
        at: '2026-11-23T07:02:00.000Z',
        firstFailedAt: '2026-11-23T07:00:00.000Z',
        attempts: 4,
        size: bytes.length,
        removedFromShare: true,
      }),
    ]);
    expect(fs.existsSync(file)).toBe(false);
    const entry = late.quarantined[0];
    expect(fs.readFileSync(path.join(pcB.dataDir, 'sync/quarantine', entry.localFile!)).equals(bytes)).toBe(true);
    expect(b.quarantined()).toEqual([entry]);
    expect(await b.status()).toMatchObject({ state: 'ok', pending: [], quarantined: 1 });
    // A's stream waits at the hole: batch 3 is not handed on over the missing 2.
    expect(await b.readNewBatches({ 'pc-a': 1 })).toMatchObject({ batches: [], waiting: [{ computerId: 'pc-a', seq: 2, why: 'gap' }] });

    // A sees its batch gone and writes it again from its change log; B goes on.
    expect(await a.status()).toMatchObject({ state: 'suspect', reasons: [{ kind: 'own-batches-missing', seqs: [2] }] });
    await a.writeBatch(2, changesFor('pc-a', 2));
    expect(await a.status()).toMatchObject({ state: 'ok' });
    expect((await b.readNewBatches({ 'pc-a': 1 })).batches.map((x) => x.header.seq)).toEqual([2, 3]);
  });

  it('a file that changes between attempts is still arriving: its count starts again', async () => {
    const { root, a, b, clock } = await twoComputers('arriving');
    await a.writeBatch(1, changesFor('pc-a', 1, 400));
    const file = batchPath(root, 'pc-a', 1);
    const whole = fs.readFileSync(file);
    for (const [i, part] of [0.3, 0.6, 0.9].entries()) {
      fs.writeFileSync(file, whole.subarray(0, Math.floor(whole.length * part)));
      fs.utimesSync(file, new Date(1_800_000_000_000 + i * 1000), new Date(1_800_000_000_000 + i * 1000));
      clock.advance(60_000);
      const r = await b.readNewBatches({});
      expect(r).toMatchObject({ batches: [], quarantined: [], waiting: [{ computerId: 'pc-a', seq: 1, why: 'retrying' }] });
    }
    fs.writeFileSync(file, whole);
    expect((await b.readNewBatches({})).batches.map((x) => x.header.seq)).toEqual([1]);
    expect(await b.status()).toMatchObject({ state: 'ok', pending: [] });
  });

  it('a batch renamed to another seq, or copied into another computer’s folder, is quarantined as misplaced; a truncated one as failing', async () => {
    const clock = fixedClock('2026-11-23T07:00:00.000Z');
    const { root, a } = await newSchool('misplaced', { clock, retry: { attempts: 1, minAgeMs: 0 } });
    const b = await computer('pc-b', root, { clock }).open();
    await b.writeComputerFile({ readThrough: {} });
    const c = await computer('pc-c', root, { clock, retry: { attempts: 1, minAgeMs: 0 } }).open();
    await a.writeBatch(1, changesFor('pc-a', 1));
    await b.writeBatch(1, changesFor('pc-b', 1));
    // A student copies A's batch 1 as A's batch 2, and into B's folder as B's batch 2; and cuts B's batch 1 short.
    fs.copyFileSync(batchPath(root, 'pc-a', 1), batchPath(root, 'pc-a', 2));
    fs.copyFileSync(batchPath(root, 'pc-a', 1), batchPath(root, 'pc-b', 2));
    const bFirst = fs.readFileSync(batchPath(root, 'pc-b', 1));
    fs.writeFileSync(batchPath(root, 'pc-b', 1), bFirst.subarray(0, bFirst.length - 16));

    const read = await c.readNewBatches({});
    expect(read.batches.map((x) => [x.header.computerId, x.header.seq])).toEqual([['pc-a', 1]]);
    expect(read.quarantined.map((q) => [q.sharePath, q.reason])).toEqual([
      ['changes/pc-a/000000000002.kzc', 'misplaced'],
      ['changes/pc-b/000000000001.kzc', 'auth-failed'],
    ]);
    expect(read.quarantined[0].message).toMatch(/лежит не на своём месте/);
    // B's folder: once its batch 1 is rewritten, the copy of A's batch sitting at B's 2 is caught too.
    await b.writeBatch(1, changesFor('pc-b', 1));
    const again = await c.readNewBatches({ 'pc-a': 1 });
    expect(again.batches.map((x) => [x.header.computerId, x.header.seq])).toEqual([['pc-b', 1]]);
    expect(again.quarantined.map((q) => [q.sharePath, q.reason])).toEqual([['changes/pc-b/000000000002.kzc', 'misplaced']]);
  });

  it('batches of a computer with no computer file are quarantined but left on the share; released, they are read once it is known', async () => {
    const clock = fixedClock('2026-11-23T07:00:00.000Z');
    const { root, a } = await newSchool('unknown', { clock, retry: { attempts: 1, minAgeMs: 0 } });
    const pcZ = computer('pc-z', root, { clock });
    const z = await pcZ.open();
    await z.writeBatch(1, changesFor('pc-z', 1));
    expect(fs.existsSync(path.join(root, 'computers/pc-z.json'))).toBe(false);

    const read = await a.readNewBatches({});
    expect(read.batches).toEqual([]);
    expect(read.quarantined).toEqual([expect.objectContaining({ sharePath: 'changes/pc-z/000000000001.kzc', reason: 'unknown-computer', removedFromShare: false })]);
    expect(fs.existsSync(batchPath(root, 'pc-z', 1))).toBe(true);
    // Skipped by its record from now on, even once the computer is known.
    await z.writeComputerFile({ readThrough: {} });
    expect(await a.readNewBatches({})).toMatchObject({ batches: [], waiting: [{ computerId: 'pc-z', seq: 1, why: 'quarantined' }] });
    expect(a.releaseQuarantined(read.quarantined[0].id)).toBe(true);
    expect((await a.readNewBatches({})).batches.map((x) => [x.header.computerId, x.header.seq])).toEqual([['pc-z', 1]]);
  });

  it('a folder named like a batch is not one: the reader does not stop on it, it waits at the gap', async () => {
    const { root, a, b } = await twoComputers('folder-named');
    await a.writeBatch(1, changesFor('pc-a', 1));
    fs.mkdirSync(batchPath(root, 'pc-a', 2));
    fs.copyFileSync(batchPath(root, 'pc-a', 1), batchPath(root, 'pc-a', 3));
    const read = await b.readNewBatches({});
    expect(read.batches.map((x) => x.header.seq)).toEqual([1]);
    expect(read.waiting).toEqual([{ computerId: 'pc-a', seq: 2, why: 'gap' }]);
  });

  it('a failing file that is gone since (its forger removed it, another computer quarantined it) is no longer pending', async () => {
    const { root, a, b } = await twoComputers('gone-pending');
    await a.writeBatch(1, changesFor('pc-a', 1));
    fs.writeFileSync(batchPath(root, 'pc-a', 2), 'подделка');
    await b.readNewBatches({});
    expect(await b.status()).toMatchObject({ state: 'ok', pending: [{ sharePath: 'changes/pc-a/000000000002.kzc' }] });
    fs.rmSync(batchPath(root, 'pc-a', 2));
    expect(await b.status()).toMatchObject({ state: 'ok', pending: [] });
  });

  it('a flood of junk named like batches: quarantined, but copies kept only up to the quarantine’s limit', async () => {
    const clock = fixedClock('2026-11-23T07:00:00.000Z');
    const { root } = await newSchool('flood', { clock });
    const pcB = computer('pc-b', root, { clock, retry: { attempts: 1, minAgeMs: 0, maxKeptBytes: 25_000 } });
    const b = await pcB.open();
    // In the folder of a computer nobody knows: every file of it is examined at once.
    fs.mkdirSync(path.join(root, 'changes/pc-z'));
    for (let seq = 1; seq <= 3; seq++) fs.writeFileSync(batchPath(root, 'pc-z', seq), Buffer.alloc(10_000, seq));
    const { quarantined } = await b.readNewBatches({});
    expect(quarantined.map((q) => [path.basename(q.sharePath), q.reason, q.localFile !== null])).toEqual([
      ['000000000001.kzc', 'unknown-computer', true],
      ['000000000002.kzc', 'unknown-computer', true],
      ['000000000003.kzc', 'unknown-computer', false],
    ]);
    expect(fs.readdirSync(path.join(pcB.dataDir, 'sync/quarantine'))).toHaveLength(2);
  });

  it('a file far larger than any batch is not read into memory: quarantined as too large', async () => {
    const clock = fixedClock('2026-11-23T07:00:00.000Z');
    const { root, a } = await newSchool('large', { clock, retry: { attempts: 1, minAgeMs: 0 } });
    const b = await computer('pc-b', root, { clock }).open();
    await b.writeComputerFile({ readThrough: {} });
    fs.mkdirSync(path.join(root, 'changes/pc-b'), { recursive: true });
    const fd = fs.openSync(batchPath(root, 'pc-b', 1), 'w');
    fs.ftruncateSync(fd, 65 * 1024 * 1024); // sparse: costs no disk
    fs.closeSync(fd);
    const read = await a.readNewBatches({});
    // No copy of it is kept: the quarantine must not fill this computer's disk.
    expect(read.quarantined).toEqual([expect.objectContaining({ reason: 'too-large', removedFromShare: true, localFile: null, sha256: null })]);
  });
});
