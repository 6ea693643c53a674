import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yauzl from 'yauzl';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LessonEntity } from '../../../main/core/db/entities/journal';
import { DumpFile } from '../../../main/core/backup/portable/dump-file';
import { verifyDump } from '../../../main/core/backup/portable/dump-verify';
import { approximateBytes, hashTables, readRows } from '../../../main/core/backup/portable/rows';
import { tablesOf } from '../../../main/core/backup/portable/tables';
import { createTestRuntime, TEST_PASSWORD, type TestRuntime } from '../../support/runtime';
import { buildSmallSchool, type SmallSchool } from '../../support/small-school';
import { flipByte } from './helpers';

/** Tables a restore itself writes to: the restore's audit event, the backups' list brought up to date. */
const WRITTEN_BY_RESTORE = new Set(['audit_events', 'backup_records']);

/**
 * The portable copy (backup/portable/): made, read back and checked whole,
 * restored with undo — on the database the suite runs on, SQLite or
 * PostgreSQL (a school on PostgreSQL restores from the program like a school
 * on SQLite).
 */
describe('the portable copy', () => {
  let t: TestRuntime;
  let school: SmallSchool;
  const topic = async () => (await t.runtime.database().manager.findOneByOrFail(LessonEntity, { id: school.lessons.maths5a.id })).topic;
  const login = async (name: string) => (await t.call('auth.login', { login: name, password: TEST_PASSWORD }) as unknown as { token: string }).token;
  const liveHashes = async () => {
    const em = t.runtime.database().manager;
    return (await hashTables(em, await tablesOf(em))).filter((c) => !WRITTEN_BY_RESTORE.has(c.table));
  };

  beforeEach(async () => {
    t = await createTestRuntime();
    school = await buildSmallSchool(t);
  });
  afterEach(() => t.close());

  it('is made and verified, restores exactly its tables, and the restore can be undone', async () => {
    await t.call('journal.setLessonText', { lessonId: school.lessons.maths5a.id, topic: 'Дроби' }, school.tokens.ivanova);
    const made = await t.call('backup.create', { portable: true }, school.tokens.admin);
    expect(made.backup).toMatchObject({ engine: 'portable', integrityOk: true });
    expect(made.backup.name).toMatch(/_manual\.kzdump$/);
    expect(await t.call('backup.verify', { id: made.backup.id }, school.tokens.admin)).toMatchObject({ ok: true, problems: [] });
    const atBackup = await liveHashes();

    t.clock.advance(60_000);
    await t.call('journal.setLessonText', { lessonId: school.lessons.maths5a.id, topic: 'Сложение дробей' }, school.tokens.ivanova);
    expect(await liveHashes()).not.toEqual(atBackup);

    t.clock.advance(60_000);
    const restored = await t.call('backup.restore', { id: made.backup.id }, school.tokens.admin);
    expect(restored.restoredFrom).toBe(made.backup.createdAt);
    expect(await topic()).toBe('Дроби');
    // Every table as it was when the copy was made (row count and hash per table), on either database.
    expect(await liveHashes()).toEqual(atBackup);
    const dump = await DumpFile.open(made.backup.file);
    const inCopy = dump.manifest.tables.filter((x) => !WRITTEN_BY_RESTORE.has(x.name)).map((x) => ({ table: x.name, rows: x.rows, hash: x.hash }));
    dump.close();
    expect(atBackup).toEqual(inCopy);

    const admin = await login('admin');
    expect((await t.call('backup.status', {}, admin)).undo).toMatchObject({ backupCreatedAt: made.backup.createdAt, by: 'admin' });
    t.clock.advance(60_000);
    await t.call('backup.undoRestore', {}, admin);
    expect(await topic()).toBe('Сложение дробей');
  }, 120_000);

  it('a flipped byte in the rows is found by verify, and the copy is not restored', async () => {
    const made = await t.call('backup.create', { portable: true }, school.tokens.admin);
    // A standalone copy (no sidecar with the file's checksum): the content check alone must find it.
    const loose = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kz-flip-')), 'copy.kzdump');
    fs.copyFileSync(made.backup.file, loose);
    expect(await verifyDump(loose)).toMatchObject({ ok: true });
    const { table, offset } = await middleOfLargestTable(loose);
    flipByte(loose, offset);
    const check = await verifyDump(loose);
    expect(check.ok).toBe(false);
    expect(check.problems.join('; ')).toContain(table.replace(/^tables\/\d+-|\.jsonl$/g, ''));

    flipByte(made.backup.file, offset);
    const verified = await t.call('backup.verify', { id: made.backup.id }, school.tokens.admin);
    expect(verified.ok).toBe(false);
    expect(verified.problems[0]).toMatch(/контрольная сумма SHA-256 не совпадает/);
    const refused = await t.fail('backup.restore', { id: made.backup.id }, school.tokens.admin);
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/^Копия не прошла проверку и не восстановлена/);
    fs.rmSync(path.dirname(loose), { recursive: true, force: true });
  }, 120_000);

  it('reads a table of big rows (attachments are megabytes a row) a few rows at a time', async () => {
    const em = t.runtime.database().manager;
    const big = 'б'.repeat(1_500_000);
    for (let i = 0; i < 12; i++) {
      await t.runtime.database().query(
        `INSERT INTO audit_events (id, at, "userId", method, action, entity, "entityId", field, "oldValue", "newValue", reason) VALUES (${params(11, t)})`,
        [`big-${String(i).padStart(3, '0')}`, '2026-11-23T07:00:00.000Z', null, 'test.big', 'event', 'Big', String(i), null, null, big, null],
      );
    }
    const audit = (await tablesOf(em)).find((x) => x.name === 'audit_events')!;
    const pages: number[] = [];
    let rows = 0;
    for await (const page of readRows(em, audit)) {
      pages.push(approximateBytes(page));
      rows += page.length;
    }
    expect(rows).toBeGreaterThanOrEqual(12);
    // 36 MB of text (3 MB a row in UTF-8), in pages of at most 16 MB, not in one.
    expect(Math.max(...pages)).toBeLessThanOrEqual(2 * 8_000_000);
    expect(pages.length).toBeGreaterThan(2);
    const made = await t.call('backup.create', { portable: true }, school.tokens.admin);
    expect(made.backup.integrityOk).toBe(true);
  }, 180_000);

  it('a flipped byte in the manifest of the tables is found by verify', async () => {
    const made = await t.call('backup.create', { portable: true }, school.tokens.admin);
    const entries = await zipEntries(made.backup.file);
    const manifest = entries.find((e) => e.fileName.endsWith('/kz-dump.json'))!;
    flipByte(made.backup.file, manifest.dataStart + Math.floor(manifest.compressedSize / 2));
    const check = await verifyDump(made.backup.file);
    expect(check.ok).toBe(false);
    expect(check.problems.join('; ')).toMatch(/kz-dump\.json/);
  }, 120_000);
});

/** Placeholders of a raw statement for the database the suite runs on. */
function params(n: number, t: TestRuntime): string {
  const pg = t.runtime.dbConfig.kind === 'postgres';
  return Array.from({ length: n }, (_, i) => (pg ? `$${i + 1}` : '?')).join(', ');
}

interface ZipEntryAt {
  fileName: string;
  compressedSize: number;
  uncompressedSize: number;
  /** Where the entry's compressed data begins in the file. */
  dataStart: number;
}

/** The entries of a zip with where their data lie (after each local header). */
async function zipEntries(file: string): Promise<ZipEntryAt[]> {
  const raw = fs.readFileSync(file);
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.open(file, { lazyEntries: true }, (e, z) => (e || !z ? reject(e) : resolve(z))));
  const out: ZipEntryAt[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (e: yauzl.Entry) => {
      const at = e.relativeOffsetOfLocalHeader;
      out.push({
        fileName: e.fileName,
        compressedSize: e.compressedSize,
        uncompressedSize: e.uncompressedSize,
        dataStart: at + 30 + raw.readUInt16LE(at + 26) + raw.readUInt16LE(at + 28),
      });
      zip.readEntry();
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  zip.close();
  return out;
}

async function middleOfLargestTable(file: string): Promise<{ table: string; offset: number }> {
  const tables = (await zipEntries(file)).filter((e) => e.fileName.includes('/tables/'));
  const largest = tables.sort((a, b) => b.compressedSize - a.compressedSize)[0];
  return { table: largest.fileName.slice(largest.fileName.indexOf('tables/')), offset: largest.dataStart + Math.floor(largest.compressedSize / 2) };
}
