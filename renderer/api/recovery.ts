import type { RecoveryDone, RecoveryStatus } from '../../main/core/host/host-call';
import type { DatabaseDamage } from '../../main/core/host/damaged-database';
import { ApiError } from './client';

export type { DatabaseDamage, RecoveryDone };

/**
 * The two calls the host answers itself while the database is damaged
 * (main/core/host/host-call.ts): they are not methods of the core's contract,
 * since the core cannot open the database they are about.
 */
async function hostCall<T>(method: string): Promise<T> {
  let result;
  try {
    result = await window.api.call(method, {});
  } catch {
    throw new ApiError('NETWORK', 'Нет связи с программой. Проверьте, что журнал запущен, и повторите действие.');
  }
  if (result.ok) return result.value as T;
  throw new ApiError(result.error.code, result.error.message, result.error.details);
}

export const recovery = {
  status: () => hostCall<RecoveryStatus>('recovery.status'),
  /** Restores the newest verified backup over the damaged database (moved aside, not deleted). */
  restoreLatest: () => hostCall<RecoveryDone>('recovery.restoreLatest'),
};

/** The damage a refused call carries (`DB_DAMAGED`), if it does. */
export function damageOf(error: unknown): DatabaseDamage | null {
  if (!(error instanceof ApiError) || error.code !== 'DB_DAMAGED') return null;
  const damage = (error.details as { damage?: DatabaseDamage } | undefined)?.damage;
  return damage ?? null;
}
