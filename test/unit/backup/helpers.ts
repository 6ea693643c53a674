import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createTestRuntime, type TestRuntime } from '../../support/runtime';

/**
 * Backups and restores are about SQLite files, so these tests open SQLite
 * even when the suite runs on PostgreSQL (PostgreSQL has its own test).
 */
export async function sqliteRuntime(now?: string): Promise<TestRuntime & { dbFile: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-backup-db-'));
  const dbFile = path.join(dir, 'school.sqlite');
  const t = await createTestRuntime({ now, db: { kind: 'sqlite', file: dbFile } });
  return {
    ...t,
    dbFile,
    close: async () => {
      await t.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every row of every table, in a stable order: two databases with the same dump hold the same data. */
export function dumpDatabase(file: string, skip: readonly string[] = []): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[])
      .map((r) => r.name)
      .filter((n) => !skip.includes(n));
    const out: Record<string, unknown[]> = {};
    for (const t of tables) out[t] = db.prepare(`SELECT * FROM "${t}" ORDER BY 1`).all();
    return out;
  } finally {
    db.close();
  }
}

/** Flips one byte of a file in place. */
export function flipByte(file: string, offset: number): void {
  const fd = fs.openSync(file, 'r+');
  try {
    const b = Buffer.alloc(1);
    fs.readSync(fd, b, 0, 1, offset);
    b[0] ^= 0xff;
    fs.writeSync(fd, b, 0, 1, offset);
  } finally {
    fs.closeSync(fd);
  }
}
