import { AppError, type ErrorPayload, type Result } from '../shared/errors';
import { callAsClient, type TokenSlot } from './client-session';
import type { DatabaseDamage } from './damaged-database';
import type { HostRuntime } from './open-host';

/**
 * The two calls a host answers itself, without the core's contract: the core
 * cannot run them, since they are about a database it could not open.
 */
export const RECOVERY_STATUS = 'recovery.status';
export const RECOVERY_RESTORE = 'recovery.restoreLatest';

export interface RecoveryStatus {
  damage: DatabaseDamage | null;
}

export interface RecoveryDone {
  /** When the restored backup was made. */
  restoredFrom: string | null;
  /** Where the damaged file was moved. */
  damagedCopy: string | null;
}

function failure(error: AppError): Result<never> {
  const payload: ErrorPayload = { code: error.code, message: error.message };
  if (error.details) payload.details = error.details;
  return { ok: false, error: payload };
}

/** What every call answers while the database is damaged: the reason, and the recovery on offer (in `details.damage`). */
export function damagedRefusal(damage: DatabaseDamage): AppError {
  return new AppError(
    'DB_DAMAGED',
    `База данных повреждена (${damage.reason}), работа с журналом невозможна до её восстановления из резервной копии.`,
    { damage },
  );
}

/**
 * A call from one client (a browser, a window) to a host's core. While the
 * database is damaged, every call is answered with the damage and its offer,
 * and `recovery.restoreLatest` — with no login, since nobody can log in to a
 * damaged database — restores the newest verified backup. It is refused once
 * the database is sound: nobody replaces a working journal without logging in.
 */
export async function callHost(host: HostRuntime, slot: TokenSlot, method: string, params: unknown): Promise<Result<unknown>> {
  if (method === RECOVERY_STATUS) return { ok: true, value: { damage: host.damage } satisfies RecoveryStatus };
  if (method === RECOVERY_RESTORE) {
    if (!host.damage) {
      return failure(new AppError('CONFLICT', 'База данных исправна: восстанавливать её не нужно. Копии восстанавливает администратор в разделе «Резервные копии».'));
    }
    try {
      const done = await host.recover();
      slot.set(null);
      return { ok: true, value: done satisfies RecoveryDone };
    } catch (e) {
      if (e instanceof AppError) return failure(e);
      throw e;
    }
  }
  const runtime = host.runtime;
  if (!runtime) return failure(damagedRefusal(host.damage!));
  return callAsClient(runtime, slot, method, params);
}
