import { In, IsNull } from 'typeorm';
import type { ReadableDb } from '../db/readable';
import { UserEntity, UserRoleEntity, type Role } from '../db/entities/users';
import { StaffEntity } from '../db/entities/staff';
import { compareRu, fullName } from '../shared/text';

/** A staff member as the mail shows them: «Иванова Анна Петровна», or the login of an account without a staff card. */
export interface MailPerson {
  userId: string;
  name: string;
  /** The position on the staff card: «Учитель математики». */
  position: string | null;
}

/** Accounts that can receive mail: live and not disabled. */
export async function liveUsers(em: ReadableDb, where: { ids?: string[]; staffIds?: string[] } = {}): Promise<MailPerson[]> {
  if ((where.ids && where.ids.length === 0) || (where.staffIds && where.staffIds.length === 0)) return [];
  const users = await em.find(UserEntity, {
    where: {
      deletedAt: IsNull(),
      disabledAt: IsNull(),
      ...(where.ids ? { id: In(where.ids) } : {}),
      ...(where.staffIds ? { staffId: In(where.staffIds) } : {}),
    },
  });
  const staffIds = users.map((u) => u.staffId).filter((id): id is string => !!id);
  const staff = staffIds.length ? await em.find(StaffEntity, { where: { id: In(staffIds) } }) : [];
  const byId = new Map(staff.map((s) => [s.id, s]));
  return users
    .map((u) => {
      const s = u.staffId ? byId.get(u.staffId) : undefined;
      return { userId: u.id, name: s ? fullName(s) : u.login, position: s?.position ?? null };
    })
    .sort((a, b) => compareRu(a.name, b.name));
}

/** The users holding any of the roles. */
export async function usersWithRoles(em: ReadableDb, roles: Role[]): Promise<MailPerson[]> {
  const rows = await em.find(UserRoleEntity, { where: { role: In(roles), deletedAt: IsNull() } });
  return liveUsers(em, { ids: [...new Set(rows.map((r) => r.userId))] });
}

/** Names of users by id (a removed account keeps its login), for threads and messages. */
export async function namesOf(em: ReadableDb, userIds: Iterable<string>): Promise<Map<string, string>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const users = await em.find(UserEntity, { where: { id: In(ids) } });
  const staffIds = users.map((u) => u.staffId).filter((id): id is string => !!id);
  const staff = staffIds.length ? await em.find(StaffEntity, { where: { id: In(staffIds) } }) : [];
  const byId = new Map(staff.map((s) => [s.id, s]));
  return new Map(users.map((u) => [u.id, u.staffId && byId.has(u.staffId) ? fullName(byId.get(u.staffId)!) : u.login]));
}
