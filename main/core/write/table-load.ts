import Database from 'better-sqlite3';
import { sqliteNativeBindingFile } from '../db/data-source';
import type { QueryRunner } from 'typeorm';
import type { CanonicalRow } from '../backup/portable/rows';
import type { SequenceValue, TableShape } from '../backup/portable/tables';

/**
 * The writes of a whole school's rows into a database being built from a
 * portable copy or a move (backup/portable/load.ts): a new SQLite file no
 * program has open yet, or a PostgreSQL schema inside the one transaction that
 * builds it. Here because nothing else may write past the Writer
 * (`kz/no-raw-writes`). The rows are copies of rows the Writer once wrote:
 * they are not new changes, so they are neither audited nor captured again.
 */
export interface TableLoader {
  insert(table: TableShape, rows: readonly CanonicalRow[]): Promise<void>;
  /** Sets a counter to the source's last value, so that no number it handed out is handed out again. */
  setSequence(s: SequenceValue): Promise<void>;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** SQLite, on its own connection inside a transaction the caller holds: prepared multi-row INSERTs. */
export function sqliteLoader(db: Database.Database): TableLoader {
  const statements = new Map<string, Database.Statement>();
  return {
    async insert(table, rows) {
      const n = table.columns.length;
      const perStatement = Math.max(1, Math.min(100, Math.floor(30_000 / n)));
      const bools = table.columns.map((c) => c.kind === 'bool');
      const head = `INSERT INTO ${q(table.name)} (${table.columns.map((c) => q(c.name)).join(', ')}) VALUES `;
      const tuple = `(${new Array(n).fill('?').join(', ')})`;
      for (let start = 0; start < rows.length; start += perStatement) {
        const count = Math.min(perStatement, rows.length - start);
        const sql = head + new Array(count).fill(tuple).join(', ');
        let st = statements.get(sql);
        if (!st) statements.set(sql, (st = db.prepare(sql)));
        const values: unknown[] = new Array(count * n);
        let k = 0;
        for (let j = start; j < start + count; j++) {
          const row = rows[j];
          for (let i = 0; i < n; i++) {
            const v = row[i];
            // better-sqlite3 binds no booleans: SQLite keeps them as 1 and 0.
            values[k++] = bools[i] && v !== null ? (v ? 1 : 0) : v;
          }
        }
        st.run(...values);
      }
    },
    async setSequence(s) {
      db.prepare('DELETE FROM sqlite_sequence WHERE name = ?').run(s.table);
      if (s.value > 0) db.prepare('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)').run(s.table, s.value);
    },
  };
}

/**
 * PostgreSQL, on a query runner inside the transaction that builds the
 * schema: a page of rows goes as one JSON parameter, turned into rows of the
 * table's own type by the server (`json_populate_recordset`): no limit of
 * 65535 parameters, one statement per page.
 */
export function postgresLoader(runner: QueryRunner): TableLoader {
  return {
    async insert(table, rows) {
      if (rows.length === 0) return;
      const names = table.columns.map((c) => c.name);
      const objects = rows.map((row) => {
        const o: Record<string, unknown> = {};
        for (let i = 0; i < names.length; i++) o[names[i]] = row[i];
        return o;
      });
      const cols = names.map(q).join(', ');
      await runner.query(`INSERT INTO ${q(table.name)} (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::${q(table.name)}, $1::json)`, [
        JSON.stringify(objects),
      ]);
    },
    async setSequence(s) {
      const seq = `pg_get_serial_sequence('${q(s.table).replace(/'/g, "''")}', '${s.column.replace(/'/g, "''")}')`;
      if (s.value > 0) await runner.query(`SELECT setval(${seq}, $1, true)`, [s.value]);
      else await runner.query(`SELECT setval(${seq}, 1, false)`);
    },
  };
}

/**
 * Drops the program's tables from a PostgreSQL schema, children first, inside
 * the transaction that rebuilds them (a restore over the school's own
 * database: a failure rolls the drop back with everything else).
 */
export async function dropTables(runner: QueryRunner, tablesChildrenFirst: readonly string[]): Promise<void> {
  for (const table of tablesChildrenFirst) await runner.query(`DROP TABLE IF EXISTS ${q(table)}`);
}

/**
 * Loads rows into a new SQLite file (its schema made by the migrations, no
 * rows yet) in one transaction, with foreign keys checked at each insert as
 * on PostgreSQL. A rollback journal, not the WAL (an empty file's journal
 * is small, where a WAL would hold every page once more), and no sync per
 * commit: the file counts only once it is verified, and is synced then.
 */
export async function loadSqliteFile(file: string, work: (loader: TableLoader) => Promise<void>): Promise<void> {
  const db = new Database(file, { fileMustExist: true, nativeBinding: sqliteNativeBindingFile() });
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma('synchronous = OFF');
    db.pragma('foreign_keys = ON');
    db.exec('BEGIN IMMEDIATE');
    try {
      await work(sqliteLoader(db));
      db.exec('COMMIT');
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw e;
    }
  } finally {
    db.close();
  }
}
