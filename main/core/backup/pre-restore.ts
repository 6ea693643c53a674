import { AppError } from '../shared/errors';
import type { BackupEntry } from './catalog';
import { makeBackup } from './make';
import type { RestoreOptions } from './restore';

/**
 * The copy of the school as it is, made before a restore replaces it: what
 * «Отменить восстановление» brings back. Only the main copy (no second
 * medium), and the chosen backup is protected from retention — it may be an
 * older undo copy itself.
 */
export async function preRestoreCopy(opts: RestoreOptions): Promise<BackupEntry> {
  const made = await makeBackup({
    db: opts.db,
    dataDir: opts.dataDir,
    kind: 'pre_restore',
    clock: opts.clock,
    timeZone: opts.timeZone,
    config: { dailyTime: null, onClose: false, secondDir: null, encryptSecond: false, password: null },
    protect: [opts.backupFile],
  });
  return made.entry;
}

/** Why a restore did not run when its undo copy could not be made. */
export function preRestoreFailed(e: unknown): AppError {
  return new AppError('CONFLICT', `Текущую базу данных не удалось сохранить перед восстановлением, поэтому восстановление не выполнено: ${(e as Error).message}`);
}
