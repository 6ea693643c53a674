import path from 'node:path';
import type { CliCommand } from './command';
import { verifyArchive } from '../core/archive/verify';

/** Checks an archive folder or zip against its manifest; exit code 1 names every changed or missing file. */
export const verifyArchiveCommand: CliCommand = {
  summary: 'Проверить архив учебного года по контрольным суммам (папку или zip)',
  usage: 'verify-archive <папка или zip-файл архива> [--manifest-sha256 <сумма из акта>]',
  options: { 'manifest-sha256': { type: 'string' } },
  async run(values, positionals) {
    if (!positionals[0]) {
      console.error('Укажите папку или zip-файл архива: verify-archive <путь>');
      return 2;
    }
    const target = path.resolve(positionals[0]);
    const expected = typeof values['manifest-sha256'] === 'string' ? values['manifest-sha256'].toLowerCase() : null;
    const r = await verifyArchive(target, expected);
    for (const f of r.changed) console.log(`ИЗМЕНЁН: ${f}`);
    for (const f of r.missing) console.log(`НЕТ ФАЙЛА: ${f}`);
    for (const f of r.extra) console.log(`ЛИШНИЙ ФАЙЛ (нет в списке сумм): ${f}`);
    if (r.manifestMatches === false) console.log('ИЗМЕНЁН список контрольных сумм manifest-sha256.txt: его сумма не совпадает с записанной.');
    console.log(
      r.ok
        ? `Архив в порядке: проверено файлов ${r.checked}, все совпадают с контрольными суммами.`
        : `Архив НЕ в порядке: изменено ${r.changed.length}, нет ${r.missing.length}, лишних ${r.extra.length}.`,
    );
    return r.ok ? 0 : 1;
  },
};
