import type { ReadableDb } from '../db/readable';
import { IsNull } from 'typeorm';
import { UserEntity, UserRoleEntity, type Role, type User } from '../db/entities/users';
import { StaffEntity } from '../db/entities/staff';
import { fullName } from '../shared/text';
import type { Actor } from './sessions';

export async function findUserByLogin(em: ReadableDb, login: string): Promise<User | null> {
  return em
    .createQueryBuilder(UserEntity, 'u')
    .where('u.login = :login', { login: normaliseLogin(login) })
    .andWhere('u.deletedAt IS NULL')
    .getOne();
}

export async function loadActor(em: ReadableDb, user: User): Promise<Actor> {
  const roles = await em.find(UserRoleEntity, { where: { userId: user.id, deletedAt: IsNull() } });
  const staff = user.staffId ? await em.findOne(StaffEntity, { where: { id: user.staffId } }) : null;
  return {
    userId: user.id,
    login: user.login,
    staffId: user.staffId,
    roles: roles.map((r) => r.role as Role).sort(),
    displayName: staff ? fullName(staff) : user.login,
  };
}

export function normaliseLogin(login: string): string {
  return login.trim().toLowerCase();
}
