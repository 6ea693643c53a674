import { searchKey } from '../shared/text';
import type { Clash, GroupInfo, Placement, SlotReason, Unavailability } from './model';
import { TimeLine } from './time-line';
import { isPartsKey, partsOverlap } from './parts';

/**
 * The conflict engine: the week's placements indexed by teacher, room and
 * class per (weekday, time), so that the whole school's week is checked in a
 * few milliseconds and a single slot in microseconds.
 *
 * Rules:
 * - a teacher, a room, a class is in one place at a time;
 * - the subgroups of one split (same splitKey, different parts) run in
 *   parallel; a group never runs beside the whole class, nor beside a group of
 *   another split (its students are somewhere in that group too); groups that
 *   list their parts of the class (`parts.ts`, from FET) clash when they share one;
 * - a lesson for a student's individual plan busies the teacher and the room,
 *   and that student's other individual lessons, not the class;
 * - parts of one lesson (same cardId) never clash with each other;
 * - week A and week B lessons share a slot; an every-week lesson clashes with both;
 * - a lesson at a teacher's unavailable time is a conflict too (allowed with a warning).
 */
export class ConflictIndex {
  private readonly entries: Placement[] = [];
  /** Per placement (by position): its time on the time line. */
  private readonly times: number[] = [];
  /** Resource ids (teachers, rooms, classes together) as small integers, for numeric cell keys. */
  private readonly resources = new Map<string, number>();
  private readonly byStaff = new Map<number, number[]>();
  private readonly byRoom = new Map<number, number[]>();
  private readonly byClass = new Map<number, number[]>();
  private readonly groups = new Map<string, GroupInfo>();
  private readonly parts = new Map<string, string>();
  private readonly unavailable = new Map<string, Unavailability[]>();

  constructor(
    placements: Iterable<Placement>,
    groups: Iterable<GroupInfo>,
    unavailability: Iterable<Unavailability>,
    private readonly line: TimeLine = TimeLine.plain(),
  ) {
    for (const g of groups) this.groups.set(g.id, g);
    for (const u of unavailability) push(this.unavailable, `${u.staffId}|${u.weekday}`, u);
    for (const p of placements) this.add(p);
  }

  add(p: Placement): void {
    const i = this.entries.length;
    this.entries.push(p);
    const t = this.timeOf(p);
    this.times.push(t);
    push(this.byStaff, this.cell(p.staffId, p.weekday, t), i);
    if (p.roomId) push(this.byRoom, this.cell(p.roomId, p.weekday, t), i);
    push(this.byClass, this.cell(p.classId, p.weekday, t), i);
  }

  get size(): number {
    return this.entries.length;
  }

  /** Every conflict of the week: each clashing pair once, and each lesson at unavailable time. */
  all(): Clash[] {
    const out: Clash[] = [];
    const n = this.entries.length;
    for (let i = 0; i < n; i++) {
      const e = this.entries[i];
      const overlapping = this.line.overlapping(this.times[i]);
      this.pairs(this.byStaff, e.staffId, e.weekday, overlapping, i, (f) => this.teacherClash(e, f) && out.push(clash('teacher', e.staffId, e, f)));
      if (e.roomId) this.pairs(this.byRoom, e.roomId, e.weekday, overlapping, i, (f) => this.roomClash(e, f) && out.push(clash('room', e.roomId!, e, f)));
      this.pairs(this.byClass, e.classId, e.weekday, overlapping, i, (f) => this.classClash(e, f) && out.push(clash('class', e.classId, e, f)));
      if (this.isUnavailable(e.staffId, e.weekday, e.lessonNo)) {
        out.push({ kind: 'unavailable', resourceId: e.staffId, entryIds: [e.id], weekday: e.weekday, lessonNo: e.lessonNo });
      }
    }
    return out;
  }

  /**
   * Why a placement could not go to its slot, ignoring the placements named
   * in `ignore` (the lesson being moved, both lessons of a swap).
   */
  reasons(p: Placement, ignore: ReadonlySet<string> = new Set()): SlotReason[] {
    const overlapping = this.line.overlapping(this.timeOf(p));
    const out: SlotReason[] = [];
    const skip = (f: Placement) => f.id === p.id || ignore.has(f.id);
    this.each(this.byStaff, p.staffId, p.weekday, overlapping, (f) => {
      if (!skip(f) && this.teacherClash(p, f)) out.push({ kind: 'teacher', resourceId: p.staffId, entryId: f.id, note: null });
    });
    if (p.roomId) {
      this.each(this.byRoom, p.roomId, p.weekday, overlapping, (f) => {
        if (!skip(f) && this.roomClash(p, f)) out.push({ kind: 'room', resourceId: p.roomId!, entryId: f.id, note: null });
      });
    }
    this.each(this.byClass, p.classId, p.weekday, overlapping, (f) => {
      if (!skip(f) && this.classClash(p, f)) out.push({ kind: 'class', resourceId: p.classId, entryId: f.id, note: null });
    });
    const u = this.unavailableAt(p.staffId, p.weekday, p.lessonNo);
    if (u) out.push({ kind: 'unavailable', resourceId: p.staffId, entryId: null, note: u.note });
    return out;
  }

  isUnavailable(staffId: string, weekday: number, lessonNo: number): boolean {
    return this.unavailableAt(staffId, weekday, lessonNo) !== null;
  }

  private unavailableAt(staffId: string, weekday: number, lessonNo: number): Unavailability | null {
    const list = this.unavailable.get(`${staffId}|${weekday}`);
    return list?.find((u) => u.lessonNo === null || u.lessonNo === lessonNo) ?? null;
  }

  private timeOf(p: Placement): number {
    return this.line.timeOf(p.classId, p.weekday, p.lessonNo);
  }

  /** A number for (resource, weekday, time): the index is looked up by numbers, not by built strings. */
  private cell(resource: string, weekday: number, time: number): number {
    let r = this.resources.get(resource);
    if (r === undefined) {
      r = this.resources.size;
      this.resources.set(resource, r);
    }
    return (r * 8 + weekday) * 4096 + time;
  }

  /** The placements after position `i` that share the resource at an overlapping time: each pair once. */
  private pairs(index: Map<number, number[]>, resource: string, weekday: number, times: number[], i: number, visit: (f: Placement) => unknown): void {
    for (const t of times) {
      const list = index.get(this.cell(resource, weekday, t));
      if (!list) continue;
      for (const j of list) if (j > i) visit(this.entries[j]);
    }
  }

  private each(index: Map<number, number[]>, resource: string, weekday: number, times: number[], visit: (f: Placement) => void): void {
    for (const t of times) {
      const list = index.get(this.cell(resource, weekday, t));
      if (list) for (const j of list) visit(this.entries[j]);
    }
  }

  /** The part of its split a group is, by name («1 группа» = «1 Группа»); worked out only when two groups meet. */
  private partOf(g: GroupInfo): string {
    let part = this.parts.get(g.id);
    if (part === undefined) {
      part = searchKey(g.name);
      this.parts.set(g.id, part);
    }
    return part;
  }

  private sameTime(a: Placement, b: Placement): boolean {
    if (a.cardId !== null && a.cardId === b.cardId) return false;
    return a.weekParity === 0 || b.weekParity === 0 || a.weekParity === b.weekParity;
  }

  private teacherClash(a: Placement, b: Placement): boolean {
    return a.staffId === b.staffId && this.sameTime(a, b);
  }

  private roomClash(a: Placement, b: Placement): boolean {
    return a.roomId !== null && a.roomId === b.roomId && this.sameTime(a, b);
  }

  private classClash(a: Placement, b: Placement): boolean {
    if (a.classId !== b.classId || !this.sameTime(a, b)) return false;
    if (a.individualPlanId || b.individualPlanId) return a.individualPlanId === b.individualPlanId;
    if (a.groupId === null || b.groupId === null) return true;
    if (a.groupId === b.groupId) return true;
    const ga = this.groups.get(a.groupId);
    const gb = this.groups.get(b.groupId);
    // An unknown group is treated as the whole class: better a warning too many than a clash missed.
    if (!ga || !gb) return true;
    if (isPartsKey(ga.splitKey) && isPartsKey(gb.splitKey)) return partsOverlap(ga.splitKey, gb.splitKey);
    return ga.splitKey !== gb.splitKey || this.partOf(ga) === this.partOf(gb);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function clash(kind: Clash['kind'], resourceId: string, a: Placement, b: Placement): Clash {
  return { kind, resourceId, entryIds: [a.id, b.id], weekday: a.weekday, lessonNo: a.lessonNo };
}
