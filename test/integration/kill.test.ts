import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { makeBackup } from '../../main/core/backup/make';
import { scanBackups } from '../../main/core/backup/catalog';
import { mainBackupDir } from '../../main/core/backup/config';
import { verifyBackupFile } from '../../main/core/backup/verify';
import { checkIntegrity } from '../../main/core/backup/sqlite';
import { CoreRuntime } from '../../main/core/host/runtime';
import { ALL_MIGRATIONS } from '../../main/core/db/migrations';
import { fixedClock } from '../../main/core/shared/clock';
import { createTestRuntime } from '../support/runtime';
import { buildSmallSchool } from '../support/small-school';
import { dumpDatabase } from '../unit/backup/helpers';

/**
 * A process killed with SIGKILL at random points in the middle of a backup, a
 * restore and a migration, 30 times in all: afterwards the database opens and
 * passes its integrity check, holds whole content (one of the states it could
 * be in, never a mixture), and every backup made before still verifies.
 */
const CHILD = path.join(__dirname, 'kill-child.ts');
const ROOT = path.join(__dirname, '..', '..');
const SEED = Number(process.env.KZ_KILL_SEED ?? Date.now() % 100_000);

/** A small, seeded generator: a failure can be replayed with KZ_KILL_SEED. */
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

/** Starts the child, waits for «ready», kills it after `delayMs` (or lets it finish). */
function runAndKill(args: string[], delayMs: number): Promise<{ killed: boolean; output: string }> {
  return new Promise((resolve, reject) => {
    // One process (node with tsx's loader), not the tsx wrapper: SIGKILL must hit the process doing the work.
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
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`child failed (${code}): ${output}`));
      else resolve({ killed: signal === 'SIGKILL', output });
    });
  });
}

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kz-kill-'));
}

/** Pads the database with journal rows (~2.5 MB), so that a copy takes long enough to be killed in the middle. */
function pad(file: string, rows: number): void {
  const db = new Database(file);
  const insert = db.prepare(
    "INSERT INTO audit_events (id, at, userId, method, action, entity, entityId, field, oldValue, newValue, reason) VALUES (?, '2026-11-23T07:00:00.000Z', NULL, 'test.pad', 'event', 'Pad', ?, NULL, NULL, ?, NULL)",
  );
  db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(`pad-${i}`, String(i), 'x'.repeat(120));
  })();
  db.close();
}

function allBackupsVerify(dataDir: string): Promise<boolean[]> {
  return Promise.all(scanBackups(mainBackupDir(dataDir)).map(async (e) => (await verifyBackupFile(e.file)).ok));
}

describe(`killed in the middle (seed ${SEED})`, () => {
  let template: string;
  let templateDir: string;
  beforeAll(async () => {
    templateDir = tmp();
    template = path.join(templateDir, 'school.sqlite');
    const t = await createTestRuntime({ db: { kind: 'sqlite', file: template } });
    await buildSmallSchool(t);
    await t.runtime.close();
    pad(template, 15_000);
  }, 120_000);
  afterAll(() => fs.rmSync(templateDir, { recursive: true, force: true }));

  it('a backup: 12 kills, the database and every earlier backup verify', async () => {
    const dir = tmp();
    const db = path.join(dir, 'school.sqlite');
    fs.copyFileSync(template, db);
    const before = dumpDatabase(db);
    for (let i = 0; i < 12; i++) {
      const earlier = scanBackups(mainBackupDir(dir)).map((e) => e.file);
      await runAndKill(['backup', dir, db], Math.floor(rnd() * 900));
      expect(checkIntegrity(db, { live: true })).toMatchObject({ ok: true });
      const now = scanBackups(mainBackupDir(dir));
      // Every earlier backup is still there and good, unless the retention rule replaced it by a newer one of the same day.
      for (const e of now) expect((await verifyBackupFile(e.file)).ok, e.name).toBe(true);
      const survivors = earlier.filter((f) => fs.existsSync(f));
      expect(survivors.length + now.filter((e) => !earlier.includes(e.file)).length).toBeGreaterThanOrEqual(Math.min(1, earlier.length));
    }
    expect(dumpDatabase(db)).toEqual(before);
    // Leftover part files are cleared by the next backup, which succeeds.
    const { entry } = await makeBackup({ db: { kind: 'sqlite', file: db }, dataDir: dir, kind: 'manual', clock: fixedClock('2030-01-01T00:00:00Z') });
    expect(entry.integrityOk).toBe(true);
    expect(fs.readdirSync(mainBackupDir(dir)).filter((n) => n.includes('.part-'))).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 400_000);

  it('a restore: 10 kills, the database holds one whole state and every backup verifies', async () => {
    const dir = tmp();
    const db = path.join(dir, 'school.sqlite');
    fs.copyFileSync(template, db);
    const clock = fixedClock('2026-11-23T07:00:00.000Z');
    const a = (await makeBackup({ db: { kind: 'sqlite', file: db }, dataDir: dir, kind: 'manual', clock })).entry;
    const sqlite = new Database(db);
    sqlite.prepare("UPDATE settings SET value = '\"Школа Б\"' WHERE key = 'school.name'").run();
    sqlite.prepare("DELETE FROM audit_events WHERE method = 'test.pad' AND CAST(entityId AS INTEGER) % 3 = 0").run();
    sqlite.close();
    clock.advance(86_400_000 * 40); // another month: the rule keeps both
    const b = (await makeBackup({ db: { kind: 'sqlite', file: db }, dataDir: dir, kind: 'manual', clock })).entry;
    const states = [dumpDatabase(a.file), dumpDatabase(b.file)];
    for (let i = 0; i < 10; i++) {
      await runAndKill(['restore', dir, db, a.file, b.file], Math.floor(rnd() * 1500));
      expect(checkIntegrity(db, { live: true })).toMatchObject({ ok: true });
      const current = dumpDatabase(db);
      expect(states.some((s) => JSON.stringify(s) === JSON.stringify(current))).toBe(true);
      expect(await allBackupsVerify(dir)).not.toContain(false);
      expect(fs.existsSync(a.file) && fs.existsSync(b.file)).toBe(true);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }, 400_000);

  it('a migration: 8 kills, the database stays at the old or the new structure and opens afterwards', async () => {
    for (let i = 0; i < 8; i++) {
      const dir = tmp();
      const db = path.join(dir, 'school.sqlite');
      const old = new DataSource({ type: 'better-sqlite3', database: db, migrations: [ALL_MIGRATIONS[0]] });
      await old.initialize();
      await old.runMigrations();
      await old.destroy();
      pad(db, 10_000);
      const { killed } = await runAndKill(['migrate', dir, db], Math.floor(rnd() * 1200));
      const check = checkIntegrity(db, { live: true });
      expect(check).toMatchObject({ ok: true });
      expect(ALL_MIGRATIONS.map((m) => m.name)).toContain(check.schemaVersion);
      expect(await allBackupsVerify(dir)).not.toContain(false);
      const runtime = await CoreRuntime.open({ db: { kind: 'sqlite', file: db }, dataDir: dir, log: { info() {}, error() {} } });
      await runtime.close();
      expect(checkIntegrity(db).schemaVersion).toBe(ALL_MIGRATIONS.at(-1)!.name);
      expect(typeof killed).toBe('boolean');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 400_000);
});
