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

/** Rows per page at most: a page of marks is a few megabytes. */
export const PAGE_ROWS = 5000;
/**
 * Text per page at most: a table of attachments (base64 text of megabytes a
 * row) is read a few rows at a time, a table of marks thousands. At least one
 * row, however big.
 */
export const PAGE_BYTES = 16 * 1024 * 1024;

/**
 * The rows of one table, page by page along its primary key (each page an
 * index range: no sort of the whole table, no offset to skip). Where the
 * table has text, the page's extent is asked first — the keys and the
 * byte lengths of its next rows (`octet_length`, which reads no text) — so
 * that a page holds at most PAGE_BYTES of it. Call it inside one
 * transaction (REPEATABLE READ on PostgreSQL) for one consistent moment.
 */
export async function* readRows(db: ReadableDb, table: TableShape, maxRows = PAGE_ROWS): AsyncGenerator<CanonicalRow[]> {
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
  const texts = table.columns.filter((c) => c.kind === 'text').map((c) => `COALESCE(octet_length(${q(c.name)}), 0)`);
  let last: unknown[] | null = null;
  for (;;) {
    const where = last ? ` WHERE ${after}` : '';
    let size = maxRows;
    if (texts.length > 0) {
      const extent: { n: number | string }[] = await select<{ n: number | string }>(
        db,
        `SELECT ${texts.join(' + ')} AS n FROM ${q(table.name)}${where} ORDER BY ${order} LIMIT ${maxRows}`,
        last ?? [],
      );
      if (extent.length === 0) return;
      let bytes = 0;
      size = 0;
      while (size < extent.length && (size === 0 || bytes + Number(extent[size].n) <= PAGE_BYTES)) bytes += Number(extent[size++].n);
    }
    const sql: string = `SELECT ${cols} FROM ${q(table.name)}${where} ORDER BY ${order} LIMIT ${size}`;
    const rows: Record<string, unknown>[] = await select<Record<string, unknown>>(db, sql, last ?? []);
    if (rows.length === 0) return;
    yield rows.map((r) => canonicalRow(table, r));
    if (texts.length === 0 && rows.length < size) return;
    const end: Record<string, unknown> = rows[rows.length - 1];
    last = key.map((k) => end[k]);
  }
}

/** A page's size as its text would be (strings count by their length: close enough for a bound). */
export function approximateBytes(page: readonly CanonicalRow[]): number {
  let n = 0;
  for (const row of page) for (const v of row) n += typeof v === 'string' ? v.length + 2 : 8;
  return n;
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
