import type { ResultOf } from '../../main/core/api/types';

export type SyncFolder = ResultOf<'sync.folder'>;
export type SyncComputer = SyncFolder['computers'][number];
export type QuarantinedFile = SyncFolder['quarantined'][number];

/** The core's rule for the passphrase (sync/share/kdf.ts MIN_PASSPHRASE_LENGTH), for a hint before sending; the core checks again. */
export const MIN_PASSPHRASE_LENGTH = 8;

/** The core's clock warning threshold (sync/service/messages.ts CLOCK_WARN_MS). */
const CLOCK_WARN_MS = 3 * 60_000;

export function passphraseProblem(passphrase: string): string | null {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) return `Парольная фраза — не короче ${MIN_PASSPHRASE_LENGTH} символов`;
  return null;
}

/** Where the folder's key is kept on this computer, said plainly. */
export function keyStorageText(storage: SyncFolder['keyStorage']): string {
  if (storage === 'os') return 'Ключ общей папки хранится в защищённом хранилище системы: открыть его может только учётная запись пользователя этого компьютера.';
  if (storage === 'file') {
    return 'Ключ общей папки хранится в файле настроек, который может открыть только учётная запись пользователя этого компьютера. Защищённого хранилища системы здесь нет, поэтому в файле ключ не зашифрован.';
  }
  return '';
}

/** How far this computer has taken in another computer's changes. */
export function receivedText(c: SyncComputer): string {
  if (c.self) return '—';
  if (c.lastSeq === null || c.lastSeq === 0) return 'изменений ещё не было';
  if (c.appliedSeq >= c.lastSeq) return 'всё получено';
  return `получено пакетов: ${c.appliedSeq} из ${c.lastSeq}`;
}

/** A computer's clock against the folder's. */
export function clockText(offsetMs: number | null): { text: string; off: boolean } {
  if (offsetMs === null) return { text: '—', off: false };
  if (Math.abs(offsetMs) <= CLOCK_WARN_MS) return { text: 'верные', off: false };
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  return { text: `${offsetMs > 0 ? 'спешат' : 'отстают'} на ${minutes} мин.`, off: true };
}

export const QUARANTINE_REASONS: Record<QuarantinedFile['reason'], string> = {
  'auth-failed': 'не проходит проверку подлинности',
  misplaced: 'лежит не на своём месте',
  'unknown-computer': 'от неизвестного компьютера',
  malformed: 'содержимое повреждено',
  'too-large': 'слишком большой',
};

/** «1,2 МБ», «640 КБ» — a file's size for a person. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} Б`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} КБ`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} МБ`;
}
