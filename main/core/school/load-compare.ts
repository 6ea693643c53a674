import { addDays } from '../shared/dates';

/**
 * The live comparison of the teaching load with the curriculum (seed 003
 * §4.6.11, 4.1.8: «учебные планы по классам, нагрузку по учителям»).
 *
 * A slot is what one teacher at a time should teach: a subject in a class, or
 * in each of its subgroups when the curriculum splits the class for that
 * subject (each subgroup gets the subject's full hours). On any day of the
 * year the hours assigned to a slot should equal the curriculum's hours:
 * - unassigned = planned − the fewest hours assigned on any day of the year;
 * - assigned twice = the most hours assigned on any day − planned.
 * Assignments with dates (a teacher who takes over mid-year) are counted only
 * on their days, so a handover is neither a gap nor a double.
 */

export interface CompareInput {
  year: { startDate: string; endDate: string };
  classes: { id: string; name: string }[];
  curriculum: { classId: string; subjectId: string; hoursPerWeek: number; splitIntoGroups: boolean }[];
  groups: { id: string; classId: string; subjectId: string; name: string }[];
  assignments: {
    id: string;
    staffId: string;
    classId: string;
    groupId: string | null;
    subjectId: string;
    hoursPerWeek: number;
    fromDate: string | null;
    toDate: string | null;
  }[];
}

export interface SlotLine {
  classId: string;
  subjectId: string;
  /** Null: the whole class. */
  groupId: string | null;
  groupName: string | null;
  planned: number;
  assignedMin: number;
  assignedMax: number;
  unassigned: number;
  twice: number;
  staffIds: string[];
  assignmentIds: string[];
  /** A split subject whose subgroups do not exist yet; or a subject that is not in the curriculum. */
  note: 'no_groups' | 'not_in_curriculum' | null;
}

export interface ClassComparison {
  classId: string;
  planned: number;
  unassigned: number;
  twice: number;
  lines: SlotLine[];
}

export interface TeacherComparison {
  staffId: string;
  /** Hours a week on the reference day. */
  hours: number;
  /** Hours of this teacher in slots that are assigned twice. */
  twice: number;
  lines: { assignmentId: string; classId: string; subjectId: string; groupId: string | null; hoursPerWeek: number; twice: boolean; fromDate: string | null; toDate: string | null }[];
}

export interface Comparison {
  byClass: ClassComparison[];
  byTeacher: TeacherComparison[];
  totals: { planned: number; unassigned: number; twice: number };
}

const round = (n: number) => Math.round(n * 100) / 100;

/** The fewest and the most hours assigned at once over the year. */
export function concurrentHours(
  year: { startDate: string; endDate: string },
  spans: { hoursPerWeek: number; fromDate: string | null; toDate: string | null }[],
): { min: number; max: number } {
  const ranges = spans.map((s) => ({
    from: s.fromDate && s.fromDate > year.startDate ? s.fromDate : year.startDate,
    to: s.toDate && s.toDate < year.endDate ? s.toDate : year.endDate,
    h: s.hoursPerWeek,
  }));
  // The total only changes where a span starts or the day after one ends.
  const points = new Set<string>([year.startDate]);
  for (const r of ranges) {
    points.add(r.from);
    const after = addDays(r.to, 1);
    if (after <= year.endDate) points.add(after);
  }
  let min = Infinity;
  let max = 0;
  for (const day of points) {
    if (day < year.startDate || day > year.endDate) continue;
    const total = ranges.filter((r) => r.from <= day && day <= r.to).reduce((sum, r) => sum + r.h, 0);
    min = Math.min(min, total);
    max = Math.max(max, total);
  }
  return { min: min === Infinity ? 0 : round(min), max: round(max) };
}

export function compareLoad(input: CompareInput, referenceDay: string): Comparison {
  const lines: SlotLine[] = [];
  const used = new Set<string>();
  const active = (a: CompareInput['assignments'][number]) =>
    (a.fromDate === null || a.fromDate <= referenceDay) && (a.toDate === null || a.toDate >= referenceDay);

  const slot = (classId: string, subjectId: string, groupId: string | null, groupName: string | null, planned: number, note: SlotLine['note']) => {
    const mine = input.assignments.filter(
      (a) =>
        a.classId === classId &&
        a.subjectId === subjectId &&
        // A whole-class assignment of a split subject covers every subgroup.
        (groupId === null ? true : a.groupId === groupId || a.groupId === null),
    );
    mine.forEach((a) => used.add(a.id));
    const { min, max } = concurrentHours(input.year, mine);
    lines.push({
      classId,
      subjectId,
      groupId,
      groupName,
      planned,
      assignedMin: min,
      assignedMax: max,
      unassigned: round(Math.max(0, planned - min)),
      twice: round(Math.max(0, max - planned)),
      staffIds: [...new Set(mine.map((a) => a.staffId))],
      assignmentIds: mine.map((a) => a.id),
      note,
    });
  };

  for (const item of input.curriculum) {
    if (!item.splitIntoGroups) {
      slot(item.classId, item.subjectId, null, null, item.hoursPerWeek, null);
      continue;
    }
    const groups = input.groups.filter((g) => g.classId === item.classId && g.subjectId === item.subjectId);
    if (groups.length === 0) slot(item.classId, item.subjectId, null, null, item.hoursPerWeek, 'no_groups');
    for (const g of groups) slot(item.classId, item.subjectId, g.id, g.name, item.hoursPerWeek, null);
  }
  // Load for a subject the class does not have in its curriculum: all of it is too much.
  const stray = input.assignments.filter((a) => !used.has(a.id));
  const strayKeys = new Set(stray.map((a) => `${a.classId}|${a.subjectId}`));
  for (const key of strayKeys) {
    const [classId, subjectId] = key.split('|');
    slot(classId, subjectId, null, null, 0, 'not_in_curriculum');
  }

  const byClass: ClassComparison[] = input.classes.map((c) => {
    const mine = lines.filter((l) => l.classId === c.id);
    return {
      classId: c.id,
      planned: round(mine.reduce((s, l) => s + l.planned, 0)),
      unassigned: round(mine.reduce((s, l) => s + l.unassigned, 0)),
      twice: round(mine.reduce((s, l) => s + l.twice, 0)),
      lines: mine,
    };
  });

  const doubled = new Set(lines.filter((l) => l.twice > 0).flatMap((l) => l.assignmentIds));
  const staffIds = [...new Set(input.assignments.map((a) => a.staffId))];
  const byTeacher: TeacherComparison[] = staffIds.map((staffId) => {
    const mine = input.assignments.filter((a) => a.staffId === staffId);
    return {
      staffId,
      hours: round(mine.filter(active).reduce((s, a) => s + a.hoursPerWeek, 0)),
      twice: round(mine.filter((a) => doubled.has(a.id)).reduce((s, a) => s + a.hoursPerWeek, 0)),
      lines: mine.map((a) => ({
        assignmentId: a.id,
        classId: a.classId,
        subjectId: a.subjectId,
        groupId: a.groupId,
        hoursPerWeek: a.hoursPerWeek,
        twice: doubled.has(a.id),
        fromDate: a.fromDate,
        toDate: a.toDate,
      })),
    };
  });

  return {
    byClass,
    byTeacher,
    totals: {
      planned: round(byClass.reduce((s, c) => s + c.planned, 0)),
      unassigned: round(byClass.reduce((s, c) => s + c.unassigned, 0)),
      twice: round(byClass.reduce((s, c) => s + c.twice, 0)),
    },
  };
}
