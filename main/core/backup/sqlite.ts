import fs from 'node:fs';
import Database from 'better-sqlite3';

/**
 * SQLite work on backup files with better-sqlite3 directly (not TypeORM): a
 * backup is made from its own connection, so the program's connection goes on
 * serving while the copy is taken.
 */

export interface IntegrityResult {
  ok: boolean;
  /** `PRAGMA integrity_check` lines other than «ok», at most 20. */
  problems: string[];
  /** The last applied migration, as a version of the database's structure. */
  schemaVersion: string | null;
}

/**
 * Copies a live database with SQLite's online backup API into `target` (a new
 * file): a consistent snapshot even while others write, never a file copy.
 * The copy is switched to a rollback journal so it is one self-contained file.
 */
export async function onlineBackup(source: string, target: string): Promise<void> {
  if (!fs.existsSync(source)) throw new Error(`source database missing: ${source}`);
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    // All pages in one step: a writer in between would restart a stepwise copy.
    await db.backup(target, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
  const copy = new Database(target, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/**
 * Opens a database file and runs `PRAGMA integrity_check` on it: read-only
 * for a backup (nothing may change its bytes); read-write for a live database
 * (`live`), where opening rolls back what a killed writer left half done.
 */
export function checkIntegrity(file: string, opts: { live?: boolean } = {}): IntegrityResult {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: !opts.live, fileMustExist: true });
  } catch (e) {
    return { ok: false, problems: [`не открывается: ${(e as Error).message}`], schemaVersion: null };
  }
  try {
    const rows = db.pragma('integrity_check(20)') as { integrity_check: string }[];
    const problems = rows.map((r) => r.integrity_check).filter((line) => line !== 'ok');
    let schemaVersion: string | null = null;
    const hasMigrations = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'").get();
    if (hasMigrations) {
      const last = db.prepare('SELECT name FROM migrations ORDER BY id DESC LIMIT 1').get() as { name: string } | undefined;
      schemaVersion = last?.name ?? null;
    } else {
      problems.push('это не база данных программы «Классный журнал» (нет таблицы версий структуры)');
    }
    return { ok: problems.length === 0, problems, schemaVersion };
  } catch (e) {
    return { ok: false, problems: [(e as Error).message], schemaVersion: null };
  } finally {
    db.close();
  }
}

/**
 * Writes a backup over a live database through the backup API: one SQLite
 * transaction on the target, so a process killed half way leaves the old
 * content whole (the journal rolls it back). Connections open on the target
 * see the restored content afterwards.
 */
export async function restoreOnline(backupFile: string, liveFile: string): Promise<void> {
  const src = new Database(backupFile, { readonly: true, fileMustExist: true });
  try {
    await src.backup(liveFile, { progress: () => 0x7fffffff });
  } finally {
    src.close();
  }
}

/**
 * True when a live database opens and passes a quick check. Opened read-write,
 * as the program opens it: a journal left by a killed writer is rolled back
 * rather than taken for damage.
 */
export function quickCheck(file: string): { ok: boolean; reason: string | null } {
  try {
    const db = new Database(file, { fileMustExist: true });
    try {
      const rows = db.pragma('quick_check(5)') as { quick_check: string }[];
      const bad = rows.map((r) => r.quick_check).filter((l) => l !== 'ok');
      return bad.length ? { ok: false, reason: bad.join('; ') } : { ok: true, reason: null };
    } finally {
      db.close();
    }
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
}
