import path from 'node:path';
import type { CliCommand } from './command';
import { loadBackupConfig, mainBackupDir } from '../core/backup/config';
import { scanBackups } from '../core/backup/catalog';
import { verifyBackupFile } from '../core/backup/verify';
import { defaultDataDir } from '../core/host/paths';

/** Checks one backup file, or every backup of the data folder (and the second medium). Exit code 1 if any fails. */
export const verifyCommand: CliCommand = {
  summary: 'Проверить резервную копию (или все копии): контрольная сумма и целостность',
  usage: 'verify [<файл копии>] [--data-dir <папка>] [--password <пароль зашифрованной копии>]',
  options: { 'data-dir': { type: 'string' }, password: { type: 'string' } },
  async run(values, positionals) {
    const password = typeof values.password === 'string' ? values.password : null;
    let files: string[];
    if (positionals[0]) {
      files = [path.resolve(positionals[0])];
    } else {
      const dataDir = typeof values['data-dir'] === 'string' ? path.resolve(values['data-dir']) : defaultDataDir();
      const second = loadBackupConfig(dataDir).secondDir;
      files = [...scanBackups(mainBackupDir(dataDir)), ...(second ? scanBackups(second, 'second') : [])].map((e) => e.file);
      if (files.length === 0) {
        console.error(`Резервных копий не найдено в ${mainBackupDir(dataDir)}`);
        return 1;
      }
    }
    let bad = 0;
    for (const file of files) {
      const r = await verifyBackupFile(file, { password });
      if (!r.ok) bad++;
      const verdict = !r.ok ? 'ОШИБКА' : r.complete ? 'в порядке' : 'контрольная сумма в порядке (зашифрована: для полной проверки укажите --password)';
      console.log(`${verdict}: ${file}`);
      for (const p of r.problems) console.log(`    ${p}`);
    }
    console.log(bad === 0 ? `Проверено копий: ${files.length}, все в порядке.` : `Проверено копий: ${files.length}, с ошибками: ${bad}.`);
    return bad === 0 ? 0 : 1;
  },
};
