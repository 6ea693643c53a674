import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './files';

/**
 * How this computer makes its backups, kept in `<dataDir>/backup.json` rather
 * than among the school's settings: the folders are this computer's (a USB
 * drive «E:\» means nothing on another one), settings travel with the data
 * and would come back old after a restore, and the copy password must never
 * reach the journal of changes. The file lives in the user's own profile folder.
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
  /** The copies' password (kept only in this computer's profile folder). */
  password: z.string().nullable().default(null),
});

export type BackupConfig = z.infer<typeof backupConfigSchema>;

export const DEFAULT_BACKUP_CONFIG: BackupConfig = backupConfigSchema.parse({});

export function backupConfigFile(dataDir: string): string {
  return path.join(dataDir, 'backup.json');
}

/** The folder of the main copies: `<dataDir>/backups`. */
export function mainBackupDir(dataDir: string): string {
  return path.join(dataDir, 'backups');
}

export function loadBackupConfig(dataDir: string): BackupConfig {
  const file = backupConfigFile(dataDir);
  if (!fs.existsSync(file)) return DEFAULT_BACKUP_CONFIG;
  try {
    const parsed = backupConfigSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through: a damaged file must not stop the backups
  }
  return DEFAULT_BACKUP_CONFIG;
}

export function saveBackupConfig(dataDir: string, config: BackupConfig): void {
  writeFileAtomic(backupConfigFile(dataDir), JSON.stringify(backupConfigSchema.parse(config), null, 2));
}
