import fs from 'node:fs';
import path from 'node:path';
import type { CoreRuntime } from '../host/runtime';
import type { AuditOrigin } from '../write/writer';
import { openDatabase, type DbConfig } from '../db/data-source';
import { select, type ReadableDb } from '../db/readable';
import { AppError } from '../shared/errors';
import type { JobProgress } from '../shared/background-job';
import { fsyncDir, partName, removeStaleParts } from '../backup/files';
import { buildSqlite, databaseSource, loadPostgres, type RowSource } from '../backup/portable/load';
import type { TableCheck } from '../backup/portable/rows';
import { appliedMigrations } from '../backup/portable/tables';
import { hasSyncConfig } from '../sync/service/config';
import { inspectTarget, type SchoolHere } from './inspect';
import { describeDb, sameDb } from './target';
import { recordMove, type MoveRecord } from './history';
import { switchConfig } from './switch';

export interface MoveOutcome extends MoveRecord {
  /** The server version, for a move to PostgreSQL. */
  server: string | null;
}

export interface MoveOptions {
  onProgress?: (p: JobProgress) => void;
  origin: AuditOrigin;
  /** Who moved it, for the record (a login, «командная строка»). */
  by: string | null;
}

/**
 * Moves the school to another database: a PostgreSQL server, or a new SQLite
 * file (the way back is the same operation). The caller holds the core's
 * queue (`runtime.serialize`), so nothing is written meanwhile.
 *
 * 1. The target is tested (inspect.ts): only an empty database or a new file.
 * 2. Every table is copied in dependency order, read in one transaction of
 *    the source, then read back from the target and compared table by
 *    table — row count and hash (backup/portable/load.ts). On PostgreSQL all
 *    of it is one transaction; an SQLite target is built as a part file.
 *    A difference, a refused row or a killed program leaves the target as it
 *    was (nothing committed, the part file removed or left as a part) and
 *    the school where it was; the error names the table.
 * 3. The program switches to the target (`config.json`, the sessions kept:
 *    it is the same school). The old SQLite file is kept, renamed
 *    `<name>.before-move-<time>.sqlite` and made read-only; a server left
 *    behind is not touched.
 */
export async function moveDatabase(runtime: CoreRuntime, target: DbConfig, opts: MoveOptions): Promise<MoveOutcome> {
  const started = Date.now();
  const source = runtime.dbConfig;
  refuseMove(runtime, target);
  let total = 1;
  const progress = (p: JobProgress) => {
    total = p.total;
    opts.onProgress?.(p);
  };
  progress({ done: 0, total, label: 'Проверка подключения' });
  const here = await schoolHere(runtime.database().manager, source);
  const check = await inspectTarget(target, here);
  if (!check.ok) throw new AppError('CONFLICT', check.message, { state: check.state });

  const reader = await openDatabase(source, { migrate: false });
  let loaded: TableCheck[];
  try {
    const copy = async (em: ReadableDb) => copyInto(await databaseSource(em), target, progress);
    loaded = source.kind === 'postgres' ? await reader.transaction('REPEATABLE READ', copy) : await reader.transaction(copy);
  } finally {
    await reader.destroy();
  }

  progress({ done: total, total, label: 'Переключение на новую базу данных' });
  await switchConfig(runtime, target);
  const keptFile = source.kind === 'sqlite' ? keepReadOnly(source.file, runtime.clock.now()) : null;
  const record: MoveRecord = {
    at: runtime.clock.now().toISOString(),
    by: opts.by,
    from: describeDb(source),
    to: describeDb(target),
    keptFile,
    serverLeft: source.kind === 'postgres' ? describeDb(source) : null,
    tables: loaded.length,
    rows: loaded.reduce((sum, t) => sum + t.rows, 0),
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
  recordMove(runtime.dataDir, record);
  await runtime.transact(opts.origin, (write) => write.event('Database', 'move', 'moved', { ...record }));
  progress({ done: total, total, label: 'Готово' });
  return { ...record, server: check.server };
}

/** What stands in the way of any move, before the target is even reached. */
export function refuseMove(runtime: CoreRuntime, target: DbConfig): void {
  if (process.env.KZ_DATABASE_URL) {
    throw new AppError(
      'CONFLICT',
      'Адрес базы данных задан переменной окружения KZ_DATABASE_URL, поэтому программа не может сменить базу данных сама. Уберите переменную и перезапустите программу, затем повторите перенос.',
    );
  }
  if (sameDb(runtime.dbConfig, target)) throw new AppError('VALIDATION', 'Журнал уже работает в этой базе данных.');
  // The shared folder (sync/) and a server do not go together: on a server the shared database is the server itself.
  if (target.kind === 'postgres' && hasSyncConfig(runtime.dataDir)) {
    throw new AppError(
      'CONFLICT',
      'На этом компьютере включена синхронизация через общую папку. На сервере PostgreSQL общая база — сам сервер, и общая папка вместе с ним не используется: сначала отключите общую папку (Настройки → Общая папка), затем перенесите журнал.',
    );
  }
}

async function copyInto(rows: RowSource, target: DbConfig, onProgress: (p: JobProgress) => void): Promise<TableCheck[]> {
  if (target.kind === 'postgres') return loadPostgres(rows, target, { replace: false, onProgress, where: 'на сервере' });
  // A move killed before left its part file: not a database anyone opens; cleared now.
  removeStaleParts(path.dirname(target.file));
  const part = partName(target.file);
  try {
    const loaded = await buildSqlite(rows, part, { onProgress, where: 'в новом файле' });
    if (fs.existsSync(target.file)) throw new AppError('CONFLICT', `Файл «${target.file}» появился, пока шёл перенос: он не перезаписывается. Перенос отменён.`);
    fs.renameSync(part, target.file);
    fsyncDir(path.dirname(target.file));
    return loaded;
  } finally {
    for (const leftover of [part, `${part}-journal`, `${part}-wal`, `${part}-shm`]) fs.rmSync(leftover, { force: true });
  }
}

export async function schoolHere(em: ReadableDb, source: DbConfig): Promise<SchoolHere> {
  const dataSetId = (await select<{ id: string }>(em, `SELECT id FROM data_set`))[0]?.id ?? null;
  let sizeBytes = 0;
  if (source.kind === 'sqlite') {
    for (const f of [source.file, `${source.file}-wal`]) sizeBytes += fs.existsSync(f) ? fs.statSync(f).size : 0;
  } else {
    const [row] = await select<{ n: string | number | null }>(
      em,
      `SELECT SUM(pg_total_relation_size(format('%I.%I', table_schema, table_name))) AS n FROM information_schema.tables WHERE table_schema = current_schema()`,
    );
    sizeBytes = Number(row?.n ?? 0);
  }
  return { dataSetId, migrations: await appliedMigrations(em), sizeBytes };
}

/**
 * The SQLite file the school left: renamed so that nobody takes it for the
 * live database, and made read-only. Where the system will not rename an
 * open file (Windows, while a check still reads it), it keeps its name.
 */
function keepReadOnly(file: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const kept = path.join(path.dirname(file), `${path.basename(file, path.extname(file))}.before-move-${stamp}${path.extname(file) || '.sqlite'}`);
  let result = file;
  try {
    for (const suffix of ['-wal', '-shm']) if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, kept + suffix);
    fs.renameSync(file, kept);
    fsyncDir(path.dirname(file));
    result = kept;
  } catch {
    result = file;
  }
  for (const f of [result, `${result}-wal`]) {
    try {
      if (fs.existsSync(f)) fs.chmodSync(f, 0o444);
    } catch {
      // A file system without permissions (a FAT drive): the file is kept all the same.
    }
  }
  return result;
}
