/**
 * The key the core seals the backup password with (main/core/backup/secret-store.ts),
 * kept in the operating system's key store through Electron's safeStorage: a
 * random 32-byte key, encrypted by safeStorage (DPAPI on Windows, the Keychain
 * on macOS, the Secret Service on Linux) in `<userData>/backup-key.bin`. Only
 * this user on this computer can open it. The main process opens it and hands
 * it to the core's utility process over their private port; the core itself
 * never imports Electron.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SafeStorage } from 'electron';

export const BACKUP_KEY_FILE = 'backup-key.bin';

type KeyStore = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & {
  getSelectedStorageBackend?: () => string;
};

/**
 * The key, base64, or null where the system has no real key store: on Linux
 * without a Secret Service, safeStorage falls back to a password written in
 * Chromium's source ('basic_text'), which protects nothing, so the password
 * then stays in the owner-only file and the settings screen says so.
 */
export function loadBackupKey(store: KeyStore, userData: string, log: Pick<Console, 'error'> = console): string | null {
  try {
    if (!store.isEncryptionAvailable()) return null;
    if (process.platform === 'linux' && store.getSelectedStorageBackend?.() === 'basic_text') return null;
  } catch (e) {
    log.error('backup-key: хранилище ключей системы недоступно', e);
    return null;
  }
  const file = path.join(userData, BACKUP_KEY_FILE);
  if (fs.existsSync(file)) {
    try {
      const key = store.decryptString(fs.readFileSync(file));
      if (Buffer.from(key, 'base64').length === 32) return key;
    } catch (e) {
      // Another user's or computer's key (a copied profile): a new one is made; the old password must be set again.
      log.error('backup-key: ключ не открывается, создаётся новый', e);
    }
  }
  const key = crypto.randomBytes(32).toString('base64');
  fs.mkdirSync(userData, { recursive: true });
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, store.encryptString(key), { mode: 0o600 });
  fs.renameSync(tmp, file);
  return key;
}
