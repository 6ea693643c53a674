import type { CliCommand } from './command';
import { databaseOptions } from './command';
import { databaseFrom, describe } from './database';
import { openDatabase } from '../core/db/data-source';
import { preMigrationBackup } from '../core/backup/pre-migration';
import { timeZoneOf } from './backup-common';

export const migrateCommand: CliCommand = {
  summary: 'Обновить структуру базы данных до версии программы',
  usage: 'migrate [--data-dir <папка>] [--db <файл.sqlite>] [--url <postgres://…>]',
  options: databaseOptions,
  async run(values) {
    const { config, dataDir } = databaseFrom(values);
    let applied: string[] = [];
    // A verified backup before the structure changes (none for a new, empty database).
    const backupFirst = preMigrationBackup(dataDir, { timeZone: timeZoneOf(config) });
    const ds = await openDatabase(config, {
      beforeMigrate: async (pending) => {
        await backupFirst(config, pending);
        applied = pending;
      },
    });
    await ds.destroy();
    console.log(
      applied.length === 0
        ? `База данных ${describe(config)} уже в актуальном состоянии.`
        : `База данных ${describe(config)} обновлена: ${applied.join(', ')}`,
    );
    return 0;
  },
};
