import { EntitySchema } from 'typeorm';
import { col, foreignKeys, LIVE, syncedColumns, type Synced } from '../columns';

export const ROLES = ['admin', 'director', 'deputy', 'teacher', 'secretary'] as const;
/** Stored roles. «Классный руководитель» is not stored: it follows from leading a class. */
export type Role = (typeof ROLES)[number];

/** A login to the program. Passwords are kept only as scrypt hashes. */
export interface User extends Synced {
  id: string;
  /** Lower-cased, unique among users that are not deleted. */
  login: string;
  staffId: string | null;
  /** `scrypt$N$r$p$salt$hash` (base64); never the password itself. */
  passwordHash: string;
  /** Set after an administrator's reset: the user must choose a new password at the next login. */
  mustChangePassword: boolean;
  disabledAt: string | null;
  /**
   * Raised whenever the user's sessions must end everywhere (disabled, roles
   * changed, password reset or changed): a session of an older generation
   * is refused at its next call, on every computer (auth/login-state.ts).
   */
  sessionGeneration: number;
}

export const UserEntity = new EntitySchema<User>({
  name: 'User',
  tableName: 'users',
  columns: {
    id: col.id(),
    login: col.string(100),
    staffId: col.ref(true),
    passwordHash: col.string(300),
    mustChangePassword: col.bool(false),
    disabledAt: col.instant(true),
    sessionGeneration: col.int(false, 0),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('users', { staffId: 'staff' }),
  indices: [
    { name: 'IDX_users_login', columns: ['login'] },
    // One live account per login, whichever computer made it (migration 0009).
    { name: 'UQ_users_login_live', columns: ['login'], unique: true, where: LIVE },
  ],
});

/** A role granted to a user. Its id follows from (user, role), so a grant made on two computers is one row. */
export interface UserRole extends Synced {
  id: string;
  userId: string;
  role: Role;
}

export const UserRoleEntity = new EntitySchema<UserRole>({
  name: 'UserRole',
  tableName: 'user_roles',
  columns: {
    id: col.id(),
    userId: col.ref(),
    role: col.string(20),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('user_roles', { userId: 'users' }),
  indices: [{ name: 'UQ_user_roles_user_role_live', columns: ['userId', 'role'], unique: true, where: LIVE }],
});

/**
 * How logins went on THIS computer: failed attempts, the lockout, the last
 * login. Written at every login, so it stays out of the shared `users` row
 * (two computers would otherwise fight over it); it never syncs.
 */
export interface LoginState {
  userId: string;
  failedLogins: number;
  lockedUntil: string | null;
  lastLoginAt: string | null;
}

export const LoginStateEntity = new EntitySchema<LoginState>({
  name: 'LoginState',
  tableName: 'login_states',
  columns: {
    userId: { type: 'varchar', length: 36, primary: true },
    failedLogins: col.int(false, 0),
    lockedUntil: col.instant(true),
    lastLoginAt: col.instant(true),
  },
  foreignKeys: foreignKeys('login_states', { userId: 'users' }),
});
