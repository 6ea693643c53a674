import crypto from 'node:crypto';
import { AppError } from '../../shared/errors';
import { select, type ReadableDb } from '../../db/readable';
import type { ColumnKind, TableShape } from './tables';

/**
 * A row as the same text on either database: its values in the table's
 * column order (by name), each in one canonical form — booleans as
 * true/false (SQLite keeps 0/1), numbers as numbers (whatever the driver
 * returned), NULL as null, text as text — written as a JSON array. That line
 * is what a portable copy stores, and its SHA-256 is the row's hash.
 */
export type CanonicalValue = null | boolean | number | string;
export type CanonicalRow = CanonicalValue[];

export function canonicalValue(kind: ColumnKind, v: unknown, where: () => string): CanonicalValue {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'bool':
      if (typeof v === 'boolean') return v;
      if (typeof v === 'number' || typeof v === 'bigint') return Number(v) !== 0;
      if (typeof v === 'string') return v === '1' || v === 't' || v === 'true';
      break;
    case 'int':
    case 'real': {
      if (typeof v === 'number') return v;
      if (typeof v === 'bigint') return Number(v);
      // PostgreSQL's 64-bit integers come as text; SQLite may keep text in a numeric column.
      if (typeof v === 'string') return Number.isFinite(Number(v)) && v.trim() !== '' ? Number(v) : v;
      break;
    }
    case 'text':
      if (typeof v === 'string') return v;
      if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
      break;
  }
  throw new AppError('INTERNAL', `Значение в ${where()} не может быть перенесено: данные такого вида программа не записывает.`);
}

/**
 * The hash of a table: the count of its rows and the sum (mod 2^256) of the
 * SHA-256 of each row's line. A sum does not depend on the order rows come
 * in, so each database reads them in its own order (its own collation of
 * text keys), and the two agree exactly when they hold the same rows.
 */
export class TableDigest {
  rows = 0;
  private sum = 0n;

  add(line: string): void {
    this.rows++;
    this.sum = (this.sum + BigInt(`0x${crypto.createHash('sha256').update(line, 'utf8').digest('hex')}`)) & MASK;
  }

  get hash(): string {
    return this.sum.toString(16).padStart(64, '0');
  }
}

const MASK = (1n << 256n) - 1n;

/** Rows per page: a page of marks is a few megabytes. */
export const PAGE_ROWS = 5000;

/**
 * The rows of one table, page by page along its primary key (each page an
 * index range: no sort of the whole table, no offset to skip). Call it inside
 * one transaction (REPEATABLE READ on PostgreSQL) for one consistent moment.
 */
export async function* readRows(db: ReadableDb, table: TableShape, pageRows = PAGE_ROWS): AsyncGenerator<CanonicalRow[]> {
  const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const cols = table.columns.map((c) => q(c.name)).join(', ');
  const key = table.key;
  const keyAt = key.map((k) => table.columns.findIndex((c) => c.name === k));
  if (key.length === 0 || keyAt.some((i) => i < 0)) {
    // No key (no table of this program is so): one read.
    const rows = await select<Record<string, unknown>>(db, `SELECT ${cols} FROM ${q(table.name)}`);
    if (rows.length) yield rows.map((r) => canonicalRow(table, r));
    return;
  }
  const order = key.map(q).join(', ');
  const after = key.length === 1 ? `${q(key[0])} > ?` : `(${order}) > (${key.map(() => '?').join(', ')})`;
  let last: unknown[] | null = null;
  for (;;) {
    const sql: string = `SELECT ${cols} FROM ${q(table.name)}${last ? ` WHERE ${after}` : ''} ORDER BY ${order} LIMIT ${pageRows}`;
    const rows: Record<string, unknown>[] = await select<Record<string, unknown>>(db, sql, last ?? []);
    if (rows.length === 0) return;
    yield rows.map((r) => canonicalRow(table, r));
    if (rows.length < pageRows) return;
    const end: Record<string, unknown> = rows[rows.length - 1];
    last = key.map((k) => end[k]);
  }
}

function canonicalRow(table: TableShape, r: Record<string, unknown>): CanonicalRow {
  return table.columns.map((c) => canonicalValue(c.kind, r[c.name], () => `таблице «${table.name}», столбце «${c.name}»`));
}

/** The line a row is stored and hashed as. */
export function rowLine(row: CanonicalRow): string {
  return JSON.stringify(row);
}

export interface TableCheck {
  table: string;
  rows: number;
  hash: string;
}

/** Every table's row count and hash, read the way a copy reads them (verification after a copy or a load). */
export async function hashTables(db: ReadableDb, tables: readonly TableShape[], onRows?: (table: string, rows: number) => void): Promise<TableCheck[]> {
  const out: TableCheck[] = [];
  for (const t of tables) {
    const digest = new TableDigest();
    for await (const page of readRows(db, t)) {
      for (const row of page) digest.add(rowLine(row));
      onRows?.(t.name, page.length);
    }
    out.push({ table: t.name, rows: digest.rows, hash: digest.hash });
  }
  return out;
}
