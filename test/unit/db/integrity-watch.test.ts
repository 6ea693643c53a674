/**
 * The full integrity check when nobody uses the program (issue 17, item 4):
 * it waits for the program to be idle, runs at most once a day on its own
 * read-only connection, and a damaged database is shown to the administrator
 * with the backup status.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { IntegrityWatch, integrityStateFile, readIntegrityState } from '../../../main/core/db/integrity-watch';
import { backupStatus } from '../../../main/core/backup/status';
import { sqliteRuntime } from '../backup/helpers';
import { buildSmallSchool } from '../../support/small-school';

let t: Awaited<ReturnType<typeof sqliteRuntime>> | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

/** Overwrites the cell area of one leaf page of an index: its entries no longer match the table's rows. */
function damageAnIndex(file: string): string {
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const row = db
    .prepare(
      `SELECT s.name AS name, s.pageno AS pageno FROM dbstat s JOIN sqlite_master m ON m.name = s.name
        WHERE m.type = 'index' AND s.pagetype = 'leaf' AND s.ncell > 3 ORDER BY s.ncell DESC LIMIT 1`,
    )
    .get() as { name: string; pageno: number };
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(64, 0x5a), 0, 64, (row.pageno - 1) * pageSize + pageSize - 80);
  fs.closeSync(fd);
  return row.name;
}

describe('the idle integrity check', () => {
  it('waits for a quiet program, runs once a day, and reports damage to the administrator', async () => {
    t = await sqliteRuntime();
    await buildSmallSchool(t);
    let now = t.runtime.lastCallAt;
    const watch = new IntegrityWatch(t.runtime, { idleMs: 10 * 60_000, everyMs: 24 * 3_600_000, now: () => now });

    now += 60_000; // a minute after the last call: still in use
    expect(await watch.tick()).toBeNull();
    expect(fs.existsSync(integrityStateFile(t.dataDir))).toBe(false);

    now += 10 * 60_000; // quiet for eleven minutes
    expect(await watch.tick()).toMatchObject({ ok: true, problems: [] });
    now += 60 * 60_000; // an hour later: checked today already
    expect(await watch.tick()).toBeNull();

    const index = damageAnIndex(t.dbFile);
    now += 24 * 3_600_000;
    const found = await watch.tick();
    expect(found?.ok).toBe(false);
    expect(found!.problems.join(' ')).toMatch(new RegExp(`${index}|malformed|wrong # of entries|missing from index|out of order`));
    expect(readIntegrityState(t.dataDir)).toEqual(found);
    const warning = backupStatus(t.dataDir, t.runtime.dbConfig, t.clock.now()).warnings.find((w) => w.text.startsWith('Полная проверка базы данных'));
    expect(warning).toMatchObject({ severity: 'error' });
    expect(warning!.text).toMatch(/нашла повреждения \(.+\)\. Восстановите последнюю проверенную копию, сделанную до этого времени/);
  });
});
