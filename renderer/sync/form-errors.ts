import { ApiError, messageOf } from '../api/client';

export type Field = 'root' | 'computerName' | 'passphrase' | 'passphrase2';

/** Refusals about the folder itself: shown under the folder field. */
const FOLDER_CODES = new Set(['SYNC_NOT_A_SHARE', 'SYNC_OTHER_SCHOOL', 'SYNC_READ_ONLY', 'SYNC_OFFLINE', 'SYNC_NO_SPACE', 'SYNC_BAD_SCHOOL_FILE', 'SYNC_SHARE_SUSPECT', 'SYNC_NEEDS_UPDATE', 'CONFLICT']);

/** The example of a folder path the forms show (schools work on Windows). */
export const FOLDER_EXAMPLE = '\\\\SERVER\\Журнал или Z:\\Журнал';

/** Where an error goes: the field it is about, or the form. */
export function placeError(e: unknown): { fields: Partial<Record<Field, string>>; form: string | null } {
  if (!(e instanceof ApiError)) return { fields: {}, form: messageOf(e) };
  const fields = e.fields as Partial<Record<Field, string>>;
  if (Object.keys(fields).length > 0) return { fields, form: null };
  if (e.code === 'SYNC_WRONG_PASSPHRASE') return { fields: { passphrase: e.message }, form: null };
  if (FOLDER_CODES.has(e.code)) return { fields: { root: e.message }, form: null };
  return { fields: {}, form: e.message };
}

