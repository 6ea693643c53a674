import type { CliCommand } from './command';
import { databaseOptions } from './command';
import { databaseFrom, describe } from './database';
import { makeBackup } from '../core/backup/make';
import { systemClock } from '../core/shared/clock';
import { megabytes, timeZoneOf } from './backup-common';

/**
 * A verified backup now: for the administrator and for a scheduled task
 * (Windows Task Scheduler, cron); `--portable` for the copy that restores
 * into either database. Exit code 0: done; 3: the main copy is
 * made but the second medium failed; 1: no backup.
 */
export const backupCommand: CliCommand = {
  summary: 'Создать проверенную резервную копию базы данных',
  usage: 'backup [--data-dir <папка>] [--db <файл.sqlite> | --url <postgres://…>] [--kind auto|manual] [--portable]',
  options: { ...databaseOptions, kind: { type: 'string' }, portable: { type: 'boolean' } },
  async run(values) {
    const { config, dataDir } = databaseFrom(values);
    const kind = values.kind === 'auto' ? 'auto' : 'manual';
    // A school on PostgreSQL always gets the portable copy; on SQLite when asked (it restores into either database).
    const outcome = await makeBackup({ db: config, dataDir, kind, clock: systemClock, timeZone: timeZoneOf(config), portable: values.portable === true });
    const e = outcome.entry;
    const what = e.engine === 'portable' ? 'Переносимая резервная копия' : 'Резервная копия';
    console.log(`${what} базы данных ${describe(config)} создана и проверена:`);
    console.log(`  ${e.file}`);
    console.log(`  размер ${megabytes(e.sizeBytes)}, SHA-256 ${e.sha256}`);
    if (outcome.copy.path) console.log(`Копия на втором носителе: ${outcome.copy.path}`);
    if (outcome.removed.length) {
      console.log(`Удалено по правилу хранения (${outcome.removed.length}):`);
      for (const r of outcome.removed) console.log(`  ${r.file}`);
    }
    if (outcome.copy.error) {
      console.error(`Внимание: ${outcome.copy.error}`);
      return 3;
    }
    return 0;
  },
};
