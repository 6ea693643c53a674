import { AppError, type ErrorPayload, type Result } from '../shared/errors';
import { Writer } from '../write/writer';
import type { EntityManager } from 'typeorm';
import { busyRefusal, storageRefusal, unreachableRefusal } from '../db/errors';
import { writeTransaction } from '../db/write-transaction';
import { rolesAllow, ROLE_NAMES_RU } from '../auth/permissions';
import type { Session } from '../auth/sessions';
import type { CoreRuntime } from '../host/runtime';
import { getSetting } from '../settings/store';
import { UserEntity } from '../db/entities/users';
import { FailAfterCommit, type Method, type MutationContext, type QueryContext } from '../api/contract';
import { METHODS } from './methods';
import { filesFor, readFilesBeforeQueue, type FilesRead } from '../files/before-queue';

export interface Call {
  method: string;
  params?: unknown;
  /** The session token the host got from `auth.login`; absent for public methods. */
  token?: string | null;
}

/** Methods a locked session may still call: to unlock, to see where it stands, or to leave. */
const ALLOWED_WHEN_LOCKED = new Set(['auth.status', 'auth.unlock', 'auth.logout']);
/** Methods open to a user who logged in with a temporary password: to change it, or to leave. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set(['auth.status', 'auth.me', 'auth.changePassword', 'auth.logout', 'auth.lock', 'auth.unlock']);

/**
 * The one entry to the core for every host: validates, authorises, runs the
 * handler in a transaction (with its audit events), and returns a Result whose
 * error message is Russian and fit to show. Calls are serialised: the SQLite
 * connection is one, and a school's desktop needs no parallel writes. An
 * uploaded file is read before the call's turn, outside the queue
 * (files/before-queue.ts).
 */
export async function dispatch(runtime: CoreRuntime, call: Call): Promise<Result<unknown>> {
  const method: Method | undefined = Object.hasOwn(METHODS, call.method)
    ? (METHODS as Record<string, Method>)[call.method]
    : undefined;
  let files: FilesRead;
  try {
    files = await readFilesBeforeQueue(runtime, method, call);
  } catch (e) {
    return failed(runtime, call, e, method?.action);
  }
  return runtime.serialize(() => run(runtime, call, method, files));
}

async function run(runtime: CoreRuntime, call: Call, method: Method | undefined, read: FilesRead): Promise<Result<unknown>> {
  if (!method) return failure(new AppError('UNKNOWN_METHOD', `Неизвестная операция «${call.method}».`));
  try {
    if (method.kind === 'operation') {
      const ds = runtime.database();
      const session = await admit(runtime, method, call, ds.manager);
      const params = parseParams(method, call.params);
      const value = await method.handler(
        params,
        { clock: runtime.clock, runtime, actor: session?.actor ?? null, session, method: call.method },
        filesFor(method, read),
      );
      return { ok: true, value };
    }
    const ds = runtime.database();
    const work = async (em: EntityManager) => {
      const session = await admit(runtime, method, call, em);
      const params = parseParams(method, call.params);
      const files = filesFor(method, read);
      const base: QueryContext = {
        em,
        clock: runtime.clock,
        runtime,
        actor: session?.actor ?? null,
        session,
        method: call.method,
      };
      if (method.kind === 'query') return method.handler(params, base, files);
      const write = new Writer(em, runtime.clock, { userId: session?.actor.userId ?? null, method: call.method }, runtime.changes);
      const ctx: MutationContext = { ...base, write };
      try {
        return await method.handler(params, ctx, files);
      } catch (e) {
        if (e instanceof FailAfterCommit) return e;
        throw e;
      }
    };
    // A mutation takes the write lock before it reads: another program's write cannot fail it halfway.
    const value = method.kind === 'mutation' ? await writeTransaction(ds, work) : await ds.transaction(work);
    if (value instanceof FailAfterCommit) return failure(value.error);
    return { ok: true, value };
  } catch (e) {
    return failed(runtime, call, e, method.action);
  }
}

function failed(runtime: CoreRuntime, call: Call, e: unknown, action = 'чтение файла'): Result<never> {
  if (e instanceof AppError) return failure(e);
  // A full, read-only or failing disk, a busy database, a server that does not answer: said in Russian (db/errors.ts).
  const db = runtime.dbConfig;
  const server = db.kind === 'postgres' ? unreachableRefusal(e, action, { port: portOf(db.url) }) : null;
  const disk = storageRefusal(e, action) ?? busyRefusal(e, action) ?? server;
  runtime.log.error(`method ${call.method} failed`, e);
  if (disk) return failure(disk);
  return failure(
    new AppError(
      'INTERNAL',
      'Внутренняя ошибка программы. Изменения не сохранены. Повторите действие; если ошибка повторится, сообщите администратору.',
    ),
  );
}

function portOf(url: string): number {
  try {
    return Number(new URL(url).port || 5432);
  } catch {
    return 5432;
  }
}

/** The session of the call, checked against the method's access rule (null for public methods). */
async function admit(runtime: CoreRuntime, method: Method, call: Call, em: QueryContext['em']): Promise<Session | null> {
  if (method.access === 'public') return runtime.sessions.get(call.token);
  const session = await authenticate(runtime, call, em);
  if (method.access !== 'session' && !rolesAllow(session.actor.roles, method.access)) {
    const roles = session.actor.roles.map((r) => ROLE_NAMES_RU[r]).join(', ');
    throw new AppError('FORBIDDEN', `Недостаточно прав: ${method.action} недоступно для роли «${roles}».`);
  }
  return session;
}

async function authenticate(runtime: CoreRuntime, call: Call, em: QueryContext['em']): Promise<Session> {
  const session = runtime.sessions.get(call.token);
  if (!session) throw new AppError('UNAUTHENTICATED', 'Сеанс завершён. Войдите в программу снова.');
  await requireCurrentAccount(runtime, session, em);
  const idleMinutes = await getSetting(em, 'session.idleLockMinutes');
  runtime.sessions.touch(session, runtime.clock.now().getTime(), idleMinutes * 60_000);
  if (session.locked && !ALLOWED_WHEN_LOCKED.has(call.method)) {
    throw new AppError('SESSION_LOCKED', 'Сеанс заблокирован. Введите пароль, чтобы продолжить, или смените пользователя.');
  }
  if (session.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(call.method)) {
    throw new AppError('PASSWORD_CHANGE_REQUIRED', 'Смените временный пароль, выданный администратором, чтобы продолжить работу.');
  }
  return session;
}

/**
 * Every call sees the account as it is now, whichever process or computer
 * changed it: a user disabled, removed, given other roles or a new password
 * elsewhere (another program on the same data, the PostgreSQL server, or a
 * change that arrived through the shared folder) has raised the account's
 * session generation, and this session ends here at its next call.
 */
async function requireCurrentAccount(runtime: CoreRuntime, session: Session, em: QueryContext['em']): Promise<void> {
  const user = await em.findOne(UserEntity, { where: { id: session.actor.userId }, select: { id: true, sessionGeneration: true, disabledAt: true, deletedAt: true } });
  if (user && !user.deletedAt && !user.disabledAt && user.sessionGeneration === session.generation) return;
  runtime.sessions.end(session.token);
  throw new AppError(
    'UNAUTHENTICATED',
    user && !user.deletedAt && !user.disabledAt
      ? 'Сеанс завершён: администратор изменил вашу учётную запись (пароль или роли). Войдите в программу снова.'
      : 'Сеанс завершён: учётная запись отключена или удалена. Обратитесь к администратору электронного журнала.',
  );
}

function parseParams(method: Method, raw: unknown): unknown {
  const parsed = method.params.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= issue.message;
  }
  const first = parsed.error.issues[0];
  throw new AppError(
    'VALIDATION',
    `Проверьте введённые данные: ${first?.message ?? 'данные не прошли проверку'}.`.replace(/\.\.$/, '.'),
    { fields },
  );
}

function failure(error: AppError): Result<never> {
  const payload: ErrorPayload = { code: error.code, message: error.message };
  if (error.details) payload.details = error.details;
  return { ok: false, error: payload };
}

