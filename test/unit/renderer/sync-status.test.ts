import { describe, expect, it } from 'vitest';
import { clockLabel, OFFLINE_DETAIL, statusView, type SyncStatus } from '../../../renderer/sync/status-view';

/** The app bar's sync line (issue 15 «Where the user sees it»): what a teacher reads at a glance. */

const base: SyncStatus = {
  state: 'ok',
  message: 'Синхронизировано с общей папкой только что',
  pending: 0,
  running: false,
  lastSyncAt: '2026-12-07T10:00:00.000Z',
  received: 0,
  lastError: null,
  clockWarning: null,
  openConflicts: 0,
  quarantined: 0,
  task: null,
};

describe('the app bar’s sync line', () => {
  it('says nothing where sync is not set up or the school is on a PostgreSQL server', () => {
    expect(statusView({ ...base, state: 'off' })).toBeNull();
    expect(statusView({ ...base, state: 'postgres' })).toBeNull();
  });

  it('offline: the count of what waits on this computer, in the issue’s words; nothing waiting is said so, not «: 0»', () => {
    expect(statusView({ ...base, state: 'offline', pending: 37 })).toEqual({
      label: 'Нет связи с общей папкой — изменения сохранены на этом компьютере: 37',
      tone: 'warning',
      detail: OFFLINE_DETAIL,
    });
    expect(statusView({ ...base, state: 'offline', pending: 0 })?.label).toBe('Нет связи с общей папкой — изменения этого компьютера уже отправлены');
  });

  it('a folder that looks wrong stops sync and sends to the administrator; a newer folder asks for an update', () => {
    expect(statusView({ ...base, state: 'suspect', message: 'Общая папка выглядит неправильно: общая папка пуста.' })).toMatchObject({
      label: 'Общая папка выглядит не так, как раньше — синхронизация остановлена, обратитесь к администратору',
      tone: 'error',
      detail: 'Общая папка выглядит неправильно: общая папка пуста.',
    });
    expect(statusView({ ...base, state: 'needs-update' })?.label).toMatch(/обновите программу$/);
  });

  it('a clock off by minutes is shown with the difference, before «synced»', () => {
    const warning =
      'Часы этого компьютера отстают на 12 мин. относительно общей папки. Исправьте дату и время в настройках компьютера: работать можно, но при одновременных изменениях на разных компьютерах порядок может определиться неверно.';
    expect(statusView({ ...base, clockWarning: warning })).toEqual({ label: 'Часы этого компьютера отстают на 12 мин. относительно общей папки', tone: 'warning', detail: warning });
    expect(clockLabel('Часы компьютера «Кабинет 204» спешат на 7 мин. относительно общей папки: попросите исправить на нём дату и время.')).toBe(
      'Часы компьютера «Кабинет 204» спешат на 7 мин. относительно общей папки',
    );
  });

  it('synced, waiting and sending: a routine cycle with nothing of this computer’s waiting stays «Синхронизировано»', () => {
    expect(statusView(base)).toMatchObject({ label: 'Синхронизировано', tone: 'ok' });
    expect(statusView({ ...base, running: true })).toMatchObject({ label: 'Синхронизировано', tone: 'ok' });
    expect(statusView({ ...base, pending: 3 })).toMatchObject({ label: 'Ждут отправки в общую папку: 3', tone: 'busy' });
    expect(statusView({ ...base, pending: 3, running: true })).toMatchObject({ label: 'Отправка в общую папку: 3', tone: 'busy' });
    expect(statusView({ ...base, state: 'starting', task: 'Создание общей базы школы в общей папке…' })).toMatchObject({ label: 'Создание общей базы школы в общей папке…', tone: 'busy' });
  });
});
