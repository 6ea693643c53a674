/**
 * Every failure that crosses the contract is an AppError with a code from this
 * closed list and a Russian message fit to show a user as it is.
 */
export const ERROR_CODES = [
  'VALIDATION', // params or a form failed validation; details name the fields
  'UNAUTHENTICATED', // no session, or the session has ended
  'SESSION_LOCKED', // the session is locked (idle or by hand): unlock or switch user
  'PASSWORD_CHANGE_REQUIRED', // a temporary password must be changed before anything else
  'FORBIDDEN', // the role or scope does not allow this
  'NOT_FOUND', // the record does not exist (or was deleted)
  'CONFLICT', // the change clashes with existing data (duplicate, in use, overlap)
  'READ_ONLY', // a closed period, a locked year, a director's view
  'LOGIN_FAILED', // wrong login or password
  'ACCOUNT_LOCKED', // too many failed logins, or the account is disabled
  'SETUP_REQUIRED', // the first run has not been completed
  'DB_NEWER', // the database was written by a newer version of the program
  'DATA_DIR_IN_USE', // another program «Классный журнал» has this data folder open
  'DISK_FULL', // no space left on the disk of the data folder: nothing was saved
  'DISK_READ_ONLY', // the data folder or its disk cannot be written
  'DISK_IO', // the disk failed to read or write
  'DB_DAMAGED', // the database file is damaged: recovery from a verified backup is offered
  'DB_BUSY', // another program kept writing to the same database file longer than a write waits: nothing was saved, try again
  'DB_UNREACHABLE', // the PostgreSQL server does not answer (down, restarting, no network): nothing was saved; the program reconnects by itself
  // The school's shared folder (sync/share/README.md):
  'SYNC_OFFLINE', // the shared folder cannot be reached now; nothing is lost, sync resumes later
  'SYNC_SHARE_SUSPECT', // the folder looks wrong (empty, files this computer has seen are gone): sync stops, ask the administrator
  'SYNC_NOT_A_SHARE', // the folder has no school.json: not a shared folder of the journal (yet)
  'SYNC_OTHER_SCHOOL', // the folder belongs to another school's data set
  'SYNC_WRONG_PASSPHRASE', // the sync passphrase does not open the folder
  'SYNC_BAD_SCHOOL_FILE', // school.json is damaged or its key parameters are outside safe bounds
  'SYNC_NEEDS_UPDATE', // the folder's format is newer than this program: it reads what it can and writes nothing
  'SYNC_READ_ONLY', // the folder cannot be written (permissions, a read-only share)
  'SYNC_NO_SPACE', // the share's disk is full
  'SYNC_LOCK_BUSY', // another computer holds the exclusive lock (making the shared database file)
  'SYNC_LOCK_EXPIRED', // the exclusive lock expired while held: the work under it is abandoned
  'NO_CONSENT', // a student's personal data may not leave the school as a file without consent to their processing (152-ФЗ): paper only
  'FILE_REFUSED', // an uploaded file beyond what the program reads safely (unpacked size, nesting, memory, time): details.fields name the file field
  'CLOCK_DRIFT', // a change from a computer whose clock is too far ahead
  'UNKNOWN_METHOD',
  'INTERNAL', // a bug: logged, never shown with a stack trace
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Field name → Russian message, for forms that show the error next to the field. */
export type FieldErrors = Record<string, string>;

export interface ErrorDetails {
  fields?: FieldErrors;
  [key: string]: unknown;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  details?: ErrorDetails;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

export const fail = {
  notFound: (what: string) => new AppError('NOT_FOUND', `${what} не найден(а). Возможно, запись уже удалена.`),
  forbidden: (why: string) => new AppError('FORBIDDEN', why),
  conflict: (why: string, details?: ErrorDetails) => new AppError('CONFLICT', why, details),
  readOnly: (why: string) => new AppError('READ_ONLY', why),
  validation: (message: string, fields?: FieldErrors) => new AppError('VALIDATION', message, fields ? { fields } : undefined),
};
