import type { ReadableDb } from '../db/readable';
import type { Actor } from '../auth/sessions';
import { SchoolClassEntity } from '../db/entities/school';

export interface LedClass {
  id: string;
  name: string;
}

/**
 * The classes a teacher leads (классный руководитель) in a school year, in the school's order (5А before 5Б before 10А). What the class
 * teacher's screens (the attendance week, the diary, «Мой класс») open on,
 * and what the header calls the person.
 */
export async function ledClassesIn(em: ReadableDb, actor: Pick<Actor, 'roles' | 'staffId'>, yearId: string): Promise<LedClass[]> {
  if (!actor.staffId || !actor.roles.includes('teacher')) return [];
  const classes = await em
    .createQueryBuilder(SchoolClassEntity, 'c')
    .where('c.yearId = :yearId AND c.classTeacherId = :staffId AND c.deletedAt IS NULL', { yearId, staffId: actor.staffId })
    .getMany();
  return classes
    .sort((a, b) => a.gradeLevel - b.gradeLevel || a.letter.localeCompare(b.letter, 'ru'))
    .map((c) => ({ id: c.id, name: c.name }));
}
