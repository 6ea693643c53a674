import { shortName } from '../shared/text';
import { countRu } from '../grading/plural';
import type { Day, DayLesson } from './day';
import { REASON_RU } from './absences';
import { compareRanked, scoreOf, type Criteria, type Ranked } from './ranking';

/** A lesson as far as being busy and near matters. */
export interface Slot {
  id: string;
  time: number;
  pos: number;
  lessonNo: number;
  classId: string;
  groupId: string | null;
  subjectId: string;
  /** The planned teacher: a slot of someone else's lesson is a substitution. */
  staffId: string;
}

/**
 * Picks already made in one «fill the day» run: they keep their teacher busy
 * and count towards the day and the month before anything is saved
 * (the workload rule must see the run's own picks, intl_anchors.md §2.2).
 */
export class Run {
  private readonly byStaff = new Map<string, Slot[]>();

  add(staffId: string, slot: Slot): void {
    this.byStaff.set(staffId, [...(this.byStaff.get(staffId) ?? []), slot]);
  }

  slotsOf(staffId: string): Slot[] {
    return this.byStaff.get(staffId) ?? [];
  }
}

export interface CandidateRow extends Ranked {
  staffId: string;
  /** «3-й урок, 6А» — the nearest own lesson, for the distance column's tooltip. */
  nearest: string | null;
}

export interface ExcludedRow {
  staffId: string;
  name: string;
  reason: string;
}

export interface Ranking {
  candidates: CandidateRow[];
  /** Teachers of this class or subject who cannot take it, with the reason (so the deputy is not left guessing). */
  excluded: ExcludedRow[];
}

export function lessonNoText(n: number): string {
  return `${n}-й урок`;
}

/**
 * The hard filters (at school and not away, not blocked at that time, free,
 * under the daily maximum), then the criteria of every teacher who passes
 * them, in the order of ranking.compareRanked.
 */
export function rankFor(day: Day, lesson: DayLesson, run: Run = new Run()): Ranking {
  const cls = day.classes.get(lesson.classId);
  const current = day.subs.get(lesson.id);
  const candidates: CandidateRow[] = [];
  const excluded: ExcludedRow[] = [];
  for (const staffId of day.candidates) {
    if (staffId === lesson.staffId) continue;
    const person = day.staff.get(staffId)!;
    const name = shortName(person);
    const criteria: Omit<Criteria, 'continuity' | 'distance' | 'lessonsToday' | 'month'> = {
      teachesClass: day.teachesClass(staffId, lesson.classId),
      subject: day.subjectTie(staffId, lesson.subjectId, cls?.gradeLevel ?? 0),
      classTeacher: cls?.classTeacherId === staffId,
    };
    // Who the deputy would ask about: a teacher of the subject at this level, or of the class (not a primary teacher for 5А maths).
    const relevant = criteria.teachesClass || criteria.subject === 'teaches' || criteria.subject === 'qualified' || criteria.classTeacher;
    const refuse = (reason: string) => {
      if (relevant) excluded.push({ staffId, name, reason });
    };
    const away = day.absenceOf(staffId, lesson.lessonNo);
    if (away) {
      refuse(`отсутствует (${REASON_RU[away.reason]})`);
      continue;
    }
    const blocked = (day.unavailable.get(staffId) ?? []).find((u) => u.lessonNo === null || u.lessonNo === lesson.lessonNo);
    if (blocked) {
      refuse(`не ведёт уроки в это время${blocked.note ? `: ${blocked.note}` : ''}`);
      continue;
    }
    const slots: Slot[] = [...day.lessonsOf(staffId), ...run.slotsOf(staffId)].filter((x) => x.id !== lesson.id);
    const busy = day.clashes(lesson.time, slots);
    if (busy.length > 0) {
      refuse(`занят: ${describeSlot(day, busy[0])}`);
      continue;
    }
    const lessonsToday = new Set(slots.map((x) => x.time)).size;
    const max = day.maxLessonsOf(staffId);
    if (lessonsToday + 1 > max) {
      refuse(`уже ${countRu(lessonsToday, ['урок', 'урока', 'уроков'])} в этот день — больше не положено (не более ${max})`);
      continue;
    }
    let nearest: Slot | null = null;
    for (const x of slots) if (!nearest || Math.abs(x.pos - lesson.pos) < Math.abs(nearest.pos - lesson.pos)) nearest = x;
    const continuity = slots.some(
      (x) => x.staffId !== staffId && x.classId === lesson.classId && x.groupId === lesson.groupId && Math.abs(x.lessonNo - lesson.lessonNo) === 1,
    );
    const month = (day.month.get(staffId) ?? 0) - (current?.substituteStaffId === staffId ? 1 : 0) + run.slotsOf(staffId).length;
    const full: Criteria = {
      ...criteria,
      continuity,
      distance: nearest ? Math.abs(nearest.pos - lesson.pos) : null,
      lessonsToday,
      month,
    };
    candidates.push({ staffId, name, ...full, score: scoreOf(full, day.rules.weights), nearest: nearest ? describeSlot(day, nearest) : null });
  }
  candidates.sort(compareRanked);
  return { candidates, excluded: excluded.sort((a, b) => a.name.localeCompare(b.name, 'ru')) };
}

export function staffName(day: Day, staffId: string | null): string {
  if (!staffId) return '';
  const s = day.staff.get(staffId);
  return s ? shortName(s) : 'сотрудник удалён';
}

/** «3-й урок, 6А, Математика». */
export function describeSlot(day: Day, x: Slot): string {
  const cls = day.classes.get(x.classId)?.name ?? '';
  const subject = day.subjects.get(x.subjectId)?.name ?? '';
  return `${lessonNoText(x.lessonNo)}, ${cls}${subject ? `, ${subject}` : ''}`;
}

export interface MergeOption {
  lessonId: string;
  classId: string;
  className: string;
  groupName: string | null;
  subjectName: string;
  sameSubject: boolean;
  teacherId: string;
  teacherName: string;
  roomName: string | null;
}

/**
 * Lessons this class (or group) can join: at the same time, in a parallel
 * class of the same grade or in another group of the same class, given by a
 * teacher who is there. The same subject first.
 */
export function mergeOptions(day: Day, lesson: DayLesson): MergeOption[] {
  const cls = day.classes.get(lesson.classId);
  const over = new Set(day.line.overlapping(lesson.time));
  const out: MergeOption[] = [];
  for (const x of day.lessons) {
    if (x.id === lesson.id || !over.has(x.time) || x.status === 'cancelled') continue;
    const sameClassOtherGroup = x.classId === lesson.classId && x.groupId !== lesson.groupId && x.groupId !== null && lesson.groupId !== null;
    const parallel = x.classId !== lesson.classId && day.classes.get(x.classId)?.gradeLevel === cls?.gradeLevel;
    if (!sameClassOtherGroup && !parallel) continue;
    if (day.subs.get(x.id)?.kind === 'merge' || day.openReason(x)) continue;
    const teacher = day.teacherOf(x);
    if (!teacher || teacher === lesson.staffId) continue;
    const room = day.roomOf(x);
    out.push({
      lessonId: x.id,
      classId: x.classId,
      className: day.classes.get(x.classId)?.name ?? '',
      groupName: x.groupId ? (day.groups.get(x.groupId)?.name ?? null) : null,
      subjectName: day.subjects.get(x.subjectId)?.name ?? '',
      sameSubject: x.subjectId === lesson.subjectId,
      teacherId: teacher,
      teacherName: staffName(day, teacher),
      roomName: room ? (day.rooms.get(room)?.number ?? null) : null,
    });
  }
  return out.sort((a, b) => Number(b.sameSubject) - Number(a.sameSubject) || a.className.localeCompare(b.className, 'ru'));
}
