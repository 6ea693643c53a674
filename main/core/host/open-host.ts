import { CoreRuntime, type Logger } from './runtime';
import { loadDbConfig } from './app-config';
import type { Clock } from '../shared/clock';
import { systemClock } from '../shared/clock';
import { preMigrationBackup } from '../backup/pre-migration';
import { BackupScheduler, backupOnQuit } from '../backup/scheduler';
import { protectBackupConfig } from '../backup/config';
import { recoverFromLatest } from '../backup/recovery';
import { storageFailureOf } from '../db/errors';
import { IntegrityWatch } from '../db/integrity-watch';
import { mailQueue } from '../mail/queue';
import { acquireDataDirLock, type HostKind } from './data-dir-lock';
import { ensureWritableDataDir } from './data-dir-check';
import { damageFromError, findDamage, type DatabaseDamage } from './damaged-database';
import { SyncService } from '../sync/service/service';

export interface HostRuntime {
  /** The open core; null while the database is damaged and waits for its recovery (`damage`). */
  readonly runtime: CoreRuntime | null;
  /** The damaged database, found on opening; null once it is open. */
  readonly damage: DatabaseDamage | null;
  /**
   * Restores the newest verified backup over the damaged database (moved
   * aside, never deleted), then opens it. Refused when nothing is damaged.
   */
  recover(): Promise<{ restoredFrom: string | null; damagedCopy: string | null }>;
  /** Takes the backup on closing (when the schedule is on), then closes the database. */
  close(): Promise<void>;
}

export interface HostRuntimeOptions {
  dataDir: string;
  clock?: Clock;
  log?: Logger;
  /** Off for end-to-end tests, whose data folders live for seconds. */
  scheduledBackups?: boolean;
  /** Which program this is, named to a second one refused on the same data folder. */
  kind: HostKind;
  /** The bound of the check on opening (OPEN_CHECK_MS by default). */
  openCheckMs?: number;
}

/**
 * How a long-lived host (the desktop app's core process, the browser host)
 * opens the core: a writable data folder held by this program alone, the
 * database checked (a damaged one waits for recovery instead of failing), a
 * verified backup before any migration, the daily backup schedule, the idle
 * full check, and a backup when the program closes. The CLI and tests open a
 * bare CoreRuntime instead.
 */
export async function openHostRuntime(opts: HostRuntimeOptions): Promise<HostRuntime> {
  // Before anything is read or written: a folder that cannot be written is refused with the reason,
  // and a second program on this folder is refused, naming the first.
  const db = loadDbConfig(opts.dataDir);
  ensureWritableDataDir(opts.dataDir, db);
  const lock = acquireDataDirLock(opts.dataDir, opts.kind);
  const log = opts.log ?? console;
  let runtime: CoreRuntime | null = null;
  let damage: DatabaseDamage | null = null;
  let scheduler: BackupScheduler | null = null;
  let watch: IntegrityWatch | null = null;

  const open = async (): Promise<void> => {
    let opened: CoreRuntime;
    try {
      opened = await CoreRuntime.open({
        db,
        dataDir: opts.dataDir,
        clock: opts.clock,
        log: opts.log,
        beforeMigrate: preMigrationBackup(opts.dataDir, { clock: opts.clock }),
      });
    } catch (e) {
      // A file SQLite refuses (a flipped header, «file is not a database») waits for recovery too.
      if (db.kind === 'sqlite' && storageFailureOf(e) === 'DB_DAMAGED') {
        damage = damageFromError(opts.dataDir, db.file, e);
        return;
      }
      throw e;
    }
    runtime = opened;
    damage = null;
    scheduler = opts.scheduledBackups === false ? null : new BackupScheduler(opened);
    scheduler?.start();
    watch = new IntegrityWatch(opened);
    watch.start();
    // Sync with the school's shared folder, when this computer is set up for it (sync/README.md).
    SyncService.for(opened).start();
  };

  try {
    protectBackupConfig(opts.dataDir);
    damage = await findDamage(opts.dataDir, db, { timeoutMs: opts.openCheckMs, log });
    if (!damage) await open();
    if (damage) log.error(`База данных повреждена: ${damage.reason}${damage.detail ? ` (${damage.detail})` : ''}`);
  } catch (e) {
    lock.release();
    throw e;
  }

  let recovering: Promise<{ restoredFrom: string | null; damagedCopy: string | null }> | null = null;
  return {
    get runtime() {
      return runtime;
    },
    get damage() {
      return damage;
    },
    recover() {
      recovering ??= (async () => {
        try {
          if (!damage) throw new Error('nothing to recover');
          const outcome = await recoverFromLatest(opts.dataDir, db, opts.clock ?? systemClock, { damaged: true });
          await open();
          if (!runtime) throw new Error('the restored database did not open');
          log.info(`База данных восстановлена из копии ${outcome.restoredFrom}; повреждённый файл: ${outcome.corruptCopy}`);
          return { restoredFrom: outcome.backupCreatedAt, damagedCopy: outcome.corruptCopy };
        } finally {
          recovering = null;
        }
      })();
      return recovering;
    },
    close: async () => {
      watch?.stop();
      if (runtime) {
        mailQueue(runtime).stop();
        await mailQueue(runtime).idle();
        await SyncService.for(runtime).stop();
        if (scheduler) {
          scheduler.stop();
          await backupOnQuit(runtime, scheduler);
        }
        await runtime.close();
      }
      lock.release();
    },
  };
}
