import fs from 'node:fs';
import path from 'node:path';
import type { Benchmark, BenchContext } from './run';
import { SharedFolder, type OpenOptions } from '../../main/core/sync/share';
import type { Cursors } from '../../main/core/sync/share/types';
import { startSmbShare } from '../support/smb-share';
import { changesFor, DATA_SET, PASSPHRASE } from '../support/sync-share';

/**
 * The shared folder on a real SMB share (Samba on loopback, two rclone FUSE
 * mounts with a Windows-like 10 s directory cache; needs root and FUSE):
 *   sync_share_batch_write_ms  computer A writes a batch of 2,000 field changes through its mount;
 *   sync_share_batch_read_ms   computer B's read call that returns such a batch, through its mount;
 *   sync_share_visible_s       from A's write until B has the batch (bounded below by the directory cache);
 *   sync_share_day_write_ms    a school day's 20,000 changes as one batch, written by A;
 *   sync_share_day_read_ms     and read by B.
 * Measured together in one session of the share (median of the repetitions
 * inside it); each benchmark reports its figure.
 */

interface Figures {
  batchWriteMs: number;
  batchReadMs: number;
  visibleS: number;
  dayWriteMs: number;
  dayReadMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)];
}

let measured: Promise<Figures> | null = null;

async function measure(ctx: BenchContext): Promise<Figures> {
  const smb = await startSmbShare({ dirCacheMs: 10_000, writeBackMs: 1000 });
  try {
    const options = (id: string, root: string): OpenOptions => ({
      root,
      passphrase: PASSPHRASE,
      computerId: id,
      computerName: id,
      programVersion: 'bench',
      dataDir: fs.mkdtempSync(path.join(ctx.tmpDir, `sync-${id}-`)),
    });
    const a = await SharedFolder.create({ ...options('pc-a', smb.mountA), dataSetId: DATA_SET });
    let b: SharedFolder | null = null;
    for (let i = 0; !b && i < 200; i++) {
      b = await SharedFolder.open(options('pc-b', smb.mountB)).catch(async () => {
        await sleep(250);
        return null;
      });
    }
    if (!b) throw new Error('computer B could not join through its mount');
    await b.writeComputerFile({ readThrough: {} });
    const cursors: Cursors = {};
    let seq = 0;

    /** Writes one batch on A; waits until B has it; returns the three timings. */
    const roundTrip = async (count: number) => {
      seq++;
      const changes = changesFor('pc-a', seq, count);
      let started = performance.now();
      await a.writeBatch(seq, changes);
      const writeMs = performance.now() - started;
      const written = performance.now();
      for (;;) {
        started = performance.now();
        const result = await b!.readNewBatches(cursors);
        const readMs = performance.now() - started;
        if (result.batches.length) {
          if (result.batches.length !== 1 || result.batches[0].changes.length !== count) throw new Error('B read something else');
          cursors['pc-a'] = seq;
          return { writeMs, readMs, visibleS: (performance.now() - written) / 1000 };
        }
        if (performance.now() - written > 60_000) throw new Error(`batch ${seq} not visible on B in 60 s`);
        await sleep(250);
      }
    };

    const small = [];
    for (let i = 0; i < 7; i++) {
      small.push(await roundTrip(2000));
      ctx.log(`sync_share: batch ${seq}: write ${small.at(-1)!.writeMs.toFixed(0)} ms, visible after ${small.at(-1)!.visibleS.toFixed(1)} s`);
    }
    const day = [];
    for (let i = 0; i < 3; i++) day.push(await roundTrip(20_000));
    return {
      batchWriteMs: median(small.map((r) => r.writeMs)),
      batchReadMs: median(small.map((r) => r.readMs)),
      visibleS: median(small.map((r) => r.visibleS)),
      dayWriteMs: median(day.map((r) => r.writeMs)),
      dayReadMs: median(day.map((r) => r.readMs)),
    };
  } finally {
    await smb.stop();
  }
}

function figure(name: string, unit: string, pick: (f: Figures) => number): Benchmark {
  return {
    name,
    unit,
    runs: 1,
    async run(ctx) {
      measured ??= measure(ctx);
      return pick(await measured);
    },
  };
}

export const syncShareBenchmarks: Benchmark[] = [
  figure('sync_share_batch_write_ms', 'ms', (f) => f.batchWriteMs),
  figure('sync_share_batch_read_ms', 'ms', (f) => f.batchReadMs),
  figure('sync_share_visible_s', 's', (f) => f.visibleS),
  figure('sync_share_day_write_ms', 'ms', (f) => f.dayWriteMs),
  figure('sync_share_day_read_ms', 'ms', (f) => f.dayReadMs),
];
