import path from 'node:path';
import type { CliCommand } from './command';
import { CoreRuntime } from '../core/host/runtime';
import { loadDbConfig } from '../core/host/app-config';
import { defaultDataDir } from '../core/host/paths';
import { acquireDataDirLock } from '../core/host/data-dir-lock';
import { preMigrationBackup } from '../core/backup/pre-migration';
import { moveDatabase } from '../core/move/move';
import { describeDb, targetOfText } from '../core/move/target';

/**
 * Moves the school of a data folder to another database: a PostgreSQL server
 * (`--to postgres://…`) or a new SQLite file (`--to ./school.sqlite`). The
 * same copy, check and switch as «Настройки → База данных» (core/move/).
 * Run it while the program is closed: the data folder is taken for the time.
 */
export const moveCommand: CliCommand = {
  summary: 'Перенести журнал в другую базу данных: на сервер PostgreSQL или в новый файл SQLite (с проверкой каждой таблицы)',
  usage: 'move --to <postgres://пользователь:пароль@сервер:5432/база | ./school.sqlite> [--schema <схема>] [--data-dir <папка>]',
  options: { to: { type: 'string' }, schema: { type: 'string' }, 'data-dir': { type: 'string' } },
  async run(values) {
    if (typeof values.to !== 'string' || !values.to) {
      console.error('Укажите, куда перенести журнал: move --to postgres://… или move --to ./school.sqlite');
      return 2;
    }
    const dataDir = typeof values['data-dir'] === 'string' ? path.resolve(values['data-dir']) : defaultDataDir();
    const target = targetOfText(values.to, typeof values.schema === 'string' ? values.schema : undefined);
    const lock = acquireDataDirLock(dataDir, 'cli');
    try {
      const runtime = await CoreRuntime.open({
        db: loadDbConfig(dataDir),
        dataDir,
        log: { info: () => undefined, error: (m, ...rest) => console.error(m, ...rest) },
        beforeMigrate: preMigrationBackup(dataDir),
      });
      try {
        console.log(`Перенос журнала: ${describeDb(runtime.dbConfig)} → ${describeDb(target)}`);
        let shown = '';
        const outcome = await runtime.serialize(() =>
          moveDatabase(runtime, target, {
            origin: { userId: null, method: 'cli.move' },
            by: 'командная строка',
            // A line per phase and per tenth of the way, not per table: the administrator sees it move.
            onProgress: (p) => {
              const percent = Math.floor((100 * p.done) / Math.max(p.total, 1));
              const step = `${p.label.split(':')[0]} ${Math.floor(percent / 10)}`;
              if (step === shown) return;
              shown = step;
              console.log(`  ${String(percent).padStart(3)}%  ${p.label}`);
            },
          }),
        );
        console.log(`Журнал перенесён и проверен: таблиц ${outcome.tables}, записей ${outcome.rows}, за ${outcome.seconds} с.`);
        console.log(`Теперь программа работает с базой данных: ${outcome.to}${outcome.server ? ` (${outcome.server})` : ''}.`);
        if (outcome.keptFile) console.log(`Прежний файл сохранён только для чтения: ${outcome.keptFile}`);
        if (outcome.serverLeft) console.log(`База данных на сервере не изменена: ${outcome.serverLeft}`);
        return 0;
      } finally {
        await runtime.close();
      }
    } finally {
      lock.release();
    }
  },
};
