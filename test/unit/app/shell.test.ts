import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, fakeEvent, until } from './fake-electron';
import type { Shell } from '../../../main/app/main';

vi.mock('electron', () => (globalThis as { __kzFakeElectron?: { module: Record<string, unknown> } }).__kzFakeElectron!.module);
const checkForUpdatesAndNotify = vi.fn(async () => null);
// As Node's ESM loader sees this CommonJS package: `autoUpdater` (a getter) is only on `default`.
vi.mock('electron-updater', () => ({ default: { autoUpdater: { checkForUpdatesAndNotify } } }));

let shell: Shell | null = null;

/** Starts main.ts afresh, as `electron .` would. */
async function startMain(): Promise<Shell | null> {
  vi.resetModules();
  const main = await import('../../../main/app/main.js');
  shell = await main.shell;
  return shell;
}

beforeEach(() => {
  fake.reset();
  checkForUpdatesAndNotify.mockClear();
});

afterEach(async () => {
  await shell?.bridge.stop();
  shell = null;
  vi.useRealTimers();
  fs.rmSync(fake.state.userData, { recursive: true, force: true });
});

function onlyWindow() {
  const windows = fake.BrowserWindow.getAllWindows();
  expect(windows).toHaveLength(1);
  return windows[0];
}

describe('the window', () => {
  it('is isolated and sandboxed, 1366×768, titled in Russian, and shows the built renderer', async () => {
    await startMain();
    const win = onlyWindow();
    const root = process.cwd();
    expect(win.options).toMatchObject({
      width: 1366,
      height: 768,
      minWidth: 1024,
      minHeight: 640,
      title: 'Классный журнал',
      webPreferences: {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        preload: path.join(root, 'out', 'preload', 'preload.js'),
      },
    });
    expect(win.loadedFile).toBe(path.join(root, 'out', 'renderer', 'index.html'));
    await until(() => win.visible);
  });

  it('a second start of the program brings the first window to the front', async () => {
    await startMain();
    const win = onlyWindow();
    win.minimize();
    fake.app.emit('second-instance', fakeEvent(), ['klassny-zhurnal'], process.cwd());
    expect(win.restoreCount).toBe(1);
    expect(win.focusCount).toBe(1);
    expect(fake.BrowserWindow.getAllWindows()).toHaveLength(1);
  });

  it('the second instance itself quits at once, without a window or a core', async () => {
    fake.state.lockAvailable = false;
    expect(await startMain()).toBeNull();
    expect(fake.state.quitCalls).toBe(1);
    expect(fake.BrowserWindow.getAllWindows()).toHaveLength(0);
    expect(fake.state.forks).toHaveLength(0);
  });
});

describe('security', () => {
  it('sets a strict Content-Security-Policy on every response, replacing any other', async () => {
    await startMain();
    const headers = await fake.respond('file:///app/out/renderer/index.html', {
      'content-security-policy': ["default-src *"],
      'Content-Type': ['text/html'],
    });
    expect(headers['Content-Type']).toEqual(['text/html']);
    expect(Object.keys(headers).filter((h) => h.toLowerCase() === 'content-security-policy')).toEqual(['Content-Security-Policy']);
    const csp = headers['Content-Security-Policy'][0];
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(' ')]));
    expect(directives).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data:",
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
    });
    expect(csp).not.toMatch(/unsafe-eval|\*|http:|https:/);
    expect(directives['script-src']).not.toContain('unsafe-inline');
  });

  it('denies navigation away from the program; an https link opens in the system browser', async () => {
    await startMain();
    const wc = onlyWindow().webContents;
    for (const url of ['https://example.org/', 'http://example.org/', 'file:///etc/passwd', 'javascript:alert(1)']) {
      const e = fakeEvent();
      wc.emit('will-navigate', e, url);
      expect(e.defaultPrevented, url).toBe(true);
    }
    expect(fake.state.opened).toEqual(['https://example.org/']);
    const own = fakeEvent();
    wc.emit('will-navigate', own, wc.getURL());
    expect(own.defaultPrevented).toBe(false);
    const redirect = fakeEvent();
    wc.emit('will-redirect', redirect, 'https://evil.example/');
    expect(redirect.defaultPrevented).toBe(true);
  });

  it('denies window.open, except a PDF the page made to print; only https goes to the system browser', async () => {
    await startMain();
    const handler = onlyWindow().webContents.windowOpenHandler!;
    expect(handler({ url: 'https://edu.gov.ru/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'http://insecure.example/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'file:///C:/Windows/notepad.exe' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'not a url' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'blob:file:///6a1f0c2e-3b7d-4e59-9b1a-2f7c8d9e0a11' })).toMatchObject({
      action: 'allow',
      overrideBrowserWindowOptions: { webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true } },
    });
    expect(fake.state.opened).toEqual(['https://edu.gov.ru/']);
  });

  it('denies permission requests (camera, geolocation, notifications…) and <webview>', async () => {
    await startMain();
    const wc = onlyWindow().webContents;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem']) {
      const granted = await new Promise((resolve) => fake.state.permissionRequest!(wc, permission, resolve));
      expect(granted, permission).toBe(false);
      expect(fake.state.permissionCheck!(wc, permission, 'file:///', {}), permission).toBe(false);
    }
    const webview = fakeEvent();
    wc.emit('will-attach-webview', webview, {}, {});
    expect(webview.defaultPrevented).toBe(true);
  });

  it('refuses api calls from a page that is not the program (another frame, an unknown sender)', async () => {
    await startMain();
    const wc = onlyWindow().webContents;
    wc.url = 'https://evil.example/';
    const fromElsewhere = (await fake.ipcMain.invokeFrom(wc, 'api:call', 'auth.status', {})) as { ok: boolean; error: { code: string } };
    expect(fromElsewhere).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const stranger = new fake.BrowserWindow({}).webContents;
    stranger.url = pathFileUrl('out/renderer/index.html');
    expect(await fake.ipcMain.invokeFrom(stranger, 'api:call', 'auth.status', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

function pathFileUrl(rel: string): string {
  return new URL(`file://${path.join(process.cwd(), rel)}`).href;
}

type Item = { label?: string; role?: string; accelerator?: string; type?: string; submenu?: Item[]; click?: (...a: unknown[]) => void };

describe('the menu', () => {
  const labels = (items: Item[]) => items.filter((i) => i.type !== 'separator').map((i) => i.label);
  const find = (items: Item[], label: string) => items.find((i) => i.label === label)!;

  it('is Russian: Файл, Правка, Вид, Справка with the agreed items', async () => {
    await startMain();
    const template = fake.state.menu!.template as Item[];
    expect(labels(template)).toEqual(['Файл', 'Правка', 'Вид', 'Справка']);
    expect(labels(find(template, 'Файл').submenu!)).toEqual(['Печать…', 'Заблокировать', 'Сменить пользователя', 'Выход']);
    expect(labels(find(template, 'Правка').submenu!)).toEqual(['Отменить', 'Повторить', 'Вырезать', 'Копировать', 'Вставить', 'Выделить всё']);
    expect(labels(find(template, 'Вид').submenu!)).toEqual(
      expect.arrayContaining(['Обновить', 'Масштаб', 'Полноэкранный режим']),
    );
    expect(labels(find(template, 'Справка').submenu!)).toEqual(['О программе']);
    const all = JSON.stringify(template, (k, v) => (k === 'click' ? undefined : v));
    const shown = [...all.matchAll(/"label":"([^"]+)"/g)].map((m) => m[1]);
    for (const label of shown) expect(label, label).toMatch(/[А-Яа-яЁё]/);
  });

  it('Ctrl+L sends menu:lock to the window; print and switch user likewise', async () => {
    await startMain();
    const win = onlyWindow();
    const file = find(fake.state.menu!.template as Item[], 'Файл').submenu!;
    const lock = find(file, 'Заблокировать');
    expect(lock.accelerator).toBe('CmdOrCtrl+L');
    lock.click!({}, win, {});
    find(file, 'Печать…').click!({}, win, {});
    // Without a window from the menu (a keyboard shortcut with nothing focused): the program's window.
    find(file, 'Сменить пользователя').click!({}, undefined, {});
    expect(win.webContents.sent.map((s) => s.channel)).toEqual(['menu:lock', 'menu:print', 'menu:switch-user']);
    expect(find(file, 'Выход').role).toBe('quit');
  });

  it('«О программе» shows a Russian dialog with the version; developer tools only in development', async () => {
    await startMain();
    const help = find(fake.state.menu!.template as Item[], 'Справка').submenu!;
    find(help, 'О программе').click!({}, onlyWindow(), {});
    await until(() => fake.state.dialogs.length > 0);
    expect(fake.state.dialogs[0].options.message).toBe('Классный журнал, версия 0.1.0');
    const view = find(fake.state.menu!.template as Item[], 'Вид').submenu!;
    expect(view.some((i) => i.role === 'toggleDevTools')).toBe(true);
  });
});

describe('the updater', () => {
  it('is not touched in development', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    await startMain();
    vi.advanceTimersByTime(60_000);
    vi.useRealTimers();
    await new Promise((r) => setTimeout(r, 20));
    expect(checkForUpdatesAndNotify).not.toHaveBeenCalled();
  });

  it('checks in an installed program, after start-up, and a failure does not matter', async () => {
    fake.state.isPackaged = true;
    checkForUpdatesAndNotify.mockRejectedValueOnce(new Error('getaddrinfo ENOTFOUND updates.example'));
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const started = await startMain();
    expect(started).not.toBeNull();
    expect(fake.BrowserWindow.getAllWindows()).toHaveLength(1);
    expect(checkForUpdatesAndNotify).not.toHaveBeenCalled();
    vi.advanceTimersByTime(15_000);
    vi.useRealTimers();
    await until(() => logged.mock.calls.length === 1);
    expect(checkForUpdatesAndNotify).toHaveBeenCalledTimes(1);
    expect(String(logged.mock.calls[0][0])).toMatch(/^updater:/);
    logged.mockRestore();
    const view = (fake.state.menu!.template as Item[]).find((i) => i.label === 'Вид')!.submenu!;
    expect(view.some((i) => i.role === 'toggleDevTools')).toBe(false);
  });
});

describe('quitting', () => {
  it('closing the last window quits, and the core closes the database before the program exits', async () => {
    const started = (await startMain())!;
    await started.bridge.whenReady();
    const runtime = fake.state.runtimes[0];
    expect(runtime.database().isInitialized).toBe(true);
    onlyWindow().close();
    await until(() => fake.state.quitted);
    expect(fake.state.children[0].exited).toBe(true);
    expect(() => runtime.database()).toThrow();
    expect(fake.state.forks).toHaveLength(1); // a deliberate exit is not a crash
  });
});
