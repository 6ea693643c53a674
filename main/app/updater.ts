/**
 * Updates (electron-updater, the `publish` server of electron-builder.yml).
 * Only an installed program checks, some seconds after start, and a failure —
 * no network at school, no server configured — is logged, never shown.
 */
export interface UpdaterOptions {
  isPackaged: boolean;
  /** Delay after start (default 15 s): the first minute belongs to the user. */
  delayMs?: number;
  log?: Pick<Console, 'info' | 'error'>;
}

export function startUpdater(options: UpdaterOptions): void {
  if (!options.isPackaged) return;
  const log = options.log ?? console;
  const timer = setTimeout(() => {
    void (async () => {
      try {
        // Loaded only here: a development run never touches the updater.
        const loaded = await import('electron-updater');
        // Node's ESM import of this CommonJS package does not list `autoUpdater` (a getter) as a named export: it is on `default`.
        const autoUpdater = loaded.default?.autoUpdater ?? loaded.autoUpdater;
        await autoUpdater.checkForUpdatesAndNotify({
          title: 'Доступно обновление «Классного журнала»',
          body: 'Новая версия {version} загружена и будет установлена при закрытии программы.',
        });
      } catch (e) {
        log.error('updater: проверка обновлений не удалась', e);
      }
    })();
  }, options.delayMs ?? 15_000);
  timer.unref?.();
}
