import { afterEach, describe, expect, it } from 'vitest';
import { ExtractSerialNumbers1000000000011 } from '../../../main/core/db/migrations/0011-extract-serial-numbers';
import { newId } from '../../../main/core/shared/ids';
import { openTestDatabase, type TestDatabase } from './helpers';

/**
 * Issue 16, item 15: extracts printed before the plain numbers came are
 * numbered by the migration in the order they were printed, from 1 in each
 * school year.
 */
describe('migration 0011: extract numbers', () => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('numbers the extracts already printed, one after another in each school year, in the order of printing', async () => {
    t = await openTestDatabase();
    const at = '2026-01-01T00:00:00.000Z';
    const synced = { createdAt: at, updatedAt: at, deletedAt: null };
    for (const [name, startDate, endDate] of [
      ['2025/2026', '2025-09-01', '2026-05-31'],
      ['2026/2027', '2026-09-01', '2027-05-31'],
    ]) {
      await t.ds.getRepository('AcademicYear').insert({ id: newId(), name, startDate, endDate, status: 'open', closedAt: null, closedBy: null, ...synced });
    }
    const studentId = newId();
    await t.ds.getRepository('Student').insert({
      id: studentId, lastName: 'Алексеев', firstName: 'Артём', middleName: null, searchName: 'алексеев артем', birthDate: null, sex: null,
      personalFileNo: null, address: null, phone: null, email: null, snils: null, note: null, dataCheckedAt: null, ...synced,
    });
    // Ids in another order than the printing, as rows synced from two computers would be.
    const acks = [
      { key: 'may', fromDate: '2026-05-18', printedAt: '2026-05-25T10:00:00.000Z' },
      { key: 'nov-second', fromDate: '2026-11-16', printedAt: '2026-11-23T10:00:00.000Z' },
      { key: 'sep', fromDate: '2025-09-15', printedAt: '2025-09-22T10:00:00.000Z' },
      { key: 'nov-first', fromDate: '2026-11-09', printedAt: '2026-11-16T10:00:00.000Z' },
    ].map((a) => ({ ...a, id: newId() }));
    for (const a of acks) {
      await t.ds.getRepository('ParentExtractAck').insert({
        id: a.id, studentId, fromDate: a.fromDate, toDate: a.fromDate, kind: 'week', printedAt: a.printedAt,
        acknowledgedAt: null, acknowledgedBy: null, registeredBy: null, serialNo: null, ...synced,
      });
    }
    const migration = new ExtractSerialNumbers1000000000011();
    const runner = t.ds.createQueryRunner();
    try {
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const rows = await t.ds.getRepository('ParentExtractAck').find();
    const numberOf = new Map(rows.map((r) => [r.id as string, Number(r.serialNo)]));
    expect(Object.fromEntries(acks.map((a) => [a.key, numberOf.get(a.id)]))).toEqual({ sep: 1, may: 2, 'nov-first': 1, 'nov-second': 2 });
  });
});
