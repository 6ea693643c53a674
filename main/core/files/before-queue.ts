import type { Method } from '../api/contract';
import { rolesAllow } from '../auth/permissions';
import type { CoreRuntime } from '../host/runtime';
import { AppError } from '../shared/errors';

/** The files of a call that was not let through to reading (see below). */
const NOT_READ = Symbol('files not read');

export type FilesRead = { files: unknown } | typeof NOT_READ;

/**
 * Reads a call's uploaded files (the method's `readFiles`, in a reading
 * worker) before the call takes its turn on the core's queue, so that a slow
 * or hostile file never holds up anyone else's call. Only a call that can
 * pass is read: a session whose roles allow the method, params that pass
 * their schema. Any other call goes to the queue unread, where it is refused
 * like every call (the session, the roles and the params are checked there
 * again in full, with the database).
 */
export async function readFilesBeforeQueue(runtime: CoreRuntime, method: Method | undefined, call: { params?: unknown; token?: string | null }): Promise<FilesRead> {
  if (!method?.readFiles) return { files: undefined };
  if (method.access !== 'public') {
    const session = runtime.sessions.get(call.token);
    if (!session || session.locked || session.mustChangePassword) return NOT_READ;
    if (method.access !== 'session' && !rolesAllow(session.actor.roles, method.access)) return NOT_READ;
  }
  const parsed = method.params.safeParse(call.params ?? {});
  if (!parsed.success) return NOT_READ;
  return { files: await method.readFiles(parsed.data) };
}

/** The files for the handler; a call that got this far unread is refused (its session changed meanwhile). */
export function filesFor(method: Method, read: FilesRead): unknown {
  if (read !== NOT_READ) return read.files;
  if (!method.readFiles) return undefined;
  throw new AppError('UNAUTHENTICATED', 'Сеанс изменился, пока файл ждал очереди. Загрузите файл ещё раз.');
}
