/**
 * A class should not get more than a set number of control works a day
 * (one by default: the `controlWorks.maxPerDay` setting). A group's work
 * counts for its class: its students sit the class's other works too.
 */
export interface DayLoad {
  classId: string;
  date: string;
  count: number;
  ids: string[];
}

export function overLimit(works: { id: string; classId: string; date: string }[], limit: number): DayLoad[] {
  const byDay = new Map<string, DayLoad>();
  for (const w of works) {
    const key = `${w.classId}|${w.date}`;
    const day = byDay.get(key) ?? { classId: w.classId, date: w.date, count: 0, ids: [] };
    day.count++;
    day.ids.push(w.id);
    byDay.set(key, day);
  }
  return [...byDay.values()].filter((d) => d.count > limit).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** «1 контрольная работа», «2 контрольные работы», «5 контрольных работ». */
export function worksRu(n: number): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return `${n} контрольная работа`;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return `${n} контрольные работы`;
  return `${n} контрольных работ`;
}
