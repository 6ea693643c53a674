/**
 * An acknowledged mark must survive the power going off (issue 17, item 8):
 * the program's SQLite connection runs in WAL mode with `synchronous = FULL`,
 * which syncs the log at every commit. NORMAL — better-sqlite3's build default
 * in WAL mode — survives a killed process but not a power cut.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';
import path from 'node:path';

let t: TestRuntime | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('SQLite durability', () => {
  it('commits in WAL mode with synchronous = FULL (2) on the program’s connection', async () => {
    t = await createTestRuntime();
    const ds = t.runtime.database();
    if (ds.options.type !== 'better-sqlite3') return; // PostgreSQL syncs its own WAL at commit
    const [mode] = (await ds.query('PRAGMA journal_mode')) as { journal_mode: string }[];
    const [sync] = (await ds.query('PRAGMA synchronous')) as { synchronous: number }[];
    expect(mode.journal_mode).toBe('wal');
    expect(sync.synchronous).toBe(2);
  });

  it('keeps FULL after the database is switched (the demo school, a restored copy)', async () => {
    t = await createTestRuntime();
    if (t.runtime.database().options.type !== 'better-sqlite3') return;
    await t.runtime.switchDatabase({ kind: 'sqlite', file: path.join(t.dataDir, 'other.sqlite') });
    const [sync] = (await t.runtime.database().query('PRAGMA synchronous')) as { synchronous: number }[];
    expect(sync.synchronous).toBe(2);
  });
});
