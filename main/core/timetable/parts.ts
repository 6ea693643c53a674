/**
 * Study groups whose students cannot be told by one split of the class.
 *
 * Most groups of a class belong to a split (деление): groups of one split
 * are disjoint, groups of different splits overlap. Some timetables made in
 * other programs have groups that do not fit that shape — in FET, a group
 * together with its own subgroups, or subgroups shared by two groups. Such
 * a group keeps, in its split key, the parts of the class it is made of
 * (`parts:` and a hexadecimal bit mask over the class's smallest parts), and
 * two such groups share students exactly when their masks share a bit.
 */

const PARTS_PREFIX = 'parts:';

/** The longest mask a split key (100 characters) can hold. */
const MAX_DIGITS = 100 - PARTS_PREFIX.length;

/** The split key of a group made of the parts with these indices, or null when there are too many parts. */
export function partsKey(indices: number[]): string | null {
  if (indices.some((i) => i < 0)) return null;
  const top = Math.max(0, ...indices);
  const digits = Math.floor(top / 4) + 1;
  if (digits > MAX_DIGITS) return null;
  const nibbles = new Array<number>(digits).fill(0);
  for (const i of indices) nibbles[digits - 1 - Math.floor(i / 4)] |= 1 << i % 4;
  return PARTS_PREFIX + nibbles.map((n) => n.toString(16)).join('');
}

export function isPartsKey(splitKey: string): boolean {
  return splitKey.startsWith(PARTS_PREFIX);
}

/** Whether two parts keys share a part. */
export function partsOverlap(a: string, b: string): boolean {
  const x = a.slice(PARTS_PREFIX.length);
  const y = b.slice(PARTS_PREFIX.length);
  // Compare from the lowest digit: the masks may differ in length.
  for (let i = 1; i <= Math.min(x.length, y.length); i++) {
    if ((parseInt(x[x.length - i], 16) & parseInt(y[y.length - i], 16)) !== 0) return true;
  }
  return false;
}

/** What tells two study groups of one class apart: their split and their part of it. */
export interface GroupShape {
  splitKey: string;
  name: string;
}

/**
 * Whether two study groups of one class (or the whole class, null) may have
 * students in common: the whole class meets every group; groups of one split
 * with different names do not share students, those with the same name are
 * the same students; groups of different splits do; groups that list their
 * parts share students when they share a part. An unknown group counts as
 * the whole class.
 */
export function shareStudents(a: GroupShape | null | undefined, b: GroupShape | null | undefined, key: (name: string) => string): boolean {
  if (!a || !b) return true;
  if (isPartsKey(a.splitKey) && isPartsKey(b.splitKey)) return partsOverlap(a.splitKey, b.splitKey);
  return a.splitKey !== b.splitKey || key(a.name) === key(b.name);
}
