import { afterEach, describe, expect, it } from 'vitest';
import { StaffMailAndBoard1000000000018 } from '../../../main/core/db/migrations/0018-staff-mail-and-board';
import { openTestDatabase, type TestDatabase } from './helpers';

/**
 * Issue 19: the two tables 0002 reserved for mail and announcements, which
 * nothing wrote, give way to threads, participants, messages, attachments
 * and dated announcements; down brings the old shapes back.
 */
describe('migration 0018: staff mail and the announcement board', () => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const columns = async (table: string): Promise<string[]> => {
    const rows =
      t!.kind === 'sqlite'
        ? await t!.rawQuery<{ name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
        : await t!.rawQuery<{ name: string }>(`SELECT column_name AS name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2`, [t!.schema, table]);
    return rows.map((r) => r.name).sort();
  };

  it('goes down to the reserved tables and up again to the new ones', async () => {
    t = await openTestDatabase();
    const migration = new StaffMailAndBoard1000000000018();
    const runner = t.ds.createQueryRunner();
    try {
      await migration.down(runner);
      expect(await columns('messages')).toEqual(['body', 'createdAt', 'deletedAt', 'fromUserId', 'id', 'readAt', 'sentAt', 'subject', 'toUserId', 'updatedAt']);
      expect(await columns('message_threads')).toEqual([]);
      await migration.up(runner);
      expect(await columns('messages')).toEqual(['body', 'createdAt', 'deletedAt', 'fromUserId', 'id', 'searchText', 'sentAt', 'threadId', 'updatedAt']);
      expect(await columns('message_participants')).toEqual(['createdAt', 'deletedAt', 'id', 'seenCount', 'threadId', 'updatedAt', 'userId']);
      expect(await columns('announcements')).toEqual([
        'audience', 'authorId', 'body', 'classId', 'createdAt', 'deletedAt', 'fromDate', 'gradeLevel', 'id', 'pinned', 'sourceKey', 'title', 'toDate', 'updatedAt', 'yearId',
      ]);
    } finally {
      await runner.release();
    }
  });

  it('stops rather than drop a row it did not expect in a reserved table', async () => {
    t = await openTestDatabase();
    const migration = new StaffMailAndBoard1000000000018();
    const runner = t.ds.createQueryRunner();
    try {
      await migration.down(runner);
      const ph = (n: number) => (t!.kind === 'postgres' ? `$${n}` : '?');
      await runner.query(`INSERT INTO "users" ("id", "login", "passwordHash", "mustChangePassword", "sessionGeneration", "createdAt", "updatedAt") VALUES (${[1, 2, 3, 4, 5, 6, 7].map(ph).join(', ')})`, [
        '00000000-0000-7000-8000-000000000001', 'x', 'x', false, 0, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z',
      ]);
      await runner.query(`INSERT INTO "announcements" ("id", "title", "body", "authorId", "createdAt", "updatedAt") VALUES (${[1, 2, 3, 4, 5, 6].map(ph).join(', ')})`, [
        '00000000-0000-7000-8000-000000000002', 'Объявление', 'Текст', '00000000-0000-7000-8000-000000000001', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z',
      ]);
      await expect(migration.up(runner)).rejects.toThrow(/announcements holds rows/);
      expect(await columns('announcements')).toContain('expiresOn');
    } finally {
      await runner.release();
    }
  });
});
