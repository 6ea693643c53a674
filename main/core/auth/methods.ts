import { z } from 'zod';
import { mutation, query, actorOf, noParams, FailAfterCommit } from '../api/contract';
import { AppError } from '../shared/errors';
import { UserEntity, type User } from '../db/entities/users';
import { getSetting } from '../settings/store';
import type { MutationContext } from '../api/contract';
import { hashPassword, passwordProblem, verifyPassword } from './password';
import { findUserByLogin, loadActor } from './actors';
import { isSetupRequired } from '../setup/state';
import { ledClassesOn } from '../journal/pages';
import { schoolTodayOf } from '../settings/school-today';
import { endSessionsEverywhere, loginStateOf, saveLoginState } from './login-state';
import type { Actor } from './sessions';
import { demoLogins } from '../demo/logins';
import { TEXT_LIMITS } from '../shared/text-limits';

/** Verifying against this keeps an unknown login as slow as a wrong password. */
const DUMMY_HASH = 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA==$Vq0vPq5b1rHcM5kQ4l0Qp2h0mYb3xJtq7Z8m1m6S2dE=';

export interface LoginResult {
  token: string;
  actor: Actor;
  mustChangePassword: boolean;
}

const LOGIN_FAILED = () => new AppError('LOGIN_FAILED', 'Неверный логин или пароль.');

export const authMethods = {
  'auth.status': query({
    params: noParams,
    access: 'public',
    action: 'проверка состояния входа',
    handler: async (_p, ctx) => {
      const demo = await getSetting(ctx.em, 'demo');
      return {
        setupRequired: await isSetupRequired(ctx.em),
        schoolName: await getSetting(ctx.em, 'school.name'),
        schoolShortName: await getSetting(ctx.em, 'school.shortName'),
        demo,
        /** The demo's real accounts by role, for the login screen's hint; none in a real school. */
        demoLogins: demo ? await demoLogins(ctx.em) : [],
        idleLockMinutes: await getSetting(ctx.em, 'session.idleLockMinutes'),
        /** The longest texts the core keeps, for the screens to show at their fields. */
        textLimits: TEXT_LIMITS,
        session: ctx.session
          ? {
              actor: ctx.session.actor,
              locked: ctx.session.locked,
              mustChangePassword: ctx.session.mustChangePassword,
              // The class teacher's own screens and title («Классный руководитель 7А») follow from these.
              ledClasses: await ledClassesOn(ctx.em, ctx.session.actor, await schoolTodayOf(ctx)),
            }
          : null,
      };
    },
  }),

  'auth.login': mutation({
    params: z.object({
      login: z.string().trim().min(1, 'Введите логин').max(100),
      password: z.string().min(1, 'Введите пароль').max(200),
      /** The token of a session being replaced (switching user on a shared computer). */
      previousToken: z.string().optional(),
    }),
    access: 'public',
    action: 'вход в программу',
    handler: async (p, ctx): Promise<LoginResult> => {
      if (p.previousToken) ctx.runtime.sessions.end(p.previousToken);
      const user = await findUserByLogin(ctx.em, p.login);
      if (!user) {
        await verifyPassword(p.password, DUMMY_HASH);
        throw LOGIN_FAILED();
      }
      await checkPassword(ctx, user, p.password);
      const actor = await loadActor(ctx.em, user);
      const session = ctx.runtime.sessions.create(actor, ctx.clock.now().getTime(), {
        mustChangePassword: user.mustChangePassword,
        generation: user.sessionGeneration,
      });
      await ctx.write.event('User', user.id, 'login');
      return { token: session.token, actor, mustChangePassword: user.mustChangePassword };
    },
  }),

  'auth.logout': mutation({
    params: noParams,
    access: 'session',
    action: 'выход из программы',
    handler: async (_p, ctx) => {
      const actor = actorOf(ctx);
      ctx.runtime.sessions.end(ctx.session!.token);
      await ctx.write.event('User', actor.userId, 'logout');
      return null;
    },
  }),

  'auth.lock': mutation({
    params: noParams,
    access: 'session',
    action: 'блокировка сеанса',
    handler: async (_p, ctx) => {
      ctx.runtime.sessions.lock(ctx.session!);
      await ctx.write.event('User', actorOf(ctx).userId, 'lock');
      return null;
    },
  }),

  'auth.unlock': mutation({
    params: z.object({ password: z.string().min(1, 'Введите пароль').max(200) }),
    access: 'session',
    action: 'разблокировка сеанса',
    handler: async (p, ctx) => {
      const actor = actorOf(ctx);
      const user = await ctx.em.findOne(UserEntity, { where: { id: actor.userId } });
      if (!user || user.deletedAt) throw new AppError('UNAUTHENTICATED', 'Учётная запись удалена. Войдите под другим пользователем.');
      await checkPassword(ctx, user, p.password);
      ctx.runtime.sessions.unlock(ctx.session!, ctx.clock.now().getTime());
      await ctx.write.event('User', user.id, 'unlock');
      return { actor };
    },
  }),

  'auth.changePassword': mutation({
    params: z.object({
      currentPassword: z.string().min(1, 'Введите текущий пароль').max(200),
      newPassword: z.string().max(200),
    }),
    access: 'session',
    action: 'смена пароля',
    handler: async (p, ctx) => {
      const actor = actorOf(ctx);
      const user = await ctx.em.findOneOrFail(UserEntity, { where: { id: actor.userId } });
      if (!(await verifyPassword(p.currentPassword, user.passwordHash))) {
        // Someone at an unlocked computer guessing its owner's password: it counts, as at the login.
        const state = await loginStateOf(ctx.em, user.id);
        await countFailure(ctx, user.id, state.failedLogins);
        throw new FailAfterCommit(new AppError('VALIDATION', 'Текущий пароль введён неверно.', { fields: { currentPassword: 'Неверный пароль' } }));
      }
      const problem = passwordProblem(p.newPassword, user.login);
      if (problem) throw new AppError('VALIDATION', problem, { fields: { newPassword: problem } });
      if (p.newPassword === p.currentPassword) {
        const same = 'Новый пароль должен отличаться от текущего.';
        throw new AppError('VALIDATION', same, { fields: { newPassword: same } });
      }
      await ctx.write.update(UserEntity, user.id, {
        passwordHash: await hashPassword(p.newPassword),
        mustChangePassword: false,
      });
      // Whoever knew the old password is logged out everywhere; this session goes on.
      const generation = await endSessionsEverywhere(ctx.write, user);
      ctx.runtime.sessions.endAllOf(user.id, { except: ctx.session!.token });
      ctx.session!.generation = generation;
      ctx.session!.mustChangePassword = false;
      return null;
    },
  }),

  'auth.me': query({
    params: noParams,
    access: 'session',
    action: 'просмотр своей учётной записи',
    handler: async (_p, ctx) => actorOf(ctx),
  }),
};

/**
 * Checks a password against the account's rules. A wrong password counts
 * towards the lockout (kept even though the call fails) and says only
 * «Неверный логин или пароль»: whether the account is disabled or locked is
 * told only to someone who knows its password, so a stranger learns nothing
 * about an account by guessing.
 */
async function checkPassword(ctx: MutationContext, user: User, password: string): Promise<void> {
  const now = ctx.clock.now();
  const state = await loginStateOf(ctx.em, user.id);
  const locked = !!state.lockedUntil && state.lockedUntil > now.toISOString();
  const correct = await verifyPassword(password, user.passwordHash);
  if (!correct) {
    if (!locked) await countFailure(ctx, user.id, state.failedLogins);
    throw new FailAfterCommit(LOGIN_FAILED());
  }
  if (user.disabledAt) {
    throw new AppError('ACCOUNT_LOCKED', 'Учётная запись отключена. Обратитесь к администратору электронного журнала.');
  }
  if (locked) {
    const minutes = Math.max(1, Math.ceil((Date.parse(state.lockedUntil!) - now.getTime()) / 60_000));
    throw new AppError(
      'ACCOUNT_LOCKED',
      `Учётная запись временно заблокирована после неудачных попыток входа. Повторите через ${minutes} мин. или обратитесь к администратору.`,
    );
  }
  await saveLoginState(ctx.write, user.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: now.toISOString() });
}

/** One more wrong password on this computer; enough of them lock the account for a while. */
async function countFailure(ctx: MutationContext, userId: string, failedBefore: number): Promise<void> {
  const failedLogins = failedBefore + 1;
  const maxFailed = await getSetting(ctx.em, 'auth.maxFailedLogins');
  if (failedLogins < maxFailed) {
    await saveLoginState(ctx.write, userId, { failedLogins });
    return;
  }
  const lockMinutes = await getSetting(ctx.em, 'auth.lockoutMinutes');
  const lockedUntil = new Date(ctx.clock.now().getTime() + lockMinutes * 60_000).toISOString();
  await saveLoginState(ctx.write, userId, { failedLogins: 0, lockedUntil });
  throw new FailAfterCommit(
    new AppError('ACCOUNT_LOCKED', `Неверный пароль. После ${maxFailed} неудачных попыток учётная запись заблокирована на ${lockMinutes} мин.`),
  );
}
