import { searchKey } from '../shared/text';
import { shareStudents, type GroupShape } from '../timetable/parts';

/**
 * A class should not get more than a set number of control works a day
 * (one by default: the `controlWorks.maxPerDay` setting). What counts is
 * what one student sits: a group's work counts for its students, so the
 * English works of groups 1 and 2 on one day are one work for each of them,
 * while a whole-class work counts for everyone.
 */
export interface DayLoad {
  classId: string;
  date: string;
  /** The most works one student of the class sits that day. */
  count: number;
  /** Every work of the class that day. */
  ids: string[];
}

export function overLimit(
  works: { id: string; classId: string; date: string; groupId?: string | null }[],
  limit: number,
  groups: ReadonlyMap<string, GroupShape> = new Map(),
): DayLoad[] {
  const byDay = new Map<string, { classId: string; date: string; works: { id: string; groupId?: string | null }[] }>();
  for (const w of works) {
    const key = `${w.classId}|${w.date}`;
    const day = byDay.get(key) ?? byDay.set(key, { classId: w.classId, date: w.date, works: [] }).get(key)!;
    day.works.push(w);
  }
  const out: DayLoad[] = [];
  for (const day of byDay.values()) {
    if (day.works.length <= limit) continue;
    const count = mostForOneStudent(day.works.map((w) => (w.groupId ? (groups.get(w.groupId) ?? null) : null)), day.works.map((w) => w.groupId ?? null));
    if (count > limit) out.push({ classId: day.classId, date: day.date, count, ids: day.works.map((w) => w.id) });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * The largest set of works whose groups all share students (a clique of
 * «may meet the same student»): what one student sits at most. A day has a
 * handful of works, so every subset is tried; past twelve, all count.
 */
function mostForOneStudent(shapes: (GroupShape | null)[], groupIds: (string | null)[]): number {
  const n = shapes.length;
  if (n > 12) return n;
  const key = (s: string) => searchKey(s);
  const meets = (i: number, j: number) =>
    groupIds[i] === null || groupIds[j] === null || groupIds[i] === groupIds[j] || (shapes[i] !== null && shapes[j] !== null ? shareStudents(shapes[i], shapes[j], key) : true);
  let best = 0;
  for (let mask = 1; mask < 1 << n; mask++) {
    const members: number[] = [];
    for (let i = 0; i < n; i++) if (mask & (1 << i)) members.push(i);
    if (members.length <= best) continue;
    if (members.every((i, a) => members.slice(a + 1).every((j) => meets(i, j)))) best = members.length;
  }
  return best;
}

/** «1 контрольная работа», «2 контрольные работы», «5 контрольных работ». */
export function worksRu(n: number): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return `${n} контрольная работа`;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return `${n} контрольные работы`;
  return `${n} контрольных работ`;
}
