import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { generateDemoSchool } from '../../../main/core/demo/generate';
import { openDatabase } from '../../../main/core/db/data-source';
import { writeDump } from '../../../main/core/backup/portable/dump-write';
import { DumpFile } from '../../../main/core/backup/portable/dump-file';
import { buildSqlite, dumpSource, loadPostgres } from '../../../main/core/backup/portable/load';
import { hashTables, type TableCheck } from '../../../main/core/backup/portable/rows';
import { tablesOf } from '../../../main/core/backup/portable/tables';
import { TEST_PASSWORD } from '../../support/runtime';

/** Every table's row count and hash, read as the portable copy reads them. */
async function hashesOf(config: Parameters<typeof openDatabase>[0]): Promise<TableCheck[]> {
  const ds = await openDatabase(config, { migrate: false });
  try {
    return await hashTables(ds.manager, await tablesOf(ds.manager));
  } finally {
    await ds.destroy();
  }
}

/**
 * The demo school's portable copy restores into SQLite and into PostgreSQL
 * with identical tables: the same rows (count and hash per table) as the
 * school it was made from, whichever database reads them.
 */
describe('the demo school through its portable copy', () => {
  let dir: string;
  let demo: string;
  let copy: string;
  let original: TableCheck[];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-portable-demo-'));
    demo = path.join(dir, 'demo.sqlite');
    await generateDemoSchool({ file: demo, password: TEST_PASSWORD, seed: 17, yearStart: 2026, today: '2026-11-23' });
    original = await hashesOf({ kind: 'sqlite', file: demo });
    copy = path.join(dir, 'demo.kzdump');
    const source = await openDatabase({ kind: 'sqlite', file: demo }, { migrate: false });
    try {
      await writeDump(source, copy, { createdAt: new Date('2026-11-23T07:00:00Z') });
    } finally {
      await source.destroy();
    }
  }, 600_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('holds every row of every table', async () => {
    expect(original.find((c) => c.table === 'marks')!.rows).toBeGreaterThan(50_000);
    const dump = await DumpFile.open(copy);
    expect(dump.manifest.tables.map((x) => ({ table: x.name, rows: x.rows, hash: x.hash }))).toEqual(original);
    dump.close();
  });

  it('restores into SQLite with identical tables', async () => {
    const file = path.join(dir, 'restored.sqlite');
    const dump = await DumpFile.open(copy);
    try {
      await buildSqlite(dumpSource(dump), file);
    } finally {
      dump.close();
    }
    expect(await hashesOf({ kind: 'sqlite', file })).toEqual(original);
  }, 300_000);

  it.runIf(!!process.env.PG_URL)('restores into PostgreSQL with identical tables', async () => {
    const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
    const config = { kind: 'postgres' as const, url: process.env.PG_URL!, schema };
    try {
      const dump = await DumpFile.open(copy);
      try {
        await loadPostgres(dumpSource(dump), config, { replace: false });
      } finally {
        dump.close();
      }
      expect(await hashesOf(config)).toEqual(original);
    } finally {
      const admin = new DataSource({ type: 'postgres', url: process.env.PG_URL });
      await admin.initialize();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.destroy();
    }
  }, 300_000);
});
