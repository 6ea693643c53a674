import type { EntitySchema } from 'typeorm';
import { ALL_ENTITIES } from '../../db/entities';
import { select, type ReadableDb } from '../../db/readable';

/**
 * The tables of a school's database as the portable copy sees them, read from
 * the database itself (not from this program's entities: a copy made by an
 * older version has the tables of its own schema). Columns are kept in the
 * order of their names, so a row has the same shape on SQLite and PostgreSQL
 * whatever order the migrations left them in.
 */
export type ColumnKind = 'bool' | 'int' | 'real' | 'text';

export interface ColumnShape {
  name: string;
  kind: ColumnKind;
}

export interface TableShape {
  name: string;
  /** Sorted by name: the order of a row's values everywhere (dump lines, hashes, inserts). */
  columns: ColumnShape[];
  /** The primary key's columns, in key order: rows are read page by page along it. */
  key: string[];
}

/** A counter the database hands out (`change_log.seq`): its last value must survive a copy, or numbers would be reused. */
export interface SequenceValue {
  table: string;
  column: string;
  value: number;
}

/** Tables of the database that are not the school's rows: the list of applied migrations is the schema version. */
const NOT_ROWS = new Set(['migrations', 'typeorm_metadata', 'sqlite_sequence']);

const entityTables: string[] = ALL_ENTITIES.map((e) => tableOf(e));

function tableOf(e: EntitySchema<never> | EntitySchema<unknown>): string {
  return (e as EntitySchema<unknown>).options.tableName ?? (e as EntitySchema<unknown>).options.name;
}

export function isPostgres(db: ReadableDb): boolean {
  return db.connection.options.type === 'postgres';
}

export function kindOf(declared: string): ColumnKind {
  const t = declared.toLowerCase();
  if (t.includes('bool')) return 'bool';
  if (t.includes('int')) return 'int';
  if (t.includes('real') || t.includes('double') || t.includes('float') || t.includes('numeric')) return 'real';
  return 'text';
}

/** Every table of the school in this database, in the order rows can be loaded: parents before children (`ALL_ENTITIES`). */
export async function tablesOf(db: ReadableDb): Promise<TableShape[]> {
  const names = (await tableNames(db)).filter((n) => !NOT_ROWS.has(n) && !n.startsWith('sqlite_'));
  const rank = (n: string) => {
    const i = entityTables.indexOf(n);
    // A table this program no longer has (an older copy's): after the known ones, by name.
    return i < 0 ? entityTables.length : i;
  };
  names.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const out: TableShape[] = [];
  for (const name of names) out.push(await shapeOf(db, name));
  return out;
}

export async function tableNames(db: ReadableDb): Promise<string[]> {
  const rows = isPostgres(db)
    ? await select<{ name: string }>(
        db,
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
      )
    : await select<{ name: string }>(db, `SELECT name FROM sqlite_master WHERE type = 'table'`);
  return rows.map((r) => r.name);
}

async function shapeOf(db: ReadableDb, table: string): Promise<TableShape> {
  if (isPostgres(db)) {
    const columns = await select<{ name: string; type: string }>(
      db,
      `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?`,
      [table],
    );
    const key = await select<{ name: string }>(
      db,
      `SELECT k.column_name AS name
         FROM information_schema.table_constraints t
         JOIN information_schema.key_column_usage k
           ON k.constraint_name = t.constraint_name AND k.table_schema = t.table_schema AND k.table_name = t.table_name
        WHERE t.constraint_type = 'PRIMARY KEY' AND t.table_schema = current_schema() AND t.table_name = ?
        ORDER BY k.ordinal_position`,
      [table],
    );
    return shape(table, columns, key.map((k) => k.name));
  }
  const columns = await select<{ name: string; type: string; pk: number }>(db, `SELECT name, type, pk FROM pragma_table_info(?)`, [table]);
  const key = columns
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name);
  return shape(table, columns, key);
}

function shape(name: string, columns: { name: string; type: string }[], key: string[]): TableShape {
  const sorted = columns.map((c) => ({ name: c.name, kind: kindOf(c.type) })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { name, columns: sorted, key };
}

/** The counters of the tables that have one (a column the database numbers itself), as far as they have counted. */
export async function sequencesOf(db: ReadableDb, tables: readonly TableShape[]): Promise<SequenceValue[]> {
  const out: SequenceValue[] = [];
  const present = new Map(tables.map((t) => [t.name, t]));
  for (const { table, column } of GENERATED) {
    if (!present.get(table)?.columns.some((c) => c.name === column)) continue;
    out.push({ table, column, value: await sequenceValue(db, table, column) });
  }
  return out;
}

async function sequenceValue(db: ReadableDb, table: string, column: string): Promise<number> {
  if (isPostgres(db)) {
    const [seq] = await select<{ name: string | null }>(db, `SELECT pg_get_serial_sequence(?, ?) AS name`, [`"${table}"`, column]);
    if (!seq?.name) return 0;
    const [state] = await select<{ last: string | number; called: boolean }>(db, `SELECT last_value AS last, is_called AS called FROM ${seq.name}`);
    const last = Number(state.last);
    return state.called ? last : last - 1;
  }
  const hasSequences = await select(db, `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'`);
  if (hasSequences.length === 0) return 0;
  const [row] = await select<{ seq: number }>(db, `SELECT seq FROM sqlite_sequence WHERE name = ?`, [table]);
  return row ? Number(row.seq) : 0;
}

/** Columns the database numbers itself (`generated: 'increment'` in an entity). */
const GENERATED: { table: string; column: string }[] = ALL_ENTITIES.flatMap((e) =>
  Object.entries((e as EntitySchema<unknown>).options.columns)
    .filter(([, c]) => {
      const generated = (c as { generated?: unknown } | undefined)?.generated;
      return generated === 'increment' || generated === true;
    })
    .map(([column]) => ({ table: tableOf(e), column })),
);

/** The migrations applied to this database, in order: the version of its structure. */
export async function appliedMigrations(db: ReadableDb): Promise<string[]> {
  const rows = await select<{ name: string }>(db, `SELECT name FROM migrations ORDER BY id`);
  return rows.map((r) => r.name);
}
