import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { DataSource } from 'typeorm';
import type { DbConfig } from '../db/data-source';
import { select, type ReadableDb } from '../db/readable';
import { ALL_MIGRATIONS } from '../db/migrations';
import { describeDb, serverParts } from './target';
import { describePgFailure } from './pg-errors';

/**
 * The connection test of a move's target, said in Russian: whether the
 * server answers, lets this user in, holds the database, lets it create
 * tables, and what is there already. A move goes only into an empty
 * database (or a new file): a database holding a school — another one,
 * this one at another moment, or one of another version of the program —
 * is never written over.
 */
export type TargetState =
  | 'ready'
  | 'unreachable'
  | 'wrong-password'
  | 'refused-user'
  | 'no-database'
  | 'tls'
  | 'no-rights'
  | 'newer'
  | 'older'
  | 'same-school'
  | 'other-school'
  | 'not-empty'
  | 'file-exists'
  | 'no-folder'
  | 'no-space'
  | 'error';

export interface TargetCheck {
  ok: boolean;
  state: TargetState;
  /** Russian, fit to show as it is. */
  message: string;
  /** «PostgreSQL 16.4» once connected. */
  server: string | null;
  /** The target without its password. */
  target: string;
}

/** What is known of the school being moved, to tell it from another one. */
export interface SchoolHere {
  dataSetId: string | null;
  migrations: string[];
  /** Bytes the school takes where it is now (to check the room a new file needs). */
  sizeBytes: number;
}

const CONNECT_TIMEOUT_MS = 8000;

export async function inspectTarget(target: DbConfig, here: SchoolHere): Promise<TargetCheck> {
  return target.kind === 'sqlite' ? inspectFile(target.file, here) : inspectServer(target, here);
}

function verdict(target: DbConfig, state: TargetState, message: string, server: string | null = null): TargetCheck {
  return { ok: state === 'ready', state, message, server, target: describeDb(target) };
}

function inspectFile(file: string, here: SchoolHere): TargetCheck {
  const target: DbConfig = { kind: 'sqlite', file };
  const dir = path.dirname(file);
  if (fs.existsSync(file)) {
    return verdict(target, 'file-exists', `Файл «${file}» уже существует. Журнал переносится только в новый файл: укажите другое имя или другую папку.`);
  }
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    return verdict(target, 'no-folder', `Папки «${dir}» нет. Создайте её или укажите другую.`);
  }
  const probe = path.join(dir, `.kz-probe-${process.pid}-${crypto.randomBytes(3).toString('hex')}`);
  try {
    fs.writeFileSync(probe, 'probe');
    fs.rmSync(probe, { force: true });
  } catch {
    return verdict(target, 'no-rights', `В папку «${dir}» нельзя записать (нет прав или носитель только для чтения). Укажите другую папку.`);
  }
  const free = freeBytes(dir);
  // The rows, their indexes and a journal while they are written: the size of the school where it is now, with room to spare.
  const need = Math.ceil(here.sizeBytes * 1.5) + 64 * 1024 * 1024;
  if (free !== null && free < need) {
    return verdict(target, 'no-space', `На диске папки «${dir}» свободно ${mb(free)}, а для переноса нужно около ${mb(need)}. Освободите место или укажите другой диск.`);
  }
  return verdict(target, 'ready', `Файл будет создан: ${file}. Свободного места на диске достаточно.`);
}

async function inspectServer(target: Extract<DbConfig, { kind: 'postgres' }>, here: SchoolHere): Promise<TargetCheck> {
  const parts = serverParts(target.url);
  const ds = new DataSource({
    type: 'postgres',
    url: target.url,
    connectTimeoutMS: CONNECT_TIMEOUT_MS,
    extra: {
      max: 1,
      ...(target.schema ? { options: `-c search_path="${target.schema.replace(/"/g, '')}"` } : {}),
    },
  });
  try {
    await ds.initialize();
  } catch (e) {
    const failure = describePgFailure(e, parts);
    return verdict(target, failure.state, failure.message);
  }
  try {
    const em = ds.manager;
    const [info] = await select<{ version: string; schema: string | null; db: string; usr: string }>(
      em,
      `SELECT current_setting('server_version') AS version, current_schema() AS schema, current_database() AS db, current_user AS usr`,
    );
    const server = `PostgreSQL ${info.version.split(' ')[0]}`;
    const schema = target.schema ?? info.schema;
    const exists = schema ? (await select(em, `SELECT 1 FROM information_schema.schemata WHERE schema_name = ?`, [schema])).length > 0 : false;
    if (!exists) {
      const [can] = await select<{ ok: boolean }>(em, `SELECT has_database_privilege(current_database(), 'CREATE') AS ok`);
      if (!can.ok) {
        return verdict(
          target,
          'no-rights',
          `Схемы «${schema ?? 'public'}» в базе «${info.db}» нет, а создать её пользователь «${info.usr}» не вправе. Администратор сервера может создать её: CREATE SCHEMA ${schema ?? 'public'} AUTHORIZATION ${info.usr};`,
          server,
        );
      }
      return verdict(target, 'ready', `Подключение установлено (${server}). Схема «${schema}» будет создана в базе «${info.db}»; журнал можно переносить.`, server);
    }
    const [rights] = await select<{ ok: boolean }>(em, `SELECT has_schema_privilege(?, 'CREATE') AS ok`, [schema]);
    if (!rights.ok) {
      return verdict(
        target,
        'no-rights',
        `Пользователь «${info.usr}» не вправе создавать таблицы в схеме «${schema}» базы «${info.db}». Администратор сервера может дать это право: GRANT CREATE ON SCHEMA ${schema} TO ${info.usr}; — или сделать пользователя владельцем базы данных.`,
        server,
      );
    }
    const found = await whatIsThere(em, schema!, here);
    if (found) return verdict(target, found.state, found.message, server);
    return verdict(target, 'ready', `Подключение установлено (${server}). База данных «${info.db}» пуста: журнал можно переносить.`, server);
  } catch (e) {
    return verdict(target, 'error', `Сервер ответил ошибкой: ${(e as Error).message}`);
  } finally {
    await ds.destroy().catch(() => undefined);
  }
}

/** What a non-empty schema holds, or null when it is empty. */
async function whatIsThere(em: ReadableDb, schema: string, here: SchoolHere): Promise<{ state: TargetState; message: string } | null> {
  const tables = (
    await select<{ name: string }>(em, `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE'`, [schema])
  ).map((t) => t.name);
  if (tables.length === 0) return null;
  const q = (t: string) => `"${schema.replace(/"/g, '""')}"."${t}"`;
  if (!tables.includes('migrations') || !tables.includes('data_set')) {
    const shown = tables.slice(0, 5).join(', ');
    return {
      state: 'not-empty',
      message: `В базе данных уже есть таблицы (${tables.length}: ${shown}${tables.length > 5 ? '…' : ''}), не относящиеся к журналу. Журнал переносится только в пустую базу данных: попросите администратора сервера создать отдельную базу или схему.`,
    };
  }
  const migrations = (await select<{ name: string }>(em, `SELECT name FROM ${q('migrations')} ORDER BY id`)).map((r) => r.name);
  const dataSet = (await select<{ id: string }>(em, `SELECT id FROM ${q('data_set')}`))[0]?.id ?? null;
  let school: string | null = null;
  try {
    const raw = (await select<{ value: string }>(em, `SELECT value FROM ${q('settings')} WHERE key = 'school.name'`))[0]?.value;
    school = raw ? (JSON.parse(raw) as string) : null;
  } catch {
    school = null;
  }
  const known = ALL_MIGRATIONS.map((m) => m.name);
  const named = school ? ` (${school})` : '';
  if (migrations.some((m) => !known.includes(m))) {
    return {
      state: 'newer',
      message: `В базе данных уже есть журнал${named}, записанный более новой версией программы «Классный журнал». Перенос в неё не выполняется: укажите пустую базу данных.`,
    };
  }
  if (dataSet && dataSet !== here.dataSetId) {
    return {
      state: 'other-school',
      message: `В базе данных уже есть журнал другой школы${named}. Перенос в неё не выполняется: чужие данные не перезаписываются. Укажите пустую базу данных.`,
    };
  }
  if (migrations.length < here.migrations.length) {
    return {
      state: 'older',
      message: `В базе данных уже есть журнал${named}, записанный более старой версией программы. Перенос в неё не выполняется: укажите пустую базу данных.`,
    };
  }
  return {
    state: 'same-school',
    message: `В базе данных уже есть журнал этой же школы${named} — состояние на момент, когда он был там в последний раз. Перенос поверх него не выполняется, чтобы не смешать два состояния: укажите пустую базу данных или удалите старую с помощью администратора сервера.`,
  };
}

function freeBytes(dir: string): number | null {
  try {
    const s = fs.statfsSync(dir);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return null;
  }
}

function mb(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} ГБ` : `${Math.ceil(bytes / 1024 ** 2)} МБ`;
}
