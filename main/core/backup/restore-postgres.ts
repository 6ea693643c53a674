import fs from 'node:fs';
import path from 'node:path';
import type { DbConfig } from '../db/data-source';
import { mainBackupDir } from './config';
import { readSidecar, type BackupEntry, type Sidecar } from './catalog';
import { decryptFile, ENCRYPTED_SUFFIX, isEncryptedFile } from './encryption';
import { partName } from './files';
import { preRestoreCopy, preRestoreFailed } from './pre-restore';
import { DUMP_EXTENSION, DumpFile } from './portable/dump-file';
import { dumpSource, loadPostgres } from './portable/load';
import { recordRestore } from './restore-state';
import type { RestoreOptions, RestoreOutcome } from './restore';

/** A portable copy, by its sidecar or, without one, by its name. */
export function isPortableBackup(file: string): boolean {
  const sidecar = readSidecar(file);
  if (sidecar) return sidecar.engine === 'portable';
  return file.endsWith(DUMP_EXTENSION) || file.endsWith(`${DUMP_EXTENSION}${ENCRYPTED_SUFFIX}`);
}

/**
 * Restores a portable copy over a school on PostgreSQL, as a school on
 * SQLite restores: the copy verified first (by the caller), the current
 * database saved as a verified portable copy (the undo), then the school's
 * tables replaced in ONE transaction — dropped, made again to the copy's
 * schema version, loaded, compared table by table — so that a failure or a
 * killed program leaves the school as it was. A copy of an older version is
 * brought up to date by the migrations when the program reopens the database.
 */
export async function restorePortableToPostgres(
  opts: RestoreOptions & { db: Extract<DbConfig, { kind: 'postgres' }> },
  sidecar: Sidecar | null,
): Promise<RestoreOutcome> {
  const work = mainBackupDir(opts.dataDir);
  fs.mkdirSync(work, { recursive: true });
  let plain = opts.backupFile;
  let decrypted: string | null = null;
  if (isEncryptedFile(opts.backupFile)) {
    decrypted = partName(path.join(work, `restore${DUMP_EXTENSION}`));
    await decryptFile(opts.backupFile, decrypted, opts.password ?? '');
    plain = decrypted;
  }
  try {
    let preRestore: BackupEntry;
    try {
      preRestore = await preRestoreCopy(opts);
    } catch (e) {
      throw preRestoreFailed(e);
    }
    const dump = await DumpFile.open(plain);
    try {
      await loadPostgres(dumpSource(dump), opts.db, { replace: true, where: 'в восстановленной базе данных' });
    } finally {
      dump.close();
    }
    recordRestore(opts.dataDir, {
      at: opts.clock.now().toISOString(),
      by: opts.by ?? null,
      restoredFrom: opts.backupFile,
      backupCreatedAt: sidecar?.createdAt ?? null,
      preRestoreFile: preRestore.file,
      corruptCopy: null,
    });
    return { restoredFrom: opts.backupFile, backupCreatedAt: sidecar?.createdAt ?? null, preRestore, corruptCopy: null };
  } finally {
    if (decrypted) fs.rmSync(decrypted, { force: true });
  }
}
