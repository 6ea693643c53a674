import type { EntityManager, EntitySchema } from 'typeorm';

/**
 * The statements of the write engine: multi-row INSERTs and per-column
 * CASE updates with the driver's own placeholders and value conversions.
 * Thousands of rows (a year of lessons is some forty thousand) are written
 * in a few statements instead of one per row. Used only by the Writer.
 */

/** Placeholders per statement: under SQLite's limit of 32766 and PostgreSQL's of 65535. */
const MAX_PARAMS = 12_000;
/** Rows per CASE update. */
export const UPDATE_ROWS = 300;
/** CASE yields text on PostgreSQL; other column types need a cast. */
const CASTS: Record<string, string> = { integer: 'integer', real: 'real', boolean: 'boolean' };

type Row = Record<string, unknown>;

/** Inserts rows of one entity (every column but one the database generates; a missing value is NULL). */
export async function insertRows(em: EntityManager, entity: EntitySchema<never> | EntitySchema<unknown>, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const meta = em.connection.getMetadata(entity);
  const driver = em.connection.driver;
  const columns = meta.columns.filter((c) => !c.isGenerated);
  if (driver.options.type === 'better-sqlite3') {
    sqliteInsert((driver as unknown as { databaseConnection: RawDb }).databaseConnection, meta.tableName, columns, rows);
    return;
  }
  const names = columns.map((c) => driver.escape(c.databaseName)).join(', ');
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => {
      const marks = columns.map((c) => {
        params.push(driver.preparePersistentValue(row[c.propertyName] ?? null, c));
        return driver.createParameter(`p${params.length}`, params.length - 1);
      });
      return `(${marks.join(', ')})`;
    });
    await em.query(`INSERT INTO ${driver.escape(meta.tableName)} (${names}) VALUES ${tuples.join(', ')}`, params);
  }
}

/**
 * Sets one column of many rows to each row's own value, and `updatedAt`
 * where the table has it: `SET col = CASE id WHEN … THEN … END`.
 */
export async function updateColumn(
  em: EntityManager,
  entity: EntitySchema<never> | EntitySchema<unknown>,
  field: string,
  changes: { id: string; to: unknown }[],
  updatedAt: string | null,
): Promise<void> {
  const meta = em.connection.getMetadata(entity);
  const driver = em.connection.driver;
  const esc = (name: string) => driver.escape(name);
  const column = meta.findColumnWithPropertyName(field);
  if (!column) throw new Error(`${meta.name} has no column ${field}`);
  const key = meta.primaryColumns[0].databaseName;
  const cast = CASTS[String(column.type)];
  for (let i = 0; i < changes.length; i += UPDATE_ROWS) {
    const chunk = changes.slice(i, i + UPDATE_ROWS);
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return driver.createParameter(`p${params.length}`, params.length - 1);
    };
    const value = (to: unknown) => (cast ? `CAST(${p(driver.preparePersistentValue(to, column))} AS ${cast})` : p(driver.preparePersistentValue(to, column)));
    const cases = chunk.map((c) => `WHEN ${p(c.id)} THEN ${value(c.to)}`).join(' ');
    const stamp = updatedAt !== null && field !== 'updatedAt' ? `, ${esc('updatedAt')} = ${p(updatedAt)}` : '';
    const ids = chunk.map((c) => p(c.id)).join(', ');
    await em.query(
      `UPDATE ${esc(meta.tableName)} SET ${esc(column.databaseName)} = CASE ${esc(key)} ${cases} ELSE ${esc(column.databaseName)} END${stamp} WHERE ${esc(key)} IN (${ids})`,
      params,
    );
  }
}

/** Deletes rows of a local table by key (rows that sync are tombstoned instead). */
export async function deleteRow(em: EntityManager, entity: EntitySchema<never> | EntitySchema<unknown>, id: string): Promise<void> {
  const meta = em.connection.getMetadata(entity);
  const key = em.connection.driver.escape(meta.primaryColumns[0].databaseName);
  await em.createQueryBuilder().delete().from(entity).where(`${key} = :id`, { id }).execute();
}

interface RawStatement {
  run(...params: unknown[]): unknown;
}
interface RawDb {
  prepare(sql: string): RawStatement;
}

const SQLITE_ROWS = 100;
const statementCache = new WeakMap<RawDb, Map<string, RawStatement>>();

/**
 * SQLite (better-sqlite3, under TypeORM, inside its open transaction):
 * prepared multi-row statements, kept per connection and reused — a year of
 * lessons in a second rather than in a minute of statements compiled one by
 * one, and a mark's few rows without compiling anything.
 */
function sqliteInsert(db: RawDb, table: string, columns: { propertyName: string; databaseName: string; type: unknown }[], rows: Row[]): void {
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c.databaseName}"`).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const booleans = columns.map((c) => c.type === 'boolean' || c.type === Boolean);
  let cache = statementCache.get(db);
  if (!cache) statementCache.set(db, (cache = new Map()));
  const perStatement = Math.max(1, Math.min(SQLITE_ROWS, Math.floor(30_000 / columns.length)));
  for (let start = 0; start < rows.length; start += perStatement) {
    const n = Math.min(perStatement, rows.length - start);
    const sql = head + new Array(n).fill(tuple).join(', ');
    let st = cache.get(sql);
    if (!st) {
      st = db.prepare(sql);
      cache.set(sql, st);
    }
    const values: unknown[] = new Array(n * columns.length);
    let k = 0;
    for (let j = start; j < start + n; j++) {
      const r = rows[j];
      for (let i = 0; i < columns.length; i++) {
        const v = r[columns[i].propertyName];
        values[k++] = v === undefined ? null : booleans[i] ? (v ? 1 : 0) : v;
      }
    }
    st.run(...values);
  }
}
