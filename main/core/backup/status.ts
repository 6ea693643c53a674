import type { DbConfig } from '../db/data-source';
import { loadBackupConfig, mainBackupDir, type PasswordStorage } from './config';
import { readBackupState, scanBackups, type BackupEntry } from './catalog';
import { undoableRestore } from './restore-state';
import { osKeyAvailable } from './secret-store';
import { readIntegrityState } from '../db/integrity-watch';

export interface BackupWarning {
  severity: 'error' | 'warning' | 'info';
  text: string;
}

export interface BackupStatus {
  engine: DbConfig['kind'];
  lastVerified: { id: string; at: string; kind: BackupEntry['kind']; name: string; ageHours: number } | null;
  lastAttemptAt: string | null;
  lastError: string | null;
  lastCopyAt: string | null;
  lastCopyError: string | null;
  warnings: BackupWarning[];
  /** The last restore, while it can be undone. */
  undo: { restoredAt: string; backupCreatedAt: string | null; by: string | null } | null;
  config: {
    dailyTime: string | null;
    onClose: boolean;
    secondDir: string | null;
    encryptSecond: boolean;
    hasPassword: boolean;
    /** Where the password is kept: 'os' — sealed by the OS key store; 'file' — backup.json, owner-only; null — none. */
    passwordStorage: PasswordStorage;
    /** The OS key store of this computer and user, whether a password set now would be sealed by it. */
    osKeyStore: boolean;
  };
}

const DAY_HOURS = 24;

/**
 * What the administrator is shown: when the last verified backup was made,
 * and a warning when it is older than a day, when the last attempt or the
 * copy to the second medium failed, or when there is no second medium.
 */
export function backupStatus(dataDir: string, db: DbConfig, now: Date): BackupStatus {
  const config = loadBackupConfig(dataDir);
  const dir = mainBackupDir(dataDir);
  const state = readBackupState(dir);
  const newest = scanBackups(dir).find((e) => e.integrityOk && e.verifiedAt);
  const warnings: BackupWarning[] = [];
  const ageHours = newest ? (now.getTime() - Date.parse(newest.createdAt)) / 3_600_000 : null;
  if (!newest) {
    warnings.push({ severity: 'warning', text: 'Проверенных резервных копий нет. Создайте копию сейчас.' });
  } else if (ageHours! > DAY_HOURS) {
    const days = Math.floor(ageHours! / 24);
    warnings.push({
      severity: 'error',
      text: `Последняя проверенная копия сделана ${days} ${plural(days, 'день', 'дня', 'дней')} назад — больше суток. Создайте копию сейчас.`,
    });
  }
  if (state.lastError) warnings.push({ severity: 'error', text: `Последняя попытка резервного копирования не удалась: ${state.lastError}` });
  if (config.secondDir && state.lastCopyError) {
    warnings.push({ severity: 'warning', text: `Копия на второй носитель не удалась: ${state.lastCopyError}` });
  }
  const integrity = readIntegrityState(dataDir);
  if (integrity && !integrity.ok) {
    const when = new Date(integrity.checkedAt).toLocaleString('ru-RU', { dateStyle: 'long', timeStyle: 'short' });
    warnings.push({
      severity: 'error',
      text:
        `Полная проверка базы данных ${when} нашла повреждения (${integrity.problems.slice(0, 3).join('; ')}). ` +
        'Восстановите последнюю проверенную копию, сделанную до этого времени (изменения после неё придётся внести заново), ' +
        'или обратитесь к специалисту; повреждённый файл сохранится рядом.',
    });
  }
  if (config.passwordUnreadable) {
    warnings.push({
      severity: 'error',
      text: 'Пароль шифрования копий не удалось прочитать из защищённого хранилища этого компьютера. Задайте пароль заново в настройках.',
    });
  }
  if (!config.secondDir) {
    warnings.push({
      severity: 'info',
      text: 'Второй носитель не задан: копии хранятся только на этом компьютере. Укажите флешку или сетевую папку.',
    });
  }
  const undo = undoableRestore(dataDir);
  return {
    engine: db.kind,
    lastVerified: newest ? { id: newest.id, at: newest.createdAt, kind: newest.kind, name: newest.name, ageHours: ageHours! } : null,
    lastAttemptAt: state.lastAttemptAt,
    lastError: state.lastError,
    lastCopyAt: state.lastCopyAt,
    lastCopyError: state.lastCopyError,
    warnings,
    undo: undo ? { restoredAt: undo.at, backupCreatedAt: undo.backupCreatedAt, by: undo.by } : null,
    config: {
      dailyTime: config.dailyTime,
      onClose: config.onClose,
      secondDir: config.secondDir,
      encryptSecond: config.encryptSecond,
      hasPassword: !!config.password,
      passwordStorage: config.passwordStorage,
      osKeyStore: osKeyAvailable(),
    },
  };
}

function plural(n: number, one: string, few: string, many: string): string {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
}
