import type { SchoolCalendar } from './school-days';
import { heldInWeek, weekParityOf } from './week-cycle';
import { addDays } from '../shared/dates';

/**
 * The dated lessons the timetables and the calendar call for: pure, so the
 * year of a whole school is worked out in memory and only the difference
 * with what is stored touches the database.
 */

export interface TimetableVersion {
  id: string;
  validFrom: string;
  validTo: string | null;
  cycleWeeks: number;
  entries: VersionEntry[];
}

export interface VersionEntry {
  id: string;
  weekday: number;
  lessonNo: number;
  weekParity: number;
  classId: string;
  groupId: string | null;
  subjectId: string;
  staffId: string;
  roomId: string | null;
  individualPlanId: string | null;
}

export interface DesiredLesson {
  date: string;
  lessonNo: number;
  classId: string;
  groupId: string | null;
  subjectId: string;
  staffId: string;
  roomId: string | null;
  timetableEntryId: string;
  timetableId: string;
}

/** What makes a lesson the same lesson: its page and its place in the day. */
export function lessonKey(l: { date: string; lessonNo: number; classId: string; groupId: string | null; subjectId: string }): string {
  return `${l.date}|${l.lessonNo}|${l.classId}|${l.groupId ?? ''}|${l.subjectId}`;
}

/**
 * Spans of the active timetables: each runs from its start date until the day
 * before the next one starts (or its own end date, or the end of the year).
 */
export function timetableSpans(versions: TimetableVersion[], yearEnd: string): { version: TimetableVersion; from: string; to: string }[] {
  const sorted = [...versions].sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0));
  return sorted.map((version, i) => {
    const next = sorted[i + 1];
    let to = version.validTo ?? yearEnd;
    if (next && addDays(next.validFrom, -1) < to) to = addDays(next.validFrom, -1);
    if (yearEnd < to) to = yearEnd;
    return { version, from: version.validFrom, to };
  });
}

export function desiredLessons(
  versions: TimetableVersion[],
  calendar: SchoolCalendar,
  classes: { id: string; gradeLevel: number }[],
  from: string,
  to: string,
): DesiredLesson[] {
  const out: DesiredLesson[] = [];
  const seen = new Set<string>();
  for (const { version, from: spanFrom, to: spanTo } of timetableSpans(versions, calendar.yearEnd)) {
    const start = spanFrom > from ? spanFrom : from;
    const end = spanTo < to ? spanTo : to;
    if (start > end) continue;
    // The version's entries by class and weekday; individual-plan lessons have no journal page of the class.
    const byClassDay = new Map<string, VersionEntry[]>();
    for (const e of version.entries) {
      if (e.individualPlanId) continue;
      const key = `${e.classId}|${e.weekday}`;
      const list = byClassDay.get(key);
      if (list) list.push(e);
      else byClassDay.set(key, [e]);
    }
    for (const cls of classes) {
      for (const day of calendar.between(cls.gradeLevel, start, end)) {
        const entries = byClassDay.get(`${cls.id}|${day.weekday}`);
        if (!entries) continue;
        const week = weekParityOf(day.date, calendar.yearStart, version.cycleWeeks);
        for (const e of entries) {
          if (!heldInWeek(e.weekParity, week)) continue;
          const lesson: DesiredLesson = {
            date: day.date,
            lessonNo: e.lessonNo,
            classId: e.classId,
            groupId: e.groupId,
            subjectId: e.subjectId,
            staffId: e.staffId,
            roomId: e.roomId,
            timetableEntryId: e.id,
            timetableId: version.id,
          };
          // Two teachers of one group's lesson (team teaching) make one journal lesson.
          const key = lessonKey(lesson);
          if (seen.has(key)) continue;
          seen.add(key);
          out.push(lesson);
        }
      }
    }
  }
  return out;
}
