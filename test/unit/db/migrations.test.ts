import fs from 'node:fs';
import crypto from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { DataSource, EntityMetadata } from 'typeorm';
import { ALL_ENTITIES } from '../../../main/core/db/entities';
import { ALL_MIGRATIONS } from '../../../main/core/db/migrations';
import { pendingMigrations } from '../../../main/core/db/data-source';
import { newId } from '../../../main/core/shared/ids';
import { openTestDatabase, TEST_DB_KIND, type TestDatabase } from './helpers';

const MIGRATIONS_TABLE = 'migrations';

let db: TestDatabase | undefined;

afterEach(async () => {
  await db?.close();
  db = undefined;
});

async function open(opts?: { migrate?: boolean }): Promise<TestDatabase> {
  db = await openTestDatabase(opts);
  return db;
}

/** Tables of the database apart from the migrations bookkeeping, sorted. */
async function userTables(t: TestDatabase): Promise<string[]> {
  const rows =
    t.kind === 'sqlite'
      ? await t.rawQuery<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
      : await t.rawQuery<{ name: string }>(
          `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'`,
          [t.schema],
        );
  return rows
    .map((r) => r.name)
    .filter((name) => name !== MIGRATIONS_TABLE)
    .sort();
}

/** Everything the schema consists of, in a form that compares equal for equal schemas. */
async function schemaSnapshot(t: TestDatabase): Promise<unknown> {
  if (t.kind === 'sqlite') {
    return t.rawQuery(`SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`);
  }
  const columns = await t.rawQuery(
    `SELECT table_name, column_name, data_type, character_maximum_length, is_nullable, column_default
       FROM information_schema.columns WHERE table_schema = $1 ORDER BY table_name, column_name`,
    [t.schema],
  );
  const indexes = await t.rawQuery<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 ORDER BY indexname`,
    [t.schema],
  );
  const constraints = await t.rawQuery(
    `SELECT conname, conrelid::regclass::text AS on_table, contype, pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE connamespace = $1::regnamespace ORDER BY conname`,
    [t.schema],
  );
  return { columns, indexes, constraints };
}

async function pendingSchemaChanges(ds: DataSource): Promise<string[]> {
  const log = await ds.driver.createSchemaBuilder().log();
  return log.upQueries.map((q) => q.query);
}

describe(`migrations (${TEST_DB_KIND})`, () => {
  it('run on an empty database and create the table of every entity', async () => {
    const t = await open();
    expect(await pendingMigrations(t.ds)).toEqual([]);
    const tables = await userTables(t);
    expect(t.ds.entityMetadatas).toHaveLength(ALL_ENTITIES.length);
    const expected = t.ds.entityMetadatas.map((m) => m.tableName).sort();
    expect(tables).toEqual(expected);
    // snake_case table names, as the convention asks.
    for (const name of expected) expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it('leave nothing for TypeORM to change: the entities match the migrated schema', async () => {
    const t = await open();
    expect(await pendingSchemaChanges(t.ds)).toEqual([]);
  });

  it('go down, one by one, to an empty schema, and up again to the same schema', async () => {
    const t = await open();
    const full = await schemaSnapshot(t);
    let tables = await userTables(t);
    for (let i = ALL_MIGRATIONS.length; i > 0; i--) {
      const before = await schemaSnapshot(t);
      await t.ds.undoLastMigration({ transaction: 'each' });
      const after = await userTables(t);
      // Each migration removes what it made (tables, or columns of a table), and only that.
      expect(await schemaSnapshot(t)).not.toEqual(before);
      for (const name of after) expect(tables).toContain(name);
      expect(await pendingMigrations(t.ds)).toHaveLength(ALL_MIGRATIONS.length - i + 1);
      tables = after;
    }
    expect(tables).toEqual([]);

    await t.ds.runMigrations({ transaction: 'each' });
    expect(await pendingMigrations(t.ds)).toEqual([]);
    expect(await schemaSnapshot(t)).toEqual(full);
    expect(await pendingSchemaChanges(t.ds)).toEqual([]);
  });

  it('refuse a database written by a newer version (DB_NEWER) and leave it untouched', async () => {
    const t = await open();
    // This build knows every migration but the future one; its own last one is
    // undone, so a careless open would have something to apply.
    await t.ds.undoLastMigration({ transaction: 'each' });
    const tablesAfterUndo = await userTables(t);
    await t.ds.query(
      `INSERT INTO ${t.ds.driver.escape(MIGRATIONS_TABLE)} (${t.ds.driver.escape('timestamp')}, ${t.ds.driver.escape('name')})
       VALUES (9999999999999, 'FromTheFuture9999999999999')`,
    );
    await t.ds.destroy();

    const schemaBefore = await schemaSnapshot(t);
    const migrationsBefore = await t.rawQuery(`SELECT * FROM ${MIGRATIONS_TABLE} ORDER BY id`);
    const fileBefore = t.file ? sha256(t.file) : null;

    const error = await t.reopen().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'DB_NEWER', details: { unknownMigrations: ['FromTheFuture9999999999999'] } });
    expect(t.ds.isInitialized).toBe(false);

    if (t.file) expect(sha256(t.file)).toBe(fileBefore);
    expect(await schemaSnapshot(t)).toEqual(schemaBefore);
    expect(await t.rawQuery(`SELECT * FROM ${MIGRATIONS_TABLE} ORDER BY id`)).toEqual(migrationsBefore);
    // The undone migration was not applied again, whichever is the last one.
    expect(await userTables(t)).toEqual(tablesAfterUndo);
  });

  it.skipIf(TEST_DB_KIND !== 'sqlite')('turn on foreign keys and WAL for SQLite', async () => {
    const t = await open();
    expect(await t.ds.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    expect(await t.ds.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
  });

  it('enforce foreign keys', async () => {
    const t = await open();
    const now = '2026-09-01T08:00:00.000Z';
    await expect(
      t.ds.getRepository('AcademicYear').insert({
        id: newId(),
        name: '2026/2027',
        startDate: '2026-09-01',
        endDate: '2027-05-31',
        status: 'closed',
        closedAt: now,
        closedBy: newId(), // no such user
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      }),
    ).rejects.toThrow(/foreign key/i);
  });

  it('store and read back a row of every entity, with every column filled and with only the required ones', async () => {
    const t = await open();
    // entity name → id of its full row, and of its minimal row: each row refers to parents of its own kind,
    // so a table keyed by its parent (login_states by user) gets two rows too.
    const ids = { full: new Map<string, string>(), minimal: new Map<string, string>() };
    const done: string[] = [];
    for (const metadata of parentsFirst(t.ds.entityMetadatas)) {
      const repo = t.ds.getRepository(metadata.target);
      // A key the database generates (the change log's order) comes back from the insert.
      const full = sampleRow(metadata, ids.full, 'full');
      Object.assign(full, (await repo.insert({ ...full })).identifiers[0]);
      expect(await repo.findOneByOrFail(primaryKeyOf(metadata, full))).toEqual(full);

      const minimal = sampleRow(metadata, ids.minimal, 'minimal');
      Object.assign(minimal, (await repo.insert({ ...minimal })).identifiers[0]);
      expect(await repo.findOneByOrFail(primaryKeyOf(metadata, minimal))).toEqual(withDefaults(metadata, minimal));

      ids.full.set(metadata.name, full[metadata.primaryColumns[0].propertyName] as string);
      ids.minimal.set(metadata.name, minimal[metadata.primaryColumns[0].propertyName] as string);
      done.push(metadata.name);
    }
    expect(done.sort()).toEqual(ALL_ENTITIES.map((e) => e.options.name).sort());
  });
});

/** The database file and its WAL, if one was left: a write would show in one of them. */
function sha256(file: string): string {
  const hash = crypto.createHash('sha256').update(fs.readFileSync(file));
  if (fs.existsSync(`${file}-wal`)) hash.update(fs.readFileSync(`${file}-wal`));
  return hash.digest('hex');
}

/** Entities ordered so that every entity comes after those its foreign keys point to. */
function parentsFirst(all: EntityMetadata[]): EntityMetadata[] {
  const ordered: EntityMetadata[] = [];
  const placed = new Set<string>();
  let rest = [...all];
  while (rest.length > 0) {
    const ready = rest.filter((m) =>
      m.foreignKeys.every((fk) => fk.referencedEntityMetadata === m || placed.has(fk.referencedEntityMetadata.name)),
    );
    if (ready.length === 0) throw new Error(`foreign keys form a cycle among ${rest.map((m) => m.name).join(', ')}`);
    for (const m of ready) {
      ordered.push(m);
      placed.add(m.name);
    }
    rest = rest.filter((m) => !placed.has(m.name));
  }
  return ordered;
}

function primaryKeyOf(metadata: EntityMetadata, row: Record<string, unknown>): Record<string, unknown> {
  const key = metadata.primaryColumns[0].propertyName;
  return { [key]: row[key] };
}

/**
 * A valid row built from the metadata alone, so a new entity is covered
 * without touching this test. 'full' fills every column (references point at
 * rows stored before); 'minimal' leaves out whatever may be left out.
 */
function sampleRow(metadata: EntityMetadata, ids: Map<string, string>, mode: 'full' | 'minimal'): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const column of metadata.columns) {
    if (column.isGenerated) continue;
    const optional = column.isNullable || column.default !== undefined;
    if (mode === 'minimal' && optional && !column.isPrimary) continue;
    const fk = metadata.foreignKeys.find((f) => f.columns.includes(column));
    if (fk) {
      const id = ids.get(fk.referencedEntityMetadata.name);
      if (id === undefined) throw new Error(`${metadata.name}.${column.propertyName}: no ${fk.referencedEntityMetadata.name} row yet`);
      row[column.propertyName] = id;
    } else {
      row[column.propertyName] = sampleValue(column, mode);
    }
  }
  return row;
}

type ColumnMetadata = EntityMetadata['columns'][number];

function sampleValue(column: ColumnMetadata, mode: 'full' | 'minimal'): unknown {
  if (column.isPrimary && column.type === 'integer') return mode === 'full' ? 1 : 2;
  if (column.isPrimary) return column.type === 'varchar' && column.length === '36' ? newId() : `key.${mode}.${newId()}`;
  switch (column.type) {
    case 'varchar': {
      const length = Number(column.length);
      if (length === 36) return newId();
      if (length === 30) return '2026-11-23T09:15:00.000Z';
      if (length === 10 && /date|On$|^valid/i.test(column.propertyName)) return '2026-11-23';
      if (length === 7) return '2026-11';
      if (length === 5) return '08:30';
      // Differs between the two rows, for the few unique indexes.
      return (mode === 'full' ? 'Ёлкина «ё» Ä ' : 'Минимум ').repeat(80).slice(0, length);
    }
    case 'text':
      return 'Тема: «Ёжик в тумане»\nвторая строка';
    case 'integer':
      return 7;
    case 'real':
      return 2.5;
    case 'boolean':
      return true;
    default:
      throw new Error(`no sample value for ${column.propertyName} of type ${String(column.type)}`);
  }
}

/** What the database fills in for the columns a minimal row leaves out. */
function withDefaults(metadata: EntityMetadata, row: Record<string, unknown>): Record<string, unknown> {
  const expected = { ...row };
  for (const column of metadata.columns) {
    if (column.propertyName in expected) continue;
    expected[column.propertyName] = column.default !== undefined ? column.default : null;
  }
  return expected;
}
