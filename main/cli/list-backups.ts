import path from 'node:path';
import type { CliCommand } from './command';
import { loadBackupConfig, mainBackupDir } from '../core/backup/config';
import { scanBackups } from '../core/backup/catalog';
import { defaultDataDir } from '../core/host/paths';
import { KIND_NAMES, localStamp, megabytes } from './backup-common';

export const listBackupsCommand: CliCommand = {
  summary: 'Список резервных копий (основная папка и второй носитель)',
  usage: 'list-backups [--data-dir <папка>]',
  options: { 'data-dir': { type: 'string' } },
  async run(values) {
    const dataDir = typeof values['data-dir'] === 'string' ? path.resolve(values['data-dir']) : defaultDataDir();
    const second = loadBackupConfig(dataDir).secondDir;
    const groups: [string, ReturnType<typeof scanBackups>][] = [[mainBackupDir(dataDir), scanBackups(mainBackupDir(dataDir))]];
    if (second) groups.push([second, scanBackups(second, 'second')]);
    for (const [dir, entries] of groups) {
      console.log(`${dir}: ${entries.length === 0 ? 'копий нет' : `копий: ${entries.length}`}`);
      for (const e of entries) {
        const state = !e.integrityOk ? 'ОШИБКА' : e.verifiedAt ? 'проверена' : 'не проверена';
        console.log(
          `  ${localStamp(e.createdAt).padEnd(18)} ${(KIND_NAMES[e.kind] ?? e.kind).padEnd(22)} ${megabytes(e.sizeBytes).padStart(9)}  ${state}${e.encrypted ? ', зашифрована' : ''}  ${e.name}`,
        );
      }
    }
    return 0;
  },
};
