import type { CliCommand } from './command';
import { databaseOptions } from './command';
import { databaseFrom, describe } from './database';
import { openDatabase } from '../core/db/data-source';

export const migrateCommand: CliCommand = {
  summary: 'Обновить структуру базы данных до версии программы',
  usage: 'migrate [--data-dir <папка>] [--db <файл.sqlite>] [--url <postgres://…>]',
  options: databaseOptions,
  async run(values) {
    const { config } = databaseFrom(values);
    let applied: string[] = [];
    const ds = await openDatabase(config, {
      beforeMigrate: async (pending) => {
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
