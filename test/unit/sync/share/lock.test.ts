import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../../main/core/shared/clock';
import { activeLocks, type LockView } from '../../../../main/core/sync/share/lock';
import { computer, newSchool, rejection } from './helpers';

/**
 * The exclusive lock, by Joplin's LockHandler rules: one holder; a stale
 * lock is taken over; among racing computers the oldest wins, ties by the
 * lowest id; a lock that expired while held aborts and is never re-acquired;
 * ages are judged by the share's clock, whatever the PCs' clocks say.
 */

const FAST = { ttlMs: 1500, refreshMs: 300, settleMs: 300, maxWriteMs: 150 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function school(label: string, lock = FAST) {
  const { root, a, pcA } = await newSchool(label, { lock });
  const b = await computer('pc-b', root, { lock }).open();
  await b.writeComputerFile({ readThrough: {} });
  return { root, a, b, pcA };
}

describe('the exclusive lock', () => {
  it('one holder: another computer is refused with the holder’s name; after release it gets the lock', async () => {
    const { root, a, b } = await school('one');
    const lockA = await a.acquireLock();
    expect(fs.readdirSync(path.join(root, 'locks'))).toEqual(['exclusive_pc-a.json']);
    const e = await rejection(b.acquireLock());
    expect(e).toMatchObject({ code: 'SYNC_LOCK_BUSY', message: 'Общую базу в общей папке сейчас обновляет компьютер «Компьютер PC-A». Повторите позже.' });
    await lockA.assertHeld();
    await lockA.release();
    expect(fs.readdirSync(path.join(root, 'locks'))).toEqual([]);
    const lockB = await b.acquireLock();
    await lockB.assertHeld();
    await lockB.release();
  });

  it('the holder refreshes its lock: it stays held well past the ttl', async () => {
    const { a, b } = await school('refresh');
    const lock = await a.acquireLock();
    await sleep(FAST.ttlMs * 2);
    await lock.assertHeld();
    expect(await rejection(b.acquireLock())).toMatchObject({ code: 'SYNC_LOCK_BUSY' });
    await lock.release();
  });

  it('a stale lock (its computer froze) is taken over; the old holder, waking, finds its lock expired and never takes it back', async () => {
    const { root, pcA } = await newSchool('stale', { lock: FAST });
    const b = await computer('pc-b', root, { lock: FAST }).open();
    await b.writeComputerFile({ readThrough: {} });
    // A holds the lock and then stops refreshing it (its refresh is an hour away): on the share the file ages.
    const a = await pcA.open({ lock: { ...FAST, refreshMs: 3_600_000 } });
    const lockA = await a.acquireLock();
    const file = path.join(root, 'locks/exclusive_pc-a.json');
    const old = new Date(Date.now() - 10 * 60_000);
    fs.utimesSync(file, old, old);
    const lockB = await b.acquireLock();
    await lockB.assertHeld();
    const e = await rejection(lockA.assertHeld());
    expect(e).toMatchObject({ code: 'SYNC_LOCK_EXPIRED', message: expect.stringMatching(/Блокировка общей папки истекла во время работы/) });
    // Lost for good: its file is not written back to life, and it says so again.
    expect(Math.round(fs.statSync(file).mtimeMs)).toBe(old.getTime());
    expect(await rejection(lockA.assertHeld())).toMatchObject({ code: 'SYNC_LOCK_EXPIRED' });
    expect(lockA.isLost).toBe(true);
    await lockB.assertHeld();
    await lockB.release();
  });

  it('a holder that cannot refresh (asleep, or cut off) for longer than the ttl aborts, even if nobody took over', async () => {
    const { a } = await school('asleep', { ttlMs: 600, refreshMs: 60_000, settleMs: 100, maxWriteMs: 50 });
    const lock = await a.acquireLock();
    await sleep(700);
    expect(await rejection(lock.assertHeld())).toMatchObject({ code: 'SYNC_LOCK_EXPIRED' });
    await lock.release();
  });

  it('computers racing for the lock: exactly one wins each time, the losers remove their files', async () => {
    const { root } = await newSchool('race', { lock: FAST });
    const folders = await Promise.all(['pc-b', 'pc-c', 'pc-d'].map((id) => computer(id, root, { lock: FAST }).open()));
    for (const f of folders) await f.writeComputerFile({ readThrough: {} });
    for (let round = 0; round < 4; round++) {
      const results = await Promise.allSettled(folders.map((f) => f.acquireLock()));
      const won = results.filter((r) => r.status === 'fulfilled');
      expect(won).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'SYNC_LOCK_BUSY' });
      expect(fs.readdirSync(path.join(root, 'locks')).filter((n) => n.startsWith('exclusive_'))).toHaveLength(1);
      await (won[0] as PromiseFulfilledResult<Awaited<ReturnType<(typeof folders)[0]['acquireLock']>>>).value.release();
    }
  });

  it('the order: the oldest acquisition wins, ties by the lowest computer id; expired locks do not count', () => {
    const lock = (computerId: string, acquiredAt: number, updatedMs: number): LockView => ({ computerId, name: computerId, acquiredAt, updatedMs });
    const now = 100_000;
    expect(activeLocks([lock('pc-b', 10, now), lock('pc-a', 20, now)], now, 1000).map((l) => l.computerId)).toEqual(['pc-b', 'pc-a']);
    expect(activeLocks([lock('pc-b', 10, now), lock('pc-a', 10, now)], now, 1000).map((l) => l.computerId)).toEqual(['pc-a', 'pc-b']);
    expect(activeLocks([lock('pc-a', 10, now - 1000), lock('pc-b', 20, now - 999)], now, 1000).map((l) => l.computerId)).toEqual(['pc-b']);
  });

  it('ages come from the share’s clock: a computer whose clock is years off does not take a fresh lock for a stale one', async () => {
    const { root, a } = await newSchool('skew', { lock: FAST, clock: fixedClock('2020-01-01T00:00:00Z') });
    const ahead = await computer('pc-b', root, { lock: FAST, clock: fixedClock('2035-06-01T00:00:00Z') }).open();
    await ahead.writeComputerFile({ readThrough: {} });
    const lock = await a.acquireLock();
    expect(await rejection(ahead.acquireLock())).toMatchObject({ code: 'SYNC_LOCK_BUSY' });
    await lock.release();
    const theirs = await ahead.acquireLock();
    expect(await rejection(a.acquireLock())).toMatchObject({ code: 'SYNC_LOCK_BUSY' });
    await theirs.release();
  });

  it('a lock file that does not authenticate is not a lock: a student cannot block the school', async () => {
    const { root, a } = await school('forged');
    fs.writeFileSync(path.join(root, 'locks/exclusive_pc-x.json'), JSON.stringify({ header: { kind: 'lock' }, sealed: 'AAAA' }));
    const lock = await a.acquireLock();
    await lock.assertHeld();
    await lock.release();
  });
});
