import type { FieldChange } from '../../main/core/sync/share/types';

/**
 * Synthetic data for the shared-folder tests: the passphrase and data set of
 * a test school, and field changes of the shape the change log records.
 * No vitest here: the kill tests' child process imports it too.
 */

export const PASSPHRASE = 'Школа-№7-синхронизация';
export const DATA_SET = '0190c9a2-7a1b-7000-8000-00000000d5e7';
/** The lowest scrypt cost within the bounds: tests open folders many times. */
export const LOWEST_COST = { logN: 14, r: 8, p: 1 };

/** Field changes of computer `computerId` for batch `seq`: deterministic, so a retry rebuilds the same batch. */
export function changesFor(computerId: string, seq: number, count = 3): FieldChange[] {
  return Array.from({ length: count }, (_, i) => ({
    hlc: `2026-11-23T07:${String(seq % 60).padStart(2, '0')}:00.000Z-${String(i).padStart(4, '0')}-${computerId}`,
    computerId,
    entity: i % 2 ? 'Attendance' : 'Mark',
    rowId: `row-${seq}-${i}`,
    field: i % 2 ? 'status' : 'value',
    value: i % 3 === 0 ? '5' : i % 3 === 1 ? 4 : i % 5 === 0 ? null : true,
    group: i % 2 ? null : 'mark',
  }));
}
