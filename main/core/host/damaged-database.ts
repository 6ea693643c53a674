import fs from 'node:fs';
import type { DbConfig } from '../db/data-source';
import { checkInWorker, headerProblem } from '../db/sqlite-check';
import { latestVerifiedBackup } from '../backup/recovery';

/**
 * A database found damaged when a host opens it (issue 17, item 4): what the
 * recovery screen shows, in both hosts. Nothing here changes a file.
 */
export interface DatabaseDamage {
  /** The damaged file (it will be moved aside, never deleted). */
  file: string;
  /** What was found, in Russian. */
  reason: string;
  /** SQLite's own words, for the administrator. */
  detail: string | null;
  /** The newest verified backup, offered for the restore; null: none in the program's folder. */
  backup: { createdAt: string; name: string } | null;
}

/** How long the check on opening may take before the database is opened unchecked (the idle full check follows). */
export const OPEN_CHECK_MS = 5_000;

/**
 * The check on opening, bounded in time: the header read directly (the magic,
 * the page size, a file cut short), then SQLite's `quick_check` in a worker,
 * given at most `timeoutMs`. Null when the file is sound or could not be
 * checked in time (said in the log).
 */
export async function findDamage(
  dataDir: string,
  db: DbConfig,
  opts: { timeoutMs?: number; log?: { info(message: string): void } } = {},
): Promise<DatabaseDamage | null> {
  if (db.kind !== 'sqlite' || !fs.existsSync(db.file)) return null;
  const header = headerProblem(db.file);
  if (header) return damage(dataDir, db.file, header, null);
  const check = await checkInWorker(db.file, { pragma: 'quick_check(5)', timeoutMs: opts.timeoutMs ?? OPEN_CHECK_MS, readonly: false });
  if (check.status === 'unknown') {
    opts.log?.info(`Проверка базы данных при запуске не завершена (${check.reason}); полная проверка пройдёт, когда компьютер будет свободен.`);
    return null;
  }
  if (check.status === 'ok') return null;
  const notADatabase = check.code === 'SQLITE_NOTADB';
  return damage(dataDir, db.file, notADatabase ? 'файл не является базой данных SQLite' : 'структура базы данных нарушена', check.problems.join('; '));
}

/** The damage report for a database SQLite refused while opening it. */
export function damageFromError(dataDir: string, file: string, error: unknown): DatabaseDamage {
  const detail = error instanceof Error ? error.message : String(error);
  return damage(dataDir, file, 'SQLite не смог открыть файл базы данных', detail);
}

function damage(dataDir: string, file: string, reason: string, detail: string | null): DatabaseDamage {
  const latest = latestVerifiedBackup(dataDir);
  return { file, reason, detail, backup: latest ? { createdAt: latest.createdAt, name: latest.name } : null };
}
