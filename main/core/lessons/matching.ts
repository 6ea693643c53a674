import { lessonKey, type DesiredLesson } from './desired';

/** A stored lesson, as much of it as the regeneration looks at. */
export interface StoredLesson {
  id: string;
  date: string;
  lessonNo: number;
  classId: string;
  groupId: string | null;
  subjectId: string;
  staffId: string;
  roomId: string | null;
  timetableEntryId: string | null;
  planTopicId: string | null;
  status: string;
  movedFromDate: string | null;
  movedFromLessonNo: number | null;
}

export interface LessonPatch {
  id: string;
  patch: Partial<Pick<StoredLesson, 'staffId' | 'roomId' | 'timetableEntryId'>>;
}

export interface Matching {
  /** Lessons the timetable calls for that are not stored yet. */
  create: DesiredLesson[];
  /** Stored lessons that are the timetable's, with what changed (teacher, room, entry). */
  update: LessonPatch[];
  /** Ids of stored lessons the timetable calls for (changed or not). */
  matched: string[];
  /**
   * Stored timetable lessons the timetable no longer calls for: removed when
   * empty, kept for reconciliation when something was written in them.
   */
  orphans: StoredLesson[];
}

/**
 * Pairs the lessons the timetable calls for with the stored ones by page and
 * place in the day. A moved lesson (перенос) answers for the place it came
 * from and stays where it went. A lesson added by hand (no timetable entry)
 * is adopted when the timetable now calls for it, and otherwise left alone.
 */
export function matchLessons(desired: DesiredLesson[], stored: StoredLesson[]): Matching {
  const byKey = new Map<string, StoredLesson>();
  const extras: StoredLesson[] = [];
  for (const s of stored) {
    const key = s.movedFromDate
      ? lessonKey({ ...s, date: s.movedFromDate, lessonNo: s.movedFromLessonNo ?? s.lessonNo })
      : lessonKey(s);
    if (byKey.has(key)) extras.push(s);
    else byKey.set(key, s);
  }
  const create: DesiredLesson[] = [];
  const update: LessonPatch[] = [];
  const matched: string[] = [];
  const used = new Set<string>();
  for (const d of desired) {
    const s = byKey.get(lessonKey(d));
    if (!s) {
      create.push(d);
      continue;
    }
    used.add(s.id);
    matched.push(s.id);
    const patch: LessonPatch['patch'] = {};
    if (s.staffId !== d.staffId) patch.staffId = d.staffId;
    if (s.roomId !== d.roomId && !s.movedFromDate) patch.roomId = d.roomId;
    if (s.timetableEntryId !== d.timetableEntryId) patch.timetableEntryId = d.timetableEntryId;
    if (Object.keys(patch).length > 0) update.push({ id: s.id, patch });
  }
  const orphans = [...byKey.values(), ...extras].filter((s) => !used.has(s.id) && (s.timetableEntryId !== null || s.movedFromDate !== null));
  return { create, update, matched, orphans };
}
