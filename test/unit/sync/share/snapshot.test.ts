import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../../main/core/shared/clock';
import { computer, filesUnder, newSchool, rejection, tmpDir } from './helpers';

/**
 * The shared database file: published under the lock, streamed, fetched
 * whole and checked; a copy still arriving or damaged is never handed on —
 * the previous generation is taken instead; coverage never goes back.
 */

const FAST = { ttlMs: 5000, refreshMs: 1000, settleMs: 100 };

function localFile(dir: string, name: string, bytes: number, seed: number): string {
  const file = path.join(dir, name);
  // A quarter that does not compress, the rest that does: like a database file.
  const data = Buffer.alloc(bytes);
  let block = crypto.createHash('sha512').update(String(seed)).digest();
  for (let i = 0; i < bytes / 4; i += block.length) {
    block.copy(data, i);
    block = crypto.createHash('sha512').update(block).digest();
  }
  for (let i = Math.ceil(bytes / 4); i < bytes; i++) data[i] = (i * seed) % 97;
  fs.writeFileSync(file, data);
  return file;
}

async function school(label: string) {
  const clock = fixedClock('2026-11-23T07:00:00.000Z');
  const { root, a } = await newSchool(label, { lock: FAST, clock, retry: { attempts: 2, minAgeMs: 60_000 } });
  const pcB = computer('pc-b', root, { lock: FAST, clock, retry: { attempts: 2, minAgeMs: 60_000 } });
  const b = await pcB.open();
  await b.writeComputerFile({ readThrough: {} });
  return { root, a, b, clock, work: tmpDir(`${label}-work`) };
}

const snapshots = (root: string) => filesUnder(path.join(root, 'snapshot'));

describe('the shared database file', () => {
  it('is published under the lock and fetched on another computer byte for byte, with what it covers', async () => {
    const { root, a, b, work } = await school('publish');
    const source = localFile(work, 'db.sqlite', 3 * 1024 * 1024 + 123, 1);
    expect(await b.fetchSnapshot(path.join(work, 'none.sqlite'))).toEqual({ state: 'none' });
    const lock = await a.acquireLock();
    const info = await a.publishSnapshot(lock, source, { 'pc-a': 0, 'pc-b': 0 });
    await lock.release();
    expect(info).toMatchObject({ gen: 1, computerId: 'pc-a', covers: { 'pc-a': 0, 'pc-b': 0 }, bytes: fs.statSync(source).size });
    expect(snapshots(root)).toEqual(['000000000001-pc-a.kzs']);
    const target = path.join(work, 'fetched.sqlite');
    expect(await b.fetchSnapshot(target)).toEqual({ state: 'fetched', info });
    expect(fs.readFileSync(target).equals(fs.readFileSync(source))).toBe(true);
    // Sealed on the share, and smaller than the file (gzip before encryption).
    const onShare = fs.readFileSync(path.join(root, 'snapshot', '000000000001-pc-a.kzs'));
    expect(onShare.length).toBeLessThan(fs.statSync(source).size);
    expect(onShare.includes(fs.readFileSync(source).subarray(0, 64))).toBe(false);
  });

  it('keeps the previous generation until the next one; a newest copy still arriving is passed over for the previous one', async () => {
    const { root, a, b, work } = await school('generations');
    const lock = await a.acquireLock();
    const infos = [];
    for (let gen = 1; gen <= 3; gen++) infos.push(await a.publishSnapshot(lock, localFile(work, `db${gen}.sqlite`, 200_000 + gen, gen), { 'pc-a': gen }));
    await lock.release();
    expect(snapshots(root)).toEqual(['000000000002-pc-a.kzs', '000000000003-pc-a.kzs']);
    // Generation 3 is still arriving at B's end: its tail is missing.
    const newest = path.join(root, 'snapshot/000000000003-pc-a.kzs');
    const whole = fs.readFileSync(newest);
    fs.writeFileSync(newest, whole.subarray(0, whole.length - 1000));
    const target = path.join(work, 'fetched.sqlite');
    expect(await b.fetchSnapshot(target)).toEqual({ state: 'fetched', info: infos[1] });
    expect(fs.readFileSync(target).equals(fs.readFileSync(path.join(work, 'db2.sqlite')))).toBe(true);
    expect(await b.status()).toMatchObject({ state: 'ok', pending: [{ sharePath: 'snapshot/000000000003-pc-a.kzs', reason: 'auth-failed' }] });
    fs.writeFileSync(newest, whole);
    expect(await b.fetchSnapshot(target)).toEqual({ state: 'fetched', info: infos[2] });
    expect(fs.readFileSync(target).equals(fs.readFileSync(path.join(work, 'db3.sqlite')))).toBe(true);
  });

  it('a tampered snapshot never lands in the target; with nothing else to take, the answer is «waiting»', async () => {
    const { root, a, b, work } = await school('tampered');
    const lock = await a.acquireLock();
    await a.publishSnapshot(lock, localFile(work, 'db.sqlite', 300_000, 9), { 'pc-a': 0 });
    await lock.release();
    const file = path.join(root, 'snapshot/000000000001-pc-a.kzs');
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 70_000] ^= 0x55;
    fs.writeFileSync(file, bytes);
    const target = path.join(work, 'fetched.sqlite');
    fs.writeFileSync(target, 'the database this computer had');
    const result = await b.fetchSnapshot(target);
    expect(result).toMatchObject({ state: 'waiting', needsUpdate: false, message: expect.stringMatching(/не читается/) });
    expect(fs.readFileSync(target, 'utf8')).toBe('the database this computer had');
    expect(fs.readdirSync(work).filter((n) => n.includes('.part-'))).toEqual([]);
  });

  it('a snapshot covering less than one already published is refused', async () => {
    const { a, work } = await school('back');
    const lock = await a.acquireLock();
    await a.publishSnapshot(lock, localFile(work, 'db.sqlite', 1000, 1), { 'pc-a': 5, 'pc-b': 2 });
    const e = await rejection(a.publishSnapshot(lock, localFile(work, 'db2.sqlite', 1000, 2), { 'pc-a': 6, 'pc-b': 1 }));
    expect(e).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/отстаёт от уже опубликованной/), details: { behind: { 'pc-b': 2 } } });
    await lock.release();
  });

  it('a publisher whose lock expired before the rename leaves nothing in place', async () => {
    const { root, pcA } = await newSchool('expired', { lock: { ttlMs: 400, refreshMs: 60_000, settleMs: 50 } });
    const a = await pcA.open({ lock: { ttlMs: 400, refreshMs: 60_000, settleMs: 50 } });
    const work = tmpDir('expired-work');
    const lock = await a.acquireLock();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await rejection(a.publishSnapshot(lock, localFile(work, 'db.sqlite', 100_000, 3), {}))).toMatchObject({ code: 'SYNC_LOCK_EXPIRED' });
    expect(snapshots(root)).toEqual([]);
  });
});
