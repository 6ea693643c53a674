import fs from 'node:fs';
import { z } from 'zod';
import { mutation, operation } from '../api/contract';
import { AppError } from '../shared/errors';
import { searchKey } from '../shared/text';
import { schoolToday } from '../shared/school-time';
import { StaffEntity } from '../db/entities/staff';
import { UserEntity, UserRoleEntity } from '../db/entities/users';
import { DataSetEntity } from '../db/entities/system';
import { saveLoginState } from '../auth/login-state';
import { hashPassword, passwordProblem } from '../auth/password';
import { loadActor, normaliseLogin } from '../auth/actors';
import { getSetting, setSetting } from '../settings/store';
import { defaultDbConfig, demoDbConfig, saveDbConfig } from '../host/app-config';
import { isSetupRequired } from './state';

const personName = z.string().trim().min(1, 'Заполните поле').max(100);
const loginSchema = z
  .string()
  .trim()
  .min(3, 'Логин — не короче 3 символов')
  .max(100)
  .regex(/^[a-zA-Z0-9._-]+$/, 'Логин может содержать только латинские буквы, цифры, точку, дефис и подчёркивание');

export const setupMethods = {
  /** The first run: the school's name and its administrator, who sets their own password. */
  'setup.createSchool': mutation({
    params: z.object({
      schoolName: z.string().trim().min(3, 'Введите полное наименование школы').max(300),
      schoolShortName: z.string().trim().max(100).optional(),
      city: z.string().trim().max(100).optional(),
      admin: z.object({
        lastName: personName,
        firstName: personName,
        middleName: z.string().trim().max(100).optional(),
        position: z.string().trim().max(200).optional(),
        login: loginSchema,
        password: z.string().max(200),
      }),
    }),
    access: 'public',
    action: 'создание школы',
    handler: async (p, ctx) => {
      if (!(await isSetupRequired(ctx.em))) {
        throw new AppError('CONFLICT', 'Школа уже создана. Войдите под учётной записью администратора.');
      }
      const problem = passwordProblem(p.admin.password, p.admin.login);
      if (problem) throw new AppError('VALIDATION', problem, { fields: { 'admin.password': problem } });
      // The school's data set is made with the school: derived ids are computed from it.
      await ctx.write.insert(DataSetEntity, {});
      const staff = await ctx.write.insert(StaffEntity, {
        lastName: p.admin.lastName,
        firstName: p.admin.firstName,
        middleName: p.admin.middleName || null,
        searchName: searchKey(p.admin.lastName, p.admin.firstName, p.admin.middleName),
        position: p.admin.position || 'Администратор электронного журнала',
        phone: null,
        email: null,
        hiredOn: null,
        leftOn: null,
        maxLessonsPerDay: null,
        note: null,
      });
      const user = await ctx.write.insert(UserEntity, {
        login: normaliseLogin(p.admin.login),
        staffId: staff.id,
        passwordHash: await hashPassword(p.admin.password),
        mustChangePassword: false,
        disabledAt: null,
        sessionGeneration: 0,
      });
      await saveLoginState(ctx.write, user.id, { lastLoginAt: ctx.clock.now().toISOString() });
      await ctx.write.insert(UserRoleEntity, { userId: user.id, role: 'admin' });
      await setSetting(ctx.write, 'school.name', p.schoolName);
      if (p.schoolShortName) await setSetting(ctx.write, 'school.shortName', p.schoolShortName);
      if (p.city) await setSetting(ctx.write, 'school.city', p.city);
      const actor = await loadActor(ctx.em, user);
      const session = ctx.runtime.sessions.create(actor, ctx.clock.now().getTime());
      return { token: session.token, actor, mustChangePassword: false };
    },
  }),

  /**
   * Opens the demonstration school instead of an empty one. It is generated
   * once, into a file of its own (the school's own database is not touched),
   * with one password for all demo accounts, chosen here.
   */
  'setup.openDemo': operation({
    params: z.object({ password: z.string().max(200).optional() }),
    access: 'public',
    action: 'открытие демонстрационной школы',
    handler: async (p, ctx) => {
      const setupRequired = await isSetupRequired(ctx.runtime.database().manager);
      if (!setupRequired) throw new AppError('CONFLICT', 'Школа уже создана: демонстрационную школу можно открыть только при первом запуске.');
      const config = demoDbConfig(ctx.runtime.dataDir);
      if (config.kind === 'sqlite' && !fs.existsSync(config.file)) {
        const problem = p.password ? passwordProblem(p.password) : 'Задайте пароль для учётных записей демонстрационной школы.';
        if (problem) throw new AppError('VALIDATION', problem, { fields: { password: problem } });
        // Loaded only here: the generator and its name lists are not needed by a real school.
        const { generateDemoSchool } = await import('../demo/generate.js');
        // Kept up to the program's own today, so the demo opens on a school in its normal state.
        await generateDemoSchool({ file: config.file, password: p.password!, today: schoolToday(ctx.clock.now(), await getSetting(ctx.runtime.database().manager, 'school.timeZone')) });
      }
      await ctx.runtime.switchDatabase(config);
      saveDbConfig(ctx.runtime.dataDir, config);
      return { demo: true };
    },
  }),

  /** Leaves the demo school for the school's own database (created empty if there is none yet). */
  'setup.closeDemo': operation({
    params: z.object({}).strict(),
    access: 'session',
    action: 'закрытие демонстрационной школы',
    handler: async (_p, ctx) => {
      if (!(await getSetting(ctx.runtime.database().manager, 'demo'))) {
        throw new AppError('CONFLICT', 'Сейчас открыта база данных школы, а не демонстрационная школа.');
      }
      const config = defaultDbConfig(ctx.runtime.dataDir);
      await ctx.runtime.switchDatabase(config);
      saveDbConfig(ctx.runtime.dataDir, config);
      return { demo: false };
    },
  }),
};
