import type { CoreRuntime } from '../host/runtime';
import type { AuditOrigin } from '../write/writer';
import type { BackupKind } from '../db/entities/operations';
import { AuditEventEntity } from '../db/entities/system';
import { AppError } from '../shared/errors';
import { getSetting } from '../settings/store';
import { loadBackupConfig, mainBackupDir } from './config';
import { scanBackups, type BackupEntry } from './catalog';
import { makeBackup, type BackupOutcome } from './make';
import { syncBackupRecords } from './records';
import { restoreDatabase, undoRestore, type RestoreOutcome } from './restore';

/**
 * Backups of the database a runtime has open. Callers run these inside
 * `runtime.serialize` (the dispatcher does for methods), so no call writes
 * while a copy is taken or a restore swaps the content.
 */

export async function schoolTimeZone(runtime: CoreRuntime): Promise<string> {
  try {
    return await getSetting(runtime.database().manager, 'school.timeZone');
  } catch {
    return 'Europe/Moscow';
  }
}

/** Every backup on both media, newest first (the second medium may be missing: then only the main ones). */
export function listAllBackups(dataDir: string): BackupEntry[] {
  const config = loadBackupConfig(dataDir);
  const main = scanBackups(mainBackupDir(dataDir), 'main');
  const second = config.secondDir ? scanBackups(config.secondDir, 'second') : [];
  return [...main, ...second].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

export function findBackup(dataDir: string, id: string, location?: BackupEntry['location']): BackupEntry {
  const entry = listAllBackups(dataDir).find((e) => e.id === id && (!location || e.location === location));
  if (!entry) throw new AppError('NOT_FOUND', 'Резервная копия не найдена: возможно, она удалена по правилу хранения или носитель отключён.');
  return entry;
}

export async function backupNow(runtime: CoreRuntime, kind: BackupKind, origin: AuditOrigin, opts: { portable?: boolean } = {}): Promise<BackupOutcome> {
  const outcome = await makeBackup({
    db: runtime.dbConfig,
    dataDir: runtime.dataDir,
    kind,
    clock: runtime.clock,
    timeZone: await schoolTimeZone(runtime),
    portable: opts.portable,
  });
  await syncBackupRecords(runtime, listAllBackups(runtime.dataDir), origin);
  return outcome;
}

/** Whether anything was written since the given instant (the on-close backup is skipped when nothing was). */
export async function changedSince(runtime: CoreRuntime, iso: string): Promise<boolean> {
  const row = await runtime
    .database()
    .createQueryBuilder()
    .select('MAX(e.at)', 'at')
    .from(AuditEventEntity, 'e')
    .getRawOne<{ at: string | null }>();
  return !!row?.at && row.at > iso;
}

/**
 * Restores a backup over the open database and reopens it (running any
 * migrations the older copy needs, after their own backup). Every session
 * ends: the restored data set has its own users.
 */
export async function restoreNow(
  runtime: CoreRuntime,
  entry: BackupEntry,
  password: string | null,
  origin: AuditOrigin & { login?: string | null },
): Promise<RestoreOutcome> {
  const config = runtime.dbConfig;
  const outcome = await restoreDatabase({
    dataDir: runtime.dataDir,
    db: config,
    backupFile: entry.file,
    password,
    clock: runtime.clock,
    timeZone: await schoolTimeZone(runtime),
    liveInUse: true,
    by: origin.login ?? null,
  });
  await reopenAndRecord(runtime, origin, 'restored', { from: entry.name, backupCreatedAt: entry.createdAt, preRestore: outcome.preRestore?.name ?? null });
  return outcome;
}

export async function undoRestoreNow(runtime: CoreRuntime, origin: AuditOrigin & { login?: string | null }): Promise<RestoreOutcome> {
  const outcome = await undoRestore({
    dataDir: runtime.dataDir,
    db: runtime.dbConfig,
    clock: runtime.clock,
    timeZone: await schoolTimeZone(runtime),
    liveInUse: true,
    by: origin.login ?? null,
  });
  await reopenAndRecord(runtime, origin, 'restore_undone', { from: outcome.restoredFrom });
  return outcome;
}

async function reopenAndRecord(runtime: CoreRuntime, origin: AuditOrigin, what: string, details: unknown): Promise<void> {
  await runtime.switchDatabase(runtime.dbConfig);
  await syncBackupRecords(runtime, listAllBackups(runtime.dataDir), origin);
  await runtime.transact(origin, (write) => write.event('Database', 'restore', what, details));
}
