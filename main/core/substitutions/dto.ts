import type { SubstitutionKind, TeacherAbsence, TeacherAbsenceReason } from '../db/entities/changes';
import type { Day, DayLesson } from './day';
import { REASON_RU, covers, spanText } from './absences';
import { staffName } from './candidates';
import { classLabel, roomName, solutionText } from './describe';
import { ruDate, ruDayMonth } from '../shared/dates';

export interface AbsenceDto {
  id: string;
  staffId: string;
  staffName: string;
  fromDate: string;
  toDate: string;
  fromLessonNo: number | null;
  toLessonNo: number | null;
  reason: TeacherAbsenceReason;
  reasonText: string;
  note: string | null;
  /** «23.11–24.11», «23.11, уроки 3–6». */
  span: string;
}

export function absenceDto(a: TeacherAbsence, name: string): AbsenceDto {
  return {
    id: a.id,
    staffId: a.staffId,
    staffName: name,
    fromDate: a.fromDate,
    toDate: a.toDate,
    fromLessonNo: a.fromLessonNo,
    toLessonNo: a.toLessonNo,
    reason: a.reason,
    reasonText: REASON_RU[a.reason],
    note: a.note,
    span: spanText(a, (d) => ruDate(d).slice(0, 5)),
  };
}

export interface SolutionDto {
  id: string | null;
  kind: SubstitutionKind;
  text: string;
  substituteStaffId: string | null;
  mergedWithLessonId: string | null;
  newRoomId: string | null;
  hours: number;
  paid: boolean;
  note: string | null;
}

export type LessonState = 'open' | 'solved' | 'problem' | 'moved_in';

export interface DayLessonDto {
  id: string;
  date: string;
  lessonNo: number;
  /** «08:50–09:30», when the class has bells. */
  clock: string | null;
  classId: string;
  classLabel: string;
  subjectId: string;
  subjectName: string;
  teacherId: string;
  teacherName: string;
  roomName: string | null;
  absenceId: string | null;
  state: LessonState;
  /** Why the lesson still needs a decision. */
  problem: string | null;
  solution: SolutionDto | null;
  /** «с 24.11, 2-й урок» for a lesson moved here. */
  movedFrom: string | null;
}

export function lessonDto(day: Day, l: DayLesson): DayLessonDto {
  const s = day.subs.get(l.id);
  const problem = day.openReason(l);
  const absence = day.absences.find((a) => a.staffId === l.staffId && covers(a, day.date, l.lessonNo)) ?? null;
  const solution: SolutionDto | null = s
    ? {
        id: s.id,
        kind: s.kind,
        text: solutionText(day, l, s),
        substituteStaffId: s.substituteStaffId,
        mergedWithLessonId: s.mergedWithLessonId,
        newRoomId: s.newRoomId,
        hours: s.hours,
        paid: Boolean(s.paid),
        note: s.note,
      }
    : l.substituteStaffId
      ? {
          id: null,
          kind: 'substitute',
          text: `Замена: ${staffName(day, l.substituteStaffId)}`,
          substituteStaffId: l.substituteStaffId,
          mergedWithLessonId: null,
          newRoomId: null,
          hours: 1,
          paid: true,
          note: null,
        }
      : l.status === 'cancelled'
        ? { id: null, kind: 'cancel', text: 'Урок отменён', substituteStaffId: null, mergedWithLessonId: null, newRoomId: null, hours: 0, paid: false, note: null }
        : null;
  const state: LessonState = problem ? (solution && solution.kind !== 'room_change' ? 'problem' : 'open') : l.movedFromDate && !solution ? 'moved_in' : 'solved';
  return {
    id: l.id,
    date: l.date,
    lessonNo: l.lessonNo,
    clock: day.line.clock(l.time),
    classId: l.classId,
    classLabel: classLabel(day, l),
    subjectId: l.subjectId,
    subjectName: day.subjects.get(l.subjectId)?.name ?? 'предмет удалён',
    teacherId: l.staffId,
    teacherName: staffName(day, l.staffId),
    roomName: roomName(day, l.roomId),
    absenceId: absence?.id ?? null,
    state,
    problem,
    solution,
    movedFrom: l.movedFromDate ? `с ${ruDayMonth(l.movedFromDate)}, ${l.movedFromLessonNo}-й урок` : null,
  };
}

/** The lessons the deputy's day shows: those of absent teachers, those changed, those moved here. */
export function dayLessons(day: Day): DayLesson[] {
  return day.lessons
    .filter((l) => day.absenceOf(l.staffId, l.lessonNo) || day.subs.has(l.id) || l.substituteStaffId || l.status === 'cancelled' || l.movedFromDate || day.openReason(l))
    .sort((a, b) => a.pos - b.pos || classLabel(day, a).localeCompare(classLabel(day, b), 'ru'));
}
