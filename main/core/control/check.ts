import type { ReadableDb } from '../db/readable';
import type { StudyPeriod } from '../db/entities/calendar';
import type { SchoolClass } from '../db/entities/school';
import { loadGradingSettings } from '../journal/grading-settings';
import { minimumMarks } from '../grading/minimum';
import { covers } from '../substitutions/absences';
import { shortName } from '../shared/text';
import { gradeRules } from '../school/grade-rules';
import { classesOfYear, resolveYear } from '../reports/data/year';
import { classRosters, onRollAt, type RosterEntry } from '../reports/data/roster';
import { classSubjects } from '../reports/data/subjects';
import { groupNames, pageKey } from '../reports/data/class-journal';
import { staffById } from '../reports/data/people';
import { percent } from '../reports/formulas/performance';
import { GroupMembershipEntity } from '../db/entities/school';
import { FINDING_RU, type FindingCode } from './codes';
import { lessonTotals, lessonsIn, markCounts, planTotals, substitutedLessonIds, teacherAbsences, type CheckLesson } from './data';
import { addDays } from '../shared/dates';

export interface CheckScope {
  classIds?: string[];
  staffIds?: string[];
  subjectIds?: string[];
}

export interface CheckInput {
  yearId?: string;
  from: string;
  to: string;
  /** When the span is a study period: the minimum of marks applies. */
  period?: StudyPeriod | null;
  scope: CheckScope;
}

export interface Finding {
  code: FindingCode;
  count: number;
  text: string;
}

/** One journal page (class or group × subject) over the span, with its teacher. */
export interface PageFinding {
  key: string;
  classId: string;
  className: string;
  groupId: string | null;
  groupName: string | null;
  subjectId: string;
  subjectName: string;
  staffId: string;
  teacherName: string;
  /** Lessons dated in the span up to the day before the check, not cancelled. */
  due: number;
  topicsOnTime: number;
  topicsLate: number;
  topicsMissing: number;
  /** Null in grade 1 (no homework). */
  homeworkSet: number | null;
  attendanceTaken: number;
  /** Null where no marks are given (grade 1, безотметочные предметы). */
  marks: number | null;
  marksLate: number | null;
  students: number;
  noMarks: number | null;
  oneMark: number | null;
  belowMinimum: number | null;
  minimum: number | null;
  programme: { plannedYear: number; planned: number; given: number; behind: number; source: 'plan' | 'timetable' };
  substituted: number;
  substitutedUnfilled: number;
  /** Percentages for the certificate. */
  rates: { topicsOnTime: number | null; marksOnTime: number | null; attendance: number | null; homework: number | null };
  findings: Finding[];
}

export interface UncoveredLesson {
  lessonId: string;
  date: string;
  lessonNo: number;
  classId: string;
  className: string;
  subjectName: string;
  staffId: string;
  teacherName: string;
}

export interface SummaryRow {
  id: string;
  name: string;
  pages: number;
  due: number;
  topicsLate: number;
  topicsMissing: number;
  marksLate: number;
  noMarks: number;
  oneMark: number;
  attendanceMissing: number;
  behind: number;
  findings: number;
  rates: PageFinding['rates'];
}

export interface CheckResult {
  from: string;
  to: string;
  /** The last day checked: the day before the check, or the span's end. */
  asOf: string;
  pages: PageFinding[];
  byTeacher: SummaryRow[];
  byClass: SummaryRow[];
  uncovered: UncoveredLesson[];
}

interface GroupMember {
  groupId: string;
  studentId: string;
  fromDate: string;
  toDate: string | null;
}

/**
 * The deputy's journal check (seed 000 §6.3, 002 item 14, 003 §9) over a
 * span and a scope: for every page, timeliness of topics and marks, mark
 * fill, attendance, homework, programme fulfilment and substitutions, each
 * shortfall a finding that drills down to its lessons or students.
 */
export async function runCheck(em: ReadableDb, input: CheckInput, today: string): Promise<CheckResult> {
  const year = await resolveYear(em, input.yearId, input.from <= today ? input.from : today);
  let classes: SchoolClass[] = await classesOfYear(em, year.id);
  if (input.scope.classIds?.length) classes = classes.filter((c) => input.scope.classIds!.includes(c.id));
  const classIds = classes.map((c) => c.id);
  const classById = new Map(classes.map((c) => [c.id, c]));
  // Today's lessons may still be filled in before the day's deadline: the check looks up to yesterday.
  const yesterday = addDays(today, -1);
  const asOf = input.to < yesterday ? input.to : yesterday;
  const empty: CheckResult = { from: input.from, to: input.to, asOf, pages: [], byTeacher: [], byClass: [], uncovered: [] };
  if (asOf < input.from || classIds.length === 0) return empty;

  const [lessons, marks, totals, plans, rosters, subjects, groups, subs, absences, members, grading] = await Promise.all([
    lessonsIn(em, classIds, input.from, asOf),
    markCounts(em, classIds, input.from, asOf),
    lessonTotals(em, classIds, year.startDate, asOf, year.endDate),
    planTotals(em, classIds, year.id, asOf),
    // The check gives figures and teachers' names, never a student's: the roll is only counted.
    classRosters(em, classIds, input.from, asOf, 'school'),
    classSubjects(em, classIds),
    groupNames(em, classIds),
    substitutedLessonIds(em, classIds, input.from, asOf),
    teacherAbsences(em, input.from, asOf),
    groupMembers(em, classIds),
    loadGradingSettings(em),
  ]);
  const subjectOf = new Map<string, { name: string; scale: string; hours: number }>();
  for (const [classId, list] of subjects) for (const s of list) subjectOf.set(`${classId}|${s.subjectId}`, { name: s.name, scale: s.scale, hours: s.hoursPerWeek });
  const marksByPage = new Map<string, Map<string, { total: number; late: number }>>();
  for (const m of marks) {
    const key = pageKey(m);
    let page = marksByPage.get(key);
    if (!page) marksByPage.set(key, (page = new Map()));
    page.set(m.studentId, { total: m.total, late: m.late });
  }
  const totalsByPage = new Map(totals.map((t) => [pageKey(t), t]));
  const plansByPage = new Map(plans.map((p) => [pageKey(p), p]));
  const lessonsByPage = new Map<string, CheckLesson[]>();
  for (const l of lessons) {
    if (input.scope.subjectIds?.length && !input.scope.subjectIds.includes(l.subjectId)) continue;
    const key = pageKey(l);
    const list = lessonsByPage.get(key);
    if (list) list.push(l);
    else lessonsByPage.set(key, [l]);
  }
  const staffIds = new Set<string>();
  for (const l of lessons) staffIds.add(l.staffId);
  const staff = await staffById(em, staffIds);
  const teacherName = (id: string) => {
    const s = staff.get(id);
    return s ? shortName(s) : '';
  };

  const pages: PageFinding[] = [];
  for (const [key, pageLessons] of lessonsByPage) {
    const first = pageLessons[0];
    const c = classById.get(first.classId)!;
    // The page's teacher: whoever the timetable gave most of its lessons.
    const tally = new Map<string, number>();
    for (const l of pageLessons) tally.set(l.staffId, (tally.get(l.staffId) ?? 0) + 1);
    const staffId = [...tally.entries()].sort((a, b) => b[1] - a[1])[0][0];
    if (input.scope.staffIds?.length && !input.scope.staffIds.includes(staffId)) continue;
    const subject = subjectOf.get(`${c.id}|${first.subjectId}`);
    const roll = rollOf(first.groupId, rosters.get(c.id) ?? [], members).filter((s) => onRollAt(s, asOf));
    const withMarks = gradeRules(c.gradeLevel).marks && subject?.scale !== 'none';
    pages.push(
      pageFinding({
        key,
        c,
        lessons: pageLessons,
        groupName: first.groupId ? (groups.get(first.groupId) ?? null) : null,
        subjectName: subject?.name ?? '',
        staffId,
        teacherName: teacherName(staffId),
        roll,
        marks: withMarks ? (marksByPage.get(key) ?? new Map()) : null,
        minimum: withMarks && input.period ? minimumMarks(subject?.hours ?? 0, input.period.kind, grading.minimum) : null,
        totals: totalsByPage.get(key) ?? { dated: 0, given: 0, year: 0 },
        plan: plansByPage.get(key) ?? null,
        substitutedIds: subs,
      }),
    );
  }
  pages.sort((a, b) => {
    const ca = classById.get(a.classId)!;
    const cb = classById.get(b.classId)!;
    return ca.gradeLevel - cb.gradeLevel || ca.letter.localeCompare(cb.letter, 'ru') || a.subjectName.localeCompare(b.subjectName, 'ru') || (a.groupName ?? '').localeCompare(b.groupName ?? '', 'ru');
  });

  const uncovered: UncoveredLesson[] = [];
  for (const l of lessons) {
    if (l.status === 'cancelled' || l.substituteStaffId || subs.has(l.id)) continue;
    if (input.scope.staffIds?.length && !input.scope.staffIds.includes(l.staffId)) continue;
    if (!absences.some((a) => a.staffId === l.staffId && covers(a, l.date, l.lessonNo))) continue;
    const c = classById.get(l.classId)!;
    uncovered.push({
      lessonId: l.id,
      date: l.date,
      lessonNo: l.lessonNo,
      classId: l.classId,
      className: c.name,
      subjectName: subjectOf.get(`${c.id}|${l.subjectId}`)?.name ?? '',
      staffId: l.staffId,
      teacherName: teacherName(l.staffId) || shortNameOf(staff, l.staffId),
    });
  }
  return {
    ...empty,
    pages,
    byTeacher: summarise(pages, (p) => p.staffId, (p) => p.teacherName),
    byClass: summarise(pages, (p) => p.classId, (p) => p.className),
    uncovered,
  };
}

function shortNameOf(staff: Map<string, { lastName: string; firstName: string; middleName: string | null }>, id: string): string {
  const s = staff.get(id);
  return s ? shortName(s) : '';
}

async function groupMembers(em: ReadableDb, classIds: string[]): Promise<GroupMember[]> {
  const ids = [...classIds];
  if (ids.length === 0) return [];
  return em
    .createQueryBuilder(GroupMembershipEntity, 'm')
    .innerJoin('StudyGroup', 'g', 'g.id = m.groupId')
    .select('m.groupId', 'groupId')
    .addSelect('m.studentId', 'studentId')
    .addSelect('m.fromDate', 'fromDate')
    .addSelect('m.toDate', 'toDate')
    .where('g.classId IN (:...ids) AND m.deletedAt IS NULL', { ids })
    .getRawMany<GroupMember>();
}

function rollOf(groupId: string | null, classRoll: RosterEntry[], members: GroupMember[]): RosterEntry[] {
  if (!groupId) return classRoll;
  const mine = members.filter((m) => m.groupId === groupId);
  return classRoll
    .filter((r) => mine.some((m) => m.studentId === r.studentId))
    .map((r) => {
      const spans = mine.filter((m) => m.studentId === r.studentId);
      const fromDate = spans.reduce((min, m) => (m.fromDate < min ? m.fromDate : min), spans[0].fromDate);
      const toDate = spans.some((m) => m.toDate === null) ? null : spans.reduce((max, m) => (m.toDate! > max ? m.toDate! : max), spans[0].toDate!);
      return { ...r, fromDate, toDate };
    });
}

export interface PageInput {
  key: string;
  c: SchoolClass;
  lessons: CheckLesson[];
  groupName: string | null;
  subjectName: string;
  staffId: string;
  teacherName: string;
  roll: RosterEntry[];
  /** Marks per student on the page; null where no marks are given. */
  marks: Map<string, { total: number; late: number }> | null;
  minimum: number | null;
  totals: { dated: number; given: number; year: number };
  plan: { hours: number; hoursToDate: number; undated: number } | null;
  substitutedIds: Set<string>;
}

/** The figures and findings of one page. Pure: tested on hand-made input. */
function pageFinding(p: PageInput): PageFinding {
  const due = p.lessons.filter((l) => l.status !== 'cancelled');
  const topicsOnTime = due.filter((l) => l.topic && !l.topicLate).length;
  const topicsLate = due.filter((l) => l.topic && l.topicLate).length;
  const topicsMissing = due.filter((l) => !l.topic).length;
  const homeworkSet = gradeRules(p.c.gradeLevel).homework ? due.filter((l) => l.homework).length : null;
  const attendanceTaken = due.filter((l) => l.status === 'given').length;
  const substituted = due.filter((l) => l.substituteStaffId || p.substitutedIds.has(l.id));
  const substitutedUnfilled = substituted.filter((l) => !l.topic).length;
  let marks: number | null = null;
  let marksLate: number | null = null;
  let noMarks: number | null = null;
  let oneMark: number | null = null;
  let belowMinimum: number | null = null;
  if (p.marks) {
    marks = 0;
    marksLate = 0;
    for (const m of p.marks.values()) {
      marks += m.total;
      marksLate += m.late;
    }
    const count = (s: RosterEntry) => p.marks!.get(s.studentId)?.total ?? 0;
    noMarks = p.roll.filter((s) => count(s) === 0).length;
    oneMark = p.roll.filter((s) => count(s) === 1).length;
    if (p.minimum !== null) belowMinimum = p.roll.filter((s) => count(s) < p.minimum!).length;
  }
  // The КТП with dates is the plan; without one (or with undated topics), the timetable.
  const byPlan = p.plan !== null && p.plan.hours > 0 && p.plan.undated === 0;
  const planned = byPlan ? p.plan!.hoursToDate : p.totals.dated;
  const programme = {
    plannedYear: byPlan ? p.plan!.hours : p.totals.year,
    planned,
    given: p.totals.given,
    behind: Math.max(0, planned - p.totals.given),
    source: byPlan ? ('plan' as const) : ('timetable' as const),
  };
  const findings: Finding[] = [];
  const add = (code: FindingCode, count: number | null) => {
    if (count && count > 0) findings.push({ code, count, text: FINDING_RU[code] });
  };
  add('topics_missing', topicsMissing);
  add('topics_late', topicsLate);
  add('homework_missing', homeworkSet === null ? null : due.filter((l) => l.status === 'given' && !l.homework).length);
  add('attendance_missing', due.length - attendanceTaken);
  add('marks_late', marksLate);
  add('no_marks', noMarks);
  add('one_mark', oneMark);
  add('below_minimum', belowMinimum);
  add('programme_behind', programme.behind);
  add('substitution_unfilled', substitutedUnfilled);
  return {
    key: p.key,
    classId: p.c.id,
    className: p.c.name,
    groupId: p.lessons[0]?.groupId ?? null,
    groupName: p.groupName,
    subjectId: p.lessons[0]?.subjectId ?? '',
    subjectName: p.subjectName,
    staffId: p.staffId,
    teacherName: p.teacherName,
    due: due.length,
    topicsOnTime,
    topicsLate,
    topicsMissing,
    homeworkSet,
    attendanceTaken,
    marks,
    marksLate,
    students: p.roll.length,
    noMarks,
    oneMark,
    belowMinimum,
    minimum: p.minimum,
    programme,
    substituted: substituted.length,
    substitutedUnfilled,
    rates: {
      topicsOnTime: percent(topicsOnTime, due.length),
      marksOnTime: marks === null ? null : percent(marks - (marksLate ?? 0), marks),
      attendance: percent(attendanceTaken, due.length),
      homework: homeworkSet === null ? null : percent(homeworkSet, due.length),
    },
    findings,
  };
}

function summarise(pages: PageFinding[], id: (p: PageFinding) => string, name: (p: PageFinding) => string): SummaryRow[] {
  const rows = new Map<string, SummaryRow & { topicsOnTime: number; marks: number; marksOnTime: number; taken: number; homework: number; homeworkDue: number }>();
  for (const p of pages) {
    const key = id(p);
    let r = rows.get(key);
    if (!r) {
      r = { id: key, name: name(p), pages: 0, due: 0, topicsLate: 0, topicsMissing: 0, marksLate: 0, noMarks: 0, oneMark: 0, attendanceMissing: 0, behind: 0, findings: 0, rates: { topicsOnTime: null, marksOnTime: null, attendance: null, homework: null }, topicsOnTime: 0, marks: 0, marksOnTime: 0, taken: 0, homework: 0, homeworkDue: 0 };
      rows.set(key, r);
    }
    r.pages++;
    r.due += p.due;
    r.topicsOnTime += p.topicsOnTime;
    r.topicsLate += p.topicsLate;
    r.topicsMissing += p.topicsMissing;
    r.marks += p.marks ?? 0;
    r.marksLate += p.marksLate ?? 0;
    r.marksOnTime += (p.marks ?? 0) - (p.marksLate ?? 0);
    r.noMarks += p.noMarks ?? 0;
    r.oneMark += p.oneMark ?? 0;
    r.taken += p.attendanceTaken;
    r.attendanceMissing += p.due - p.attendanceTaken;
    r.behind += p.programme.behind;
    r.findings += p.findings.length;
    if (p.homeworkSet !== null) {
      r.homework += p.homeworkSet;
      r.homeworkDue += p.due;
    }
  }
  return [...rows.values()]
    .map(({ topicsOnTime, marks, marksOnTime, taken, homework, homeworkDue, ...r }) => ({
      ...r,
      rates: {
        topicsOnTime: percent(topicsOnTime, r.due),
        marksOnTime: marks > 0 ? percent(marksOnTime, marks) : null,
        attendance: percent(taken, r.due),
        homework: homeworkDue > 0 ? percent(homework, homeworkDue) : null,
      },
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'ru', { numeric: true }));
}
