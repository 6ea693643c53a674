/**
 * The victim of the kill tests: does backups, restores or a migration over
 * and over until the parent kills it with SIGKILL. It prints «ready» when the
 * work starts, so the parent's random delay falls inside the work.
 *   tsx kill-child.ts backup  <dataDir> <dbFile>
 *   tsx kill-child.ts restore <dataDir> <dbFile> <backupA> <backupB>
 *   tsx kill-child.ts migrate <dataDir> <dbFile>
 */
import { makeBackup } from '../../main/core/backup/make';
import { restoreDatabase } from '../../main/core/backup/restore';
import { preMigrationBackup } from '../../main/core/backup/pre-migration';
import { CoreRuntime } from '../../main/core/host/runtime';
import { fixedClock, systemClock } from '../../main/core/shared/clock';

async function main(): Promise<void> {
  const [mode, dataDir, dbFile, a, b] = process.argv.slice(2);
  const db = { kind: 'sqlite' as const, file: dbFile };
  process.stdout.write('ready\n');
  if (mode === 'backup') {
    for (;;) await makeBackup({ db, dataDir, kind: 'auto', clock: systemClock });
  }
  if (mode === 'restore') {
    // After both backups (made in November 2026 and January 2027), in a month of its own: the undo
    // copies never share a day with them, so the retention rule keeps both whatever today's date is.
    const clock = fixedClock('2027-03-01T07:00:00.000Z');
    for (let i = 0; ; i++) {
      await restoreDatabase({ dataDir, db, backupFile: i % 2 ? b : a, clock, liveInUse: false });
    }
  }
  if (mode === 'migrate') {
    const runtime = await CoreRuntime.open({ db, dataDir, beforeMigrate: preMigrationBackup(dataDir), log: { info() {}, error() {} } });
    await runtime.close();
    process.stdout.write('migrated\n');
    return;
  }
  throw new Error(`unknown mode ${mode}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
