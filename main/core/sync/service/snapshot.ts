import { writeTransaction } from '../../db/write-transaction';
import fs from 'node:fs';
import path from 'node:path';
import type { CoreRuntime } from '../../host/runtime';
import { onlineBackup, restoreOnline } from '../../backup/sqlite';
import { ALL_MIGRATIONS } from '../../db/migrations';
import { isAuditEventShared } from '../../changes/policy';
import { AppError } from '../../shared/errors';
import { adoptSnapshot, appliedMigrations, compactSnapshot, dataSetOf } from '../../write/snapshot-file';
import type { SharedFolder } from '../share';
import type { PruneResult, SnapshotInfo } from '../share/types';
import { syncDir } from '../share/local-state';
import { lastRecordedSeq } from '../outbox';
import { foldOwnEntries } from '../merge/clocks';
import { readCursors } from '../merge/run';

/**
 * The school's shared database file (sync/README.md «The shared database
 * file»): made from this computer's database under the exclusive lock, and
 * the start of a computer that joins with an empty database.
 */

function work(runtime: CoreRuntime, name: string): string {
  const dir = path.join(syncDir(runtime.dataDir), 'work');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}-${process.pid}-${Date.now()}.sqlite`);
}

function liveFile(runtime: CoreRuntime): string {
  const config = runtime.dbConfig;
  if (config.kind !== 'sqlite') throw new AppError('CONFLICT', 'Общая папка нужна только школе, работающей на базе данных этого компьютера: на сервере PostgreSQL общая база — сам сервер.');
  return config.file;
}

function remove(...files: string[]): void {
  for (const f of files) for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(f + suffix, { force: true });
}

/**
 * A consistent copy of this computer's database with what it covers: taken
 * on the core's queue (no write in between), after this computer's own
 * entries are folded into the field clocks (the copy's clocks must know
 * them). Covers: every other computer's cursor, and this computer's last
 * recorded batch (its entries are all in the copy).
 */
async function copyWithCovers(runtime: CoreRuntime): Promise<{ file: string; covers: Record<string, number> }> {
  const me = runtime.changes.computerId;
  const file = work(runtime, 'copy');
  const covers = await runtime.serialize(async () => {
    await writeTransaction(runtime.database(), (em) => foldOwnEntries(em, me));
    await onlineBackup(liveFile(runtime), file);
    return { ...(await readCursors(runtime)), [me]: await lastRecordedSeq(runtime.database().manager) };
  });
  return { file, covers };
}

/** Makes and publishes the shared database file under the lock; then prunes what it makes unneeded. */
export async function publishSnapshotNow(runtime: CoreRuntime, folder: SharedFolder): Promise<{ info: SnapshotInfo; prune: PruneResult; lockMs: number }> {
  const asked = performance.now();
  const lock = await folder.acquireLock();
  // Taking the lock waits a fixed while for other computers' locks to show (share/README.md «Lock rules»).
  const lockMs = performance.now() - asked;
  const copy = await copyWithCovers(runtime).catch(async (e) => {
    await lock.release();
    throw e;
  });
  const compact = work(runtime, 'snapshot');
  try {
    compactSnapshot(copy.file, compact, (subjects) => subjects.filter((s) => !isShared(s)));
    const info = await folder.publishSnapshot(lock, compact, copy.covers);
    const prune = await folder.prune(lock);
    return { info, prune, lockMs };
  } finally {
    remove(copy.file, compact);
    await lock.release();
  }
}

function isShared(subject: string): boolean {
  try {
    return isAuditEventShared(subject);
  } catch {
    // An event about something this program no longer names: kept, it is the school's history.
    return true;
  }
}

/**
 * A computer with no school yet starts from the shared database file: the
 * file replaces its empty database (one SQLite transaction, so a crash
 * leaves the empty one), with its cursors set to what the file covers.
 * Refused when the file comes from a newer program.
 */
export async function joinFromSnapshot(runtime: CoreRuntime, folder: SharedFolder): Promise<SnapshotInfo> {
  const file = work(runtime, 'fetched');
  try {
    const fetched = await folder.fetchSnapshot(file);
    if (fetched.state === 'none') {
      throw new AppError('CONFLICT', 'В общей папке ещё нет общей базы школы: на компьютере, где создана папка, выполните «Создать общую базу» (sync snapshot) и повторите.');
    }
    if (fetched.state === 'waiting') throw new AppError(fetched.needsUpdate ? 'SYNC_NEEDS_UPDATE' : 'SYNC_OFFLINE', fetched.message);
    const known = new Set(ALL_MIGRATIONS.map((m) => m.name));
    if (appliedMigrations(file).some((name) => !known.has(name))) {
      throw new AppError('DB_NEWER', 'Общая база школы сделана более новой версией программы «Классный журнал». Обновите программу на этом компьютере и повторите.');
    }
    if (dataSetOf(file) !== folder.dataSetId) throw new AppError('SYNC_BAD_SCHOOL_FILE', 'Общая база в папке относится к другому журналу: файл повреждён или подменён.');
    const me = runtime.changes.computerId;
    adoptSnapshot(file, fetched.info.covers, me, Math.max(folder.lastWrittenSeq, fetched.info.covers[me] ?? 0), runtime.clock.now().toISOString());
    await runtime.serialize(async () => {
      await restoreOnline(file, liveFile(runtime));
      await runtime.switchDatabase(runtime.dbConfig);
    });
    return fetched.info;
  } finally {
    remove(file);
  }
}
