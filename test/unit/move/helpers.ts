import crypto from 'node:crypto';
import { DataSource } from 'typeorm';
import { openDatabase, type DbConfig } from '../../../main/core/db/data-source';
import { hashTables, readRows, rowLine, TableDigest, type TableCheck } from '../../../main/core/backup/portable/rows';
import { tablesOf } from '../../../main/core/backup/portable/tables';
import type { TestRuntime } from '../../support/runtime';

/** The settings screen's form for the test server (PG_URL) and a schema of the test's own. */
export function serverForm(schema: string, password?: string) {
  const u = new URL(process.env.PG_URL!);
  return {
    kind: 'postgres' as const,
    host: u.hostname,
    port: u.port ? Number(u.port) : 5432,
    database: u.pathname.slice(1),
    user: decodeURIComponent(u.username),
    password: password ?? decodeURIComponent(u.password),
    tls: 'off' as const,
    schema,
  };
}

export function newSchema(): string {
  return `t_${crypto.randomBytes(6).toString('hex')}`;
}

/** Runs SQL on the test server as its own user, apart from the program. */
export async function onServer<T>(work: (admin: DataSource) => Promise<T>): Promise<T> {
  const admin = new DataSource({ type: 'postgres', url: process.env.PG_URL });
  await admin.initialize();
  try {
    return await work(admin);
  } finally {
    await admin.destroy();
  }
}

export async function dropSchema(schema: string): Promise<void> {
  await onServer((admin) => admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
}

/** The tables of a schema on the test server. */
export async function tablesIn(schema: string): Promise<string[]> {
  return onServer(async (admin) =>
    ((await admin.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1`, [schema])) as { name: string }[]).map((r) => r.name),
  );
}

/**
 * Every table's row count and hash, read as the move reads them. The move's
 * own audit events (`Database`, `moved`) are left out: a move records itself
 * in the database it arrives in, and nothing else may differ.
 */
export async function schoolHashes(config: DbConfig): Promise<TableCheck[]> {
  const ds = await openDatabase(config, { migrate: false });
  try {
    const em = ds.manager;
    const tables = await tablesOf(em);
    const out = await hashTables(
      em,
      tables.filter((t) => t.name !== 'audit_events'),
    );
    const audit = tables.find((t) => t.name === 'audit_events')!;
    const entity = audit.columns.findIndex((c) => c.name === 'entity');
    const field = audit.columns.findIndex((c) => c.name === 'field');
    const digest = new TableDigest();
    for await (const page of readRows(em, audit)) {
      for (const row of page) if (!(row[entity] === 'Database' && row[field] === 'moved')) digest.add(rowLine(row));
    }
    return [...out, { table: 'audit_events', rows: digest.rows, hash: digest.hash }].sort((a, b) => (a.table < b.table ? -1 : 1));
  } finally {
    await ds.destroy();
  }
}

/** Starts a move through the contract and waits for its end (the job's view answers once the move has left the queue). */
export async function moveThrough(t: TestRuntime, token: string, form: Record<string, unknown>) {
  const job = await t.call('database.move', form as never, token);
  const view = await t.call('database.moveJob', { taskId: job.taskId }, token);
  return view;
}
