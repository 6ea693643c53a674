import { v7 as uuidv7 } from 'uuid';

/**
 * Primary keys are UUIDv7: time-ordered (good for B-tree inserts) and unique
 * across computers, which the shared-folder sync relies on.
 */
export function newId(): string {
  return uuidv7();
}
