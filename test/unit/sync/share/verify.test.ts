import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { changesFor, computer, filesUnder, newSchool, tmpDir } from './helpers';

/** `verify()`: every file on the share opened whole and reported; nothing on the share changed. */
describe('checking every file on the share', () => {
  it('reports each file: good ones, a damaged batch, a damaged snapshot, foreign and temporary files — and changes nothing', async () => {
    const { root, a } = await newSchool('verify', { lock: { ttlMs: 5000, refreshMs: 1000, settleMs: 50 } });
    const b = await computer('pc-b', root).open();
    await b.writeComputerFile({ readThrough: {} });
    for (let seq = 1; seq <= 3; seq++) await a.writeBatch(seq, changesFor('pc-a', seq));
    const work = tmpDir('verify-work');
    fs.writeFileSync(path.join(work, 'db.sqlite'), Buffer.alloc(200_000, 7));
    const lock = await a.acquireLock();
    await a.publishSnapshot(lock, path.join(work, 'db.sqlite'), { 'pc-a': 3 });
    await a.publishSnapshot(lock, path.join(work, 'db.sqlite'), { 'pc-a': 3 });
    await lock.release();

    const batch2 = path.join(root, 'changes/pc-a/000000000002.kzc');
    const bytes = fs.readFileSync(batch2);
    bytes[bytes.length - 5] ^= 1;
    fs.writeFileSync(batch2, bytes);
    const snap = path.join(root, 'snapshot/000000000001-pc-a.kzs');
    const s = fs.readFileSync(snap);
    fs.writeFileSync(snap, s.subarray(0, s.length - 10));
    fs.writeFileSync(path.join(root, 'changes/pc-a/000000000001 - копия.kzc'), 'x');
    fs.writeFileSync(path.join(root, 'changes/pc-a/000000000004.kzc.part-99999-abcd'), 'x');
    const before = filesUnder(root).map((f) => [f, fs.statSync(path.join(root, f)).mtimeMs]);

    const report = await b.verify();
    expect(report.ok).toBe(false);
    expect(report.message).toBe('Проверено файлов: 7; не прошли проверку: 2. Такие файлы программа не применяет; подробности — в списке.');
    expect(report.entries.map((e) => [e.sharePath, e.kind, e.state, e.reason])).toEqual([
      ['computers/pc-a.json', 'computer', 'ok', undefined],
      ['computers/pc-b.json', 'computer', 'ok', undefined],
      ['changes/pc-a/000000000001 - копия.kzc', 'foreign', 'ignored', undefined],
      ['changes/pc-a/000000000001.kzc', 'batch', 'ok', undefined],
      ['changes/pc-a/000000000002.kzc', 'batch', 'failed', 'auth-failed'],
      ['changes/pc-a/000000000003.kzc', 'batch', 'ok', undefined],
      ['changes/pc-a/000000000004.kzc.part-99999-abcd', 'temporary', 'ignored', undefined],
      ['snapshot/000000000002-pc-a.kzs', 'snapshot', 'ok', undefined],
      ['snapshot/000000000001-pc-a.kzs', 'snapshot', 'failed', 'auth-failed'],
    ]);
    expect(filesUnder(root).map((f) => [f, fs.statSync(path.join(root, f)).mtimeMs])).toEqual(before);
    expect(b.quarantined()).toEqual([]);
  });
});
