/**
 * What the renderer may not do: load anything but the program's own files,
 * navigate away, open windows, ask for permissions. Follows Electron's
 * security checklist (https://www.electronjs.org/docs/latest/tutorial/security).
 */
import { app, shell, type Session, type WebContents } from 'electron';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../core/host/content-security-policy';

export { CONTENT_SECURITY_POLICY };

/** Permissions the program's own page may use: writing text to the clipboard (Ctrl+C of grid blocks). */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

/** Is `url` a page of the program itself (the built renderer folder)? */
export function isAppUrl(url: string, rendererDir: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'file:') return false;
  let file = path.resolve(fileURLToPath(parsed));
  let root = path.resolve(rendererDir);
  if (process.platform === 'win32') {
    file = file.toLowerCase();
    root = root.toLowerCase();
  }
  return file === root || file.startsWith(root + path.sep);
}

/** Opens the link in the system browser if it is https; anything else is just refused. */
export function openExternalIfSafe(url: string): void {
  try {
    if (new URL(url).protocol === 'https:') void shell.openExternal(url);
  } catch {
    // not a URL: nothing to open
  }
}

export function installSecurity(session: Session, rendererDir: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });

  session.setPermissionRequestHandler((contents, permission, callback) => {
    callback(ALLOWED_PERMISSIONS.has(permission) && isAppUrl(contents.getURL(), rendererDir));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => {
    return ALLOWED_PERMISSIONS.has(permission) && requestingOrigin.startsWith('file:');
  });

  app.on('web-contents-created', (_event, contents) => hardenContents(contents, rendererDir));
}

/** The window a printed PDF opens in: Chromium's PDF viewer, nothing else. */
const PDF_WINDOW = {
  width: 900,
  height: 1000,
  autoHideMenuBar: true,
  webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true },
};

/** Every web contents, whoever made it: no navigation away, no new windows, no <webview>. */
export function hardenContents(contents: WebContents, rendererDir: string): void {
  const guard = (event: { preventDefault(): void }, url: string): void => {
    if (isAppUrl(url, rendererDir)) return;
    event.preventDefault();
    openExternalIfSafe(url);
  };
  contents.on('will-navigate', (event, url) => guard(event, url));
  contents.on('will-redirect', (event, url) => guard(event, url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // A PDF the renderer made itself, opened to be printed (renderer/reports/files.ts printPdf).
    if (url.startsWith('blob:')) return { action: 'allow', overrideBrowserWindowOptions: PDF_WINDOW };
    openExternalIfSafe(url);
    return { action: 'deny' };
  });
}
