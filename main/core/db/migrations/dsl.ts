import { Table, TableIndex, type TableColumnOptions, type QueryRunner } from 'typeorm';

/**
 * A compact way to write portable CREATE TABLE migrations. Migrations are
 * frozen history: they never import entity schemas, which change over time.
 * Foreign keys never cascade on delete (nothing in a school's records may
 * vanish with its parent); rows are tombstoned instead.
 */
export const c = {
  id: (): TableColumnOptions => ({ name: 'id', type: 'varchar', length: '36', isPrimary: true }),
  ref: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable }),
  string: (name: string, length: number, nullable = false): TableColumnOptions => ({
    name,
    type: 'varchar',
    length: String(length),
    isNullable: nullable,
  }),
  text: (name: string, nullable = true): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
  date: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '10', isNullable: nullable }),
  instant: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '30', isNullable: nullable }),
  int: (name: string, nullable = false, defaultValue?: number): TableColumnOptions => ({
    name,
    type: 'integer',
    isNullable: nullable,
    ...(defaultValue === undefined ? {} : { default: defaultValue }),
  }),
  real: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'real', isNullable: nullable }),
  bool: (name: string, defaultValue = false): TableColumnOptions => ({
    name,
    type: 'boolean',
    isNullable: false,
    default: defaultValue,
  }),
  json: (name: string, nullable = true): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
  synced: (): TableColumnOptions[] => [
    { name: 'createdAt', type: 'varchar', length: '30', isNullable: false },
    { name: 'updatedAt', type: 'varchar', length: '30', isNullable: false },
    { name: 'deletedAt', type: 'varchar', length: '30', isNullable: true },
  ],
};

export interface TableSpec {
  columns: TableColumnOptions[];
  /** column → referenced table (by its `id`). */
  refs?: Record<string, string>;
  indices?: { name: string; columns: string[]; unique?: boolean }[];
}

export async function createTable(runner: QueryRunner, name: string, spec: TableSpec): Promise<void> {
  await runner.createTable(
    new Table({
      name,
      columns: spec.columns.map((column) => withPortableDefault(runner, column)),
      foreignKeys: Object.entries(spec.refs ?? {}).map(([column, table]) => ({
        name: `FK_${name}_${column}`,
        columnNames: [column],
        referencedTableName: table,
        referencedColumnNames: ['id'],
        onDelete: 'NO ACTION',
      })),
    }),
  );
  for (const index of spec.indices ?? []) {
    await runner.createIndex(name, new TableIndex({ name: index.name, columnNames: index.columns, isUnique: index.unique }));
  }
}

export async function dropTables(runner: QueryRunner, names: string[]): Promise<void> {
  for (const name of [...names].reverse()) await runner.dropTable(name);
}

const SQLITE_DRIVERS = new Set<string>(['sqlite', 'better-sqlite3', 'sqljs', 'capacitor', 'cordova', 'expo', 'nativescript', 'react-native']);

/**
 * A Table column's default is written into the SQL as it is, so `false` would
 * become `DEFAULT (false)` on SQLite, while TypeORM expects the `0` it writes
 * for an entity's `default: false` and would report the column as changed.
 * Boolean defaults are therefore spelled the way the driver itself spells them.
 */
function withPortableDefault(runner: QueryRunner, column: TableColumnOptions): TableColumnOptions {
  if (typeof column.default !== 'boolean') return column;
  const sqlite = SQLITE_DRIVERS.has(runner.connection.driver.options.type);
  const value = column.default;
  return { ...column, default: sqlite ? (value ? '1' : '0') : value ? 'true' : 'false' };
}

/** The driver's placeholder for the n-th parameter (from 1) of a raw query. */
export function placeholder(runner: QueryRunner, n: number): string {
  return runner.connection.driver.options.type === 'postgres' ? `$${n}` : '?';
}
