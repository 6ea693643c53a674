import { v5 as uuidv5 } from 'uuid';

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
