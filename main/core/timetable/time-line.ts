/**
 * When a lesson really happens. Lesson numbers alone do not say it: the
 * second shift's first lesson may ring with the first shift's seventh, and a
 * shortened Saturday moves every bell. Two placements clash only when their
 * times overlap, so each (class, weekday, lesson number) is mapped to a small
 * integer "time" and the overlap of every pair of times is worked out once.
 *
 * A class without a bell schedule has no clock times: its lessons overlap
 * only lessons of the same shift with the same number (the best that can be
 * said without bells, and what every school means when it has one shift).
 */

export interface TimeLineClass {
  id: string;
  shift: number;
  bellScheduleId: string | null;
}

export interface TimeLineSchedule {
  id: string;
  shift: number;
  /** Bit i = weekday i+1; null = every school day. */
  weekdays: number | null;
}

export interface TimeLineBell {
  scheduleId: string;
  lessonNo: number;
  startTime: string;
  endTime: string;
}

interface SlotTime {
  shift: number;
  lessonNo: number;
  /** Minutes from midnight; null when the class has no bells for the lesson. */
  start: number | null;
  end: number | null;
  startTime: string | null;
  endTime: string | null;
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

export class TimeLine {
  private readonly times: SlotTime[] = [];
  private readonly timeIndex = new Map<string, number>();
  private readonly overlapCache: number[][] = [];
  private readonly classes = new Map<string, TimeLineClass>();
  private readonly schedules: TimeLineSchedule[];
  private readonly bells = new Map<string, TimeLineBell>();
  /** Per class: time index by weekday × 32 + lesson number (−1: not worked out yet). */
  private readonly memo = new Map<string, Int32Array>();

  constructor(classes: TimeLineClass[], schedules: TimeLineSchedule[], bells: TimeLineBell[]) {
    for (const c of classes) this.classes.set(c.id, c);
    this.schedules = schedules;
    for (const b of bells) this.bells.set(`${b.scheduleId}|${b.lessonNo}`, b);
  }

  /** A line without bells: lessons clash when their numbers (and shifts) are equal. */
  static plain(): TimeLine {
    return new TimeLine([], [], []);
  }

  /** The time index of a class's lesson on a weekday. */
  timeOf(classId: string, weekday: number, lessonNo: number): number {
    let row = this.memo.get(classId);
    if (!row) {
      row = new Int32Array(8 * 32).fill(-1);
      this.memo.set(classId, row);
    }
    const cellNo = weekday * 32 + lessonNo;
    const known = cellNo >= 0 && cellNo < row.length ? row[cellNo] : -1;
    if (known >= 0) return known;
    const cls = this.classes.get(classId);
    const shift = cls?.shift ?? 1;
    const scheduleId = cls ? this.scheduleFor(cls, weekday) : null;
    const bell = scheduleId ? this.bells.get(`${scheduleId}|${lessonNo}`) : undefined;
    const slot: SlotTime = bell
      ? { shift, lessonNo, start: minutes(bell.startTime), end: minutes(bell.endTime), startTime: bell.startTime, endTime: bell.endTime }
      : { shift, lessonNo, start: null, end: null, startTime: null, endTime: null };
    const id = bell ? `t|${slot.start}|${slot.end}|${shift}|${lessonNo}` : `n|${shift}|${lessonNo}`;
    let index = this.timeIndex.get(id);
    if (index === undefined) {
      index = this.times.length;
      this.times.push(slot);
      this.timeIndex.set(id, index);
      this.overlapCache.length = 0;
    }
    if (cellNo >= 0 && cellNo < row.length) row[cellNo] = index;
    return index;
  }

  /** Every time index that overlaps the given one (itself included). */
  overlapping(time: number): number[] {
    let list = this.overlapCache[time];
    if (list) return list;
    list = [];
    const a = this.times[time];
    for (let i = 0; i < this.times.length; i++) if (overlaps(a, this.times[i])) list.push(i);
    this.overlapCache[time] = list;
    return list;
  }

  /** «08:50–09:30» for a time with bells, or null. */
  clock(time: number): string | null {
    const t = this.times[time];
    return t.startTime && t.endTime ? `${t.startTime}–${t.endTime}` : null;
  }

  /**
   * The class's own schedule if it covers the weekday; otherwise the year's
   * schedule of the class's shift for that weekday, a schedule made for some
   * weekdays (a shortened Saturday) winning over one for every day.
   */
  private scheduleFor(cls: TimeLineClass, weekday: number): string | null {
    const covers = (s: TimeLineSchedule) => s.weekdays === null || (s.weekdays & (1 << (weekday - 1))) !== 0;
    if (cls.bellScheduleId) {
      const own = this.schedules.find((s) => s.id === cls.bellScheduleId);
      if (own && covers(own)) return own.id;
    }
    const candidates = this.schedules.filter((s) => s.shift === cls.shift && covers(s));
    const specific = candidates.find((s) => s.weekdays !== null);
    return (specific ?? candidates[0])?.id ?? null;
  }
}

function overlaps(a: SlotTime, b: SlotTime): boolean {
  if (a.start !== null && a.end !== null && b.start !== null && b.end !== null) return a.start < b.end && b.start < a.end;
  return a.shift === b.shift && a.lessonNo === b.lessonNo;
}
