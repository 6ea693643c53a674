import type { Placement } from './model';

/**
 * Hours placed in the timetable against the curriculum (per class, subject
 * and subgroup) and against the teaching load (per teacher and per line of
 * the load). A lesson of week A or week B counts as half an hour a week.
 */

export interface CurriculumLine {
  classId: string;
  subjectId: string;
  hoursPerWeek: number;
  splitIntoGroups: boolean;
}

export interface GroupLine {
  id: string;
  classId: string;
  subjectId: string;
}

export interface LoadLine {
  id: string;
  staffId: string;
  classId: string;
  groupId: string | null;
  subjectId: string;
  hoursPerWeek: number;
}

export interface SubjectHours {
  classId: string;
  subjectId: string;
  /** Null: the whole class. */
  groupId: string | null;
  required: number;
  placed: number;
}

export interface TeacherHours {
  staffId: string;
  load: number;
  placed: number;
}

export interface LoadHours {
  assignmentId: string;
  staffId: string;
  classId: string;
  groupId: string | null;
  subjectId: string;
  load: number;
  placed: number;
}

export interface HoursReport {
  subjects: SubjectHours[];
  teachers: TeacherHours[];
  load: LoadHours[];
}

type Counted = Pick<Placement, 'id' | 'weekParity' | 'classId' | 'groupId' | 'subjectId' | 'staffId' | 'cardId' | 'individualPlanId'>;

function weeklyWeight(p: Pick<Placement, 'weekParity'>): number {
  return p.weekParity === 0 ? 1 : 0.5;
}

export function compareHours(entries: Counted[], curriculum: CurriculumLine[], groups: GroupLine[], load: LoadLine[]): HoursReport {
  // Individual-plan lessons are a student's own, not the class's curriculum.
  const classEntries = entries.filter((e) => !e.individualPlanId);
  const placedFor = (classId: string, subjectId: string, groupId: string | null) =>
    round(
      classEntries
        .filter((e) => e.classId === classId && e.subjectId === subjectId && (groupId === null ? e.groupId === null : e.groupId === groupId || e.groupId === null))
        .reduce((s, e) => s + weeklyWeight(e), 0),
    );

  const subjects: SubjectHours[] = [];
  const covered = new Set<string>();
  for (const c of curriculum) {
    covered.add(`${c.classId}|${c.subjectId}`);
    const own = groups.filter((g) => g.classId === c.classId && g.subjectId === c.subjectId);
    if (c.splitIntoGroups && own.length > 0) {
      for (const g of own) subjects.push({ classId: c.classId, subjectId: c.subjectId, groupId: g.id, required: c.hoursPerWeek, placed: placedFor(c.classId, c.subjectId, g.id) });
    } else {
      subjects.push({ classId: c.classId, subjectId: c.subjectId, groupId: null, required: c.hoursPerWeek, placed: placedFor(c.classId, c.subjectId, null) });
    }
  }
  // Placed subjects the curriculum does not have: shown with nothing required.
  const extra = new Map<string, SubjectHours>();
  for (const e of classEntries) {
    if (covered.has(`${e.classId}|${e.subjectId}`)) continue;
    const key = `${e.classId}|${e.subjectId}|${e.groupId ?? ''}`;
    const row = extra.get(key) ?? { classId: e.classId, subjectId: e.subjectId, groupId: e.groupId, required: 0, placed: 0 };
    row.placed = round(row.placed + weeklyWeight(e));
    extra.set(key, row);
  }
  subjects.push(...extra.values());

  // A teacher's joint lesson (one card, several classes) is one hour of work.
  const teacherPlaced = new Map<string, number>();
  const seen = new Set<string>();
  for (const e of entries) {
    const key = `${e.staffId}|${e.cardId ?? e.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    teacherPlaced.set(e.staffId, round((teacherPlaced.get(e.staffId) ?? 0) + weeklyWeight(e)));
  }
  const teacherLoad = new Map<string, number>();
  for (const l of load) teacherLoad.set(l.staffId, round((teacherLoad.get(l.staffId) ?? 0) + l.hoursPerWeek));
  const staffIds = new Set([...teacherLoad.keys(), ...teacherPlaced.keys()]);
  const teachers = [...staffIds].map((staffId) => ({ staffId, load: teacherLoad.get(staffId) ?? 0, placed: teacherPlaced.get(staffId) ?? 0 }));

  const loadRows: LoadHours[] = load.map((l) => ({
    assignmentId: l.id,
    staffId: l.staffId,
    classId: l.classId,
    groupId: l.groupId,
    subjectId: l.subjectId,
    load: l.hoursPerWeek,
    placed: round(
      entries
        .filter((e) => e.staffId === l.staffId && e.classId === l.classId && e.subjectId === l.subjectId && (l.groupId === null || e.groupId === l.groupId))
        .reduce((s, e) => s + weeklyWeight(e), 0),
    ),
  }));
  return { subjects, teachers, load: loadRows };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
