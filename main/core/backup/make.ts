import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DbConfig } from '../db/data-source';
import type { BackupKind } from '../db/entities/operations';
import type { Clock } from '../shared/clock';
import { AppError } from '../shared/errors';
import { failureReason } from '../db/errors';
import { newId } from '../shared/ids';
import { loadBackupConfig, mainBackupDir, type BackupConfig } from './config';
import { backupFileName, scanBackups, updateBackupState, writeSidecar, type BackupEntry, type Sidecar } from './catalog';
import { fsyncDir, fsyncFile, partName, removeStaleParts, sha256File } from './files';
import { checkIntegrity, onlineBackup } from './sqlite';
import { openDatabase } from '../db/data-source';
import type { JobProgress } from '../shared/background-job';
import { DUMP_EXTENSION } from './portable/dump-file';
import { writeDump } from './portable/dump-write';
import { decryptFile, encryptFile, ENCRYPTED_SUFFIX } from './encryption';
import { selectRetained, type RetentionRule, type RetentionScope } from './retention';
import { undoableRestore } from './restore-state';

export interface MakeBackupOptions {
  db: DbConfig;
  dataDir: string;
  kind: BackupKind;
  clock: Clock;
  /** The school's zone: retention counts its days. */
  timeZone?: string;
  config?: BackupConfig;
  retention?: RetentionRule;
  /** Files the retention rule must not remove this time (the backup a restore is about to use). */
  protect?: string[];
  /**
   * The portable copy (portable/) instead of SQLite's file copy: it restores
   * into either database. A school on PostgreSQL always gets this one.
   */
  portable?: boolean;
  onProgress?: (p: JobProgress) => void;
}

export interface BackupOutcome {
  entry: BackupEntry;
  /** The second copy: its path, or why it failed (null, null: no second medium configured). */
  copy: { path: string | null; error: string | null };
  /** Copies removed by the retention rule, both media. */
  removed: RemovedCopy[];
}

/**
 * Makes one verified backup: an online copy, opened and checked
 * (`PRAGMA integrity_check`), or the portable copy read back whole (a school
 * on PostgreSQL, or when asked), its SHA-256 recorded in the sidecar; then the
 * copy on the second medium (a missing medium is reported, not fatal) and the
 * retention rule. A copy that fails its check is removed and reported: the
 * folder holds only backups known to be good.
 */
export async function makeBackup(opts: MakeBackupOptions): Promise<BackupOutcome> {
  const config = opts.config ?? loadBackupConfig(opts.dataDir);
  const dir = mainBackupDir(opts.dataDir);
  const startedAt = opts.clock.now();
  fs.mkdirSync(dir, { recursive: true });
  removeStaleParts(dir);
  let entry: BackupEntry;
  try {
    entry = opts.db.kind === 'sqlite' && !opts.portable ? await sqliteBackup(opts.db.file, dir, opts, startedAt) : await portableBackup(opts.db, dir, opts, startedAt);
  } catch (e) {
    const message = e instanceof AppError ? e.message : `Резервная копия не создана: ${failureReason(e)}.`;
    updateBackupState(dir, { lastAttemptAt: startedAt.toISOString(), lastError: message });
    throw e instanceof AppError ? e : new AppError('INTERNAL', message);
  }
  updateBackupState(dir, { lastAttemptAt: startedAt.toISOString(), lastError: null });
  const copy = { path: null as string | null, error: null as string | null };
  if (config.secondDir) {
    try {
      copy.path = (await copyToSecond(entry, config, opts.clock)).file;
    } catch (e) {
      copy.error = e instanceof AppError ? e.message : `Копия на второй носитель не создана: ${failureReason(e)}.`;
    }
    const copyAt = opts.clock.now().toISOString();
    entry = { ...entry, copyPath: copy.path, copyError: copy.error, copyAt };
    writeSidecar(entry.file, toSidecar(entry));
    updateBackupState(dir, { lastCopyAt: copyAt, lastCopyError: copy.error });
  }
  // The undo copy of the last restore stays while the restore can be undone.
  const protect = [...(opts.protect ?? []), undoableRestore(opts.dataDir)?.preRestoreFile ?? ''];
  const scope = { timeZone: opts.timeZone ?? 'Europe/Moscow', now: opts.clock.now(), rule: opts.retention };
  const removed = applyRetention(dir, scope, protect);
  if (config.secondDir && copy.path) removed.push(...applyRetention(config.secondDir, scope));
  return { entry, copy, removed };
}

async function sqliteBackup(source: string, dir: string, opts: MakeBackupOptions, createdAt: Date): Promise<BackupEntry> {
  if (!fs.existsSync(source)) throw new AppError('NOT_FOUND', `Файл базы данных не найден: ${source}`);
  const name = backupFileName(dir, createdAt, opts.kind, '.sqlite');
  const target = path.join(dir, name);
  const part = partName(target);
  try {
    await onlineBackup(source, part);
    const check = checkIntegrity(part);
    if (!check.ok) {
      throw new AppError(
        'INTERNAL',
        `Резервная копия не прошла проверку целостности (${check.problems.slice(0, 3).join('; ')}). Возможно, повреждена сама база данных: восстановите её из последней проверенной копии.`,
        { integrity: check.problems },
      );
    }
    return await publish(part, target, { engine: 'sqlite', kind: opts.kind, createdAt, verifiedAt: opts.clock.now(), schemaVersion: check.schemaVersion });
  } finally {
    for (const leftover of [part, `${part}-journal`]) fs.rmSync(leftover, { force: true });
  }
}

/**
 * The portable copy, read from its own connection in one transaction (one
 * moment of the school; the program's calls wait on the core's queue
 * meanwhile), written, read back and checked whole before it counts.
 */
async function portableBackup(db: DbConfig, dir: string, opts: MakeBackupOptions, createdAt: Date): Promise<BackupEntry> {
  if (db.kind === 'sqlite' && !fs.existsSync(db.file)) throw new AppError('NOT_FOUND', `Файл базы данных не найден: ${db.file}`);
  const name = backupFileName(dir, createdAt, opts.kind, DUMP_EXTENSION);
  const target = path.join(dir, name);
  const part = partName(target);
  const source = await openDatabase(db, { migrate: false });
  try {
    const manifest = await writeDump(source, part, { createdAt, onProgress: opts.onProgress });
    return await publish(part, target, {
      engine: 'portable',
      kind: opts.kind,
      createdAt,
      verifiedAt: opts.clock.now(),
      schemaVersion: manifest.migrations.at(-1) ?? null,
    });
  } finally {
    await source.destroy();
    fs.rmSync(part, { force: true });
  }
}

/**
 * Puts a verified part file in place under its final name (synced, then
 * renamed, then the folder synced) and writes its sidecar: the checksum and
 * what the check found, which every later verification compares against.
 */
async function publish(
  part: string,
  target: string,
  about: { engine: Sidecar['engine']; kind: Sidecar['kind']; createdAt: Date; verifiedAt: Date; schemaVersion: string | null },
): Promise<BackupEntry> {
  fsyncFile(part);
  const sha256 = await sha256File(part);
  const sizeBytes = fs.statSync(part).size;
  fs.renameSync(part, target);
  fsyncDir(path.dirname(target));
  const sidecar: Sidecar = {
    format: 1,
    id: newId(),
    kind: about.kind,
    engine: about.engine,
    createdAt: about.createdAt.toISOString(),
    sizeBytes,
    sha256,
    plainSha256: sha256,
    encrypted: false,
    verifiedAt: about.verifiedAt.toISOString(),
    integrityOk: true,
    problems: [],
    schemaVersion: about.schemaVersion,
    copyPath: null,
    copyError: null,
    copyAt: null,
  };
  writeSidecar(target, sidecar);
  return { ...sidecar, file: target, name: path.basename(target), location: 'main' };
}

/**
 * Copies a verified backup to the second medium, encrypted when asked. The
 * copy is read back and its checksum compared before it gets its sidecar.
 */
async function copyToSecond(
  entry: BackupEntry,
  config: BackupConfig & { passwordUnreadable?: boolean },
  clock: Clock,
): Promise<BackupEntry> {
  const dir = config.secondDir;
  if (!dir) throw new AppError('VALIDATION', 'Второй носитель для копий не задан.');
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new AppError('NOT_FOUND', `Второй носитель недоступен: папка «${dir}» не найдена (носитель не подключён?). Основная копия сохранена.`);
  }
  if (config.encryptSecond && config.passwordUnreadable) {
    throw new AppError(
      'VALIDATION',
      'Пароль шифрования копий хранится в защищённом хранилище настольной программы и здесь недоступен ' +
        '(другой пользователь Windows, другой компьютер или запуск без настольной программы). Основная копия сохранена; ' +
        'чтобы копии на втором носителе снова создавались, задайте пароль заново в настройках резервного копирования.',
    );
  }
  if (config.encryptSecond && !config.password) {
    throw new AppError('VALIDATION', 'Для шифрования копий на втором носителе не задан пароль. Основная копия сохранена.');
  }
  removeStaleParts(dir);
  const encrypt = config.encryptSecond && !!config.password;
  const name = encrypt ? `${entry.name}${ENCRYPTED_SUFFIX}` : entry.name;
  const target = path.join(dir, name);
  const part = partName(target);
  try {
    if (encrypt) {
      await encryptFile(entry.file, part, config.password!);
      fsyncFile(part);
      // Read the copy back: it must decrypt to exactly the verified database.
      const probe = path.join(os.tmpdir(), `kz-probe-${process.pid}-${Date.now()}`);
      try {
        await decryptFile(part, probe, config.password!);
        if ((await sha256File(probe)) !== entry.plainSha256) throw new Error('расшифрованная копия отличается от исходной');
      } finally {
        fs.rmSync(probe, { force: true });
      }
    } else {
      await fs.promises.copyFile(entry.file, part);
      fsyncFile(part);
      if ((await sha256File(part)) !== entry.sha256) throw new Error('контрольная сумма копии не совпадает с исходной');
    }
    const sha256 = await sha256File(part);
    const sizeBytes = fs.statSync(part).size;
    fs.renameSync(part, target);
    fsyncDir(dir);
    const sidecar: Sidecar = {
      ...toSidecar(entry),
      sha256,
      sizeBytes,
      encrypted: encrypt,
      verifiedAt: clock.now().toISOString(),
      copyPath: null,
      copyError: null,
      copyAt: null,
    };
    writeSidecar(target, sidecar);
    return { ...sidecar, file: target, name, location: 'second' };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('INTERNAL', `Копия на второй носитель не создана: ${failureReason(e)}. Основная копия сохранена.`);
  } finally {
    fs.rmSync(part, { force: true });
  }
}

/** A copy the retention rule removed: which one, so that the screen can say so. */
export interface RemovedCopy {
  file: string;
  name: string;
  createdAt: string;
  kind: BackupKind;
  location: BackupEntry['location'];
}

/** Removes, from one folder, the verified backups the rule no longer keeps: the file first, then its sidecar. */
function applyRetention(dir: string, scope: RetentionScope, protect: readonly string[] = []): RemovedCopy[] {
  const entries = scanBackups(dir);
  const keep = selectRetained(
    entries.map((e) => ({ id: e.id, createdAt: e.createdAt, kind: e.kind, verified: e.integrityOk })),
    scope,
  );
  const removed: RemovedCopy[] = [];
  for (const e of entries) {
    if (keep.has(e.id) || protect.includes(e.file)) continue;
    try {
      fs.rmSync(e.file, { force: true });
      fs.rmSync(`${e.file}.json`, { force: true });
      removed.push({ file: e.file, name: e.name, createdAt: e.createdAt, kind: e.kind, location: e.location });
    } catch {
      // A read-only medium: the copy stays, which is never harmful.
    }
  }
  return removed;
}

function toSidecar(entry: BackupEntry): Sidecar {
  const { file: _file, name: _name, location: _location, ...sidecar } = entry;
  return sidecar;
}
