import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { DataSource } from 'typeorm';
import { select, type ReadableDb } from '../../db/readable';
import { formatManifest, hashFolder, MANIFEST_NAME } from '../../archive/manifest';
import { zipFolder } from '../../archive/zip';
import { fsyncFile } from '../files';
import type { JobProgress } from '../../shared/background-job';
import { DUMP_FOLDER, DUMP_MANIFEST, newManifest, tableFileName, type DumpManifest } from './dump-file';
import { readRows, rowLine, TableDigest } from './rows';
import { appliedMigrations, isPostgres, sequencesOf, tablesOf } from './tables';
import { dumpReadme } from './readme';
import { verifyDump } from './dump-verify';
import { tableLabel } from './table-names';

/**
 * Writes the portable copy of the database `source` has open into `zipFile`
 * (a part file the caller publishes): every table read in one transaction —
 * one moment of the school, REPEATABLE READ on PostgreSQL — its rows as
 * lines, their count and hash, the sums of every file, zipped; then the zip
 * read back whole and checked (`verifyDump`) before it counts.
 */
export async function writeDump(
  source: DataSource,
  zipFile: string,
  opts: { createdAt: Date; onProgress?: (p: JobProgress) => void },
): Promise<DumpManifest> {
  const dir = path.dirname(zipFile);
  removeStaleStaging(dir);
  const staging = path.join(dir, `${STAGING_PREFIX}${process.pid}-${crypto.randomBytes(3).toString('hex')}`);
  const folder = path.join(staging, DUMP_FOLDER);
  fs.mkdirSync(path.join(folder, 'tables'), { recursive: true });
  try {
    const read = (em: ReadableDb) => writeTables(em, folder, opts);
    const manifest = isPostgres(source.manager)
      ? await source.transaction('REPEATABLE READ', read)
      : await source.transaction(read);
    fs.writeFileSync(path.join(folder, 'README.txt'), `\uFEFF${dumpReadme(manifest)}`);
    writeDurable(path.join(folder, DUMP_MANIFEST), JSON.stringify(manifest, null, 1));
    writeDurable(path.join(folder, MANIFEST_NAME), formatManifest(await hashFolder(folder)));
    opts.onProgress?.({ done: 0, total: 1, label: 'Сжатие копии' });
    await zipFolder(folder, zipFile);
    fsyncFile(zipFile);
    opts.onProgress?.({ done: 0, total: 1, label: 'Проверка копии' });
    const check = await verifyDump(zipFile);
    if (!check.ok) throw new Error(`the portable copy failed its check right after writing: ${check.problems.join('; ')}`);
    return manifest;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

async function writeTables(em: ReadableDb, folder: string, opts: { createdAt: Date; onProgress?: (p: JobProgress) => void }): Promise<DumpManifest> {
  const tables = await tablesOf(em);
  const migrations = await appliedMigrations(em);
  const sequences = await sequencesOf(em, tables);
  const counts: number[] = [];
  for (const t of tables) counts.push(Number((await select<{ n: number | string }>(em, `SELECT COUNT(*) AS n FROM "${t.name}"`))[0].n));
  const total = counts.reduce((a, b) => a + b, 0);
  let done = 0;
  const entries: DumpManifest['tables'] = [];
  for (const [i, t] of tables.entries()) {
    const file = tableFileName(i, t.name);
    const digest = new TableDigest();
    const fd = fs.openSync(path.join(folder, ...file.split('/')), 'w');
    try {
      for await (const page of readRows(em, t)) {
        const lines = page.map(rowLine);
        for (const line of lines) digest.add(line);
        fs.writeSync(fd, `${lines.join('\n')}\n`);
        done += page.length;
        opts.onProgress?.({ done, total, label: `Копирование: ${tableLabel(t.name)}` });
      }
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    entries.push({ name: t.name, file, columns: t.columns, key: t.key, rows: digest.rows, hash: digest.hash });
  }
  return newManifest({
    createdAt: opts.createdAt.toISOString(),
    engine: isPostgres(em) ? 'postgres' : 'sqlite',
    dataSetId: await one(em, `SELECT id AS v FROM data_set`),
    schoolName: await schoolName(em),
    migrations,
    tables: entries,
    sequences,
  });
}

async function one(em: ReadableDb, sql: string): Promise<string | null> {
  try {
    return (await select<{ v: string }>(em, sql))[0]?.v ?? null;
  } catch {
    return null;
  }
}

async function schoolName(em: ReadableDb): Promise<string | null> {
  const raw = await one(em, `SELECT value AS v FROM settings WHERE key = 'school.name'`);
  try {
    return raw === null ? null : (JSON.parse(raw) as string);
  } catch {
    return raw;
  }
}

function writeDurable(file: string, text: string): void {
  fs.writeFileSync(file, text);
  fsyncFile(file);
}

const STAGING_PREFIX = '.kzdump-staging-';

/** Staging folders left by a process that was killed while writing a copy (their process is gone). */
function removeStaleStaging(dir: string): void {
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith(STAGING_PREFIX)) continue;
    const pid = Number(name.slice(STAGING_PREFIX.length).split('-')[0]);
    if (pid === process.pid || alive(pid)) continue;
    fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
