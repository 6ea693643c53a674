import { LoginStateEntity, UserEntity, type LoginState, type User } from '../db/entities/users';
import type { ReadableDb } from '../db/readable';
import type { Writer } from '../write/writer';

/**
 * Failed logins, the lockout and the last login of a user on THIS computer
 * (changes/policy.ts: `local`). A user who has never logged in here has no
 * row: zero failures, no lock.
 */
export async function loginStateOf(db: ReadableDb, userId: string): Promise<LoginState> {
  return (await db.findOne(LoginStateEntity, { where: { userId } })) ?? { userId, failedLogins: 0, lockedUntil: null, lastLoginAt: null };
}

export async function saveLoginState(write: Writer, userId: string, patch: Partial<Omit<LoginState, 'userId'>>): Promise<void> {
  const existing = await write.db.findOne(LoginStateEntity, { where: { userId } });
  if (existing) await write.update(LoginStateEntity, userId, patch);
  else await write.insert(LoginStateEntity, { userId, failedLogins: 0, lockedUntil: null, lastLoginAt: null, ...patch });
}

/** Lifts a lockout here (the administrator enabled the account or reset its password). */
export async function clearLockout(write: Writer, userId: string): Promise<void> {
  if (await write.db.findOne(LoginStateEntity, { where: { userId } })) await write.update(LoginStateEntity, userId, { failedLogins: 0, lockedUntil: null });
}

/**
 * Ends every session of a user, here and on every computer that shares the
 * school's data: the generation stored with the user is raised, and each
 * call compares its session's generation with it (registry/dispatch.ts). A
 * user disabled, given other roles or a new password on one computer is
 * logged out on the others at their next call.
 */
export async function endSessionsEverywhere(write: Writer, user: Pick<User, 'id' | 'sessionGeneration'>): Promise<number> {
  const next = user.sessionGeneration + 1;
  await write.update(UserEntity, user.id, { sessionGeneration: next });
  return next;
}
