import type { DbConfig } from '../db/data-source';
import { ALL_MIGRATIONS } from '../db/migrations';
import { systemClock, type Clock } from '../shared/clock';
import { AppError } from '../shared/errors';
import { makeBackup } from './make';

/**
 * The `beforeMigrate` hook for every host (RuntimeOptions.beforeMigrate, the
 * CLI's migrate): before the structure of an existing database changes, a
 * verified backup is taken; if it cannot be, the migration does not run and
 * the database stays as it was. A new, empty database has nothing to lose.
 */
export function preMigrationBackup(dataDir: string, opts: { clock?: Clock; timeZone?: string } = {}) {
  return async (config: DbConfig, pending: string[]): Promise<void> => {
    const fresh = pending.includes(ALL_MIGRATIONS[0].name);
    if (fresh) return;
    try {
      await makeBackup({
        db: config,
        dataDir,
        kind: 'pre_migration',
        clock: opts.clock ?? systemClock,
        timeZone: opts.timeZone,
        // No second medium here: the program is starting and the user waits.
        config: { dailyTime: null, onClose: false, secondDir: null, encryptSecond: false, password: null },
      });
    } catch (e) {
      throw new AppError(
        'CONFLICT',
        `Перед обновлением структуры базы данных не удалось сделать проверенную резервную копию, поэтому обновление не выполнено и база данных не изменена. Причина: ${(e as Error).message}`,
      );
    }
  };
}
