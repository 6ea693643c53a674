import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { busyRefusal } from '../../../main/core/db/errors';
import { createTestRuntime, setUpSchool, TEST_PASSWORD, type TestRuntime } from '../../support/runtime';

const ROOT = path.join(__dirname, '..', '..', '..');
const CHILD = path.join(__dirname, 'write-lock-child.ts');

/**
 * Another program holding the write lock of the file the way a mutation
 * does: BEGIN IMMEDIATE, a write, then `holdMs` of work before COMMIT. It
 * prints «locked», then «committed <epoch ms>».
 */
const HOLDER = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1]);
db.exec('BEGIN IMMEDIATE');
db.prepare("UPDATE settings SET value = value WHERE key = 'school.name'").run();
process.stdout.write('locked\\n');
setTimeout(() => {
  db.exec('COMMIT');
  process.stdout.write('committed ' + Date.now() + '\\n');
  db.close();
}, Number(process.argv[2]));
`;

function start(args: string[]): { child: ChildProcessWithoutNullStreams; line: (prefix: string) => Promise<string>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, args, { cwd: ROOT });
  let out = '';
  let err = '';
  const waiting: { prefix: string; resolve: (line: string) => void }[] = [];
  const check = () => {
    for (const w of [...waiting]) {
      const line = out.split('\n').find((l) => l.startsWith(w.prefix));
      if (line !== undefined) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    check();
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  void exited.then((code) => {
    if (code !== 0) for (const w of waiting.splice(0)) w.resolve(`exit ${code}: ${err}`);
  });
  return {
    child,
    exited,
    line: (prefix) =>
      new Promise((resolve) => {
        waiting.push({ prefix, resolve });
        check();
      }),
  };
}

/**
 * Issue 17, item 6: two programs writing one SQLite file (two «Классный
 * журнал» on a shared data folder, the command line beside a running
 * program). A mutation takes the write lock when it begins
 * (db/write-transaction.ts), so one that comes while another program is in
 * the middle of a write waits for it and saves, instead of being refused
 * halfway with «Внутренняя ошибка программы» (SQLITE_BUSY). PostgreSQL
 * locks rows by itself: the file is SQLite's alone.
 */
describe.skipIf(process.env.KZ_SUITE === 'postgres')('mutations while another program writes the same SQLite file', () => {
  let t: TestRuntime;
  let admin: string;
  let file: string;

  beforeEach(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-write-lock-'));
    file = path.join(dir, 'school.sqlite');
    t = await createTestRuntime({ db: { kind: 'sqlite', file } });
    admin = await setUpSchool(t);
  });
  afterEach(async () => {
    await t.close();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('a save that comes while the other program is in the middle of its write waits for it, then is saved', async () => {
    const holder = start(['-e', HOLDER, file, '2000']);
    expect(await holder.line('locked')).toBe('locked');
    const asked = Date.now();
    const result = await t.runtime.call({ method: 'settings.set', params: { key: 'school.city', value: 'Тверь' }, token: admin });
    const committed = Number((await holder.line('committed')).split(' ')[1]);
    expect(await holder.exited).toBe(0);
    // The save was asked for while the other program held the lock, and went through after it let go.
    expect(asked).toBeLessThan(committed);
    expect(result).toEqual({ ok: true, value: null });
    const db = new Database(file, { readonly: true });
    expect(db.prepare(`SELECT value FROM settings WHERE key = 'school.city'`).get()).toEqual({ value: '"Тверь"' });
    db.close();
  });

  it('two programs saving at once: every save of both goes through', async () => {
    const count = 60;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-write-lock-other-'));
    try {
      const other = start(['--import', 'tsx', CHILD, file, dataDir, TEST_PASSWORD, String(count)]);
      expect(await other.line('ready')).toBe('ready');
      const errors: unknown[] = [];
      for (let i = 0; i < count; i++) {
        const r = await t.runtime.call({ method: 'settings.set', params: { key: 'school.city', value: `Город ${i}` }, token: admin });
        if (!r.ok) errors.push(r.error);
      }
      const theirs = JSON.parse(await other.line('{')) as { errors: unknown[] };
      expect(await other.exited).toBe(0);
      expect({ ours: errors, theirs: theirs.errors }).toEqual({ ours: [], theirs: [] });
      const db = new Database(file, { readonly: true });
      const rows = db.prepare(`SELECT key, value FROM settings WHERE key IN ('school.city', 'school.shortName') ORDER BY key`).all();
      db.close();
      expect(rows).toEqual([
        { key: 'school.city', value: JSON.stringify(`Город ${count - 1}`) },
        { key: 'school.shortName', value: JSON.stringify(`Школа № ${count - 1}`) },
      ]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('SQLite’s «busy», when a write has waited out the busy timeout, is said in Russian: nothing saved, try again', () => {
    // SQLite's own refusal, from a second connection that will not wait at all.
    const first = new Database(file);
    const second = new Database(file, { timeout: 0 });
    first.exec('BEGIN IMMEDIATE');
    let error: unknown;
    try {
      second.exec('BEGIN IMMEDIATE');
    } catch (e) {
      error = e;
    } finally {
      first.exec('ROLLBACK');
      first.close();
      second.close();
    }
    expect((error as { code?: string }).code).toBe('SQLITE_BUSY');
    const refusal = busyRefusal(error, 'изменение настроек');
    expect(refusal?.code).toBe('DB_BUSY');
    expect(refusal?.message).toMatch(/^База данных занята: .*Изменения не сохранены \(изменение настроек\)\. Повторите через минуту\./);
    expect(busyRefusal(new Error('something else'), 'изменение настроек')).toBeNull();
  });
});
