import { AppError } from '../shared/errors';

/**
 * What the disk said, in words a teacher can act on (issue 17, item 7). A full
 * disk, a read-only folder or a failing disk reach the core as SQLite result
 * codes (through TypeORM's QueryFailedError) or as Node's errno codes (a
 * backup, a settings file); each gets its own error code and a Russian
 * message that says nothing was saved and what to do. The renderer keeps what
 * the user typed for every refused save, so the message can say so.
 */
export type StorageFailure = 'DISK_FULL' | 'DISK_READ_ONLY' | 'DISK_IO' | 'DB_DAMAGED';

/** The storage failure behind an error, looking through TypeORM's and Node's wrappers; null when it is not one. */
export function storageFailureOf(error: unknown): StorageFailure | null {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      const kind = classify(code);
      if (kind) return kind;
    }
    e = (e as { driverError?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
  }
  return null;
}

function classify(code: string): StorageFailure | null {
  // SQLite's extended codes keep the primary one as a prefix: SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED …
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'DISK_FULL';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES') return 'DISK_READ_ONLY';
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return 'DISK_IO';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'DB_DAMAGED';
  return null;
}

const REASONS: Record<StorageFailure, string> = {
  DISK_FULL: 'на диске нет места',
  DISK_READ_ONLY: 'диск или папка доступны только для чтения',
  DISK_IO: 'ошибка чтения или записи диска',
  DB_DAMAGED: 'база данных повреждена',
};

/** Why a file step failed, in Russian: the storage failure in words, otherwise the system's own message. */
export function failureReason(error: unknown): string {
  const kind = storageFailureOf(error);
  return kind ? REASONS[kind] : error instanceof Error ? error.message : String(error);
}

/**
 * The Russian refusal for a write that waited for another program's write to
 * the same database file (`SQLITE_BUSY_TIMEOUT_MS`, data-source.ts) and gave
 * up, or null when the error is something else. Nothing was saved; a retry
 * a little later goes through.
 */
export function busyRefusal(error: unknown, action: string): AppError | null {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    // PostgreSQL: a write that waited for another computer's write (write-transaction.ts, SERVER_WRITE_WAIT).
    if (code === '55P03') {
      return new AppError(
        'DB_BUSY',
        `База данных на сервере занята: в неё долго записывает другой компьютер школы. Изменения не сохранены (${action}). Повторите через минуту. Введённое на экране не пропало.`,
        { reason: error instanceof Error ? error.message : String(error) },
      );
    }
    if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))) {
      return new AppError(
        'DB_BUSY',
        `База данных занята: в неё долго записывает другая программа (ещё один открытый «Классный журнал» или резервное копирование). ` +
          `Изменения не сохранены (${action}). Повторите через минуту. Введённое на экране не пропало.`,
        { reason: error instanceof Error ? error.message : String(error) },
      );
    }
    e = (e as { driverError?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
  }
  return null;
}

/** Node's codes for a connection that could not be made or was cut. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);
/** PostgreSQL's: the connection class (08…), the server shutting down or starting (57P01–57P03). */
const SERVER_GONE = /^(08\d{3}|57P0[123])$/;

/**
 * The Russian refusal for a call whose PostgreSQL server did not answer or
 * went away in the middle (switched off, restarted, the network down), or
 * null when the error is something else. The server rolls back a
 * transaction whose connection is gone, so nothing was half written; the
 * connection pool makes new connections at the next call, so the program
 * carries on by itself once the server is back.
 */
export function unreachableRefusal(error: unknown, action: string, server: { port: number }): AppError | null {
  // A connection of something else (a mail server, a shared folder) that failed: not the database's.
  const ours = (x: unknown) => {
    const port = (x as { port?: unknown }).port;
    return CONNECTION_CODES.has(String((x as { code?: unknown }).code)) && (port === undefined || Number(port) === server.port);
  };
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    const message = String((e as { message?: unknown }).message ?? '');
    const inner = (e as { errors?: unknown[] }).errors?.some(ours);
    if (
      ours(e) ||
      (typeof code === 'string' && SERVER_GONE.test(code)) ||
      inner ||
      /^Connection terminated|timeout exceeded when trying to connect/i.test(message)
    ) {
      return new AppError(
        'DB_UNREACHABLE',
        `Нет связи с сервером базы данных: он выключен, перезапускается или недоступен по сети. Изменения не сохранены (${action}); введённое на экране не пропало. ` +
          'Программа подключится снова сама, как только сервер ответит: повторите действие через минуту.',
        { reason: error instanceof Error ? error.message : String(error) },
      );
    }
    e = (e as { driverError?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * The Russian refusal for a storage failure during an action («изменение
 * отметок»), or null when the error is something else.
 */
export function storageRefusal(error: unknown, action: string): AppError | null {
  const kind = storageFailureOf(error);
  if (!kind) return null;
  const reason = error instanceof Error ? error.message : String(error);
  const kept = 'Введённое на экране не пропало: повторите сохранение, когда причина будет устранена.';
  switch (kind) {
    case 'DISK_FULL':
      return new AppError(
        'DISK_FULL',
        `На диске нет места: изменения не сохранены (${action}). Освободите место на диске с папкой данных программы ` +
          `(удалите ненужные файлы или обратитесь к администратору). ${kept}`,
        { reason },
      );
    case 'DISK_READ_ONLY':
      return new AppError(
        'DISK_READ_ONLY',
        `Диск или папка данных программы доступны только для чтения: изменения не сохранены (${action}). ` +
          `Обратитесь к администратору: папке данных нужно разрешение на запись. ${kept}`,
        { reason },
      );
    case 'DISK_IO':
      return new AppError(
        'DISK_IO',
        `Ошибка чтения или записи диска: изменения не сохранены (${action}). Диск может быть неисправен или отключён: ` +
          `сообщите администратору и проверьте, что резервные копии свежие. ${kept}`,
        { reason },
      );
    case 'DB_DAMAGED':
      return new AppError(
        'DB_DAMAGED',
        `База данных повреждена: изменения не сохранены (${action}). Закройте программу и откройте её снова: ` +
          'она проверит базу данных и предложит восстановить последнюю проверенную резервную копию.',
        { reason },
      );
  }
}
