import { AppError } from '../../shared/errors';

/**
 * How a failed file operation on the share is understood. The rule from
 * Joplin's network-drive issues (#961, #4223, #6304): a folder that cannot be
 * reached is «offline», never «everything was deleted».
 */

/**
 * Errors of a network folder that is not there right now: a dropped mapping
 * (ENOENT on the root), a timeout, a host that is down, a FUSE mount whose
 * client died (ENOTCONN), an NFS/SMB handle gone stale. On Windows libuv maps
 * most network failures to these codes, and the rest to UNKNOWN.
 */
const OFFLINE_CODES = new Set([
  'EIO',
  'ETIMEDOUT',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'ENETDOWN',
  'ENETUNREACH',
  'ENETRESET',
  'ENOTCONN',
  'ECONNRESET',
  'ECONNABORTED',
  'ECONNREFUSED',
  'ESTALE',
  'ESHUTDOWN',
  'ENODEV',
  'ENXIO',
  'UNKNOWN',
]);
const READ_ONLY_CODES = new Set(['EACCES', 'EPERM', 'EROFS']);
const NO_SPACE_CODES = new Set(['ENOSPC', 'EDQUOT']);

export function errnoOf(e: unknown): string | null {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : null;
}

export function isOfflineCode(code: string | null): boolean {
  return code !== null && OFFLINE_CODES.has(code);
}

export function offline(errno: string, cause?: unknown): AppError {
  return new AppError(
    'SYNC_OFFLINE',
    'Нет связи с общей папкой. Изменения сохраняются на этом компьютере и будут отправлены, когда папка снова станет доступна.',
    { errno, cause: cause instanceof Error ? cause.message : undefined },
  );
}

export function readOnly(errno: string, where: string): AppError {
  return new AppError(
    'SYNC_READ_ONLY',
    'В общую папку нельзя записывать: у этого компьютера нет прав на запись или папка открыта только для чтения. Попросите администратора сети дать права на запись в эту папку.',
    { errno, where },
  );
}

export function noSpace(errno: string, where: string): AppError {
  return new AppError(
    'SYNC_NO_SPACE',
    'На диске с общей папкой закончилось место. Изменения сохранены на этом компьютере; освободите место на сервере, и синхронизация продолжится.',
    { errno, where },
  );
}

/**
 * Turns a file-system error on the share into the typed error a caller acts
 * on; anything not recognised is passed on unchanged (ENOENT of a single file
 * is for the caller to judge).
 */
export function classifyShareError(e: unknown, where: string): unknown {
  if (e instanceof AppError) return e;
  const code = errnoOf(e);
  if (isOfflineCode(code)) return offline(code!, e);
  if (code && READ_ONLY_CODES.has(code)) return readOnly(code, where);
  if (code && NO_SPACE_CODES.has(code)) return noSpace(code, where);
  return e;
}

export function isAppError(e: unknown, code: AppError['code']): e is AppError {
  return e instanceof AppError && e.code === code;
}

export const SUSPECT_MESSAGE =
  'Общая папка выглядит не так, как раньше: в ней нет файлов, которые этот компьютер уже видел. Возможно, сетевой диск подключён не к той папке или файлы удалены. Синхронизация остановлена, на этом компьютере ничего не удалено. Обратитесь к администратору.';

export const NEEDS_UPDATE_MESSAGE =
  'Общая папка записана более новой версией программы «Классный журнал». Этот компьютер получает те изменения, которые понимает, но не отправляет свои. Обновите программу.';
