import type { CoreRuntime } from '../host/runtime';
import type { DbConfig } from '../db/data-source';
import { saveDbConfig } from '../host/app-config';
import { AppError } from '../shared/errors';

/**
 * Makes the verified target the school's database: the configuration
 * first (the next start opens it), then the open runtime, keeping the
 * sessions — the same school, the same accounts. If the target will not
 * open, the program goes back to where it was.
 */
export async function switchConfig(runtime: CoreRuntime, target: DbConfig): Promise<void> {
  const previous = runtime.dbConfig;
  saveDbConfig(runtime.dataDir, target);
  try {
    await runtime.switchDatabase(target, { keepSessions: true });
  } catch (e) {
    saveDbConfig(runtime.dataDir, previous);
    await runtime.switchDatabase(previous, { keepSessions: true });
    throw new AppError('CONFLICT', `Данные скопированы и проверены, но новая база данных не открылась: ${(e as Error).message}. Работа продолжается в прежней базе данных.`);
  }
}
