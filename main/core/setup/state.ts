import type { ReadableDb } from '../db/readable';
import { UserEntity } from '../db/entities/users';

/** A database with no user yet waits for its first run: creating the school and its administrator. */
export async function isSetupRequired(em: ReadableDb): Promise<boolean> {
  const count = await em.createQueryBuilder(UserEntity, 'u').where('u.deletedAt IS NULL').getCount();
  return count === 0;
}
