import type { DataSource, EntitySchema } from 'typeorm';

/**
 * Fast inserts for the demo generator: multi-row prepared statements (up to
 * a hundred rows each) inside one transaction per table, straight on the
 * better-sqlite3 connection under TypeORM.
 *
 * The one write path that bypasses the Writer (write/writer.ts), on purpose:
 * it fills a NEW database file that no other computer has seen, so there is
 * nothing to audit or capture for sync — the file itself is the first copy of
 * the school. It never writes into an existing or shared database. Table and column names come from
 * the entities' metadata, so a renamed column cannot be missed; a row missing
 * a required column fails loudly (an optional one gets its default or null). Booleans become 0/1 as TypeORM stores them.
 */

interface Statement {
  run(...params: unknown[]): unknown;
}

interface RawDb {
  prepare(sql: string): Statement;
  transaction<F extends (...args: never[]) => unknown>(fn: F): F;
  pragma(sql: string, opts?: { simple?: boolean }): unknown;
}

export class DemoFileWriter {
  readonly db: RawDb;
  readonly counts = new Map<string, number>();

  constructor(private readonly ds: DataSource) {
    if (ds.options.type !== 'better-sqlite3') throw new Error('The demo school is generated into SQLite only');
    this.db = (ds.driver as unknown as { databaseConnection: RawDb }).databaseConnection;
  }

  insert<T extends object>(entity: EntitySchema<T>, rows: readonly T[]): void {
    if (rows.length === 0) return;
    const meta = this.ds.getMetadata(entity);
    const columns = meta.columns.map((c) => ({
      prop: c.propertyName,
      name: c.databaseName,
      // An optional column the generator does not know yet gets its default or null.
      fallback: c.default !== undefined && typeof c.default !== 'function' ? c.default : c.isNullable ? null : undefined,
    }));
    const head = `INSERT INTO "${meta.tableName}" (${columns.map((c) => `"${c.name}"`).join(', ')}) VALUES `;
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    // Many rows per statement: fewer calls from JavaScript into SQLite.
    const perStatement = Math.max(1, Math.min(100, Math.floor(30_000 / columns.length)));
    const statements = new Map<number, Statement>();
    const statementFor = (n: number) => {
      let st = statements.get(n);
      if (!st) {
        st = this.db.prepare(head + new Array(n).fill(tuple).join(', '));
        statements.set(n, st);
      }
      return st;
    };
    const run = this.db.transaction((batch: readonly T[]) => {
      for (let start = 0; start < batch.length; start += perStatement) {
        const n = Math.min(perStatement, batch.length - start);
        const values: unknown[] = new Array(n * columns.length);
        let k = 0;
        for (let j = start; j < start + n; j++) {
          const r = batch[j] as Record<string, unknown>;
          for (let i = 0; i < columns.length; i++) {
            const v = r[columns[i].prop] ?? (r[columns[i].prop] === null ? null : columns[i].fallback);
            if (v === undefined) throw new Error(`Demo: ${meta.name}.${columns[i].prop} is missing`);
            values[k++] = typeof v === 'boolean' ? (v ? 1 : 0) : v;
          }
        }
        statementFor(n).run(...values);
      }
    });
    run(rows);
    this.counts.set(meta.tableName, (this.counts.get(meta.tableName) ?? 0) + rows.length);
  }
}
