import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreDatabase } from '../../../main/core/backup/restore';
import { fixedClock } from '../../../main/core/shared/clock';
import { createTestRuntime, setUpSchool, type TestRuntime } from '../../support/runtime';

/**
 * On PostgreSQL a backup is the portable copy (backup/portable/), read back
 * and checked whole; the program restores it itself (portable.test.ts).
 * A pg_dump archive left by an older version is still refused, with the
 * command that restores it.
 */
describe.runIf(!!process.env.PG_URL)('backups on PostgreSQL', () => {
  let t: TestRuntime;
  let admin: string;
  beforeAll(async () => {
    t = await createTestRuntime();
    admin = await setUpSchool(t);
  });
  afterAll(() => t.close());

  it('makes the portable copy, verified, whatever was asked', async () => {
    const made = await t.call('backup.create', {}, admin);
    expect(made.backup).toMatchObject({ engine: 'portable', integrityOk: true });
    expect(made.backup.name).toMatch(/\.kzdump$/);
    expect((await t.call('backup.verify', { id: made.backup.id }, admin)).ok).toBe(true);
  });
});

describe.runIf(!!process.env.PG_URL)('a pg_dump archive of an older version', () => {
  it('is not restored by the program: the message names the command that restores it', async () => {
    const refused = restoreDatabase({
      dataDir: '/nonexistent',
      db: { kind: 'postgres', url: process.env.PG_URL! },
      backupFile: '/nonexistent/kz_20261123T070000Z_auto.pgdump',
      clock: fixedClock('2026-11-23T07:00:00Z'),
      liveInUse: true,
    });
    await expect(refused).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/pg_restore --clean --if-exists/) });
  });
});
