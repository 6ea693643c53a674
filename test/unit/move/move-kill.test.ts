import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime } from '../../support/runtime';
import { buildSmallSchool } from '../../support/small-school';
import { inspectTarget } from '../../../main/core/move/inspect';
import { ALL_MIGRATIONS } from '../../../main/core/db/migrations';
import { dropSchema, newSchema, schoolHashes, tablesIn } from './helpers';

/**
 * A move killed with SIGKILL (the command line, `move --to …`, the program's
 * own path) in the middle of copying and in the middle of its check: the
 * source is untouched and still the school's database; the target is
 * recognisably incomplete — on PostgreSQL the schema holds nothing (the one
 * transaction died with the process), an SQLite target exists only as a part
 * file — and the move, run again, goes through.
 */
const ROOT = path.join(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'main', 'cli.ts');

/** Runs `move` and kills it once its output shows `phase` (and a further random moment up to 400 ms). */
function moveAndKill(dataDir: string, args: string[], phase: string | null): Promise<{ killed: boolean; output: string }> {
  return new Promise((resolve, reject) => {
    // One process (node with tsx's loader), not the tsx wrapper: SIGKILL must hit the process doing the work.
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'move', '--data-dir', dataDir, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let timer: NodeJS.Timeout | null = null;
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      if (phase && !timer && output.includes(phase)) timer = setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 400));
    });
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal === 'SIGKILL') resolve({ killed: true, output });
      else if (code === 0) resolve({ killed: false, output });
      else reject(new Error(`move failed (${code}): ${output}`));
    });
  });
}

/** Pads the journal of changes (~8 MB), so that a copy takes long enough to be killed in the middle of it. */
function pad(file: string, rows: number): void {
  const db = new Database(file);
  const insert = db.prepare(
    "INSERT INTO audit_events (id, at, userId, method, action, entity, entityId, field, oldValue, newValue, reason) VALUES (?, '2026-11-23T07:00:00.000Z', NULL, 'test.pad', 'event', 'Pad', ?, NULL, NULL, ?, NULL)",
  );
  db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(`pad-${String(i).padStart(8, '0')}`, String(i), 'запись '.repeat(20));
  })();
  db.close();
}

describe('a move killed with SIGKILL', () => {
  let dataDir: string;
  let file: string;
  let before: Awaited<ReturnType<typeof schoolHashes>>;
  const here = () => ({ dataSetId: null, migrations: ALL_MIGRATIONS.map((m) => m.name), sizeBytes: 0 });

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-move-kill-'));
    file = path.join(dataDir, 'school.sqlite');
    const t = await createTestRuntime({ db: { kind: 'sqlite', file } });
    await buildSmallSchool(t);
    await t.runtime.close();
    pad(file, 60_000);
    before = await schoolHashes({ kind: 'sqlite', file });
  }, 120_000);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const sourceUntouched = async () => {
    expect(fs.existsSync(path.join(dataDir, 'config.json'))).toBe(false);
    expect(fs.statSync(file).mode & 0o222).not.toBe(0);
    expect(await schoolHashes({ kind: 'sqlite', file })).toEqual(before);
  };

  it('into a new SQLite file: the source untouched, the target only a part file, and the move then goes through', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-move-kill-target-'));
    const target = path.join(folder, 'school.sqlite');
    try {
      for (const phase of ['Копирование', 'Проверка:']) {
        const run = await moveAndKill(dataDir, ['--to', target], phase);
        expect(run.killed, run.output).toBe(true);
        await sourceUntouched();
        expect(fs.existsSync(target)).toBe(false);
        const left = fs.readdirSync(folder);
        expect(left.length).toBeGreaterThan(0);
        expect(left.every((name) => /^school\.sqlite\.part-\d+-[0-9a-f]+(-journal|-wal|-shm)?$/.test(name))).toBe(true);
      }
      const done = await moveAndKill(dataDir, ['--to', target], null);
      expect(done.output).toContain('Журнал перенесён и проверен');
      expect(fs.readdirSync(folder)).toEqual(['school.sqlite']);
      expect(await schoolHashes({ kind: 'sqlite', file: target })).toEqual(before);
    } finally {
      // Back to where the next case starts: the school in its own file, no config.
      const kept = fs.readdirSync(dataDir).find((n) => n.startsWith('school.before-move-'));
      if (kept) {
        fs.chmodSync(path.join(dataDir, kept), 0o644);
        fs.renameSync(path.join(dataDir, kept), file);
      }
      fs.rmSync(path.join(dataDir, 'config.json'), { force: true });
      fs.rmSync(path.join(dataDir, 'move.json'), { force: true });
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }, 300_000);

  it.runIf(!!process.env.PG_URL)('into PostgreSQL: the source untouched, the schema left empty, and the move then goes through', async () => {
    const schema = newSchema();
    const config = { kind: 'postgres' as const, url: process.env.PG_URL!, schema };
    try {
      for (const phase of ['Копирование', 'Проверка:']) {
        const run = await moveAndKill(dataDir, ['--to', process.env.PG_URL!, '--schema', schema], phase);
        expect(run.killed, run.output).toBe(true);
        await sourceUntouched();
        // The server ends the dead client's transaction as soon as it notices the closed connection.
        const deadline = Date.now() + 60_000;
        while ((await tablesIn(schema)).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
        expect(await tablesIn(schema)).toEqual([]);
        expect(await inspectTarget(config, here())).toMatchObject({ ok: true, state: 'ready' });
      }
      const done = await moveAndKill(dataDir, ['--to', process.env.PG_URL!, '--schema', schema], null);
      expect(done.output).toContain('Журнал перенесён и проверен');
      expect(await schoolHashes(config)).toEqual(before);
    } finally {
      await dropSchema(schema);
    }
  }, 300_000);
});


