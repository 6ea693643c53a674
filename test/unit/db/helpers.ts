import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { openDatabase, type DbConfig } from '../../../main/core/db/data-source';

export type TestDbKind = 'sqlite' | 'postgres';

/** Which database the tests run on: PostgreSQL when PG_URL is set, else SQLite. */
export const TEST_DB_KIND: TestDbKind = process.env.PG_URL ? 'postgres' : 'sqlite';

export interface OpenOptions {
  /** false: open without running the migrations (an empty database stays empty). */
  migrate?: boolean;
}

export interface TestDatabase {
  /** The open data source; a new one after reopen(). */
  readonly ds: DataSource;
  readonly kind: TestDbKind;
  readonly config: DbConfig;
  /** The SQLite file, or null on PostgreSQL. */
  readonly file: string | null;
  /** The PostgreSQL schema, or null on SQLite. */
  readonly schema: string | null;
  /**
   * Closes the data source (if open) and opens the same database again through
   * openDatabase, as the program does at start. Throws what openDatabase throws.
   */
  reopen(opts?: OpenOptions): Promise<DataSource>;
  /**
   * Runs SQL over a connection of its own, apart from TypeORM (read-only on
   * SQLite), to see what is really stored. Works while `ds` is closed.
   */
  rawQuery<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Closes the data source and removes the database (temp folder or schema). Safe to call twice. */
  close(): Promise<void>;
}

let counter = 0;

/**
 * A fresh, migrated database of its own: an SQLite file in a new temp folder,
 * or, when PG_URL is set, a new PostgreSQL schema (unique per call, dropped on
 * close). Raw SQL sees the test schema first: the connection's search_path is
 * set to it.
 */
export async function openTestDatabase(opts: OpenOptions = {}): Promise<TestDatabase> {
  return TEST_DB_KIND === 'postgres' ? openPostgres(process.env.PG_URL as string, opts) : openSqlite(opts);
}

async function openSqlite(opts: OpenOptions): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-db-test-'));
  const file = path.join(dir, 'journal.sqlite');
  const config: DbConfig = { kind: 'sqlite', file };
  const cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  const rawQuery = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const statement = db.prepare(sql);
      return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as T[];
    } finally {
      db.close();
    }
  };
  return withDataSource(config, opts, cleanup, rawQuery, { file, schema: null });
}

async function openPostgres(baseUrl: string, opts: OpenOptions): Promise<TestDatabase> {
  const schema = `kz_test_${process.pid}_${++counter}_${crypto.randomBytes(4).toString('hex')}`;
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const config: DbConfig = { kind: 'postgres', url: url.toString(), schema };
  const cleanup = async () => {
    const client = new Client({ connectionString: baseUrl });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await client.end();
    }
  };
  const rawQuery = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new Client({ connectionString: config.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };
  return withDataSource(config, opts, cleanup, rawQuery, { file: null, schema });
}

async function withDataSource(
  config: DbConfig,
  opts: OpenOptions,
  cleanup: () => Promise<void>,
  rawQuery: TestDatabase['rawQuery'],
  where: { file: string | null; schema: string | null },
): Promise<TestDatabase> {
  let current: DataSource;
  try {
    current = await openDatabase(config, { migrate: opts.migrate });
  } catch (e) {
    await cleanup();
    throw e;
  }
  let closed = false;
  const shut = async () => {
    if (current.isInitialized) await current.destroy();
  };
  return {
    get ds() {
      return current;
    },
    kind: config.kind,
    config,
    ...where,
    async reopen(reopenOpts: OpenOptions = {}) {
      await shut();
      current = await openDatabase(config, { migrate: reopenOpts.migrate });
      return current;
    },
    rawQuery,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await shut();
      } finally {
        await cleanup();
      }
    },
  };
}
