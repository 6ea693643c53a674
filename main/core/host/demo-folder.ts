import fs from 'node:fs';
import path from 'node:path';
import { defaultDataDir } from './paths';
import { defaultDbConfig, demoDbConfig, saveDbConfig } from './app-config';
import { AppError } from '../shared/errors';
import { generateTemporaryPassword, passwordProblem } from '../auth/password';
import type { DemoSummary } from '../demo/generate';

/**
 * The data folder of the demo school that `npm run web -- --demo` opens:
 * beside the user's own data folder, never in it, so that a school's
 * database and its config.json are never switched to the demo.
 */
export function demoDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return `${defaultDataDir(env)}-demo`;
}

export interface DemoFolderOptions {
  /** The demo's data folder (default: demoDataDir()). */
  dataDir?: string;
  /** A demo database made by `npm run cli -- demo <file>`; without it, the folder's own demo.sqlite, made if missing. */
  file?: string;
  /** The password of every account of a demo made now (default: a temporary one, printed). */
  password?: string;
  /** The demo's today (`YYYY-MM-DD`), as the host's clock has it: a demo made now is kept up to it. */
  today: string;
  onProgress?: (step: string) => void;
}

export interface DemoFolder {
  dataDir: string;
  /** The demo database the folder now opens. */
  file: string;
  /** When the demo was made now: its summary and the password of its accounts. */
  made: (DemoSummary & { password: string }) | null;
}

/**
 * Readies a data folder that opens a demo school: points its config.json at
 * the demo database — the given file, or the folder's own demo.sqlite,
 * generated (kept up to `today`) when there is none yet. A folder that holds
 * a school's own database is refused: the demo never takes its place.
 */
export async function prepareDemoFolder(opts: DemoFolderOptions): Promise<DemoFolder> {
  const dataDir = path.resolve(opts.dataDir ?? demoDataDir());
  const schoolFile = defaultDbConfig(dataDir);
  if (schoolFile.kind === 'sqlite' && fs.existsSync(schoolFile.file)) {
    throw new AppError(
      'CONFLICT',
      `В папке ${dataDir} хранится база данных школы (${path.basename(schoolFile.file)}): демонстрационная школа открывается в своей папке. ` +
        'Уберите --data-dir или укажите другую папку.',
    );
  }
  if (opts.file) {
    const file = path.resolve(opts.file);
    if (!fs.existsSync(file)) {
      throw new AppError('NOT_FOUND', `Файл ${file} не найден. Создайте демонстрационную школу: npm run cli -- demo ${opts.file} --password '…'`);
    }
    saveDbConfig(dataDir, { kind: 'sqlite', file });
    return { dataDir, file, made: null };
  }
  const own = demoDbConfig(dataDir);
  if (own.kind !== 'sqlite') throw new AppError('INTERNAL', 'Демонстрационная школа хранится в файле SQLite.');
  let made: DemoFolder['made'] = null;
  if (!fs.existsSync(own.file)) {
    const password = opts.password ?? generateTemporaryPassword();
    const problem = passwordProblem(password);
    if (problem) throw new AppError('VALIDATION', `--password: ${problem}`);
    fs.mkdirSync(dataDir, { recursive: true });
    // Loaded only here: the generator and its name lists are not needed otherwise.
    const { generateDemoSchool } = await import('../demo/generate.js');
    made = { ...(await generateDemoSchool({ file: own.file, password, today: opts.today, onProgress: opts.onProgress })), password };
  }
  saveDbConfig(dataDir, own);
  return { dataDir, file: own.file, made };
}
