/**
 * The Electron main process: thin. One instance, one window, the menu, the
 * security rules, and the bridge to the core (which runs in its own utility
 * process and owns the database). Each concern is in its own file.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session, type IpcMainInvokeEvent } from 'electron';
import { loadBackupKey } from './backup-key';
import type { Result } from '../core/shared/errors';
import { CoreBridge } from './core-bridge';
import { installMenu } from './menu';
import { CALL_CHANNEL, EVENT_CHANNEL } from './protocol';
import { installSecurity, isAppUrl } from './security';
import { startUpdater } from './updater';
import { createWindow, focusWindow } from './window';

export interface Shell {
  bridge: CoreBridge;
  /** Opens another window with its own session (the program itself opens one). */
  openWindow(): BrowserWindow;
  windows(): BrowserWindow[];
}

/** Where the built files are, relative to the app's root (the folder of package.json, or app.asar). */
export function appPaths(root = app.getAppPath()) {
  return {
    preload: path.join(root, 'out', 'preload', 'preload.js'),
    rendererDir: path.join(root, 'out', 'renderer'),
    indexHtml: path.join(root, 'out', 'renderer', 'index.html'),
    coreHost: path.join(root, 'out', 'main', 'app', 'core-host.js'),
    icon: path.join(root, 'resources', 'icon.png'),
  };
}

function refused(code: 'FORBIDDEN' | 'UNKNOWN_METHOD', message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

export async function startShell(): Promise<Shell | null> {
  if (!app.requestSingleInstanceLock()) {
    // The program is already running: it gets the 'second-instance' event and comes to the front.
    app.quit();
    return null;
  }
  const windows = new Set<BrowserWindow>();
  app.on('second-instance', () => {
    const first = [...windows][0];
    if (first) focusWindow(first);
  });
  app.on('window-all-closed', () => app.quit());
  if (process.platform === 'win32') app.setAppUserModelId('ru.klassny-zhurnal.app');

  await app.whenReady();
  const paths = appPaths();
  const dataDir = app.getPath('userData');
  installSecurity(session.defaultSession, paths.rendererDir);
  installMenu({ isPackaged: app.isPackaged, dataDir });

  const bridge = new CoreBridge({
    modulePath: paths.coreHost,
    dataDir,
    secretKey: loadBackupKey(safeStorage, dataDir),
    onEvent: (windowId, event) => {
      for (const win of windows) if (!win.isDestroyed() && win.webContents.id === windowId) win.webContents.send(EVENT_CHANNEL, event);
    },
    onCrash: ({ restarting }) => {
      void dialog.showMessageBox({
        type: 'error',
        title: 'Классный журнал',
        message: restarting
          ? 'Служба данных программы неожиданно остановилась и запущена снова.'
          : 'Служба данных программы не запускается.',
        detail: restarting
          ? 'Если вы вносили изменения в последние секунды, проверьте, что они сохранились. Возможно, потребуется войти в программу снова.'
          : 'Закройте программу и откройте её снова. Если ошибка повторится, сообщите администратору электронного журнала.',
        buttons: ['Понятно'],
        noLink: true,
      });
    },
  });
  bridge.start();

  const webContentsIds = new Set<number>();
  ipcMain.handle(CALL_CHANNEL, (event: IpcMainInvokeEvent, method: unknown, params: unknown) => {
    // Only the program's own page in one of its windows may call; the window is known by its sender, never by what it says.
    const frameUrl = event.senderFrame?.url ?? '';
    if (!webContentsIds.has(event.sender.id) || !isAppUrl(frameUrl, paths.rendererDir)) {
      return refused('FORBIDDEN', 'Запрос отклонён: он пришёл не из окна программы.');
    }
    if (typeof method !== 'string' || method.length === 0 || method.length > 200) {
      return refused('UNKNOWN_METHOD', 'Неизвестная операция.');
    }
    return bridge.call(event.sender.id, method, params);
  });

  const openWindow = (): BrowserWindow => {
    const win = createWindow({ preload: paths.preload, indexHtml: paths.indexHtml, icon: paths.icon });
    const id = win.webContents.id; // read now: after 'closed' the webContents is gone
    windows.add(win);
    webContentsIds.add(id);
    win.on('closed', () => {
      windows.delete(win);
      webContentsIds.delete(id);
      bridge.windowClosed(id);
    });
    return win;
  };
  openWindow();

  // The core closes the database before the program exits.
  app.on('will-quit', (event) => {
    if (bridge.stopped) return;
    event.preventDefault();
    void bridge.stop().finally(() => app.quit());
  });

  startUpdater({ isPackaged: app.isPackaged });
  return { bridge, openWindow, windows: () => [...windows] };
}

export const shell: Promise<Shell | null> = startShell().catch((e: unknown) => {
  console.error('main: программа не запустилась', e);
  dialog.showErrorBox(
    'Классный журнал',
    `Программа не может запуститься: ${e instanceof Error ? e.message : String(e)}\nСообщите администратору электронного журнала.`,
  );
  app.exit(1);
  return null;
});
