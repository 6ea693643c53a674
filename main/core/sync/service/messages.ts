import type { ComputerEntry } from '../share/types';
import type { SyncState } from './status';

/** The app bar's line and the clock warning, in Russian. */

/** A clock this far off the folder's is worth a warning (entry is never blocked by it). */
export const CLOCK_WARN_MS = 3 * 60_000;

function minutes(ms: number): number {
  return Math.max(1, Math.round(Math.abs(ms) / 60_000));
}

export function stateMessage(state: SyncState, pending: number, detail: string | null, lastSyncAt: string | null, now: Date): string {
  switch (state) {
    case 'off':
      return detail ?? 'Синхронизация с общей папкой не настроена.';
    case 'postgres':
      return 'Школа работает на сервере PostgreSQL: все компьютеры работают с одной базой.';
    case 'starting':
      return 'Подключение к общей папке…';
    case 'offline':
      return `Нет связи с общей папкой — изменения сохранены на этом компьютере: ${pending}`;
    case 'needs-update':
      return detail ?? 'Общая папка создана более новой версией программы: обновите программу. Изменения этого компьютера сохранены.';
    case 'suspect':
    case 'error':
      return detail ?? 'Синхронизация остановлена: обратитесь к администратору.';
    case 'ok': {
      if (pending > 0) return `Синхронизация: ждут отправки в общую папку — ${pending}`;
      if (!lastSyncAt) return 'Общая папка доступна';
      const ago = Math.floor((now.getTime() - Date.parse(lastSyncAt)) / 60_000);
      return ago < 1 ? 'Синхронизировано с общей папкой только что' : `Синхронизировано с общей папкой ${ago} мин. назад`;
    }
  }
}

/**
 * This computer's clock against the folder's (from writing its own file),
 * then another computer's (from its file), then a batch from a computer whose
 * clock runs ahead: the first that is off by more than a few minutes.
 */
export function clockWarningOf(ownOffsetMs: number, received: string | null, computers: ComputerEntry[], me: string): string | null {
  if (Math.abs(ownOffsetMs) > CLOCK_WARN_MS) {
    return `Часы этого компьютера ${ownOffsetMs > 0 ? 'спешат' : 'отстают'} на ${minutes(ownOffsetMs)} мин. относительно общей папки. Исправьте дату и время в настройках компьютера: работать можно, но при одновременных изменениях на разных компьютерах порядок может определиться неверно.`;
  }
  for (const c of computers) {
    if (c.state !== 'ok' || c.computerId === me || Math.abs(c.record.clockOffsetMs) <= CLOCK_WARN_MS) continue;
    return `Часы компьютера «${c.record.name}» ${c.record.clockOffsetMs > 0 ? 'спешат' : 'отстают'} на ${minutes(c.record.clockOffsetMs)} мин. относительно общей папки: попросите исправить на нём дату и время.`;
  }
  return received;
}
