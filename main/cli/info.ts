import fs from 'node:fs';
import type { CliCommand } from './command';
import { databaseOptions } from './command';
import { databaseFrom, describe } from './database';
import { select } from '../core/db/readable';
import { openDatabase, pendingMigrations } from '../core/db/data-source';
import { getSetting } from '../core/settings/store';

/** Tables whose row counts say what a database holds. */
const COUNTED = ['users', 'staff', 'school_classes', 'students', 'lessons', 'marks', 'attendance', 'audit_events'];

export const infoCommand: CliCommand = {
  summary: 'Сведения о базе данных: школа, версия структуры, количество записей',
  usage: 'info [--data-dir <папка>] [--db <файл.sqlite>] [--url <postgres://…>]',
  options: databaseOptions,
  async run(values) {
    const { config } = databaseFrom(values);
    if (config.kind === 'sqlite' && !fs.existsSync(config.file)) {
      console.error(`Файл базы данных не найден: ${config.file}`);
      return 1;
    }
    const ds = await openDatabase(config, { migrate: false });
    try {
      const pending = await pendingMigrations(ds);
      const applied = ds.migrations.length - pending.length;
      console.log(`База данных: ${describe(config)}`);
      if (config.kind === 'sqlite') console.log(`Размер: ${(fs.statSync(config.file).size / 1024 / 1024).toFixed(1)} МБ`);
      console.log(`Версия структуры: ${applied} из ${ds.migrations.length}${pending.length ? ' (нужно обновление: migrate)' : ''}`);
      if (pending.length === 0) {
        console.log(`Школа: ${(await getSetting(ds.manager, 'school.name')) || '(не задана)'}`);
        for (const table of COUNTED) {
          const runner = ds.createQueryRunner();
          const exists = await runner.hasTable(table);
          await runner.release();
          if (!exists) continue;
          const [{ n }] = await select<{ n: number }>(ds.manager, `SELECT COUNT(*) AS n FROM ${table}`);
          console.log(`  ${table.padEnd(16)} ${n}`);
        }
      }
      return 0;
    } finally {
      await ds.destroy();
    }
  },
};
