import type { ResultOf } from '../../main/core/api/types';

export type BackupDto = ResultOf<'backup.list'>[number];
export type BackupStatusDto = ResultOf<'backup.status'>;
export type RemovedDto = ResultOf<'backup.create'>['removed'][number];

export const KIND_LABELS: Record<BackupDto['kind'], string> = {
  auto: 'По расписанию',
  manual: 'Вручную',
  pre_migration: 'Перед обновлением',
  pre_restore: 'Перед восстановлением',
  on_close: 'При закрытии',
};

export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} КБ`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} МБ`;
}

/** «3 ч назад», «2 дн. назад»: the age of the last copy at a glance. */
export function ageText(hours: number): string {
  if (hours < 1) return 'меньше часа назад';
  if (hours < 24) return `${Math.floor(hours)} ч назад`;
  return `${Math.floor(hours / 24)} дн. назад`;
}
