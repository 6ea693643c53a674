import { z } from 'zod';
import { mutation, query, noParams } from '../api/contract';
import { AppError } from '../shared/errors';
import { SETTINGS, isSettingKey, type SettingKey } from './registry';
import { getAllSettings, setSetting } from './store';

export const settingsMethods = {
  'settings.getAll': query({
    params: noParams,
    access: 'school.view',
    action: 'просмотр настроек',
    handler: async (_p, ctx) => {
      const values = await getAllSettings(ctx.em);
      return (Object.keys(SETTINGS) as SettingKey[]).map((key) => {
        const def: { label: string; choices?: Record<string, string> } = SETTINGS[key];
        // A setting with a closed list of values comes with the Russian name of each, for a select.
        return { key, label: def.label, value: values[key], choices: def.choices ?? null };
      });
    },
  }),

  'settings.set': mutation({
    params: z.object({ key: z.string(), value: z.unknown() }),
    access: 'settings.manage',
    action: 'изменение настроек',
    handler: async (p, ctx) => {
      if (!isSettingKey(p.key)) throw new AppError('VALIDATION', `Неизвестная настройка «${p.key}».`);
      const parsed = SETTINGS[p.key].schema.safeParse(p.value);
      if (!parsed.success) {
        const message = `${SETTINGS[p.key].label}: ${parsed.error.issues[0]?.message ?? 'недопустимое значение'}.`;
        throw new AppError('VALIDATION', message, { fields: { value: message } });
      }
      await setSetting(ctx.write, p.key, parsed.data as never);
      return null;
    },
  }),
};
