import { z } from 'zod';

/**
 * Every school setting: its schema, default and Russian label. Later domains
 * add their keys here (rounding rule, consent policy, substitution weights…),
 * so that one screen and one method serve them all.
 */
export const SETTINGS = {
  'school.name': { schema: z.string().trim().max(300), default: '', label: 'Полное наименование образовательной организации' },
  'school.shortName': { schema: z.string().trim().max(100), default: '', label: 'Краткое наименование' },
  'school.city': { schema: z.string().trim().max(100), default: '', label: 'Населённый пункт' },
  'school.director': { schema: z.string().trim().max(200), default: '', label: 'Директор (ФИО)' },
  'school.timeZone': {
    schema: z.string().refine((tz) => Intl.supportedValuesOf('timeZone').includes(tz), 'Неизвестный часовой пояс'),
    default: 'Europe/Moscow',
    label: 'Часовой пояс школы',
  },
  demo: { schema: z.boolean(), default: false, label: 'Демонстрационная школа' },
  'session.idleLockMinutes': {
    schema: z.number().int().min(1).max(240),
    default: 10,
    label: 'Блокировка сеанса после бездействия, мин',
  },
  'auth.maxFailedLogins': {
    schema: z.number().int().min(3).max(20),
    default: 5,
    label: 'Неудачных попыток входа до блокировки учётной записи',
  },
  'auth.lockoutMinutes': {
    schema: z.number().int().min(1).max(1440),
    default: 15,
    label: 'Блокировка учётной записи после неудачных попыток, мин',
  },
} as const satisfies Record<string, { schema: z.ZodType; default: unknown; label: string }>;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTINGS)[K]['schema']>;

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTINGS, key);
}
