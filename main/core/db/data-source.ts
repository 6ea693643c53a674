import path from 'node:path';
import fs from 'node:fs';
import { DataSource } from 'typeorm';
import { ALL_ENTITIES } from './entities';
import { ALL_MIGRATIONS } from './migrations';
import { AppError } from '../shared/errors';

export type DbConfig =
  | { kind: 'sqlite'; file: string }
  | {
      kind: 'postgres';
      url: string;
      /** A PostgreSQL schema of its own, e.g. one per test run. Created if missing. */
      schema?: string;
    };

/**
 * The compiled better-sqlite3 driver this process loads, when it is not the
 * one in node_modules: `npm start` runs Electron, whose ABI differs from
 * Node's, with a copy built for Electron (scripts/electron-native.mjs), while
 * the tests keep the Node build.
 */
let sqliteNativeBinding: string | undefined;

export function useSqliteNativeBinding(file: string | undefined): void {
  sqliteNativeBinding = file;
}

/** The driver build in use (for connections opened elsewhere: a worker's check). */
export function sqliteNativeBindingFile(): string | undefined {
  return sqliteNativeBinding;
}

/**
 * The durability of a commit on SQLite. School PCs lose power (a switched-off
 * extension lead at the end of the day), so a mark the program said was saved
 * must be on the disk: in WAL mode `FULL` fsyncs the log at each commit,
 * while `NORMAL` (better-sqlite3's build default for WAL) survives a killed
 * process but may lose the last commits when the power goes. The cost, on the
 * mark save (`npm run bench -- mark_save_ms`), is in main/core/db/README.md.
 */
export const SQLITE_SYNCHRONOUS = 'FULL';

/**
 * How long a write waits for another program's write to the same database
 * file to finish (a second «Классный журнал», the command line, a backup
 * tool) before it is refused as «база данных занята». A mutation takes the
 * write lock first (db/write-transaction.ts), so this is the only wait it
 * meets; better-sqlite3 waits synchronously, holding the core's queue, so it
 * is long enough for another program's ordinary save and no longer.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/**
 * Builds (does not open) a data source with every entity and numbered
 * migration, or the first migrations only (`migrations`): a database built to
 * the schema of an older copy before its rows are loaded (backup/portable).
 */
export function buildDataSource(config: DbConfig, migrations: MigrationList = ALL_MIGRATIONS): DataSource {
  if (config.kind === 'sqlite') {
    fs.mkdirSync(path.dirname(path.resolve(config.file)), { recursive: true });
    return new DataSource({
      type: 'better-sqlite3',
      database: config.file,
      entities: ALL_ENTITIES,
      migrations: [...migrations],
      synchronize: false,
      migrationsRun: false,
      enableWAL: true,
      nativeBinding: sqliteNativeBinding,
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('foreign_keys = ON');
        // See SQLITE_SYNCHRONOUS: an acknowledged commit survives a power cut.
        db.pragma(`synchronous = ${SQLITE_SYNCHRONOUS}`);
        db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
      },
    });
  }
  return new DataSource({
    type: 'postgres',
    url: config.url,
    schema: config.schema,
    // Raw SQL (reports, counts) must find the same tables as TypeORM does.
    extra: config.schema ? { options: `-c search_path="${config.schema.replace(/"/g, '')}"` } : undefined,
    entities: ALL_ENTITIES,
    migrations: [...migrations],
    synchronize: false,
    migrationsRun: false,
  });
}

type MigrationList = readonly (typeof ALL_MIGRATIONS)[number][];

/**
 * Opens the database and brings its schema up to date. A database written by a
 * newer version of the program (it has migrations this build does not know) is
 * refused rather than touched. `beforeMigrate` runs only when migrations are
 * pending, so the caller can take a verified backup first.
 */
export async function openDatabase(
  config: DbConfig,
  opts: { migrate?: boolean; beforeMigrate?: (pending: string[]) => Promise<void>; migrations?: MigrationList } = {},
): Promise<DataSource> {
  if (config.kind === 'postgres' && config.schema) await ensurePgSchema(config.url, config.schema);
  const ds = buildDataSource(config, opts.migrations);
  await ds.initialize();
  try {
    await refuseNewerDatabase(ds);
    if (opts.migrate !== false) {
      const pending = await pendingMigrations(ds);
      if (pending.length > 0) {
        await opts.beforeMigrate?.(pending);
        await ds.runMigrations({ transaction: 'each' });
      }
    }
    return ds;
  } catch (e) {
    await ds.destroy();
    throw e;
  }
}

export async function pendingMigrations(ds: DataSource): Promise<string[]> {
  const applied = new Set(await appliedMigrationNames(ds));
  return ds.migrations.map((m) => m.name ?? m.constructor.name).filter((name) => !applied.has(name));
}

async function appliedMigrationNames(ds: DataSource): Promise<string[]> {
  const runner = ds.createQueryRunner();
  try {
    const table = ds.options.migrationsTableName ?? 'migrations';
    if (!(await runner.hasTable(table))) return [];
    const rows: { name: string }[] = await ds
      .createQueryBuilder(runner)
      .select('m.name', 'name')
      .from(table, 'm')
      .getRawMany();
    return rows.map((r) => r.name);
  } finally {
    await runner.release();
  }
}

async function refuseNewerDatabase(ds: DataSource): Promise<void> {
  const known = new Set(ds.migrations.map((m) => m.name ?? m.constructor.name));
  const unknown = (await appliedMigrationNames(ds)).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new AppError(
      'DB_NEWER',
      'База данных создана более новой версией программы «Классный журнал». Обновите программу на этом компьютере; база данных не изменена.',
      { unknownMigrations: unknown },
    );
  }
}

/** Creates a PostgreSQL schema if it is missing (a school's own schema, a test's). */
export async function ensurePgSchema(url: string, schema: string): Promise<void> {
  const ds = new DataSource({ type: 'postgres', url });
  await ds.initialize();
  try {
    await ds.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '')}"`);
  } finally {
    await ds.destroy();
  }
}
