import { CoreRuntime, type Logger } from './runtime';
import { loadDbConfig } from './app-config';
import type { Clock } from '../shared/clock';
import { preMigrationBackup } from '../backup/pre-migration';
import { BackupScheduler, backupOnQuit } from '../backup/scheduler';
import { protectBackupConfig } from '../backup/config';
import { acquireDataDirLock, type HostKind } from './data-dir-lock';
import { ensureWritableDataDir } from './data-dir-check';

export interface HostRuntime {
  runtime: CoreRuntime;
  /** Takes the backup on closing (when the schedule is on), then closes the database. */
  close(): Promise<void>;
}

/**
 * How a long-lived host (the desktop app's core process, the browser host)
 * opens the core: a verified backup before any migration, the daily backup
 * schedule, and a backup when the program closes. The CLI and tests open a
 * bare CoreRuntime instead.
 */
export async function openHostRuntime(opts: {
  dataDir: string;
  clock?: Clock;
  log?: Logger;
  /** Off for end-to-end tests, whose data folders live for seconds. */
  scheduledBackups?: boolean;
  /** Which program this is, named to a second one refused on the same data folder. */
  kind: HostKind;
}): Promise<HostRuntime> {
  // Before anything is read or written: a folder that cannot be written is refused with the reason,
  // and a second program on this folder is refused, naming the first.
  const db = loadDbConfig(opts.dataDir);
  ensureWritableDataDir(opts.dataDir, db);
  const lock = acquireDataDirLock(opts.dataDir, opts.kind);
  let runtime: CoreRuntime;
  try {
    protectBackupConfig(opts.dataDir);
    runtime = await CoreRuntime.open({
      db,
      dataDir: opts.dataDir,
      clock: opts.clock,
      log: opts.log,
      beforeMigrate: preMigrationBackup(opts.dataDir, { clock: opts.clock }),
    });
  } catch (e) {
    lock.release();
    throw e;
  }
  const scheduler = opts.scheduledBackups === false ? null : new BackupScheduler(runtime);
  scheduler?.start();
  return {
    runtime,
    close: async () => {
      if (scheduler) {
        scheduler.stop();
        await backupOnQuit(runtime, scheduler);
      }
      await runtime.close();
      lock.release();
    },
  };
}
