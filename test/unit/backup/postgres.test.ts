import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, setUpSchool, type TestRuntime } from '../../support/runtime';

/** On PostgreSQL a backup is a pg_dump archive checked by pg_restore; restoring is refused with the command to run. */
describe.runIf(!!process.env.PG_URL)('backups on PostgreSQL', () => {
  let t: TestRuntime;
  let admin: string;
  beforeAll(async () => {
    t = await createTestRuntime();
    admin = await setUpSchool(t);
  });
  afterAll(() => t.close());

  it('makes a verified pg_dump and refuses to restore it itself', async () => {
    const made = await t.call('backup.create', {}, admin);
    expect(made.backup).toMatchObject({ engine: 'postgres', integrityOk: true });
    expect(made.backup.name).toMatch(/\.pgdump$/);
    expect((await t.call('backup.verify', { id: made.backup.id }, admin)).ok).toBe(true);
    const refused = await t.fail('backup.restore', { id: made.backup.id }, admin);
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/^Восстановление базы данных на сервере PostgreSQL программа не выполняет: .*pg_restore --clean/);
  });
});
