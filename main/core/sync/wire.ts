import type { ChangeLogEntry } from '../db/entities/system';
import type { FieldChange } from './share/types';
import { AppError } from '../shared/errors';

/**
 * A change-log entry as a batch carries it, and back. A field's value
 * travels as its typed JSON value (`4`, `"текст"`, `true`, `null`); a whole
 * new row (`*`) as the JSON text of its fields, since a batch's values are
 * scalars. Both directions are exact: a batch rebuilt from the change log is
 * byte for byte the batch written before (the shared folder refuses another
 * batch under a used seq).
 */
export function toWire(entry: ChangeLogEntry): FieldChange {
  let value: FieldChange['value'];
  if (entry.field === '*') value = entry.value;
  else {
    const parsed: unknown = JSON.parse(entry.value);
    if (parsed !== null && typeof parsed === 'object') {
      throw new AppError('INTERNAL', 'Внутренняя ошибка синхронизации: значение поля в журнале изменений не скалярное.', { entity: entry.entity, field: entry.field });
    }
    value = parsed as FieldChange['value'];
  }
  return { hlc: entry.hlc, computerId: entry.computerId, entity: entry.entity, rowId: entry.rowId, field: entry.field, value, group: entry.fieldGroup };
}

/** The JSON text the change log keeps for a change that came in a batch; null when it is not what the format says. */
export function valueText(change: FieldChange): string | null {
  if (change.field !== '*') return JSON.stringify(change.value);
  if (typeof change.value !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(change.value);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? change.value : null;
  } catch {
    return null;
  }
}
