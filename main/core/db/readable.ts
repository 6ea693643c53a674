import type { DataSource, EntityManager } from 'typeorm';

/**
 * The database as a query sees it: finding, counting and select builders,
 * never a write (Signal Desktop's `ReadableDB` beside its `WritableDB`). A
 * mutation reads through the same view and writes only through its Writer
 * (write/writer.ts); ESLint's `kz/no-raw-writes` refuses a write method
 * called on an EntityManager, a query builder or the driver anywhere else.
 */
export type ReadableDb = Pick<
  EntityManager,
  'find' | 'findOne' | 'findOneOrFail' | 'findBy' | 'findOneBy' | 'findOneByOrFail' | 'count' | 'countBy' | 'exists' | 'existsBy' | 'createQueryBuilder'
> & {
  readonly connection: Pick<DataSource, 'options' | 'getMetadata' | 'driver'>;
};

const READING = /^\s*(select|with)\b/i;

/**
 * A raw SELECT, for the few reads that are faster or clearer in hand-written
 * SQL (the journal page, the year's checklist). Placeholders are `?`, numbered
 * `$1, $2…` for PostgreSQL here. Anything but a SELECT or WITH … SELECT is
 * refused, so this cannot become a side door for writes.
 */
export async function select<T>(db: ReadableDb, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  if (!READING.test(sql) || /\b(insert|update|delete|drop|alter)\s/i.test(sql.replace(/'[^']*'|"[^"]*"/g, ''))) {
    throw new Error(`select() runs reads only: ${sql.slice(0, 60)}`);
  }
  let n = 0;
  const text = db.connection.options.type === 'postgres' ? sql.replace(/\?/g, () => `$${++n}`) : sql;
  return (await (db as EntityManager).query(text, [...params])) as T[];
}
