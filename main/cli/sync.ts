import fs from 'node:fs';
import type { CliCommand } from './command';
import { databaseOptions } from './command';
import { databaseFrom } from './database';
import { CoreRuntime } from '../core/host/runtime';
import { acquireDataDirLock } from '../core/host/data-dir-lock';
import { preMigrationBackup } from '../core/backup/pre-migration';
import { SyncService } from '../core/sync/service/service';
import { AppError } from '../core/shared/errors';
import type { SyncStatusDto } from '../core/sync/service/status';

/**
 * `sync status | now | snapshot | verify | create | join`: the school's
 * shared folder from the command line (main/core/sync/README.md). The
 * commands that write take the data folder as the program does, so they are
 * refused while the program itself runs on it (it syncs by itself then).
 * The passphrase of `create` and `join` comes from KZ_SYNC_PASSPHRASE or
 * `--passphrase-file`, never from the command line (it would stay in the
 * shell's history).
 */
const SUBCOMMANDS = ['status', 'now', 'snapshot', 'verify', 'create', 'join'] as const;
type Sub = (typeof SUBCOMMANDS)[number];

function passphraseFrom(values: Record<string, string | boolean | undefined>): string {
  if (typeof values['passphrase-file'] === 'string') return fs.readFileSync(values['passphrase-file'], 'utf8').replace(/\r?\n$/, '');
  const env = process.env.KZ_SYNC_PASSPHRASE;
  if (env) return env;
  throw new AppError('VALIDATION', 'Укажите парольную фразу общей папки: переменная окружения KZ_SYNC_PASSPHRASE или --passphrase-file <файл>.');
}

function printStatus(s: SyncStatusDto): void {
  console.log(s.message);
  if (s.lastSyncAt) console.log(`  последняя синхронизация: ${s.lastSyncAt}`);
  console.log(`  ждут отправки: ${s.pending}; конфликтов: ${s.openConflicts}; файлов в карантине: ${s.quarantined}`);
  if (s.clockWarning) console.log(`  ${s.clockWarning}`);
  if (s.lastError && s.lastError !== s.message) console.log(`  ${s.lastError}`);
}

export const syncCommand: CliCommand = {
  summary: 'Синхронизация через общую папку школы: состояние, синхронизировать сейчас, общая база, проверка файлов',
  usage:
    'sync status|now|snapshot|verify [--data-dir <папка>]\n' +
    '                 sync create|join --folder <общая папка> --name <имя компьютера> [--passphrase-file <файл>]',
  options: { ...databaseOptions, folder: { type: 'string' }, name: { type: 'string' }, 'passphrase-file': { type: 'string' } },
  async run(values, positionals) {
    const sub = positionals[0] as Sub | undefined;
    if (!sub || !SUBCOMMANDS.includes(sub)) {
      console.error(`Укажите действие: ${SUBCOMMANDS.join(', ')}.`);
      return 2;
    }
    const { config, dataDir } = databaseFrom(values);
    const writes = sub !== 'status' && sub !== 'verify';
    const lock = writes ? acquireDataDirLock(dataDir, 'cli') : null;
    const runtime = await CoreRuntime.open({ db: config, dataDir, beforeMigrate: preMigrationBackup(dataDir), log: { info: () => {}, error: console.error } });
    const service = SyncService.for(runtime);
    try {
      switch (sub) {
        case 'status': {
          await service.refresh();
          printStatus(await service.status());
          return 0;
        }
        case 'now': {
          const report = await service.syncNow();
          printStatus(await service.status());
          console.log(`  отправлено пакетов: ${report.exported.length}; получено: ${report.applied.filter((a) => a.applied).length}`);
          return report.state === 'ok' ? 0 : 1;
        }
        case 'snapshot': {
          const r = await service.snapshot();
          console.log(`Общая база школы опубликована (поколение ${r.gen}); удалено ненужных пакетов изменений: ${r.pruned}.`);
          return 0;
        }
        case 'verify': {
          const report = await service.verify();
          console.log(report.message);
          for (const e of report.entries.filter((x) => x.state === 'failed' || x.state === 'newer-format')) console.log(`  ${e.sharePath}: ${e.message ?? e.state}`);
          return report.ok ? 0 : 1;
        }
        case 'create':
        case 'join': {
          if (typeof values.folder !== 'string' || typeof values.name !== 'string') {
            console.error('Укажите --folder <общая папка> и --name <имя этого компьютера>.');
            return 2;
          }
          const input = { root: values.folder, passphrase: passphraseFrom(values), computerName: values.name };
          if (sub === 'create') await service.create(input);
          else await service.join(input);
          printStatus(await service.status());
          return 0;
        }
      }
    } finally {
      await service.stop();
      await runtime.close();
      lock?.release();
    }
  },
};
