import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoSchool } from '../../../main/core/demo/generate';
import { createTestRuntime, TEST_PASSWORD, type TestRuntime } from '../../support/runtime';
import { dropSchema, moveThrough, newSchema, schoolHashes, serverForm } from './helpers';

/**
 * The demo school moved SQLite → PostgreSQL → SQLite from the settings
 * screen's methods ends with identical tables: every table's row count and
 * hash as in the school it started as (the moves' own audit events aside).
 */
describe.runIf(!!process.env.PG_URL)('the demo school moved to PostgreSQL and back', () => {
  let dir: string;
  let file: string;
  let t: TestRuntime;
  const schema = newSchema();

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-move-demo-'));
    file = path.join(dir, 'demo.sqlite');
    await generateDemoSchool({ file, password: TEST_PASSWORD, seed: 17, yearStart: 2026, today: '2026-11-23' });
    t = await createTestRuntime({ db: { kind: 'sqlite', file } });
  }, 600_000);
  afterAll(async () => {
    await t?.close();
    await dropSchema(schema);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('ends with identical tables', async () => {
    const admin = ((await t.call('auth.login', { login: 'admin', password: TEST_PASSWORD })) as unknown as { token: string }).token;
    const original = await schoolHashes({ kind: 'sqlite', file });
    expect(original.find((c) => c.table === 'marks')!.rows).toBeGreaterThan(50_000);

    const there = await moveThrough(t, admin, serverForm(schema));
    expect(there.status, there.error ?? '').toBe('done');
    expect(await schoolHashes({ kind: 'postgres', url: process.env.PG_URL!, schema })).toEqual(original);

    const back = path.join(dir, 'back.sqlite');
    const home = await moveThrough(t, admin, { kind: 'sqlite', file: back });
    expect(home.status, home.error ?? '').toBe('done');
    expect(await schoolHashes({ kind: 'sqlite', file: back })).toEqual(original);
    expect(home.result!.rows).toBe(there.result!.rows + 1);
  }, 600_000);
});
