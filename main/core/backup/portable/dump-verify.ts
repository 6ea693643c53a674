import crypto from 'node:crypto';
import { AppError } from '../../shared/errors';
import { MANIFEST_NAME } from '../../archive/manifest';
import { DUMP_MANIFEST, DumpFile } from './dump-file';

export interface DumpCheck {
  ok: boolean;
  /** Russian, one per finding. */
  problems: string[];
  /** The last migration the copy's database had: the version of its structure. */
  schemaVersion: string | null;
}

/**
 * Checks a portable copy whole: every file against the checksum list (a file
 * missing, added or changed is named), and every table's rows — parsed,
 * counted and hashed — against the manifest. A flipped byte anywhere fails
 * it: in a table's compressed data, in its rows, in the manifest itself.
 */
export async function verifyDump(file: string): Promise<DumpCheck> {
  let dump: DumpFile;
  try {
    dump = await DumpFile.open(file);
  } catch (e) {
    return { ok: false, problems: [reason(e)], schemaVersion: null };
  }
  const problems: string[] = [];
  try {
    const tableFiles = new Set(dump.manifest.tables.map((t) => t.file));
    for (const t of dump.manifest.tables) {
      try {
        for await (const _page of dump.rows(t)) {
          // The rows are checked as they are read.
        }
      } catch (e) {
        problems.push(reason(e));
      }
    }
    const present = new Set(dump.paths());
    for (const listed of dump.sums.keys()) {
      if (!present.has(listed)) problems.push(`в копии нет файла ${listed}`);
    }
    for (const p of present) {
      if (p === MANIFEST_NAME || p === DUMP_MANIFEST || tableFiles.has(p)) continue;
      const expected = dump.sums.get(p);
      if (!expected) {
        problems.push(`файл ${p} не указан в списке контрольных сумм`);
        continue;
      }
      try {
        const hash = crypto.createHash('sha256');
        for await (const chunk of (await dump.stream(p)) as AsyncIterable<Buffer>) hash.update(chunk);
        if (hash.digest('hex') !== expected) problems.push(`файл ${p} изменён или повреждён`);
      } catch (e) {
        problems.push(`файл ${p} не распаковывается (${(e as Error).message})`);
      }
    }
    for (const t of dump.manifest.tables) {
      if (!present.has(t.file)) continue;
      if (!dump.sums.has(t.file)) problems.push(`файл ${t.file} не указан в списке контрольных сумм`);
    }
    return { ok: problems.length === 0, problems, schemaVersion: dump.manifest.migrations.at(-1) ?? null };
  } finally {
    dump.close();
  }
}

function reason(e: unknown): string {
  if (e instanceof AppError && typeof e.details?.damaged === 'string') return e.details.damaged;
  return (e as Error).message;
}
