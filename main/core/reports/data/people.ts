import type { ReadableDb } from '../../db/readable';
import { StaffEntity, type Staff } from '../../db/entities/staff';
import { UserEntity, UserRoleEntity, type Role } from '../../db/entities/users';
import type { Actor } from '../../auth/sessions';
import { getSetting } from '../../settings/store';

type Named = { lastName: string; firstName: string; middleName?: string | null };

/** «Е.Б. Зайцева»: the form of a signature line («/И.О. Фамилия/»). */
export function initialsFirst(p: Named): string {
  const initials = [p.firstName, p.middleName]
    .filter((s): s is string => !!s)
    .map((s) => `${s[0]}.`)
    .join('');
  return initials ? `${initials} ${p.lastName}` : p.lastName;
}

/** «Орлов Виктор Павлович» (as typed in the settings) → «В.П. Орлов». */
function initialsFirstFromText(full: string): string {
  const [lastName, firstName, middleName] = full.trim().split(/\s+/);
  if (!lastName) return '';
  if (!firstName) return lastName;
  return initialsFirst({ lastName, firstName, middleName });
}

export async function staffById(em: ReadableDb, ids: Iterable<string>): Promise<Map<string, Staff>> {
  const list = [...new Set(ids)].filter(Boolean);
  if (list.length === 0) return new Map();
  const rows = await em.createQueryBuilder(StaffEntity, 's').where('s.id IN (:...list)', { list }).getMany();
  return new Map(rows.map((s) => [s.id, s]));
}

/** The staff of users holding a role, in surname order (the deputies, the director). */
async function staffWithRole(em: ReadableDb, role: Role): Promise<Staff[]> {
  return em
    .createQueryBuilder(StaffEntity, 's')
    .innerJoin(UserEntity.options.name, 'u', 'u.staffId = s.id AND u.deletedAt IS NULL AND u.disabledAt IS NULL')
    .innerJoin(UserRoleEntity.options.name, 'r', 'r.userId = u.id AND r.role = :role AND r.deletedAt IS NULL', { role })
    .where('s.deletedAt IS NULL')
    .orderBy('s.lastName', 'ASC')
    .getMany();
}

/**
 * Who signs as «Заместитель директора по УВР»: the deputy printing the form,
 * or else the school's (first) deputy. Empty when there is none: the line is
 * left blank to be filled in by hand.
 */
export async function deputySigner(em: ReadableDb, actor: Actor | null): Promise<string> {
  if (actor?.staffId && actor.roles.includes('deputy')) {
    const me = await em.findOne(StaffEntity, { where: { id: actor.staffId } });
    if (me) return initialsFirst(me);
  }
  const [deputy] = await staffWithRole(em, 'deputy');
  return deputy ? initialsFirst(deputy) : '';
}

/** The director: the settings' name if given, else the user with the director's role. */
export async function directorSigner(em: ReadableDb): Promise<string> {
  const fromSettings = await getSetting(em, 'school.director');
  if (fromSettings) return initialsFirstFromText(fromSettings);
  const [director] = await staffWithRole(em, 'director');
  return director ? initialsFirst(director) : '';
}

export async function schoolName(em: ReadableDb): Promise<string> {
  return (await getSetting(em, 'school.name')) || (await getSetting(em, 'school.shortName'));
}
