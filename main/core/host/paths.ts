import os from 'node:os';
import path from 'node:path';

/** The program's folder name inside the user's data folder. */
const APP_DIR_NAME = 'klassny-zhurnal';

/**
 * The user's data folder for the program when it runs outside Electron (the
 * browser host, the CLI): `$KZ_DATA_DIR` when set, otherwise the platform's
 * usual place — XDG on Linux, `%APPDATA%` on Windows, Application Support on
 * macOS. Electron asks `app.getPath('userData')` instead.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  if (env.KZ_DATA_DIR) return path.resolve(env.KZ_DATA_DIR);
  if (platform === 'win32') {
    const appData = env.APPDATA || path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, APP_DIR_NAME);
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  const xdg = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.join(home, '.local', 'share');
  return path.join(xdg, APP_DIR_NAME);
}
