import type { ReadableDb } from '../db/readable';
import { LessonEntity, MarkEntity } from '../db/entities/journal';
import { shortName } from '../shared/text';
import { classRoster, onRollAt, studentName } from '../reports/data/roster';
import { plansOfClasses, pageKey } from '../reports/data/class-journal';
import { staffById } from '../reports/data/people';
import { loadClass } from '../reports/data/year';
import { programme } from '../reports/formulas/programme';
import { pageStudents } from '../journal/page-data';
import { localTime } from '../shared/school-time';
import { FINDING_ASK, FINDING_RU, type FindingCode } from './codes';
import { lessonsIn, substitutedLessonIds, type CheckLesson } from './data';
import { addDays, ruDate } from '../shared/dates';

export interface DrillLesson {
  lessonId: string;
  date: string;
  lessonNo: number;
  topic: string | null;
  homework: string | null;
  /** «тема записана 16.09.2026 в 21:30», «отметок с опозданием: 2». */
  note: string;
  teacherName: string;
  staffId: string;
}

export interface DrillStudent {
  studentId: string;
  name: string;
  marks: number;
}

export interface Drill {
  code: FindingCode;
  title: string;
  /** What a remark about it asks of the teacher (codes.FINDING_ASK). */
  ask: string;
  lessons: DrillLesson[];
  students: DrillStudent[];
  topics: string[];
}

export interface DrillInput {
  classId: string;
  groupId: string | null;
  subjectId: string;
  from: string;
  to: string;
  code: FindingCode;
  minimum?: number | null;
}

/** The lessons, students or topics behind one finding of one page: where the deputy's remark points. */
export async function drill(em: ReadableDb, p: DrillInput, today: string, timeZone: string): Promise<Drill> {
  const c = await loadClass(em, p.classId);
  const yesterday = addDays(today, -1);
  const asOf = p.to < yesterday ? p.to : yesterday;
  const out: Drill = { code: p.code, title: FINDING_RU[p.code], ask: FINDING_ASK[p.code], lessons: [], students: [], topics: [] };
  if (asOf < p.from) return out;
  const ref = { classId: p.classId, groupId: p.groupId, subjectId: p.subjectId };
  const all = (await lessonsIn(em, [p.classId], p.from, asOf)).filter((l) => pageKey(l) === pageKey(ref));
  const due = all.filter((l) => l.status !== 'cancelled');
  const staff = await staffById(em, [...due.map((l) => l.staffId), ...due.map((l) => l.substituteStaffId).filter((s): s is string => !!s)]);
  const name = (id: string | null) => {
    const s = id ? staff.get(id) : undefined;
    return s ? shortName(s) : '';
  };
  const lesson = (l: CheckLesson, note: string): DrillLesson => ({
    lessonId: l.id,
    date: l.date,
    lessonNo: l.lessonNo,
    topic: l.topic,
    homework: l.homework,
    note,
    teacherName: l.substituteStaffId ? `${name(l.substituteStaffId)} (замена)` : name(l.staffId),
    staffId: l.substituteStaffId ?? l.staffId,
  });
  switch (p.code) {
    case 'topics_late': {
      const setAt = await topicTimes(em, due.filter((l) => l.topic && l.topicLate).map((l) => l.id));
      out.lessons = due
        .filter((l) => l.topic && l.topicLate)
        .map((l) => {
          const at = setAt.get(l.id);
          const local = at ? localTime(new Date(at), timeZone) : null;
          return lesson(l, local ? `тема записана ${ruDate(local.date)} в ${local.time}` : 'тема записана с опозданием');
        });
      break;
    }
    case 'topics_missing':
      out.lessons = due.filter((l) => !l.topic).map((l) => lesson(l, 'тема не записана'));
      break;
    case 'homework_missing':
      out.lessons = due.filter((l) => l.status === 'given' && !l.homework).map((l) => lesson(l, 'домашнее задание не записано'));
      break;
    case 'attendance_missing':
      out.lessons = due.filter((l) => l.status !== 'given').map((l) => lesson(l, 'посещаемость не отмечена'));
      break;
    case 'substitution_unfilled': {
      const subs = await substitutedLessonIds(em, [p.classId], p.from, asOf);
      out.lessons = due.filter((l) => (l.substituteStaffId || subs.has(l.id)) && !l.topic).map((l) => lesson(l, 'урок на замене не заполнен'));
      break;
    }
    case 'marks_late': {
      const late = await lateMarks(em, due.map((l) => l.id));
      out.lessons = due.filter((l) => late.has(l.id)).map((l) => lesson(l, `отметок с опозданием: ${late.get(l.id)}`));
      break;
    }
    case 'no_marks':
    case 'one_mark':
    case 'below_minimum': {
      const roll = p.groupId
        ? (await pageStudents(em, ref, p.from, asOf)).map((s) => ({ studentId: s.id, lastName: s.lastName, firstName: s.firstName, fromDate: s.fromDate, toDate: s.toDate }))
        : await classRoster(em, p.classId, p.from, asOf, 'school'); // the deputy's screen
      const counts = await marksPerStudent(em, due.map((l) => l.id));
      const wanted = (n: number) => (p.code === 'no_marks' ? n === 0 : p.code === 'one_mark' ? n === 1 : n < (p.minimum ?? 0));
      out.students = roll
        .filter((s) => onRollAt(s, asOf))
        .map((s) => ({ studentId: s.studentId, name: studentName(s), marks: counts.get(s.studentId) ?? 0 }))
        .filter((s) => wanted(s.marks));
      break;
    }
    case 'programme_behind': {
      const plans = await plansOfClasses(em, [p.classId], c.yearId);
      const year = await lessonsIn(em, [p.classId], '0000-01-01', asOf);
      const pr = programme(
        plans.get(pageKey(ref)) ?? [],
        year.filter((l) => pageKey(l) === pageKey(ref)).map((l) => ({ date: l.date, given: l.status === 'given' })),
        asOf,
      );
      out.topics = pr.behindTopics;
      break;
    }
    case 'absence_uncovered':
      break;
  }
  return out;
}

async function topicTimes(em: ReadableDb, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await em
    .createQueryBuilder(LessonEntity, 'l')
    .select('l.id', 'id')
    .addSelect('l.topicSetAt', 'at')
    .where('l.id IN (:...ids)', { ids })
    .getRawMany<{ id: string; at: string | null }>();
  return new Map(rows.filter((r) => r.at).map((r) => [r.id, r.at!]));
}

async function lateMarks(em: ReadableDb, lessonIds: string[]): Promise<Map<string, number>> {
  if (lessonIds.length === 0) return new Map();
  const rows = await em
    .createQueryBuilder(MarkEntity, 'm')
    .select('m.lessonId', 'lessonId')
    .addSelect('COUNT(*)', 'n')
    .where('m.lessonId IN (:...lessonIds) AND m.deletedAt IS NULL AND m.late = :yes', { lessonIds, yes: true })
    .groupBy('m.lessonId')
    .getRawMany<{ lessonId: string; n: string }>();
  return new Map(rows.map((r) => [r.lessonId, Number(r.n)]));
}

async function marksPerStudent(em: ReadableDb, lessonIds: string[]): Promise<Map<string, number>> {
  if (lessonIds.length === 0) return new Map();
  const rows = await em
    .createQueryBuilder(MarkEntity, 'm')
    .select('m.studentId', 'studentId')
    .addSelect('COUNT(*)', 'n')
    .where('m.lessonId IN (:...lessonIds) AND m.deletedAt IS NULL', { lessonIds })
    .groupBy('m.studentId')
    .getRawMany<{ studentId: string; n: string }>();
  return new Map(rows.map((r) => [r.studentId, Number(r.n)]));
}
