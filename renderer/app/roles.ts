import type { Role } from '../../main/core/api/types';

export const ROLE_TITLES = {
  admin: 'Администратор',
  director: 'Директор',
  deputy: 'Заместитель директора по УВР',
  teacher: 'Учитель',
  secretary: 'Секретарь',
} as const satisfies Record<Role, string>;

export const ROLE_ORDER: readonly Role[] = ['admin', 'director', 'deputy', 'teacher', 'secretary'];

export function rolesTitle(roles: readonly Role[]): string {
  return ROLE_ORDER.filter((r) => roles.includes(r))
    .map((r) => ROLE_TITLES[r])
    .join(', ');
}

/**
 * What the header calls the person at the screen: a teacher who leads a class
 * is «Классный руководитель 7А» (the title the school uses), not «Учитель».
 */
export function actorTitle(roles: readonly Role[], ledClasses: readonly { name: string }[]): string {
  return ROLE_ORDER.filter((r) => roles.includes(r))
    .map((r) => (r === 'teacher' && ledClasses.length > 0 ? `Классный руководитель ${ledClasses.map((c) => c.name).join(', ')}` : ROLE_TITLES[r]))
    .join(', ');
}
