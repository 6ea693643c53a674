import Database from 'better-sqlite3';

/**
 * The writes on a copy of the database that travels as the school's shared
 * database file (main/core/sync/service/snapshot.ts): a file no program has
 * open, made from this computer's database by SQLite's online backup. Here
 * because nothing else may write past the Writer (`kz/no-raw-writes`); the
 * live database is never touched.
 */

/** Tables whose rows are this computer's own and never travel (changes/policy.ts: local). */
const LOCAL_TABLES = ['login_states', 'backup_records', 'year_archive_records', 'sync_batches', 'sync_cursors', 'sync_state'];

/**
 * Takes out of the copy what is this computer's own: its login counters,
 * backups, archive paths, its batches and cursors (the file's header carries
 * what it covers), the audit events about those; and reduces the change log
 * to its newest entry (the field clocks carry what the merge needs; the
 * newest entry lets the next computer's clock start after every value in it).
 * Then writes it compacted into `target`.
 */
export function compactSnapshot(copy: string, target: string, localAuditSubjects: (subjects: string[]) => string[]): void {
  const db = new Database(copy, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    db.transaction(() => {
      for (const table of LOCAL_TABLES) db.prepare(`DELETE FROM "${table}"`).run();
      const subjects = (db.prepare('SELECT DISTINCT "entity" FROM "audit_events"').all() as { entity: string }[]).map((r) => r.entity);
      const local = localAuditSubjects(subjects);
      for (const entity of local) db.prepare('DELETE FROM "audit_events" WHERE "entity" = ?').run(entity);
      const newest = db.prepare('SELECT "seq" FROM "change_log" ORDER BY "hlc" DESC LIMIT 1').get() as { seq: number } | undefined;
      db.prepare('DELETE FROM "change_log" WHERE "seq" <> ?').run(newest?.seq ?? -1);
    })();
    db.prepare('VACUUM INTO ?').run(target);
  } finally {
    db.close();
  }
}

/**
 * Makes a fetched shared database file this computer's: its cursors are the
 * file's coverage (it holds every computer's batches up to there), its own
 * batches start after `ownSeq` (the last seq of its own batches on the folder,
 * for a computer that joins again), and the entries in the file are its
 * baseline, never shipped by it.
 */
export function adoptSnapshot(file: string, covers: Record<string, number>, me: string, ownSeq: number, now: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.transaction(() => {
      for (const table of ['sync_batches', 'sync_cursors', 'sync_state', 'login_states']) db.prepare(`DELETE FROM "${table}"`).run();
      const top = db.prepare('SELECT MAX("seq") AS seq FROM "change_log"').get() as { seq: number | null };
      db.prepare('INSERT INTO "sync_batches" ("seq", "fromSeq", "toSeq", "count", "createdAt", "writtenAt") VALUES (?, 0, ?, 0, ?, ?)').run(ownSeq, top.seq ?? 0, now, now);
      const cursor = db.prepare('INSERT INTO "sync_cursors" ("computerId", "lastSeq", "appliedAt") VALUES (?, ?, ?)');
      for (const [computerId, seq] of Object.entries(covers)) if (computerId !== me) cursor.run(computerId, seq, now);
    })();
  } finally {
    db.close();
  }
}

/** The names of the migrations a database file has applied (to refuse one made by a newer program). */
export function appliedMigrations(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT "name" FROM "migrations"').all() as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
}

/** The data set of a database file, null when it has none (no school). */
export function dataSetOf(file: string): string | null {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT "id" FROM "data_set" LIMIT 1').get() as { id: string } | undefined)?.id ?? null;
  } finally {
    db.close();
  }
}
