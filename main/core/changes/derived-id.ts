import { v5 as uuidv5 } from 'uuid';
import { AppError } from '../shared/errors';
import { policyOf } from './policy';

/**
 * The id of a row that follows from its natural key (changes/policy.ts): a
 * UUIDv5 of the data set and the key. Two computers of one school that make
 * the same row — a lesson from the same timetable, an absence for the same
 * lesson and student, a grant of the same role — make the same id, so the
 * sync sees one row, not two.
 */
export function derivedId(dataSetId: string, entityName: string, key: readonly unknown[]): string {
  const name = [entityName, ...key.map((v) => (v === null || v === undefined ? '' : String(v)))].join('|');
  return uuidv5(name, dataSetId);
}

/** The id a row of an entity with a derived id gets from its natural key (as the Writer gives it). */
export function derivedIdOf(dataSetId: string, entityName: string, row: Record<string, unknown>): string {
  const key = policyOf(entityName).naturalKey;
  if (!key?.derivesId) throw new Error(`${entityName} has no derived id`);
  const values = key.fields.map((f) => row[f]);
  // A lesson's key is its original place: a moved lesson keeps where it came from.
  if (entityName === 'Lesson') {
    if (row.movedFromDate) values[key.fields.indexOf('date')] = row.movedFromDate;
    if (row.movedFromLessonNo !== null && row.movedFromLessonNo !== undefined) values[key.fields.indexOf('lessonNo')] = row.movedFromLessonNo;
  }
  for (const [i, v] of values.entries()) {
    if (v === undefined) throw new AppError('INTERNAL', `${entityName}: ключ записи неполон (${key.fields[i]}).`);
  }
  return derivedId(dataSetId, entityName, values);
}
