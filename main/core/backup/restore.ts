import fs from 'node:fs';
import path from 'node:path';
import type { DbConfig } from '../db/data-source';
import { ALL_MIGRATIONS } from '../db/migrations';
import type { Clock } from '../shared/clock';
import { AppError } from '../shared/errors';
import { recordRestore, restoreStateFile, undoableRestore, type RestoreState } from './restore-state';
import { readSidecar, type BackupEntry } from './catalog';
import { decryptFile, ENCRYPTED_SUFFIX, isEncryptedFile } from './encryption';
import { DUMP_EXTENSION, DumpFile } from './portable/dump-file';
import { buildSqlite, dumpSource } from './portable/load';
import { isPortableBackup, restorePortableToPostgres } from './restore-postgres';
import { copyFileDurable, fsyncDir, partName, writeFileAtomic } from './files';
import { preRestoreCopy, preRestoreFailed } from './pre-restore';
import { pgRestoreRefusal } from './postgres';
import { checkIntegrity, quickCheck, restoreOnline } from './sqlite';
import { verifyBackupFile } from './verify';
import { integrityStateFile } from '../db/integrity-watch';

export interface RestoreOptions {
  dataDir: string;
  db: DbConfig;
  backupFile: string;
  password?: string | null;
  clock: Clock;
  timeZone?: string;
  /** The program has the database open right now (it is idle: calls are serialised). */
  liveInUse: boolean;
  /** Who restored, for the record (a login, «командная строка»). */
  by?: string | null;
  /** The live database is known to be damaged (found so on opening): it is moved aside without another check. */
  damaged?: boolean;
}

export interface RestoreOutcome {
  restoredFrom: string;
  backupCreatedAt: string | null;
  /** The database as it was just before, saved as a verified backup: the restore's undo. */
  preRestore: BackupEntry | null;
  /** A damaged database is never deleted: it is kept here. */
  corruptCopy: string | null;
}

/**
 * Restores a backup over the database: the backup is verified first, the
 * current database saved as a verified `pre_restore` backup (so the restore
 * can be undone), then the content replaced in one SQLite transaction (a
 * process killed half way leaves the old content whole). A database that is
 * damaged is not overwritten in place: it is moved (or, while open, copied)
 * aside and kept. A portable copy restores into SQLite (built into a file
 * first) and into PostgreSQL (restore-postgres.ts).
 */
export async function restoreDatabase(opts: RestoreOptions): Promise<RestoreOutcome> {
  const portable = isPortableBackup(opts.backupFile);
  if (opts.db.kind !== 'sqlite' && !portable) {
    if (opts.backupFile.endsWith('.pgdump') || opts.backupFile.endsWith(`.pgdump${ENCRYPTED_SUFFIX}`)) throw pgRestoreRefusal(opts.backupFile);
    throw new AppError(
      'CONFLICT',
      'Эта копия — файл базы данных SQLite: её можно восстановить только в базу данных на компьютере. На сервер PostgreSQL восстанавливается переносимая копия (файл .kzdump).',
    );
  }
  const check = await verifyBackupFile(opts.backupFile, { password: opts.password, clock: opts.clock });
  if (!check.complete) {
    throw new AppError('VALIDATION', 'Эта копия зашифрована. Введите пароль, с которым она создана.', {
      fields: { password: 'Введите пароль копии' },
    });
  }
  if (!check.ok && check.problems.some((x) => x.startsWith('Не удалось расшифровать'))) {
    throw new AppError('VALIDATION', 'Не удалось расшифровать копию: пароль неверен или файл повреждён.', {
      fields: { password: 'Неверный пароль или файл повреждён' },
    });
  }
  if (!check.ok) {
    throw new AppError('CONFLICT', `Копия не прошла проверку и не восстановлена: ${check.problems.join('; ')}. Выберите другую копию.`);
  }
  const known = new Set(ALL_MIGRATIONS.map((m) => m.name));
  if (check.schemaVersion && !known.has(check.schemaVersion)) {
    throw new AppError('DB_NEWER', 'Копия сделана более новой версией программы «Классный журнал». Обновите программу, затем восстановите копию.');
  }
  const sidecar = readSidecar(opts.backupFile);
  if (opts.db.kind === 'postgres') return restorePortableToPostgres({ ...opts, db: opts.db }, sidecar);
  const live = opts.db.file;
  const dir = path.dirname(live);
  fs.mkdirSync(dir, { recursive: true });
  let plain = opts.backupFile;
  const temps: string[] = [];
  if (isEncryptedFile(opts.backupFile)) {
    const decrypted = partName(path.join(dir, portable ? `restore${DUMP_EXTENSION}` : 'restore.sqlite'));
    temps.push(decrypted);
    await decryptFile(opts.backupFile, decrypted, opts.password ?? '');
    plain = decrypted;
  }
  try {
    if (portable) {
      // The portable copy becomes an SQLite file first (built, checked table by table), restored as any file copy is.
      const built = partName(path.join(dir, 'restore.sqlite'));
      temps.push(built, `${built}-journal`);
      const dump = await DumpFile.open(plain);
      try {
        await buildSqlite(dumpSource(dump), built);
      } finally {
        dump.close();
      }
      plain = built;
    }
    let preRestore: BackupEntry | null = null;
    let corruptCopy: string | null = null;
    const exists = fs.existsSync(live);
    let damaged = exists && (opts.damaged === true || !quickCheck(live).ok);
    if (exists && !damaged) {
      try {
        preRestore = await preRestoreCopy(opts);
      } catch (e) {
        const integrity = e instanceof AppError && e.details && 'integrity' in e.details;
        if (!integrity) {
          throw preRestoreFailed(e);
        }
        damaged = true;
      }
    }
    const stamp = opts.clock.now().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    if (damaged && !opts.liveInUse) {
      corruptCopy = moveAside(live, stamp);
      await copyFileDurable(plain, live);
    } else {
      if (damaged) corruptCopy = await copyAside(live, stamp);
      if (exists) await restoreOnline(plain, live);
      else await copyFileDurable(plain, live);
    }
    const after = checkIntegrity(live, { live: true });
    if (!after.ok) throw new AppError('INTERNAL', `После восстановления база данных не прошла проверку: ${after.problems.join('; ')}`);
    const outcome: RestoreOutcome = {
      restoredFrom: opts.backupFile,
      backupCreatedAt: sidecar?.createdAt ?? null,
      preRestore,
      corruptCopy,
    };
    // What the idle check found was about the database just replaced.
    fs.rmSync(integrityStateFile(opts.dataDir), { force: true });
    recordRestore(opts.dataDir, {
      at: opts.clock.now().toISOString(),
      by: opts.by ?? null,
      restoredFrom: opts.backupFile,
      backupCreatedAt: outcome.backupCreatedAt,
      preRestoreFile: preRestore?.file ?? null,
      corruptCopy,
    });
    return outcome;
  } finally {
    for (const temp of temps) fs.rmSync(temp, { force: true });
  }
}

/** Undoes the last restore: the database saved just before it is restored (itself saved first, as any restore does). */
export async function undoRestore(opts: Omit<RestoreOptions, 'backupFile' | 'password'>): Promise<RestoreOutcome> {
  const state = undoableRestore(opts.dataDir);
  if (!state) throw new AppError('NOT_FOUND', 'Отменять нечего: восстановления из копии не было или оно уже отменено.');
  const outcome = await restoreDatabase({ ...opts, backupFile: state.preRestoreFile! });
  writeFileAtomic(
    restoreStateFile(opts.dataDir),
    JSON.stringify({ ...state, undoneAt: opts.clock.now().toISOString() } satisfies RestoreState, null, 2),
  );
  return outcome;
}

/** Renames a damaged database and its journal files aside: `school.sqlite.damaged-20261123T070000Z`. */
function moveAside(live: string, stamp: string): string {
  const aside = `${live}.damaged-${stamp}`;
  for (const suffix of ['-wal', '-shm', '-journal']) {
    if (fs.existsSync(live + suffix)) fs.renameSync(live + suffix, aside + suffix);
  }
  fs.renameSync(live, aside);
  fsyncDir(path.dirname(live));
  return aside;
}

/** Copies a damaged database that is still open (its file and its WAL) aside, byte for byte. */
async function copyAside(live: string, stamp: string): Promise<string> {
  const aside = `${live}.damaged-${stamp}`;
  await copyFileDurable(live, aside);
  if (fs.existsSync(`${live}-wal`)) await copyFileDurable(`${live}-wal`, `${aside}-wal`);
  return aside;
}
