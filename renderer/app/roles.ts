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
