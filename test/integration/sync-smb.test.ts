import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../main/core/shared/errors';
import { SharedFolder, type OpenOptions } from '../../main/core/sync/share';
import type { Batch, Cursors } from '../../main/core/sync/share/types';
import { startSmbShare, toolVersion, type SmbShare } from '../support/smb-share';
import { changesFor, DATA_SET, LOWEST_COST, PASSPHRASE } from '../support/sync-share';

/**
 * The shared folder on a real SMB share: Samba on loopback, mounted twice
 * through rclone's FUSE client with a Windows-like 10 s directory cache, one
 * mount per computer. Computer A writes through mount A, computer B reads
 * through mount B — with stale listings, copies that arrive late and half
 * visible, a client that drops in the middle of writing, a read-only share
 * and a student's damaged, renamed, truncated and duplicated files.
 *
 * The share must start: when it cannot, the test fails (CI installs samba,
 * rclone and fuse3 in .ci/run). A developer without FUSE sets KZ_SKIP_SMB=1.
 */

const DIR_CACHE_MS = 10_000;
/** Retries before quarantine must outlast the client's caches: a stale size looks like a damaged file. */
const RETRY = { attempts: 3, minAgeMs: DIR_CACHE_MS + 5_000 };
// Settle above the directory cache plus the write-back delay plus the longest allowed write.
const LOCK = { ttlMs: 60_000, refreshMs: 10_000, settleMs: DIR_CACHE_MS + 3_000, maxWriteMs: 1_000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const made: string[] = [];

function dataDir(id: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kz-smb-data-${id}-`));
  made.push(dir);
  return dir;
}

function options(id: string, root: string, dir = dataDir(id)): OpenOptions {
  return {
    root,
    passphrase: PASSPHRASE,
    computerId: id,
    computerName: `Кабинет информатики, ${id.toUpperCase()}`,
    programVersion: '0.1.0',
    dataDir: dir,
    timeoutMs: 8_000,
    retry: RETRY,
    lock: LOCK,
  };
}

/** Retries `attempt` until it returns a value (not undefined) or the time is up; offline and not-yet-visible answers are retried. */
async function eventually<T>(what: string, timeoutMs: number, attempt: () => Promise<T | undefined>): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown = null;
  while (Date.now() < until) {
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch (e) {
      if (!(e instanceof AppError) || !['SYNC_OFFLINE', 'SYNC_NOT_A_SHARE'].includes(e.code)) throw e;
      last = e;
    }
    await sleep(300);
  }
  throw new Error(`${what}: not within ${timeoutMs} ms (last: ${last instanceof Error ? last.message : String(last)})`);
}

/** What computer B has applied: each batch once, in order, whole. */
class Applied {
  readonly cursors: Cursors = {};
  readonly batches = new Map<string, Batch>();
  readonly seenAt = new Map<string, number>();

  take(batches: Batch[]): void {
    for (const batch of batches) {
      const { computerId, seq } = batch.header;
      const key = `${computerId}/${seq}`;
      expect(this.batches.has(key), `${key} applied twice`).toBe(false);
      expect(seq, `${key} out of order`).toBe((this.cursors[computerId] ?? 0) + 1);
      expect(batch.changes, `${key} not whole`).toEqual(changesFor(computerId, seq, batch.changes.length));
      this.batches.set(key, batch);
      this.seenAt.set(key, Date.now());
      this.cursors[computerId] = seq;
    }
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)];
}

const skip = process.env.KZ_SKIP_SMB === '1';

describe.skipIf(skip)('the shared folder on a real SMB share (Samba + rclone mounts)', () => {
  let smb: SmbShare;
  let a: SharedFolder;
  let b: SharedFolder;
  const applied = new Applied();
  let lastSeq = 0;

  beforeAll(async () => {
    console.log(`[smb] ${toolVersion('smbd')}; ${toolVersion('rclone')}`);
    smb = await startSmbShare({ dirCacheMs: DIR_CACHE_MS, writeBackMs: 1000 });
    a = await SharedFolder.create({ ...options('pc-a', smb.mountA), dataSetId: DATA_SET, kdfCost: LOWEST_COST });
    // B's mount learns of school.json only after A's client has sent it and B's cache has let go.
    b = await eventually('B joins through mount B', 60_000, () => SharedFolder.open(options('pc-b', smb.mountB)));
    await b.writeComputerFile({ readThrough: {} });
  }, 120_000);

  afterAll(async () => {
    await smb?.stop();
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  async function writeNext(count = 3): Promise<number> {
    lastSeq++;
    await a.writeBatch(lastSeq, changesFor('pc-a', lastSeq, count));
    return lastSeq;
  }

  async function readUntil(seq: number, timeoutMs: number): Promise<void> {
    await eventually(`B reads through ${seq}`, timeoutMs, async () => {
      applied.take((await b.readNewBatches(applied.cursors)).batches);
      return (applied.cursors['pc-a'] ?? 0) >= seq ? true : undefined;
    });
  }

  it('A writes through mount A, B reads through mount B with its stale listings: every batch once, in order, whole', async () => {
    const writeMs: number[] = [];
    const written = new Map<number, number>();
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      const seq = await writeNext(200);
      writeMs.push(performance.now() - started);
      written.set(seq, Date.now());
    }
    const readMs: number[] = [];
    await eventually('B reads all ten', 60_000, async () => {
      const started = performance.now();
      const result = await b.readNewBatches(applied.cursors);
      if (result.batches.length) readMs.push(performance.now() - started);
      applied.take(result.batches);
      return applied.cursors['pc-a'] === 10 ? true : undefined;
    });
    const visible = [...written].map(([seq, at]) => (applied.seenAt.get(`pc-a/${seq}`)! - at) / 1000);
    console.log(
      `[smb] batch of 200 changes: write ${median(writeMs).toFixed(0)} ms (median of 10); ` +
        `read call with batches ${median(readMs).toFixed(0)} ms; visible on B after ${median(visible).toFixed(1)} s (median), ${Math.max(...visible).toFixed(1)} s (max)`,
    );
    expect([...applied.batches.keys()]).toEqual(Array.from({ length: 10 }, (_, i) => `pc-a/${i + 1}`));
  }, 120_000);

  it('A’s client drops in the middle of writing and comes back: what A wrote arrives, nothing twice or half', async () => {
    const target = lastSeq + 12;
    let dropped = false;
    let offline = 0;
    while (lastSeq < target) {
      const seq = lastSeq + 1;
      if (seq === target - 8 && !dropped) {
        await smb.drop('a');
        dropped = true;
      }
      try {
        await a.writeBatch(seq, changesFor('pc-a', seq, 300));
        lastSeq = seq;
      } catch (e) {
        expect(e).toMatchObject({ code: 'SYNC_OFFLINE', message: expect.stringMatching(/Нет связи с общей папкой/) });
        offline++;
        expect(await a.status()).toMatchObject({ state: 'offline' });
        // The network comes back after a while; the same batch is written again (same seq, same changes).
        await smb.reconnect('a');
      }
      // B keeps reading meanwhile: it may see a copy half arrived, and must never take it.
      applied.take((await b.readNewBatches(applied.cursors)).batches);
    }
    expect(offline).toBeGreaterThan(0);
    await readUntil(target, 90_000);
    expect(applied.cursors['pc-a']).toBe(target);
  }, 180_000);

  it('B’s client drops in the middle of reading: offline, then it goes on from its cursor', async () => {
    const target = lastSeq + 4;
    while (lastSeq < target) await writeNext(500);
    await smb.drop('b');
    expect(await b.status()).toMatchObject({ state: 'offline', message: expect.stringMatching(/Нет связи/) });
    expect(await b.readNewBatches(applied.cursors).catch((e) => e)).toMatchObject({ code: 'SYNC_OFFLINE' });
    await smb.reconnect('b');
    await readUntil(target, 60_000);
  }, 120_000);

  it('a read-only share: the computer receives, and its writes are refused with a Russian message', async () => {
    const ro = await smb.mountReadOnly();
    const c = await eventually('C joins through the read-only share', 30_000, () => SharedFolder.open(options('pc-c', ro)));
    const got = await c.readNewBatches({});
    expect(got.batches.length).toBeGreaterThan(0);
    for (const write of [c.writeComputerFile({ readThrough: {} }), c.writeBatch(1, changesFor('pc-c', 1))]) {
      expect(await write.catch((e) => e)).toMatchObject({
        code: 'SYNC_READ_ONLY',
        message: 'В общую папку нельзя записывать: у этого компьютера нет прав на запись или папка открыта только для чтения. Попросите администратора сети дать права на запись в эту папку.',
      });
    }
    const probe = await SharedFolder.probe(ro);
    expect(probe.ok).toBe(false);
    expect(probe.steps.map((s) => [s.step, s.ok])).toEqual([
      ['folder', true],
      ['write', false],
    ]);
    expect(probe.steps[1].message).toMatch(/^Нет прав: записать файл не удалось/);
    const good = await SharedFolder.probe(smb.mountA);
    expect(good.ok).toBe(true);
    console.log(`[smb] folder test on mount A: ${good.steps.map((s) => `${s.step} ${s.ms} ms`).join(', ')}`);
  }, 90_000);

  it('a student’s damaged, truncated and duplicated batches, and an old batch copied under A’s next seq: never handed on; quarantined, and A writes its lost ones again', async () => {
    await readUntil(lastSeq, 60_000);
    const first = lastSeq + 1;
    for (let i = 0; i < 3; i++) await writeNext(50);
    const dir = path.join(smb.serverDir, 'changes/pc-a');
    const name = (seq: number) => path.join(dir, `${String(seq).padStart(12, '0')}.kzc`);
    // Wait until A's client has sent them, then act on the server's disk as a student with write access would.
    await eventually('the batches reach the server', 30_000, async () => (fs.existsSync(name(lastSeq)) ? true : undefined));
    await sleep(1500);
    const damaged = fs.readFileSync(name(first));
    damaged[damaged.length - 30] ^= 0x20;
    fs.writeFileSync(name(first), damaged);
    const cut = fs.readFileSync(name(first + 1));
    fs.writeFileSync(name(first + 1), cut.subarray(0, cut.length - 100));
    fs.copyFileSync(name(first + 2), path.join(dir, `${String(first + 2).padStart(12, '0')} - копия.kzc`));
    // A copy of an old batch under the next seq A will write.
    fs.copyFileSync(name(first - 1), name(first + 3));

    const quarantined: string[] = [];
    await eventually('B quarantines the bad files, A rewrites its own, B reads everything', 200_000, async () => {
      const result = await b.readNewBatches(applied.cursors);
      applied.take(result.batches);
      quarantined.push(...result.quarantined.map((q) => `${path.basename(q.sharePath)}:${q.reason}`));
      const status = await a.status();
      if (status.state === 'suspect') {
        for (const reason of status.reasons) {
          if (reason.kind !== 'own-batches-missing') throw new Error(`unexpected: ${JSON.stringify(reason)}`);
          for (const seq of reason.seqs) await a.writeBatch(seq, changesFor('pc-a', seq, 50));
        }
      }
      if (lastSeq < first + 3 && (applied.cursors['pc-a'] ?? 0) >= first + 2) {
        // A's next batch replaces the student's copy lying under its seq.
        await writeNext(50);
      }
      return (applied.cursors['pc-a'] ?? 0) >= first + 3 ? true : undefined;
    });
    console.log(`[smb] quarantined by B: ${quarantined.join(', ')}`);
    const pad = (seq: number) => `${String(seq).padStart(12, '0')}.kzc`;
    expect(quarantined).toEqual(expect.arrayContaining([`${pad(first)}:auth-failed`, `${pad(first + 1)}:auth-failed`]));
    expect(fs.existsSync(path.join(dir, `${String(first + 2).padStart(12, '0')} - копия.kzc`))).toBe(true);
    expect(b.quarantined().every((q) => q.removedFromShare)).toBe(true);
    expect(applied.cursors['pc-a']).toBe(first + 3);
  }, 240_000);

  it('the exclusive lock and the shared database file through the two clients', async () => {
    const work = dataDir('snapshot-work');
    const file = path.join(work, 'school.sqlite');
    fs.writeFileSync(file, Buffer.concat(Array.from({ length: 64 }, (_, i) => Buffer.alloc(64 * 1024, i))));
    const [lockA, lockB] = await Promise.allSettled([a.acquireLock(), b.acquireLock()]);
    const won = [lockA, lockB].filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const lock = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<SharedFolder['acquireLock']>>>).value;
    const publisher = lockA.status === 'fulfilled' ? a : b;
    const reader = publisher === a ? b : a;
    const info = await publisher.publishSnapshot(lock, file, { ...applied.cursors });
    await lock.release();
    const target = path.join(work, 'fetched.sqlite');
    const fetched = await eventually('the other computer fetches it', 60_000, async () => {
      const result = await reader.fetchSnapshot(target);
      return result.state === 'fetched' ? result : undefined;
    });
    expect(fetched.info).toEqual(info);
    expect(fs.readFileSync(target).equals(fs.readFileSync(file))).toBe(true);
  }, 180_000);
});
