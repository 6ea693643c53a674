import type { ResultOf } from '../../main/core/api/types';

export type SyncStatus = ResultOf<'sync.status'>;

/** How the app bar shows sync: one line, its tone, and whether it is still moving. */
export interface StatusView {
  /** The app bar's line, in Russian. */
  label: string;
  tone: 'ok' | 'busy' | 'warning' | 'error';
  /** The full explanation (the core's message), for the details. */
  detail: string;
}

export const OFFLINE_DETAIL =
  'Общая папка сейчас недоступна: сервер выключен, нет сети или сетевой диск не подключён. Работайте как обычно: изменения сохраняются на этом компьютере и будут отправлены сами, когда папка снова станет доступна.';

/** The first sentence of a clock warning, which names the computer and the difference: «Часы этого компьютера спешат на 12 мин. относительно общей папки». */
export function clockLabel(warning: string): string {
  const m = /^(.*?относительно общей папки)/.exec(warning);
  return m ? m[1] : 'Часы компьютеров школы расходятся';
}

/**
 * The most important thing about sync for whoever sits at this computer
 * (a stopped folder before an unreachable one, before a clock, before
 * progress), or null when there is nothing to show: sync is not set up, or
 * the school works on a PostgreSQL server.
 */
export function statusView(s: SyncStatus): StatusView | null {
  switch (s.state) {
    case 'off':
    case 'postgres':
      return null;
    case 'suspect':
      return {
        label: 'Общая папка выглядит не так, как раньше — синхронизация остановлена, обратитесь к администратору',
        tone: 'error',
        detail: s.message,
      };
    case 'needs-update':
      return { label: 'Общая папка записана более новой версией программы — обновите программу', tone: 'warning', detail: s.message };
    case 'offline':
      return {
        label: s.pending > 0 ? `Нет связи с общей папкой — изменения сохранены на этом компьютере: ${s.pending}` : 'Нет связи с общей папкой — изменения этого компьютера уже отправлены',
        tone: 'warning',
        detail: OFFLINE_DETAIL,
      };
    case 'error':
      return { label: 'Ошибка синхронизации — изменения сохранены на этом компьютере', tone: 'error', detail: s.lastError ?? s.message };
    case 'starting':
      return { label: s.task ?? 'Подключение к общей папке…', tone: 'busy', detail: s.task ?? s.message };
    case 'ok':
      if (s.clockWarning) return { label: clockLabel(s.clockWarning), tone: 'warning', detail: s.clockWarning };
      if (s.task) return { label: s.task, tone: 'busy', detail: s.message };
      // A cycle runs every half minute: with nothing of this computer's waiting, the line stays calm.
      if (s.pending > 0) return { label: `${s.running ? 'Отправка' : 'Ждут отправки'} в общую папку: ${s.pending}`, tone: 'busy', detail: s.message };
      return { label: 'Синхронизировано', tone: 'ok', detail: s.message };
  }
}
