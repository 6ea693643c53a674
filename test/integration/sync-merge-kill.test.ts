import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { CoreRuntime } from '../../main/core/host/runtime';
import { SyncService } from '../../main/core/sync/service/service';
import { MarkEntity } from '../../main/core/db/entities/journal';
import { ChangeLogEntity } from '../../main/core/db/entities/system';
import { SyncBatchEntity, SyncCursorEntity } from '../../main/core/db/entities/sync';
import { fixedClock } from '../../main/core/shared/clock';
import { buildSmallSchool, type SmallSchool } from '../support/small-school';
import type { TestRuntime } from '../support/runtime';
import { LOWEST_COST, PASSPHRASE } from '../support/sync-share';
import { KILL_SYNC_OPTIONS } from './sync-merge-kill-options';

/**
 * A computer killed with SIGKILL at random moments while it exports its
 * batches, while it applies another computer's, and while it publishes the
 * shared database file, again and again: afterwards the folder verifies,
 * nothing is lost or applied twice, and the computers hold the same marks.
 * Seed printed; replay with KZ_KILL_SEED.
 */
const CHILD = path.join(__dirname, 'sync-merge-kill-child.ts');
const ROOT = path.join(__dirname, '..', '..');
const SEED = Number(process.env.KZ_KILL_SEED ?? Date.now() % 100_000);
const KILLS = 3;

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

function runAndKill(args: string[], delayMs: number): Promise<string> {
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
      else resolve(output);
    });
  });
}

const made: string[] = [];
function tmp(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kz-merge-kill-${label}-`));
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A computer's program on its own data folder (its computer id is kept there). */
async function program(dataDir: string): Promise<CoreRuntime> {
  return CoreRuntime.open({ db: { kind: 'sqlite', file: path.join(dataDir, 'school.sqlite') }, dataDir, clock: fixedClock('2026-11-23T07:00:00.000Z'), log: { info: () => {}, error: () => {} } });
}

function asTest(runtime: CoreRuntime, dataDir: string): TestRuntime {
  const call = async (method: string, params: unknown, token?: string | null) => {
    const r = await runtime.call({ method, params, token });
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as never;
  };
  return { runtime, clock: runtime.clock as TestRuntime['clock'], dataDir, call, fail: call as never, close: () => runtime.close() } as TestRuntime;
}

/** Marks for every lesson and student of the small school, many times over: a few thousand changes. */
async function manyMarks(runtime: CoreRuntime, s: SmallSchool, value: string): Promise<void> {
  await runtime.transact({ userId: s.userIds.ivanova, method: 'test.marks' }, async (write) => {
    const rows = [];
    for (let i = 0; i < 600; i++) {
      rows.push({ lessonId: s.lessons.maths5a.id, studentId: i % 2 ? s.students.first : s.students.second, value, numericValue: Number(value), workTypeId: s.workTypes.classwork, weight: 1, comment: null, setAt: '2026-11-23T07:00:00.000Z', setBy: s.userIds.ivanova, late: false });
    }
    await write.insertMany(MarkEntity, rows);
  });
}

async function marks(dataDir: string): Promise<string[]> {
  const rt = await program(dataDir);
  try {
    return (await rt.database().manager.find(MarkEntity, { order: { id: 'ASC' } })).map((m) => `${m.id}:${m.value}:${m.deletedAt ?? ''}`);
  } finally {
    await rt.close();
  }
}

describe.skipIf(!!process.env.PG_URL)(`SIGKILL during export, import and the shared database file (KZ_KILL_SEED=${SEED})`, () => {
  it('the folder verifies, nothing is lost or applied twice, and the computers end up equal', async () => {
    console.log(`merge kill test: seed ${SEED}`);
    const root = tmp('share');
    const dirA = tmp('a');
    const dirB = tmp('b');
    let s: SmallSchool;
    {
      const a = await program(dirA);
      s = await buildSmallSchool(asTest(a, dirA));
      await SyncService.for(a, KILL_SYNC_OPTIONS).create({ root, passphrase: PASSPHRASE, computerName: 'ПК A', kdfCost: LOWEST_COST });
      await SyncService.for(a).stop();
      await a.close();
      const b = await program(dirB);
      await SyncService.for(b, KILL_SYNC_OPTIONS).join({ root, passphrase: PASSPHRASE, computerName: 'ПК B' });
      await SyncService.for(b).stop();
      await b.close();
    }

    // Export: A has a few thousand changes; its program is killed while it writes them to the folder.
    for (let round = 0; round < 2; round++) {
      const a = await program(dirA);
      await manyMarks(a, s, String(3 + round));
      await a.close();
      for (let k = 0; k < KILLS; k++) await runAndKill(['export', dirA], Math.floor(rnd() * 1500));
    }
    // Import: B is killed while it applies A's batches.
    for (let k = 0; k < KILLS; k++) await runAndKill(['import', dirB], Math.floor(rnd() * 2500));
    // The shared database file: A is killed while it makes and publishes it.
    for (let k = 0; k < KILLS; k++) await runAndKill(['snapshot', dirA], Math.floor(rnd() * 2500));

    // Then both finish undisturbed.
    for (const dir of [dirA, dirB, dirA]) {
      const rt = await program(dir);
      const sync = SyncService.for(rt, KILL_SYNC_OPTIONS);
      const report = await sync.syncNow();
      expect(report.state).toBe('ok');
      if (dir === dirA) expect((await sync.verify()).ok).toBe(true);
      await sync.stop();
      await rt.close();
    }
    const onA = await marks(dirA);
    expect(onA).toHaveLength(1200);
    expect(await marks(dirB)).toEqual(onA);

    // A's batches are numbered without a gap and applied on B once each: no entry of A twice in B's change log.
    const a = await program(dirA);
    const b = await program(dirB);
    try {
      const batches = await a.database().manager.find(SyncBatchEntity, { order: { seq: 'ASC' } });
      expect(batches.map((x) => x.seq)).toEqual(batches.map((_, i) => i));
      expect(batches.every((x) => x.writtenAt)).toBe(true);
      const cursor = await b.database().manager.findOneByOrFail(SyncCursorEntity, { computerId: a.changes.computerId });
      expect(cursor.lastSeq).toBe(batches.at(-1)!.seq);
      const entries = await b.database().manager.find(ChangeLogEntity, { where: { computerId: a.changes.computerId } });
      const keys = entries.map((e) => `${e.hlc}|${e.rowId}|${e.field}`);
      expect(new Set(keys).size).toBe(keys.length);
    } finally {
      await a.close();
      await b.close();
    }
  }, 600_000);
});
