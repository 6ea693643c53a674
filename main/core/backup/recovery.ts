import fs from 'node:fs';
import type { DbConfig } from '../db/data-source';
import type { Clock } from '../shared/clock';
import { mainBackupDir } from './config';
import { scanBackups, type BackupEntry } from './catalog';
import { restoreDatabase, type RestoreOutcome } from './restore';
import { quickCheck } from './sqlite';
import { AppError } from '../shared/errors';

export interface RecoveryOffer {
  /** The database file opens and passes a quick check. */
  healthy: boolean;
  /** Why not, as SQLite says it (for the log; the screen says it in Russian). */
  reason: string | null;
  /** The newest backup that passed its check, to offer. */
  latest: BackupEntry | null;
  /** Russian, fit to show. */
  message: string;
}

/**
 * For a host whose runtime failed to open the database (or found it damaged):
 * what to tell the user and which backup to offer. Nothing is changed here.
 */
export function recoveryOffer(dataDir: string, db: DbConfig): RecoveryOffer {
  if (db.kind !== 'sqlite') {
    return { healthy: true, reason: null, latest: null, message: 'База данных на сервере PostgreSQL восстанавливается средствами сервера.' };
  }
  const check = fs.existsSync(db.file) ? quickCheck(db.file) : { ok: false, reason: 'файл не найден' };
  const latest = latestVerifiedBackup(dataDir);
  const when = latest ? new Date(latest.createdAt).toLocaleString('ru-RU', { dateStyle: 'long', timeStyle: 'short' }) : '';
  const message = check.ok
    ? 'База данных открывается и проверку проходит.'
    : latest
      ? `База данных не открывается или повреждена. Есть проверенная резервная копия от ${when}: восстановите её. Повреждённый файл не будет удалён, он сохранится рядом.`
      : 'База данных не открывается или повреждена, а проверенных резервных копий в папке программы нет. Обратитесь к администратору: повреждённый файл не удалён.';
  return { healthy: check.ok, reason: check.reason, latest, message };
}

/** The newest backup of the main folder that passed its check, if any. */
export function latestVerifiedBackup(dataDir: string): BackupEntry | null {
  return scanBackups(mainBackupDir(dataDir)).find((e) => e.integrityOk && (e.engine === 'sqlite' || e.engine === 'portable')) ?? null;
}

/**
 * Restores the newest verified backup over a damaged database, which is moved
 * aside, never deleted. `damaged`: the caller found it damaged already (so it
 * is moved aside even if SQLite's own quick check would pass it).
 */
export async function recoverFromLatest(dataDir: string, db: DbConfig, clock: Clock, opts: { damaged?: boolean } = {}): Promise<RestoreOutcome> {
  const latest = db.kind === 'sqlite' ? latestVerifiedBackup(dataDir) : null;
  if (!latest) {
    throw new AppError(
      'NOT_FOUND',
      'Проверенных резервных копий в папке программы нет, поэтому восстановить базу данных нельзя. Обратитесь к администратору: повреждённый файл не удалён.',
    );
  }
  return restoreDatabase({ dataDir, db, backupFile: latest.file, clock, liveInUse: false, by: 'восстановление после сбоя', damaged: opts.damaged });
}
