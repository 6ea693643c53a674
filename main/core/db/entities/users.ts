import { EntitySchema } from 'typeorm';
import { col, foreignKeys, syncedColumns, type Synced } from '../columns';

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
  failedLogins: number;
  lockedUntil: string | null;
  lastLoginAt: string | null;
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
    failedLogins: col.int(false, 0),
    lockedUntil: col.instant(true),
    lastLoginAt: col.instant(true),
    ...syncedColumns,
  },
  foreignKeys: foreignKeys('users', { staffId: 'staff' }),
  indices: [{ name: 'IDX_users_login', columns: ['login'] }],
});

export interface UserRole {
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
  },
  foreignKeys: foreignKeys('user_roles', { userId: 'users' }),
  indices: [{ name: 'IDX_user_roles_user_role', columns: ['userId', 'role'], unique: true }],
});
