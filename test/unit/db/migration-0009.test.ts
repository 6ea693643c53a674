import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { generateDemoSchool } from '../../../main/core/demo/generate';
import { openDatabase } from '../../../main/core/db/data-source';
import { select } from '../../../main/core/db/readable';

/**
 * Migration 0009 on a realistic school: the demo school, taken back to the
 * schema before 0009 (its `down`), is migrated again; every table keeps every
 * row, compared by count and by a hash of the columns it had before. The
 * login state that left `users` is in `login_states`, value for value. Rows
 * that break the new uniqueness rules are kept, tombstoned or renumbered, and
 * audited — never deleted.
 */
const USER_STATE = ['failedLogins', 'lockedUntil', 'lastLoginAt'];
const NEW_TABLES = new Set(['change_log', 'data_set', 'login_states']);

let dir: string;
let ds: DataSource;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-m0009-'));
  const file = path.join(dir, 'demo.sqlite');
  await generateDemoSchool({ file, password: 'Пароль-2026', seed: 17, yearStart: 2026, today: '2026-11-23' });
  ds = await openDatabase({ kind: 'sqlite', file });
  await undoThrough0009();
}, 240_000);

/** Takes the database back to the schema before 0009 (undoing the later migrations first). */
async function undoThrough0009(): Promise<void> {
  for (;;) {
    const [last] = await select<{ name: string }>(ds.manager, 'SELECT name FROM migrations ORDER BY id DESC LIMIT 1');
    await ds.undoLastMigration({ transaction: 'each' });
    if (last.name === 'OneWritePath1000000000009') return;
  }
}

/** Runs 0009 and whatever follows, then undoes those that follow: the schema just after 0009. */
async function migrateTo0009(): Promise<void> {
  await ds.runMigrations({ transaction: 'each' });
  for (;;) {
    const [last] = await select<{ name: string }>(ds.manager, 'SELECT name FROM migrations ORDER BY id DESC LIMIT 1');
    if (last.name === 'OneWritePath1000000000009') return;
    await ds.undoLastMigration({ transaction: 'each' });
  }
}

afterAll(async () => {
  await ds?.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function tables(): Promise<string[]> {
  const rows = await select<{ name: string }>(ds.manager, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'migrations' ORDER BY name`);
  return rows.map((r) => r.name);
}

async function columns(table: string): Promise<string[]> {
  return (await select<{ name: string }>(ds.manager, `SELECT name FROM pragma_table_info('${table}')`)).map((r) => r.name).sort();
}

/** The row count and a SHA-256 of every row's given columns, in key order. */
async function fingerprint(table: string, cols: string[]): Promise<{ rows: number; sha256: string }> {
  const key = cols.includes('id') ? 'id' : cols[0];
  const rows = await select<Record<string, unknown>>(ds.manager, `SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM "${table}" ORDER BY "${key}"`);
  const hash = crypto.createHash('sha256');
  for (const r of rows) hash.update(JSON.stringify(cols.map((c) => r[c])));
  return { rows: rows.length, sha256: hash.digest('hex') };
}

describe('migration 0009 on a school made before it', () => {
  it('keeps every row of every table, and moves the login state of users out of the shared row', async () => {
    const before = new Map<string, { cols: string[]; print: { rows: number; sha256: string } }>();
    for (const table of await tables()) {
      const cols = (await columns(table)).filter((c) => !(table === 'users' && USER_STATE.includes(c)));
      before.set(table, { cols, print: await fingerprint(table, cols) });
    }
    expect(before.get('lessons')!.print.rows).toBeGreaterThan(10_000);
    expect(before.has('login_states')).toBe(false);
    // What the old schema held in users: the login counters, for the accounts that had any.
    const states = await select<Record<string, unknown>>(ds.manager, `SELECT id AS "userId", "failedLogins", "lockedUntil", "lastLoginAt" FROM users ORDER BY id`);

    await migrateTo0009();

    expect((await tables()).filter((t) => !before.has(t)).sort()).toEqual([...NEW_TABLES].sort());
    for (const [table, { cols, print }] of before) {
      expect(await fingerprint(table, cols), table).toEqual(print);
    }
    const moved = await select<Record<string, unknown>>(ds.manager, `SELECT "userId", "failedLogins", "lockedUntil", "lastLoginAt" FROM login_states ORDER BY "userId"`);
    const expected = states.filter((s) => Number(s.failedLogins) !== 0 || s.lockedUntil !== null || s.lastLoginAt !== null);
    expect(moved).toEqual(expected);
    expect(await columns('users')).not.toEqual(expect.arrayContaining(['failedLogins']));
    // The school gets its data set; the roles their sync columns, all live.
    expect(await select(ds.manager, 'SELECT COUNT(*) AS n FROM data_set')).toEqual([{ n: 1 }]);
    expect(await select(ds.manager, `SELECT COUNT(*) AS n FROM user_roles WHERE "deletedAt" IS NOT NULL OR "createdAt" IS NULL`)).toEqual([{ n: 0 }]);
  }, 300_000);

  it('keeps rows that break the new rules: an older duplicate is tombstoned, a duplicate login or topic place renumbered, each audited', async () => {
    await undoThrough0009();
    const [att] = await select<Record<string, unknown>>(ds.manager, `SELECT * FROM attendances WHERE "deletedAt" IS NULL ORDER BY id LIMIT 1`);
    const [topic] = await select<Record<string, unknown>>(ds.manager, `SELECT * FROM plan_topics WHERE "deletedAt" IS NULL AND ordinal = 2 ORDER BY id LIMIT 1`);
    const [user] = await select<Record<string, unknown>>(ds.manager, `SELECT * FROM users WHERE "deletedAt" IS NULL ORDER BY login LIMIT 1`);
    const older = { ...att, id: '00000000-0000-7000-8000-0000000000a1', updatedAt: '2026-09-01T00:00:00.000Z' };
    const twin = { ...topic, id: '00000000-0000-7000-8000-0000000000a2', title: 'Та же тема ещё раз', createdAt: '2099-01-01T00:00:00.000Z' };
    const namesake = { ...user, id: '00000000-0000-7000-8000-0000000000a3', createdAt: '2099-01-01T00:00:00.000Z' };
    const counts = async () => (await select<{ n: number }>(ds.manager, 'SELECT (SELECT COUNT(*) FROM attendances) + (SELECT COUNT(*) FROM plan_topics) + (SELECT COUNT(*) FROM users) AS n'))[0].n;
    await insertRaw('attendances', older);
    await insertRaw('plan_topics', twin);
    await insertRaw('users', namesake);
    const total = await counts();

    await ds.runMigrations({ transaction: 'each' });

    expect(await counts()).toBe(total);
    const [kept] = await select<{ deletedAt: string | null }>(ds.manager, 'SELECT "deletedAt" FROM attendances WHERE id = ?', [older.id]);
    expect(kept.deletedAt).not.toBeNull();
    const [original] = await select<{ deletedAt: string | null }>(ds.manager, 'SELECT "deletedAt" FROM attendances WHERE id = ?', [att.id]);
    expect(original.deletedAt).toBeNull();
    const places = await select<{ ordinal: number }>(ds.manager, 'SELECT ordinal FROM plan_topics WHERE "planId" = ? AND "deletedAt" IS NULL ORDER BY ordinal', [topic.planId]);
    expect(places.map((p) => p.ordinal)).toEqual(places.map((_, i) => i + 1));
    const [renamed] = await select<{ login: string }>(ds.manager, 'SELECT login FROM users WHERE id = ?', [namesake.id]);
    expect(renamed.login).toBe(`${user.login}.2`);
    const audited = await select<{ entity: string }>(ds.manager, `SELECT entity FROM audit_events WHERE method = 'migration.0009' ORDER BY entity`);
    expect(new Set(audited.map((a) => a.entity))).toEqual(new Set(['Attendance', 'PlanTopic', 'User']));
  }, 120_000);
});

async function insertRaw(table: string, row: Record<string, unknown>): Promise<void> {
  const cols = Object.keys(row);
  await ds.query(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, cols.map((c) => row[c]));
}
