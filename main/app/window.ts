/** The program's window: isolated, sandboxed, showing the built renderer. */
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';

export const WINDOW_TITLE = 'Классный журнал';

export interface WindowPaths {
  /** out/preload/preload.js */
  preload: string;
  /** out/renderer/index.html */
  indexHtml: string;
  /** resources/icon.png (Linux shows it in the task bar; Windows takes the .exe's icon). */
  icon?: string;
}

export function windowOptions(paths: WindowPaths): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    title: WINDOW_TITLE,
    show: false,
    backgroundColor: '#ffffff',
    ...(paths.icon ? { icon: paths.icon } : {}),
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      // Chromium's PDF viewer, which prints the forms the core renders (renderer/reports/files.ts printPdf).
      plugins: true,
      preload: paths.preload,
    },
  };
}

export function createWindow(paths: WindowPaths): BrowserWindow {
  const win = new BrowserWindow(windowOptions(paths));
  win.once('ready-to-show', () => win.show());
  // The page's own <title> must not replace the program's name.
  win.on('page-title-updated', (event) => event.preventDefault());
  void win.loadFile(paths.indexHtml).catch((e: unknown) => {
    console.error('window: не удалось загрузить интерфейс', e);
    win.show();
  });
  return win;
}

/** Brings the window to the front (a second start of the program lands here). */
export function focusWindow(win: BrowserWindow): void {
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}
