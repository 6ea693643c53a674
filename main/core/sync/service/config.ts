import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../backup/files';
import { openSecret, osKeyAvailable, sealSecret } from '../../backup/secret-store';
import { AppError } from '../../shared/errors';
import { syncDir } from '../share/local-state';

/**
 * This computer's sync settings, `<dataDir>/sync/sync.json`, owner-only
 * (0600): the folder, the name the other computers see, the data set it
 * syncs, and the school's key — derived once from the passphrase the
 * administrator typed, never the passphrase itself. In the desktop program
 * the key is sealed with the operating system's key store
 * (backup/secret-store.ts: `os1:…`); without one (the browser host, the
 * command line) it stays in this owner-only file (`plain:…`).
 */
const FILE = 'sync.json';

const schema = z.object({
  version: z.literal(1),
  root: z.string().min(1),
  computerName: z.string().min(1).max(200),
  dataSetId: z.string().min(1),
  key: z.string().min(1),
  joinedAt: z.string(),
});

export type SyncConfigFile = z.infer<typeof schema>;

export interface SyncConfig {
  root: string;
  computerName: string;
  dataSetId: string;
  key: Buffer;
  keyStorage: 'os' | 'file';
  joinedAt: string;
}

function file(dataDir: string): string {
  return path.join(syncDir(dataDir), FILE);
}

export function hasSyncConfig(dataDir: string): boolean {
  return fs.existsSync(file(dataDir));
}

/** The settings; null when sync is not set up here. A damaged file, or a key this process cannot open, is an error with the reason. */
export function loadSyncConfig(dataDir: string): SyncConfig | null {
  const f = file(dataDir);
  if (!fs.existsSync(f)) return null;
  let json: unknown = null;
  try {
    json = JSON.parse(fs.readFileSync(f, 'utf8'));
  } catch {
    // reported below
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new AppError('INTERNAL', `Файл настроек синхронизации ${f} повреждён. Подключите компьютер к общей папке заново (Настройки → Общая папка).`);
  const c = parsed.data;
  let key: Buffer | null = null;
  let keyStorage: 'os' | 'file' = 'file';
  if (c.key.startsWith('plain:')) key = Buffer.from(c.key.slice('plain:'.length), 'base64');
  else {
    keyStorage = 'os';
    const opened = openSecret(c.key);
    key = opened === null ? null : Buffer.from(opened, 'base64');
  }
  if (!key || key.length !== 32) {
    throw new AppError(
      'SYNC_WRONG_PASSPHRASE',
      'Ключ общей папки сохранён защищённым хранилищем другой программы или другого пользователя и здесь не открывается. Введите парольную фразу общей папки ещё раз (Настройки → Общая папка).',
    );
  }
  return { root: c.root, computerName: c.computerName, dataSetId: c.dataSetId, key, keyStorage, joinedAt: c.joinedAt };
}

export function saveSyncConfig(dataDir: string, config: Omit<SyncConfig, 'keyStorage'>): SyncConfig {
  const sealed = sealSecret(config.key.toString('base64'));
  const stored: SyncConfigFile = {
    version: 1,
    root: config.root,
    computerName: config.computerName,
    dataSetId: config.dataSetId,
    key: sealed ?? `plain:${config.key.toString('base64')}`,
    joinedAt: config.joinedAt,
  };
  fs.mkdirSync(syncDir(dataDir), { recursive: true });
  writeFileAtomic(file(dataDir), JSON.stringify(stored, null, 2), { mode: 0o600 });
  return { ...config, keyStorage: sealed ? 'os' : 'file' };
}

export function removeSyncConfig(dataDir: string): void {
  fs.rmSync(file(dataDir), { force: true });
}

export { osKeyAvailable };
