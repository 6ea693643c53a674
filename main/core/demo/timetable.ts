import { Rng } from './prng';
import { GLOBAL_SLOTS, globalSlot } from './bells';

/**
 * A conflict-free weekly timetable (Monday–Friday) built by local search.
 *
 * Every class has a fixed set of positions: its lessons a day, numbered from
 * the first lesson of its shift, so a class never has a gap. Each position
 * holds one lesson of the class: a whole-class lesson, or a split lesson whose
 * subgroups meet at the same time with different teachers in different
 * rooms. Filling positions with the curriculum's hours then only has to keep
 * teachers and rooms from being in two places at once (hard) and a subject
 * from appearing more often a day than its weekly hours need (soft).
 *
 * Positions are first filled greedily, then conflicts are repaired by
 * swapping two positions of one class (min-conflicts with a short tabu list);
 * swaps never change what a class studies, so the hours always equal the
 * curriculum. Deterministic for a given generator.
 */

export interface TimetableClass {
  id: string;
  shift: 1 | 2;
  /** Lessons a day, Monday to Friday. */
  days: number[];
}

export interface TimetablePart {
  groupId: string | null;
  staffId: string;
  roomId: string;
}

export interface TimetableUnit {
  classId: string;
  subjectId: string;
  hours: number;
  /** One part for a whole-class lesson, one per subgroup for a split one. */
  parts: TimetablePart[];
}

export interface TimetableEntryDraft {
  /** Entries placed together (the subgroups of a split) share a card. */
  card: number;
  weekday: number;
  lessonNo: number;
  classId: string;
  groupId: string | null;
  subjectId: string;
  staffId: string;
  roomId: string;
}

export interface TimetableResult {
  entries: TimetableEntryDraft[];
  hardConflicts: number;
  softConflicts: number;
  iterations: number;
  restarts: number;
}

const DAYS = 5;
const HARD = 50;
const SOFT = 1;

export function buildTimetable(classes: TimetableClass[], units: TimetableUnit[], rng: Rng, opts: { maxIterations?: number; maxRestarts?: number } = {}): TimetableResult {
  const maxRestarts = opts.maxRestarts ?? 8;
  let best: TimetableResult | null = null;
  for (let attempt = 0; attempt <= maxRestarts; attempt++) {
    const result = attemptTimetable(classes, units, rng.fork(`timetable-${attempt}`), opts.maxIterations ?? 400_000);
    result.restarts = attempt;
    if (!best || result.hardConflicts < best.hardConflicts || (result.hardConflicts === best.hardConflicts && result.softConflicts < best.softConflicts)) best = result;
    if (result.hardConflicts === 0) break;
  }
  if (!best || best.hardConflicts > 0) throw new Error(`Timetable: ${best?.hardConflicts} conflicts left`);
  return best;
}

function attemptTimetable(classes: TimetableClass[], units: TimetableUnit[], rng: Rng, maxIterations: number): TimetableResult {
  // Index everything with small integers.
  const classIndex = new Map(classes.map((c, i) => [c.id, i]));
  const staffIndex = new Map<string, number>();
  const roomIndex = new Map<string, number>();
  for (const u of units)
    for (const p of u.parts) {
      if (!staffIndex.has(p.staffId)) staffIndex.set(p.staffId, staffIndex.size);
      if (!roomIndex.has(p.roomId)) roomIndex.set(p.roomId, roomIndex.size);
    }
  const CELLS = DAYS * GLOBAL_SLOTS;
  const staffCount = new Int16Array(staffIndex.size * CELLS);
  const roomCount = new Int16Array(roomIndex.size * CELLS);

  // Subjects per class: each gets a small index for the per-day counter and its daily allowance.
  const unitStaff: number[][] = [];
  const unitRooms: number[][] = [];
  const unitSubject: number[] = []; // global index class*64 + local
  const subjectAllowance: number[] = [];
  const subjectLocal = new Map<string, number>();
  for (const u of units) {
    unitStaff.push(u.parts.map((p) => staffIndex.get(p.staffId)!));
    unitRooms.push(u.parts.map((p) => roomIndex.get(p.roomId)!));
    const key = `${u.classId}|${u.subjectId}`;
    let s = subjectLocal.get(key);
    if (s === undefined) {
      s = subjectLocal.size;
      subjectLocal.set(key, s);
      subjectAllowance.push(0);
    }
    subjectAllowance[s] += u.hours;
    unitSubject.push(s);
  }
  for (let s = 0; s < subjectAllowance.length; s++) subjectAllowance[s] = Math.ceil(subjectAllowance[s] / DAYS);
  const subjectDay = new Int16Array(subjectAllowance.length * DAYS);

  // Positions of each class, and the lessons (unit instances) that fill them.
  const posDay: number[][] = [];
  const posSlot: number[][] = [];
  const posLesson: number[][] = [];
  for (const c of classes) {
    const days: number[] = [];
    const slots: number[] = [];
    c.days.forEach((n, d) => {
      for (let l = 1; l <= n; l++) {
        days.push(d);
        slots.push(globalSlot(c.shift, l));
      }
    });
    posDay.push(days);
    posSlot.push(slots);
    posLesson.push(new Array(days.length).fill(-1));
  }
  const lessonUnit: number[] = [];
  const lessonsOfClass: number[][] = classes.map(() => []);
  units.forEach((u, ui) => {
    for (let h = 0; h < u.hours; h++) {
      lessonsOfClass[classIndex.get(u.classId)!].push(lessonUnit.length);
      lessonUnit.push(ui);
    }
  });
  classes.forEach((c, ci) => {
    if (lessonsOfClass[ci].length !== posDay[ci].length) {
      throw new Error(`Timetable: class ${c.id} has ${lessonsOfClass[ci].length} hours for ${posDay[ci].length} positions`);
    }
  });

  let hard = 0;
  let soft = 0;
  const place = (u: number, d: number, g: number, sign: 1 | -1): void => {
    const cell = d * GLOBAL_SLOTS + g;
    for (const t of unitStaff[u]) {
      const i = t * CELLS + cell;
      if (sign > 0) {
        if (staffCount[i] >= 1) hard++;
        staffCount[i]++;
      } else {
        staffCount[i]--;
        if (staffCount[i] >= 1) hard--;
      }
    }
    for (const r of unitRooms[u]) {
      const i = r * CELLS + cell;
      if (sign > 0) {
        if (roomCount[i] >= 1) hard++;
        roomCount[i]++;
      } else {
        roomCount[i]--;
        if (roomCount[i] >= 1) hard--;
      }
    }
    const s = unitSubject[u];
    const i = s * DAYS + d;
    if (sign > 0) {
      if (subjectDay[i] >= subjectAllowance[s]) soft++;
      subjectDay[i]++;
    } else {
      subjectDay[i]--;
      if (subjectDay[i] >= subjectAllowance[s]) soft--;
    }
  };
  const cost = () => hard * HARD + soft * SOFT;

  // Greedy start: classes in a seeded order, their most constrained lessons first, each into the cheapest free position.
  const classOrder = rng.shuffle(classes.map((_, i) => i));
  for (const ci of classOrder) {
    const lessons = rng.shuffle([...lessonsOfClass[ci]]).sort((a, b) => unitStaff[lessonUnit[b]].length - unitStaff[lessonUnit[a]].length);
    for (const lesson of lessons) {
      const u = lessonUnit[lesson];
      let bestPos = -1;
      let bestCost = Infinity;
      const start = rng.int(0, posDay[ci].length - 1);
      for (let k = 0; k < posDay[ci].length; k++) {
        const p = (start + k) % posDay[ci].length;
        if (posLesson[ci][p] !== -1) continue;
        const before = cost();
        place(u, posDay[ci][p], posSlot[ci][p], 1);
        const c = cost() - before;
        place(u, posDay[ci][p], posSlot[ci][p], -1);
        if (c < bestCost) {
          bestCost = c;
          bestPos = p;
          if (c === 0) break;
        }
      }
      posLesson[ci][bestPos] = lesson;
      place(u, posDay[ci][bestPos], posSlot[ci][bestPos], 1);
    }
  }

  // Repair by swaps inside a class.
  const conflicted = (ci: number, p: number): boolean => {
    const u = lessonUnit[posLesson[ci][p]];
    const cell = posDay[ci][p] * GLOBAL_SLOTS + posSlot[ci][p];
    for (const t of unitStaff[u]) if (staffCount[t * CELLS + cell] > 1) return true;
    for (const r of unitRooms[u]) if (roomCount[r * CELLS + cell] > 1) return true;
    const s = unitSubject[u];
    return subjectDay[s * DAYS + posDay[ci][p]] > subjectAllowance[s];
  };
  const tabuUntil = new Int32Array(lessonUnit.length);
  const tabuPos = new Int32Array(lessonUnit.length).fill(-1);
  let iterations = 0;
  let list: [number, number][] = [];
  let bestSeen = cost();
  const swap = (ci: number, p: number, q: number) => {
    const a = posLesson[ci][p];
    const b = posLesson[ci][q];
    place(lessonUnit[a], posDay[ci][p], posSlot[ci][p], -1);
    place(lessonUnit[b], posDay[ci][q], posSlot[ci][q], -1);
    place(lessonUnit[a], posDay[ci][q], posSlot[ci][q], 1);
    place(lessonUnit[b], posDay[ci][p], posSlot[ci][p], 1);
    posLesson[ci][p] = b;
    posLesson[ci][q] = a;
  };
  let sinceRebuild = 0;
  while (iterations < maxIterations && cost() > 0) {
    if (list.length === 0 || sinceRebuild > 200) {
      list = [];
      for (let ci = 0; ci < classes.length; ci++) for (let p = 0; p < posDay[ci].length; p++) if (conflicted(ci, p)) list.push([ci, p]);
      sinceRebuild = 0;
      // Only soft conflicts left and none repairable for long: good enough.
      if (hard === 0 && iterations > maxIterations / 4) break;
    }
    sinceRebuild++;
    iterations++;
    const pickAt = rng.int(0, list.length - 1);
    const [ci, p] = list[pickAt];
    if (!conflicted(ci, p)) {
      list[pickAt] = list[list.length - 1];
      list.pop();
      continue;
    }
    const a = posLesson[ci][p];
    const n = posDay[ci].length;
    let bestQ = -1;
    let bestDelta = Infinity;
    let ties = 0;
    const now = cost();
    for (let q = 0; q < n; q++) {
      if (q === p) continue;
      const b = posLesson[ci][q];
      if (lessonUnit[b] === lessonUnit[a]) continue;
      swap(ci, p, q);
      const delta = cost() - now;
      swap(ci, p, q);
      const tabu = (tabuPos[a] === q && tabuUntil[a] > iterations) || (tabuPos[b] === p && tabuUntil[b] > iterations);
      if (tabu && now + delta >= bestSeen) continue;
      if (delta < bestDelta) {
        bestDelta = delta;
        bestQ = q;
        ties = 1;
      } else if (delta === bestDelta && rng.int(0, ties++) === 0) {
        bestQ = q;
      }
    }
    if (bestQ < 0) continue;
    // Now and then a random move, to leave a local minimum.
    if (bestDelta > 0 && rng.chance(0.2)) {
      bestQ = rng.int(0, n - 1);
      if (bestQ === p) continue;
    }
    const b = posLesson[ci][bestQ];
    swap(ci, p, bestQ);
    tabuPos[a] = p;
    tabuUntil[a] = iterations + 8 + rng.int(0, 8);
    tabuPos[b] = bestQ;
    tabuUntil[b] = iterations + 8 + rng.int(0, 8);
    bestSeen = Math.min(bestSeen, cost());
  }

  const entries: TimetableEntryDraft[] = [];
  let card = 0;
  classes.forEach((c, ci) => {
    posDay[ci].forEach((d, p) => {
      card++;
      const u = units[lessonUnit[posLesson[ci][p]]];
      const lessonNo = posSlot[ci][p] - globalSlot(c.shift, 1) + 1;
      for (const part of u.parts) {
        entries.push({ card, weekday: d + 1, lessonNo, classId: c.id, groupId: part.groupId, subjectId: u.subjectId, staffId: part.staffId, roomId: part.roomId });
      }
    });
  });
  entries.sort((x, y) => x.weekday - y.weekday || x.lessonNo - y.lessonNo || classIndex.get(x.classId)! - classIndex.get(y.classId)!);
  return { entries, hardConflicts: hard, softConflicts: soft, iterations, restarts: 0 };
}
