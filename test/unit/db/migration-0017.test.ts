import { afterEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { ChangeLogBySeq1000000000017 } from '../../../main/core/db/migrations/0017-change-log-by-seq';
import { ChangeLogEntity } from '../../../main/core/db/entities/system';
import { openTestDatabase, type TestDatabase } from './helpers';

/**
 * Issue 14, the speed of capture: the change log is keyed by its own order
 * (`seq`) with no other index. Entries captured before keep their order and
 * every value, down and up again.
 */
describe('migration 0017: the change log by its own order', () => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const entry = (n: number) => ({
    hlc: `2026-11-23T07:00:00.000Z-${n.toString(16).padStart(8, '0')}-computer-a`,
    computerId: 'computer-a',
    entity: n % 2 ? 'Mark' : 'Lesson',
    rowId: `row-${n % 5}`,
    field: n % 3 ? 'value' : '*',
    value: JSON.stringify(n % 3 ? String(n) : { text: `«${n}»`, n }),
    fieldGroup: n % 3 ? 'value' : null,
  });

  it('numbers the entries captured before in the order they were written, and keeps every value', async () => {
    t = await openTestDatabase();
    const migration = new ChangeLogBySeq1000000000017();
    const runner = t.ds.createQueryRunner();
    try {
      await migration.down(runner);
      // Ids in the order of writing (UUIDv7), clocks out of it: a received entry may be older than an own one.
      const written = Array.from({ length: 1203 }, (_, i) => ({ id: uuidv7(), ...entry(i % 7 === 3 ? 5000 - i : i) }));
      const shuffled = [...written].sort((a, b) => a.hlc.localeCompare(b.hlc));
      const ph = (n: number) => (t!.kind === 'postgres' ? `$${n}` : '?');
      for (const e of shuffled) {
        await runner.query(
          `INSERT INTO "change_log" ("id", "hlc", "computerId", "entity", "rowId", "field", "value", "fieldGroup") VALUES (${[1, 2, 3, 4, 5, 6, 7, 8].map(ph).join(', ')})`,
          [e.id, e.hlc, e.computerId, e.entity, e.rowId, e.field, e.value, e.fieldGroup],
        );
      }
      await migration.up(runner);
      const rows = await t.ds.getRepository(ChangeLogEntity).find({ order: { seq: 'ASC' } });
      expect(rows.map((r) => Number(r.seq))).toEqual(written.map((_, i) => i + 1));
      expect(rows.map(({ seq: _seq, ...rest }) => rest)).toEqual(written.map(({ id: _id, ...rest }) => rest));

      // A new entry continues the order.
      await t.ds.getRepository(ChangeLogEntity).insert(entry(9999));
      const last = await t.ds.getRepository(ChangeLogEntity).findOneOrFail({ where: { hlc: entry(9999).hlc } });
      expect(Number(last.seq)).toBe(written.length + 1);

      await migration.down(runner);
      const back = await runner.query(`SELECT "id", "hlc", "value" FROM "change_log" ORDER BY "id"`);
      expect(back.map((r: { hlc: string; value: string }) => [r.hlc, r.value])).toEqual([...written, entry(9999)].map((e) => [e.hlc, e.value]));
      await migration.up(runner);
    } finally {
      await runner.release();
    }
  }, 120_000);
});
