import type { EntitySchemaColumnOptions, EntitySchemaOptions } from 'typeorm';

/**
 * Column shapes shared by every entity. Types are the portable subset that
 * TypeORM maps the same way on SQLite and PostgreSQL:
 * - ids are UUIDv7 strings;
 * - school dates are `YYYY-MM-DD` strings (they sort and compare as text);
 * - instants are UTC ISO strings (`2026-11-23T09:15:00.000Z`);
 * - structured values are JSON text.
 */
export const col = {
  id: (): EntitySchemaColumnOptions => ({ type: 'varchar', length: 36, primary: true }),
  ref: (nullable = false): EntitySchemaColumnOptions => ({ type: 'varchar', length: 36, nullable }),
  string: (length: number, nullable = false): EntitySchemaColumnOptions => ({ type: 'varchar', length, nullable }),
  text: (nullable = true): EntitySchemaColumnOptions => ({ type: 'text', nullable }),
  date: (nullable = false): EntitySchemaColumnOptions => ({ type: 'varchar', length: 10, nullable }),
  instant: (nullable = false): EntitySchemaColumnOptions => ({ type: 'varchar', length: 30, nullable }),
  int: (nullable = false, defaultValue?: number): EntitySchemaColumnOptions => ({
    type: 'integer',
    nullable,
    ...(defaultValue === undefined ? {} : { default: defaultValue }),
  }),
  real: (nullable = false): EntitySchemaColumnOptions => ({ type: 'real', nullable }),
  bool: (defaultValue = false): EntitySchemaColumnOptions => ({ type: 'boolean', default: defaultValue }),
  json: (nullable = true): EntitySchemaColumnOptions => ({ type: 'text', nullable }),
};

/**
 * Rows that sync between computers carry these: they are never hard-deleted
 * (a `deletedAt` tombstone), and `updatedAt` orders changes.
 */
export const syncedColumns = {
  createdAt: col.instant(),
  updatedAt: col.instant(),
  deletedAt: col.instant(true),
};

/** The condition of a partial index over live rows: tombstones do not count towards uniqueness. */
export const LIVE = '"deletedAt" IS NULL';

export interface Synced {
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

type ForeignKeyOptions = NonNullable<EntitySchemaOptions<unknown>['foreignKeys']>[number];

/**
 * The foreign keys of a table, declared on its entity exactly as the
 * migration creates them (`refs` in migrations/dsl.ts: column → referenced
 * table, named `FK_<table>_<column>`, no cascade). They are not relations: the
 * entity keeps a plain id column. Without them TypeORM's schema check would
 * see the migration's keys as unknown and want to drop them.
 */
export function foreignKeys(table: string, refs: Record<string, string>): ForeignKeyOptions[] {
  return Object.entries(refs).map(([column, referencedTable]) => ({
    name: `FK_${table}_${column}`,
    target: referencedTable,
    columnNames: [column],
    referencedColumnNames: ['id'],
    onDelete: 'NO ACTION',
  }));
}
