import fs from 'node:fs';
import { MigrationExecutor, type DataSource } from 'typeorm';
import { ALL_ENTITIES } from '../../db/entities';
import { ALL_MIGRATIONS } from '../../db/migrations';
import { buildDataSource, ensurePgSchema, openDatabase, type DbConfig } from '../../db/data-source';
import { select, type ReadableDb } from '../../db/readable';
import { AppError } from '../../shared/errors';
import type { JobProgress } from '../../shared/background-job';
import { dropTables, loadSqliteFile, postgresLoader, type TableLoader } from '../../write/table-load';
import { fsyncFile } from '../files';
import { hashTables, rowLine, TableDigest, readRows, type CanonicalRow, type TableCheck } from './rows';
import { appliedMigrations, sequencesOf, tableNames, tablesOf, type SequenceValue, type TableShape } from './tables';
import { shapeOfDumpTable, type DumpFile } from './dump-file';
import { tableLabel, tableTitle } from './table-names';

/**
 * A school's rows on their way into a database: from a portable copy, or
 * straight from another database (a move). The same loading and the same
 * verification serve both.
 */
export interface RowSource {
  /** The schema version of the rows: the target is built to exactly it. */
  migrations: string[];
  /** In load order, parents first. */
  tables: TableShape[];
  sequences: SequenceValue[];
  totalRows: number;
  rows(table: TableShape): AsyncIterable<CanonicalRow[]>;
}

export function dumpSource(dump: DumpFile): RowSource {
  const byName = new Map(dump.manifest.tables.map((t) => [t.name, t]));
  return {
    migrations: dump.manifest.migrations,
    tables: dump.manifest.tables.map(shapeOfDumpTable),
    sequences: dump.manifest.sequences,
    totalRows: dump.manifest.tables.reduce((sum, t) => sum + t.rows, 0),
    rows: (table) => dump.rows(byName.get(table.name)!),
  };
}

/** The rows of a database, read inside the caller's transaction (one moment of it). */
export async function databaseSource(em: ReadableDb): Promise<RowSource> {
  const tables = await tablesOf(em);
  let totalRows = 0;
  for (const t of tables) totalRows += Number((await select<{ n: number | string }>(em, `SELECT COUNT(*) AS n FROM "${t.name}"`))[0].n);
  return {
    migrations: await appliedMigrations(em),
    tables,
    sequences: await sequencesOf(em, tables),
    totalRows,
    rows: (table) => readRows(em, table),
  };
}

/**
 * The migrations that build a database of the given schema version: the
 * program's own first N. A version this program does not know was written
 * by a newer one.
 */
export function migrationsFor(names: readonly string[]): (typeof ALL_MIGRATIONS)[number][] {
  const known = ALL_MIGRATIONS.map((m) => m.name);
  if (names.some((n) => !known.includes(n))) {
    throw new AppError(
      'DB_NEWER',
      'Копия сделана более новой версией программы «Классный журнал»: структура её базы данных этой версии неизвестна. Обновите программу, затем повторите.',
    );
  }
  if (names.some((n, i) => known[i] !== n)) {
    throw new AppError('CONFLICT', 'Список обновлений структуры базы данных в копии не совпадает с программой: копия не от этой программы или изменена.');
  }
  return ALL_MIGRATIONS.slice(0, names.length);
}

export interface LoadOptions {
  onProgress?: (p: JobProgress) => void;
  /** Words for a mismatch: «в новой базе данных», «на сервере». */
  where?: string;
}

/**
 * Builds a new SQLite file from the rows: the schema by the migrations of
 * the rows' version, the rows in one transaction (foreign keys checked), the
 * counters, then every table read back and compared with what was loaded.
 * The file (a part file the caller names) counts only if this returns.
 */
export async function buildSqlite(source: RowSource, file: string, opts: LoadOptions = {}): Promise<TableCheck[]> {
  const migrations = migrationsFor(source.migrations);
  if (fs.existsSync(file)) throw new Error(`the file to build exists already: ${file}`);
  const empty = await openDatabase({ kind: 'sqlite', file }, { migrations });
  await empty.destroy();
  const progress = progressOf(source, opts);
  let expected: TableCheck[] = [];
  await loadSqliteFile(file, async (loader) => {
    expected = await loadRows(source, loader, progress);
  });
  fsyncFile(file);
  const built = await openDatabase({ kind: 'sqlite', file }, { migrate: false, migrations });
  try {
    await verifyLoaded(built.manager, source, expected, progress, opts.where ?? 'в новой базе данных');
  } finally {
    await built.destroy();
  }
  return expected;
}

/**
 * Builds the school in a PostgreSQL schema in ONE transaction: (over the
 * school's own database, for a restore: its tables dropped first) the schema
 * by the migrations of the rows' version, the rows, the counters, then every
 * table read back and compared. Anything that fails — a refused row, a
 * mismatch, a killed program, a lost connection — rolls it all back: the
 * schema is as it was before, never half built.
 */
export async function loadPostgres(
  source: RowSource,
  config: Extract<DbConfig, { kind: 'postgres' }>,
  opts: LoadOptions & { replace: boolean },
): Promise<TableCheck[]> {
  const migrations = migrationsFor(source.migrations);
  if (config.schema) await ensurePgSchema(config.url, config.schema);
  const ds: DataSource = buildDataSource(config, migrations);
  await ds.initialize();
  const runner = ds.createQueryRunner();
  try {
    await runner.connect();
    await runner.startTransaction();
    try {
      const present = await tableNames(runner.manager);
      if (opts.replace) {
        // Only the program's own tables: anything else in the schema is not the program's to drop.
        const ours = new Set([...programTables, ...source.tables.map((t) => t.name), 'migrations']);
        const drop = present.filter((t) => ours.has(t)).sort((a, b) => dropRank(a) - dropRank(b));
        await dropTables(runner, drop);
      } else if (present.length > 0) {
        throw new AppError('CONFLICT', `В базе данных на сервере уже есть таблицы (${present.length}): перенос выполняется только в пустую базу данных.`);
      }
      const executor = new MigrationExecutor(ds, runner);
      executor.transaction = 'none';
      await executor.executePendingMigrations();
      const progress = progressOf(source, opts);
      const expected = await loadRows(source, postgresLoader(runner), progress);
      await verifyLoaded(runner.manager, source, expected, progress, opts.where ?? 'на сервере');
      await runner.commitTransaction();
      return expected;
    } catch (e) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw e;
    }
  } finally {
    await runner.release();
    await ds.destroy();
  }
}

const programTables: string[] = ALL_ENTITIES.map((e) => (e.options as { tableName?: string; name: string }).tableName ?? e.options.name);

/** Children before parents: the reverse of the load order; tables the program does not know first, `migrations` last. */
function dropRank(table: string): number {
  if (table === 'migrations') return Number.MAX_SAFE_INTEGER;
  const i = programTables.indexOf(table);
  return i < 0 ? -1 : programTables.length - i;
}

interface Progress {
  step(rows: number, label: string): void;
}

function progressOf(source: RowSource, opts: LoadOptions): Progress {
  let done = 0;
  const total = Math.max(1, source.totalRows * 2);
  return {
    step(rows, label) {
      done += rows;
      opts.onProgress?.({ done: Math.min(done, total), total, label });
    },
  };
}

/** Every table's rows into the loader, in order; what was loaded, counted and hashed as it went. */
async function loadRows(source: RowSource, loader: TableLoader, progress: Progress): Promise<TableCheck[]> {
  const loaded: TableCheck[] = [];
  for (const table of source.tables) {
    const digest = new TableDigest();
    for await (const page of source.rows(table)) {
      try {
        await loader.insert(table, page);
      } catch (e) {
        if (e instanceof AppError) throw e;
        throw new AppError(
          'CONFLICT',
          `Таблицу ${tableTitle(table.name)} не удалось записать в новую базу данных: ${(e as Error).message}. Ничего не изменено.`,
          { table: table.name },
        );
      }
      for (const row of page) digest.add(rowLine(row));
      progress.step(page.length, `Копирование: ${tableLabel(table.name)}`);
    }
    loaded.push({ table: table.name, rows: digest.rows, hash: digest.hash });
  }
  for (const s of source.sequences) await loader.setSequence(s);
  return loaded;
}

/**
 * Reads the loaded database back, table by table, and compares each with
 * what was loaded: the same tables, the same number of rows, the same hash;
 * and the counters. The first difference is an error naming the table.
 */
async function verifyLoaded(db: ReadableDb, source: RowSource, expected: readonly TableCheck[], progress: Progress, where: string): Promise<void> {
  const tables = await tablesOf(db);
  const names = new Set(tables.map((t) => t.name));
  for (const e of expected) {
    if (!names.has(e.table)) throw mismatch(e.table, `${where} её нет`);
  }
  const actual = await hashTables(db, tables, (table, rows) => progress.step(rows, `Проверка: ${tableLabel(table)}`));
  const byName = new Map(expected.map((e) => [e.table, e]));
  for (const a of actual) {
    const e = byName.get(a.table);
    if (!e) {
      if (a.rows > 0) throw mismatch(a.table, `${where} в ней ${a.rows} строк, а в исходной базе такой таблицы нет`);
      continue;
    }
    if (a.rows !== e.rows) throw mismatch(a.table, `${where} в ней ${a.rows} строк, в исходной — ${e.rows}`);
    if (a.hash !== e.hash) throw mismatch(a.table, `строк столько же (${a.rows}), но ${where} их содержимое отличается: контрольные суммы не совпадают`);
  }
  const sequences = await sequencesOf(db, tables);
  for (const s of source.sequences) {
    const got = sequences.find((x) => x.table === s.table && x.column === s.column)?.value ?? 0;
    if (got !== s.value) throw mismatch(s.table, `счётчик номеров ${where} — ${got}, в исходной базе — ${s.value}`);
  }
  const schema = await appliedMigrations(db);
  if (schema.join('\n') !== source.migrations.join('\n')) {
    throw new AppError('CONFLICT', `Проверка после копирования не пройдена: версия структуры ${where} (${schema.at(-1)}) не та, что у исходной базы (${source.migrations.at(-1)}).`);
  }
}

function mismatch(table: string, what: string): AppError {
  return new AppError('CONFLICT', `Проверка после копирования не пройдена: таблица ${tableTitle(table)} не совпадает с исходной — ${what}.`, {
    table,
  });
}
