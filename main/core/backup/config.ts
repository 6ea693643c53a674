import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './files';
import { openSecret, sealSecret } from './secret-store';

/**
 * How this computer makes its backups, kept in `<dataDir>/backup.json` rather
 * than among the school's settings: the folders are this computer's (a USB
 * drive «E:\» means nothing on another one), settings travel with the data
 * and would come back old after a restore, and the copy password must never
 * reach the journal of changes. The file lives in the user's own profile folder,
 * readable by its owner only (0600); the password in it is sealed with the
 * operating system's key store when the desktop shell has one (secret-store.ts).
 */
export const backupConfigSchema = z.object({
  /** Daily backup at this local time, `HH:MM`; null = no daily backup. */
  dailyTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Время в формате ЧЧ:ММ, например 18:00')
    .nullable()
    .default('18:00'),
  /** A backup when the program closes. */
  onClose: z.boolean().default(true),
  /** The second medium (a USB drive, a network folder); null = none. It may be missing at times. */
  secondDir: z.string().trim().min(1).nullable().default(null),
  /** Encrypt the copies on the second medium with `password`. */
  encryptSecond: z.boolean().default(false),
  /** The copies' password, in memory; on disk sealed (`passwordSealed`) where the OS key store is at hand. */
  password: z.string().nullable().default(null),
});

export type BackupConfig = z.infer<typeof backupConfigSchema>;

/** backup.json as written: the password either sealed by the OS key store or, without one, as is. */
const storedConfigSchema = backupConfigSchema.extend({ passwordSealed: z.string().nullable().default(null) });

/** Where the password is kept: the OS key store, the owner-only file, or nowhere. */
export type PasswordStorage = 'os' | 'file' | null;

export interface LoadedBackupConfig extends BackupConfig {
  passwordStorage: PasswordStorage;
  /** A sealed password this process cannot open (another user's or computer's key, or no key store here). */
  passwordUnreadable: boolean;
}

/** Only the owner may read or change backup.json: it may hold the copies' password. */
const OWNER_ONLY = 0o600;

export const DEFAULT_BACKUP_CONFIG: BackupConfig = backupConfigSchema.parse({});

export function backupConfigFile(dataDir: string): string {
  return path.join(dataDir, 'backup.json');
}

/** The folder of the main copies: `<dataDir>/backups`. */
export function mainBackupDir(dataDir: string): string {
  return path.join(dataDir, 'backups');
}

const DEFAULT_LOADED: LoadedBackupConfig = { ...DEFAULT_BACKUP_CONFIG, passwordStorage: null, passwordUnreadable: false };

export function loadBackupConfig(dataDir: string): LoadedBackupConfig {
  const file = backupConfigFile(dataDir);
  if (!fs.existsSync(file)) return DEFAULT_LOADED;
  let stored: z.infer<typeof storedConfigSchema>;
  try {
    const parsed = storedConfigSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    // fall back: a damaged file must not stop the backups
    if (!parsed.success) return DEFAULT_LOADED;
    stored = parsed.data;
  } catch {
    return DEFAULT_LOADED;
  }
  const { passwordSealed, ...config } = stored;
  if (passwordSealed) {
    const password = openSecret(passwordSealed);
    return { ...config, password, passwordStorage: 'os', passwordUnreadable: password === null };
  }
  return { ...config, passwordStorage: config.password ? 'file' : null, passwordUnreadable: false };
}

/** Writes backup.json owner-only, the password sealed when this process holds the OS key. */
export function saveBackupConfig(dataDir: string, config: BackupConfig): void {
  const plain = backupConfigSchema.parse(config);
  const sealed = plain.password ? sealSecret(plain.password) : null;
  const stored = { ...plain, password: sealed ? null : plain.password, passwordSealed: sealed };
  writeFileAtomic(backupConfigFile(dataDir), JSON.stringify(storedConfigSchema.parse(stored), null, 2), { mode: OWNER_ONLY });
}

/**
 * At start: a backup.json written before (mode 0644, a password as is) is made
 * owner-only, and its password sealed when the OS key store is now at hand.
 */
export function protectBackupConfig(dataDir: string): void {
  const file = backupConfigFile(dataDir);
  if (!fs.existsSync(file)) return;
  if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, OWNER_ONLY);
  const config = loadBackupConfig(dataDir);
  if (config.passwordStorage === 'file' && sealSecret('') !== null) saveBackupConfig(dataDir, config);
}
