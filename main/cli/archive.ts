import path from 'node:path';
import type { CliCommand } from './command';
import { databaseOptions } from './command';
import { databaseFrom } from './database';
import { buildYearArchive } from '../core/archive/build';
import { defaultArchiveDir } from '../core/archive/methods';
import { AcademicYearEntity } from '../core/db/entities/calendar';
import { YearArchiveRecordEntity } from '../core/db/entities/operations';
import { CoreRuntime } from '../core/host/runtime';
import { preMigrationBackup } from '../core/backup/pre-migration';
import { systemClock } from '../core/shared/clock';

/** The archive of a closed year from the command line: `archive --year 2026/2027 [--out <папка>]`. */
export const archiveCommand: CliCommand = {
  summary: 'Составить архив закрытого учебного года (PDF, XLSX, CSV, снимок базы, контрольные суммы, zip)',
  usage: 'archive --year <2026/2027> [--out <папка>] [--data-dir <папка>] [--db <файл.sqlite> | --url <postgres://…>]',
  options: { ...databaseOptions, year: { type: 'string' }, out: { type: 'string' } },
  async run(values) {
    const { config, dataDir } = databaseFrom(values);
    if (typeof values.year !== 'string') {
      console.error('Укажите учебный год: archive --year 2026/2027');
      return 2;
    }
    // The same core as the app's, so the archive's record is written by the one write engine.
    const runtime = await CoreRuntime.open({ db: config, dataDir, beforeMigrate: preMigrationBackup(dataDir), log: { info: () => {}, error: console.error } });
    try {
      const year = await runtime.database().manager.findOne(AcademicYearEntity, { where: { name: values.year.replace('-', '/') } });
      if (!year) {
        console.error(`Учебный год «${values.year}» не найден.`);
        return 1;
      }
      const outDir = typeof values.out === 'string' ? path.resolve(values.out) : defaultArchiveDir(dataDir);
      let last = -1;
      const result = await buildYearArchive({
        db: config,
        yearId: year.id,
        outDir,
        actor: { userId: '', login: 'cli', staffId: null, roles: ['admin'], displayName: 'Администратор' },
        now: systemClock.now(),
        onProgress: (p) => {
          const pct = Math.floor((100 * p.done) / p.total);
          if (pct !== last) process.stdout.write(`\r  ${String(pct).padStart(3)}%  ${p.label.padEnd(50)}`);
          last = pct;
        },
      });
      process.stdout.write('\n');
      await runtime.transact({ userId: null, method: 'cli.archive' }, (write) =>
        write.insert(YearArchiveRecordEntity, { yearId: year.id, path: result.folder, manifestSha256: result.manifestSha256, fileCount: result.fileCount }),
      );
      console.log(`Архив ${result.yearName} учебного года составлен:\n  ${result.folder}\n  ${result.zip}`);
      console.log(`Файлов: ${result.fileCount}. SHA-256 списка контрольных сумм: ${result.manifestSha256}`);
      for (const m of result.missing) console.log(`Внимание: в архив не вошли ${m}.`);
      return 0;
    } finally {
      await runtime.close();
    }
  },
};
