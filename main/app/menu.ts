/**
 * The Russian application menu. Items that concern the page (print, lock,
 * switch user) are sent to the focused window as events; the renderer decides
 * what they mean (the preload lets only these channels through).
 */
import { app, BrowserWindow, dialog, Menu, type BaseWindow, type MenuItemConstructorOptions } from 'electron';

export const MENU_CHANNELS = ['menu:print', 'menu:lock', 'menu:switch-user'] as const;
export type MenuChannel = (typeof MENU_CHANNELS)[number];

export interface MenuOptions {
  /** Developer tools only in a development build. */
  isPackaged: boolean;
  /** The user's data folder, shown in «О программе». */
  dataDir: string;
}

function targetWindow(window: BaseWindow | undefined): BrowserWindow | null {
  if (window instanceof BrowserWindow && !window.isDestroyed()) return window;
  return BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0] ?? null;
}

function sendToPage(channel: MenuChannel): MenuItemConstructorOptions['click'] {
  return (_item, window) => targetWindow(window)?.webContents.send(channel);
}

/** Items with a role take Electron's own accelerators for the platform (Ctrl+Y or Ctrl+Shift+Z, F11, …). */
export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { label: 'Обновить', role: 'reload' },
    {
      label: 'Масштаб',
      submenu: [
        { label: 'Увеличить', role: 'zoomIn' },
        { label: 'Уменьшить', role: 'zoomOut' },
        { label: 'Исходный размер', role: 'resetZoom' },
      ],
    },
    { type: 'separator' },
    { label: 'Полноэкранный режим', role: 'togglefullscreen' },
  ];
  if (!options.isPackaged) {
    view.push({ type: 'separator' }, { label: 'Инструменты разработчика', role: 'toggleDevTools' });
  }
  return [
    {
      label: 'Файл',
      submenu: [
        { label: 'Печать…', accelerator: 'CmdOrCtrl+P', click: sendToPage('menu:print') },
        { type: 'separator' },
        { label: 'Заблокировать', accelerator: 'CmdOrCtrl+L', click: sendToPage('menu:lock') },
        { label: 'Сменить пользователя', click: sendToPage('menu:switch-user') },
        { type: 'separator' },
        { label: 'Выход', role: 'quit' },
      ],
    },
    {
      label: 'Правка',
      submenu: [
        { label: 'Отменить', role: 'undo' },
        { label: 'Повторить', role: 'redo' },
        { type: 'separator' },
        { label: 'Вырезать', role: 'cut' },
        { label: 'Копировать', role: 'copy' },
        { label: 'Вставить', role: 'paste' },
        { label: 'Выделить всё', role: 'selectAll' },
      ],
    },
    { label: 'Вид', submenu: view },
    {
      label: 'Справка',
      submenu: [{ label: 'О программе', click: (_item, window) => void showAbout(targetWindow(window), options) }],
    },
  ];
}

export function installMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(options)));
}

async function showAbout(window: BrowserWindow | null, options: MenuOptions): Promise<void> {
  const box = {
    type: 'info' as const,
    title: 'О программе',
    message: `Классный журнал, версия ${app.getVersion()}`,
    detail:
      'Электронный классный журнал школы: журнал, расписание, замены, отчёты, резервные копии.\n\n' +
      `Папка данных: ${options.dataDir}\n` +
      `Electron ${process.versions.electron ?? '—'}, Node.js ${process.versions.node}`,
    buttons: ['Закрыть'],
    noLink: true,
  };
  await (window ? dialog.showMessageBox(window, box) : dialog.showMessageBox(box));
}
