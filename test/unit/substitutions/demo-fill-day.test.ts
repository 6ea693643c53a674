import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoSchool } from '../../../main/core/demo/generate';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';

/**
 * Issue 16, item 3, on the demo school: the mathematics teacher with the most
 * lessons on Monday 07.12.2026 is ill; «Заполнить день» gives every one of her
 * lessons to a mathematics teacher (free ones were there), not to the
 * technology, physics, geography or English teachers who know the class.
 */
describe('«fill the day» on the demo school when a mathematics teacher is ill', () => {
  const PASSWORD = 'demo-2026-pass';
  const DATE = '2026-12-07';
  let dir: string;
  let t: TestRuntime;
  let token: string;
  let absent: { staffId: string; lastName: string; n: number };
  let mathsTeachers: Set<string>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-demo-fill-'));
    const file = path.join(dir, 'demo.sqlite');
    await generateDemoSchool({ file, password: PASSWORD, seed: 17, yearStart: 2026, today: DATE });
    const db = new Database(file, { readonly: true });
    absent = db
      .prepare(
        `SELECT l.staffId, s.lastName, COUNT(*) n FROM lessons l JOIN staff s ON s.id = l.staffId
          WHERE l.date = ? AND s.position = 'Учитель математики' GROUP BY l.staffId ORDER BY n DESC, s.lastName LIMIT 1`,
      )
      .get(DATE) as typeof absent;
    mathsTeachers = new Set((db.prepare("SELECT id FROM staff WHERE position = 'Учитель математики'").all() as { id: string }[]).map((r) => r.id));
    db.close();
    t = await createTestRuntime({ now: `${DATE}T06:00:00.000Z`, db: { kind: 'sqlite', file } });
    token = (await t.call('auth.login', { login: 'zavuch', password: PASSWORD })).token;
  }, 240_000);
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives all her lessons to mathematics teachers', async () => {
    expect(absent.n).toBe(5);
    await t.call('substitutions.saveAbsence', { staffId: absent.staffId, fromDate: DATE, toDate: DATE, reason: 'illness' }, token);
    const proposals = await t.call('substitutions.fillDay', { date: DATE }, token);
    expect(proposals).toHaveLength(5);
    for (const p of proposals) {
      expect(p.kind).toBe('substitute');
      expect(mathsTeachers.has(p.substituteStaffId!)).toBe(true);
      expect(p.candidate?.subject).toBe('teaches');
    }
  });
});
