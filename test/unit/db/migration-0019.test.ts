import { afterEach, describe, expect, it } from 'vitest';
import { ParentsMail1000000000019 } from '../../../main/core/db/migrations/0019-parents-mail';
import { openTestDatabase, type TestDatabase } from './helpers';

/** Issue 19: the parents' e-mail — batches, the outbox with each letter's delivery, the PDFs waiting to go. */
describe('migration 0019: parents informed by e-mail', () => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const tables = async (): Promise<string[]> => {
    const rows =
      t!.kind === 'sqlite'
        ? await t!.rawQuery<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'mail_%'`)
        : await t!.rawQuery<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 AND table_name LIKE 'mail_%'`, [t!.schema]);
    return rows.map((r) => r.name).sort();
  };

  it('makes the three tables, and down takes them away again', async () => {
    t = await openTestDatabase();
    expect(await tables()).toEqual(['mail_batches', 'mail_files', 'mail_outbox']);
    const migration = new ParentsMail1000000000019();
    const runner = t.ds.createQueryRunner();
    try {
      await migration.down(runner);
      expect(await tables()).toEqual([]);
      await migration.up(runner);
      expect(await tables()).toEqual(['mail_batches', 'mail_files', 'mail_outbox']);
    } finally {
      await runner.release();
    }
  });
});
