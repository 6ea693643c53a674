import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../shared/errors';
import { errnoOf, isOfflineCode } from './share/share-errors';

/**
 * The folder the administrator typed on the settings screen, checked before
 * it is tested, made or joined: the share layer reads a missing folder as
 * «offline» (a network drive that dropped), which is right once sync runs
 * but says nothing useful about a mistyped path.
 */

/** A path that does not answer within this time is reported as not answering (a dead server can hang a stat for a minute). */
const STAT_TIMEOUT_MS = 15_000;

const EXAMPLE = process.platform === 'win32' ? '\\\\SERVER\\Журнал или Z:\\Журнал' : '/mnt/school/журнал';

function refuse(message: string): AppError {
  return new AppError('VALIDATION', message, { fields: { root: message } });
}

export async function checkFolderPath(root: string): Promise<string> {
  if (!path.isAbsolute(root)) return Promise.reject(refuse(`Укажите полный путь к папке, например ${EXAMPLE}.`));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(refuse(`Папка «${root}» не отвечает: возможно, сервер выключен или нет связи с сетью. Проверьте подключение и повторите.`)), STAT_TIMEOUT_MS);
    timer.unref();
  });
  try {
    const st = await Promise.race([fs.promises.stat(root), timeout]).catch((e: unknown) => {
      if (e instanceof AppError) throw e;
      const code = errnoOf(e);
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        throw refuse(`Папка «${root}» не найдена. Проверьте путь и то, что сетевой диск подключён на этом компьютере.`);
      }
      if (code === 'EACCES' || code === 'EPERM') throw refuse(`Нет доступа к папке «${root}»: у пользователя этого компьютера нет прав на неё.`);
      if (isOfflineCode(code)) throw refuse(`Папка «${root}» сейчас недоступна (нет связи с сетевым диском). Проверьте подключение и повторите.`);
      throw e;
    });
    if (!st.isDirectory()) throw refuse(`«${root}» — это файл, а не папка. Укажите папку.`);
    return root;
  } finally {
    clearTimeout(timer);
  }
}
