import { z } from 'zod';
import { IsNull } from 'typeorm';
import { mutation, query, actorOf, idParam, noParams } from '../api/contract';
import { schoolTodayOf } from '../settings/school-today';
import { AppError, fail } from '../shared/errors';
import { LoginStateEntity, ROLES, UserEntity, UserRoleEntity, type Role } from '../db/entities/users';
import { clearLockout, endSessionsEverywhere } from '../auth/login-state';
import { StaffEntity } from '../db/entities/staff';
import { generateTemporaryPassword, hashPassword, passwordProblem } from '../auth/password';
import { normaliseLogin, findUserByLogin } from '../auth/actors';
import { fullName } from '../shared/text';
import type { MutationContext } from '../api/contract';
import { ROLE_NAMES_RU } from '../auth/permissions';
import { getSetting } from '../settings/store';

const roleList = z.array(z.enum(ROLES)).min(1, 'Назначьте хотя бы одну роль');
const loginSchema = z
  .string()
  .trim()
  .min(3, 'Логин — не короче 3 символов')
  .max(100)
  .regex(/^[a-zA-Z0-9._-]+$/, 'Логин может содержать только латинские буквы, цифры, точку, дефис и подчёркивание');

export interface UserDto {
  id: string;
  login: string;
  staffId: string | null;
  staffName: string | null;
  roles: Role[];
  disabled: boolean;
  locked: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
}

export const userMethods = {
  'users.list': query({
    params: noParams,
    access: 'users.manage',
    action: 'просмотр учётных записей',
    handler: async (_p, ctx): Promise<UserDto[]> => {
      const users = await ctx.em.createQueryBuilder(UserEntity, 'u').where('u.deletedAt IS NULL').orderBy('u.login').getMany();
      const roles = await ctx.em.find(UserRoleEntity, { where: { deletedAt: IsNull() } });
      const staff = await ctx.em.find(StaffEntity);
      const staffById = new Map(staff.map((s) => [s.id, s]));
      const states = new Map((await ctx.em.find(LoginStateEntity)).map((s) => [s.userId, s]));
      const now = ctx.clock.now().toISOString();
      return users.map((u) => ({
        id: u.id,
        login: u.login,
        staffId: u.staffId,
        staffName: u.staffId && staffById.has(u.staffId) ? fullName(staffById.get(u.staffId)!) : null,
        roles: roles.filter((r) => r.userId === u.id).map((r) => r.role as Role).sort(),
        disabled: !!u.disabledAt,
        // Lockout and last login are this computer's (auth/login-state.ts).
        locked: !!states.get(u.id)?.lockedUntil && states.get(u.id)!.lockedUntil! > now,
        mustChangePassword: u.mustChangePassword,
        lastLoginAt: states.get(u.id)?.lastLoginAt ?? null,
      }));
    },
  }),

  /** A new account gets a temporary password, handed over in person; it must be changed at first login. */
  'users.create': mutation({
    params: z.object({ login: loginSchema, staffId: z.string().uuid().nullable(), roles: roleList }),
    access: 'users.manage',
    action: 'создание учётной записи',
    handler: async (p, ctx) => {
      if (await findUserByLogin(ctx.em, p.login)) {
        throw new AppError('CONFLICT', `Логин «${p.login}» уже занят.`, { fields: { login: 'Логин уже занят' } });
      }
      if (p.staffId && !(await ctx.em.findOne(StaffEntity, { where: { id: p.staffId } }))) throw fail.notFound('Сотрудник');
      const temporaryPassword = generateTemporaryPassword();
      const user = await ctx.write.insert(UserEntity, {
        login: normaliseLogin(p.login),
        staffId: p.staffId,
        passwordHash: await hashPassword(temporaryPassword),
        mustChangePassword: true,
        disabledAt: null,
        sessionGeneration: 0,
      });
      for (const role of new Set(p.roles)) await ctx.write.insert(UserRoleEntity, { userId: user.id, role });
      return { id: user.id, login: user.login, temporaryPassword };
    },
  }),

  'users.setRoles': mutation({
    params: z.object({ id: z.string().uuid(), roles: roleList }),
    access: 'users.manage',
    action: 'изменение ролей',
    handler: async (p, ctx) => {
      await requireUser(ctx, p.id);
      const wanted = new Set<Role>(p.roles);
      if (p.id === actorOf(ctx).userId && !wanted.has('admin')) {
        throw new AppError('CONFLICT', 'Нельзя снять роль администратора с самого себя: войдите под другим администратором.');
      }
      const current = await ctx.em.find(UserRoleEntity, { where: { userId: p.id, deletedAt: IsNull() } });
      for (const r of current) if (!wanted.has(r.role as Role)) await ctx.write.remove(UserRoleEntity, r.id);
      for (const role of wanted) {
        if (!current.some((r) => r.role === role)) await ctx.write.insert(UserRoleEntity, { userId: p.id, role });
      }
      await ensureAnAdminRemains(ctx);
      await endSessionsEverywhere(ctx.write, await requireUser(ctx, p.id));
      ctx.runtime.sessions.endAllOf(p.id);
      return null;
    },
  }),

  'users.disable': mutation({
    params: idParam,
    access: 'users.manage',
    action: 'отключение учётной записи',
    handler: async (p, ctx) => {
      if (p.id === actorOf(ctx).userId) throw new AppError('CONFLICT', 'Нельзя отключить собственную учётную запись.');
      const user = await requireUser(ctx, p.id);
      await ctx.write.update(UserEntity, p.id, { disabledAt: ctx.clock.now().toISOString() });
      await ensureAnAdminRemains(ctx);
      await endSessionsEverywhere(ctx.write, user);
      ctx.runtime.sessions.endAllOf(p.id);
      return null;
    },
  }),

  'users.enable': mutation({
    params: idParam,
    access: 'users.manage',
    action: 'включение учётной записи',
    handler: async (p, ctx) => {
      await requireUser(ctx, p.id);
      await ctx.write.update(UserEntity, p.id, { disabledAt: null });
      await clearLockout(ctx.write, p.id);
      return null;
    },
  }),

  /** The administrator hands the new password over in person; every session of that user ends. */
  'users.resetPassword': mutation({
    params: z.object({ id: z.string().uuid(), password: z.string().max(200).optional() }),
    access: 'users.manage',
    action: 'сброс пароля',
    handler: async (p, ctx) => {
      const user = await requireUser(ctx, p.id);
      if (p.password) {
        const problem = passwordProblem(p.password, user.login);
        if (problem) throw new AppError('VALIDATION', problem, { fields: { password: problem } });
      }
      const temporaryPassword = p.password ?? generateTemporaryPassword();
      await ctx.write.update(UserEntity, p.id, {
        passwordHash: await hashPassword(temporaryPassword),
        mustChangePassword: true,
      });
      await clearLockout(ctx.write, p.id);
      await endSessionsEverywhere(ctx.write, user);
      ctx.runtime.sessions.endAllOf(p.id);
      return { login: user.login, temporaryPassword };
    },
  }),

  /**
   * What a credentials slip says besides the password (which only the screen
   * that just received it holds): the school, the person, the login and roles,
   * who hands it over and when. Printing it is recorded, without the password.
   */
  'users.printSlip': mutation({
    params: z.object({ login: z.string().trim().min(1).max(100) }),
    access: 'users.manage',
    action: 'печать бланка с учётными данными',
    handler: async (p, ctx) => {
      const found = await findUserByLogin(ctx.em, p.login);
      if (!found) throw fail.notFound('Пользователь');
      const user = await requireUser(ctx, found.id);
      const staff = user.staffId ? await ctx.em.findOne(StaffEntity, { where: { id: user.staffId } }) : null;
      const roles = (await ctx.em.find(UserRoleEntity, { where: { userId: user.id, deletedAt: IsNull() } })).map((r) => ROLE_NAMES_RU[r.role as Role]);
      const actor = actorOf(ctx);
      const schoolName = (await getSetting(ctx.em, 'school.shortName')) || (await getSetting(ctx.em, 'school.name'));
      const issuedOn = await schoolTodayOf(ctx);
      await ctx.write.event('User', user.id, 'печатьБланка', { login: user.login, by: actor.login });
      return {
        schoolName,
        login: user.login,
        fullName: staff ? fullName(staff) : null,
        position: staff?.position ?? null,
        roles,
        issuedOn,
        issuedBy: actor.displayName,
      };
    },
  }),
};

async function requireUser(ctx: MutationContext, id: string) {
  const user = await ctx.em.findOne(UserEntity, { where: { id } });
  if (!user || user.deletedAt) throw fail.notFound('Пользователь');
  return user;
}

/** The school must never be left without an administrator who can log in. */
async function ensureAnAdminRemains(ctx: MutationContext): Promise<void> {
  const admins = await ctx.em
    .createQueryBuilder(UserRoleEntity, 'r')
    .innerJoin(UserEntity.options.name, 'u', 'u.id = r.userId')
    .where('r.role = :role', { role: 'admin' })
    .andWhere('r.deletedAt IS NULL AND u.deletedAt IS NULL AND u.disabledAt IS NULL')
    .getCount();
  if (admins === 0) throw new AppError('CONFLICT', 'В школе должен остаться хотя бы один действующий администратор.');
}
