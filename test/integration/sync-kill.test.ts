import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { SharedFolder } from '../../main/core/sync/share';
import type { Cursors } from '../../main/core/sync/share/types';
import { changesFor, DATA_SET, LOWEST_COST, PASSPHRASE } from '../support/sync-share';
import { KILL_LOCK, snapshotContent } from './sync-kill-content';

/**
 * Computer A killed with SIGKILL at random points while it writes batches and
 * while it publishes snapshots, again and again: afterwards the folder opens
 * and looks right to computer B, B gets every batch once, in order and whole
 * (a batch repeated after a kill is the same batch, never a second one), and
 * a fetched snapshot is always one whole publication. Seed printed; replay
 * with KZ_KILL_SEED (house style of kill.test.ts).
 */
const CHILD = path.join(__dirname, 'sync-kill-child.ts');
const ROOT = path.join(__dirname, '..', '..');
const SEED = Number(process.env.KZ_KILL_SEED ?? Date.now() % 100_000);

function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}
const rnd = random(SEED);

function runAndKill(args: string[], delayMs: number): Promise<{ killed: boolean; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let timer: NodeJS.Timeout | null = null;
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      if (!timer && output.includes('ready')) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`child ended by itself (${code}): ${output}`));
      else resolve({ killed: true, output });
    });
  });
}

const made: string[] = [];
function tmp(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kz-sync-kill-${label}-`));
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

async function school(): Promise<{ root: string; dataA: string; b: SharedFolder }> {
  const root = tmp('share');
  const dataA = tmp('data-a');
  await SharedFolder.create({ root, dataDir: dataA, passphrase: PASSPHRASE, computerId: 'pc-a', computerName: 'Компьютер PC-A', programVersion: '0.1.0', dataSetId: DATA_SET, kdfCost: LOWEST_COST });
  const b = await SharedFolder.open({ root, dataDir: tmp('data-b'), passphrase: PASSPHRASE, computerId: 'pc-b', computerName: 'Компьютер PC-B', programVersion: '0.1.0', lock: KILL_LOCK });
  await b.writeComputerFile({ readThrough: {} });
  return { root, dataA, b };
}

const tempFiles = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.includes('.part-')) : []);

describe(`the shared folder, its writer killed in the middle (seed ${SEED})`, () => {
  it('batch writes: 12 kills; B gets every batch once, in order, whole, and the folder stays right', async () => {
    const { root, dataA, b } = await school();
    const cursors: Cursors = {};
    let total = 0;
    for (let i = 0; i < 12; i++) {
      await runAndKill(['batches', root, dataA], Math.floor(rnd() * 700));
      expect(await b.status()).toMatchObject({ state: 'ok', pending: [] });
      const result = await b.readNewBatches(cursors);
      // On a local disk a reader never meets half a file: nothing is retried, nothing quarantined.
      expect(result.waiting).toEqual([]);
      expect(result.quarantined).toEqual([]);
      for (const batch of result.batches) {
        expect(batch.header.seq).toBe((cursors['pc-a'] ?? 0) + 1);
        expect(batch.changes).toEqual(changesFor('pc-a', batch.header.seq, 2000));
        cursors['pc-a'] = batch.header.seq;
        total++;
      }
    }
    console.log(`[sync-kill] batches: ${total} read whole after 12 kills`);
    expect(total).toBeGreaterThan(0);
    // A's next start clears what its killed writes left; the folder holds whole batches only.
    const a = await SharedFolder.open({ root, dataDir: dataA, passphrase: PASSPHRASE, computerId: 'pc-a', computerName: 'Компьютер PC-A', programVersion: '0.1.0' });
    expect(tempFiles(path.join(root, 'changes/pc-a'))).toEqual([]);
    expect(await a.status()).toMatchObject({ state: 'ok' });
    // Whatever A wrote last, before or after its record of it, B has it or gets it now — once.
    const rest = await b.readNewBatches(cursors);
    for (const batch of rest.batches) expect(batch.header.seq).toBe(++cursors['pc-a']);
    expect(cursors['pc-a']).toBeGreaterThanOrEqual(a.lastWrittenSeq);
  }, 300_000);

  it('snapshot publications: 10 kills; a fetched snapshot is always one whole publication, and dead leftovers are cleared', async () => {
    const { root, dataA, b } = await school();
    const work = tmp('work');
    const target = path.join(tmp('fetched'), 'school.sqlite');
    let fetched = 0;
    let lastCovered = 0;
    for (let i = 0; i < 10; i++) {
      await runAndKill(['snapshot', root, dataA, work], Math.floor(rnd() * 1500));
      expect(await b.status()).toMatchObject({ state: 'ok', pending: [] });
      const result = await b.fetchSnapshot(target);
      if (result.state === 'none') continue;
      expect(result.state).toBe('fetched');
      if (result.state !== 'fetched') continue;
      const n = result.info.covers['pc-a'];
      expect(n).toBeGreaterThanOrEqual(lastCovered);
      lastCovered = n;
      expect(fs.readFileSync(target).equals(snapshotContent(n))).toBe(true);
      fetched++;
      // Two generations are kept; a publication killed between its rename and the removal of the oldest leaves three.
      expect(fs.readdirSync(path.join(root, 'snapshot')).filter((name) => name.endsWith('.kzs')).length).toBeLessThanOrEqual(3);
    }
    console.log(`[sync-kill] snapshots: ${fetched} fetched whole after 10 kills, the last covering ${lastCovered}`);
    expect(fetched).toBeGreaterThan(0);
    // The next publication, once the dead ones are older than the lock's ttl, clears their temporary files.
    await new Promise((resolve) => setTimeout(resolve, KILL_LOCK.ttlMs + 500));
    const a = await SharedFolder.open({ root, dataDir: dataA, passphrase: PASSPHRASE, computerId: 'pc-a', computerName: 'Компьютер PC-A', programVersion: '0.1.0', lock: KILL_LOCK });
    const file = path.join(work, 'final.sqlite');
    fs.writeFileSync(file, snapshotContent(lastCovered + 1));
    const lock = await a.acquireLock();
    await a.publishSnapshot(lock, file, { 'pc-a': lastCovered + 1 });
    await lock.release();
    expect(tempFiles(path.join(root, 'snapshot'))).toEqual([]);
    expect(fs.readdirSync(path.join(root, 'snapshot')).filter((name) => name.endsWith('.kzs'))).toHaveLength(2);
    expect(await b.fetchSnapshot(target)).toMatchObject({ state: 'fetched', info: { covers: { 'pc-a': lastCovered + 1 } } });
    expect(fs.readFileSync(target).equals(snapshotContent(lastCovered + 1))).toBe(true);
  }, 300_000);
});
