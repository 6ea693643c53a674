import type { Actor } from '../../main/core/api/types';

/** What the signed-in person may change here; the core checks again on every call. */
export function canEditSchool(actor: Actor): boolean {
  return actor.roles.includes('admin') || actor.roles.includes('deputy');
}

export function canEditContingent(actor: Actor): boolean {
  return actor.roles.includes('admin') || actor.roles.includes('secretary');
}
