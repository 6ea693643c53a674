import path from 'node:path';
import type { CliCommand } from './command';
import { databaseOptions } from './command';
import { databaseFrom, describe } from './database';
import { restoreDatabase, undoRestore } from '../core/backup/restore';
import { systemClock } from '../core/shared/clock';
import { localStamp, timeZoneOf } from './backup-common';

/**
 * Restores a backup over the database (verified first; the current database
 * saved as a backup, so that `restore --undo` brings it back). Run it while
 * the program is closed.
 */
export const restoreCommand: CliCommand = {
  summary: 'Восстановить базу данных из резервной копии (с возможностью отмены: restore --undo)',
  usage: 'restore <файл копии> | --undo  [--data-dir <папка>] [--db <файл.sqlite> | --url <postgres://…>] [--password <пароль>]',
  options: { ...databaseOptions, password: { type: 'string' }, undo: { type: 'boolean' } },
  async run(values, positionals) {
    const { config, dataDir } = databaseFrom(values);
    const common = { dataDir, db: config, clock: systemClock, timeZone: timeZoneOf(config), liveInUse: false, by: 'командная строка' };
    if (values.undo) {
      const outcome = await undoRestore(common);
      console.log(`Восстановление отменено: база данных ${describe(config)} возвращена в состояние перед восстановлением.`);
      if (outcome.preRestore) console.log(`Состояние до отмены сохранено: ${outcome.preRestore.file}`);
      return 0;
    }
    if (!positionals[0]) {
      console.error('Укажите файл резервной копии: restore <файл> (список копий: list-backups).');
      return 2;
    }
    const file = path.resolve(positionals[0]);
    const outcome = await restoreDatabase({ ...common, backupFile: file, password: typeof values.password === 'string' ? values.password : null });
    console.log(`База данных ${describe(config)} восстановлена из копии${outcome.backupCreatedAt ? ` от ${localStamp(outcome.backupCreatedAt)}` : ''}.`);
    if (outcome.preRestore) console.log(`Прежнее состояние сохранено: ${outcome.preRestore.file} (отменить: restore --undo).`);
    if (outcome.corruptCopy) console.log(`Повреждённая база данных не удалена, она сохранена как ${outcome.corruptCopy}.`);
    return 0;
  },
};
