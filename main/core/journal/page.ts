import type { ReadableDb } from '../db/readable';
import type { Actor } from '../auth/sessions';
import { AppError, fail } from '../shared/errors';
import { WorkTypeEntity, type WorkType } from '../db/entities/school';
import type { StudyPeriod } from '../db/entities/calendar';
import { plainAverage, weightedAverage, countedMarks } from '../grading/averages';
import { minimumMarks } from '../grading/minimum';
import { loadPageContext, pageTitle, type PageContext } from './context';
import { PageAccess } from './access';
import { periodsForGrade, currentPeriod } from './periods';
import {
  pageAttendance,
  pageControlWorks,
  pageFinals,
  pageLessons,
  pageMarks,
  pageStudents,
  planTopicsFor,
  lessonsBefore,
  staffNames,
  topicAt,
  parseWorkTypeIds,
  type AttendanceRow,
  type MarkRow,
  type PageRef,
} from './page-data';
import { loadGradingSettings } from './grading-settings';
import { cachedRaw } from './sql';

export interface PeriodDto {
  id: string;
  name: string;
  kind: string;
  startDate: string;
  endDate: string;
  closed: boolean;
}

export interface WorkTypeDto {
  id: string;
  name: string;
  shortName: string;
  weight: number;
  deadlineKind: WorkType['deadlineKind'];
  deadlineValue: number;
}

export interface LessonDto {
  id: string;
  date: string;
  lessonNo: number;
  topic: string | null;
  /** The КТП topic for this lesson, offered when the topic is empty. */
  planTopic: { id: string; title: string } | null;
  homework: string | null;
  topicLate: boolean;
  homeworkLate: boolean;
  status: string;
  workTypeIds: string[];
  teacher: string;
  /** The substitute's short name on a substituted lesson. */
  substitute: string | null;
  movedFromDate: string | null;
  /** A control work of the school's schedule on this lesson's day: its title. */
  controlWork: string | null;
  editable: boolean;
  readOnlyReason: string | null;
}

export interface StudentSummaryDto {
  average: number | null;
  weighted: number | null;
  count: number;
}

export interface PageStudentDto extends StudentSummaryDto {
  id: string;
  name: string;
  fromDate: string;
  toDate: string | null;
  final: { value: string; late: boolean } | null;
}

export interface JournalPageDto {
  ref: PageRef;
  title: string;
  className: string;
  gradeLevel: number;
  groupName: string | null;
  subjectName: string;
  grading: PageContext['grading'];
  allowModifiers: boolean;
  hoursPerWeek: number;
  marksAllowed: boolean;
  homeworkAllowed: boolean;
  noMarksReason: string | null;
  /** The range shown: a period, or the whole year. */
  period: PeriodDto | { id: 'year'; name: string; kind: 'year'; startDate: string; endDate: string; closed: boolean };
  periods: PeriodDto[];
  /** The shown period is closed, and the deputy opened this page for corrections until then (null: no end date). */
  reopened: { until: string | null } | null;
  minimumMarks: number;
  today: string;
  canEdit: boolean;
  /** Why the page is read-only for this user (null when something on it is editable). */
  readOnlyReason: string | null;
  canViewHistory: boolean;
  workTypes: WorkTypeDto[];
  lessons: LessonDto[];
  students: PageStudentDto[];
  marks: MarkRow[];
  attendance: AttendanceRow[];
}

const periodDto = (p: StudyPeriod): PeriodDto => ({
  id: p.id,
  name: p.name,
  kind: p.kind,
  startDate: p.startDate,
  endDate: p.endDate,
  closed: Boolean(p.closedAt),
});

async function loadWorkTypes(em: ReadableDb): Promise<WorkTypeDto[]> {
  const rows = await cachedRaw<WorkTypeDto>(
    em,
    'journal.workTypes',
    (m) =>
      m
        .createQueryBuilder(WorkTypeEntity, 'w')
        .select('w.id', 'id')
        .addSelect('w.name', 'name')
        .addSelect('w.shortName', 'shortName')
        .addSelect('w.weight', 'weight')
        .addSelect('w.deadlineKind', 'deadlineKind')
        .addSelect('w.deadlineValue', 'deadlineValue')
        .where('w.deletedAt IS NULL')
        .orderBy('w.sortOrder', 'ASC')
        .addOrderBy('w.name', 'ASC'),
    {},
  );
  return rows.map((w) => ({ ...w, weight: Number(w.weight), deadlineValue: Number(w.deadlineValue) }));
}

export function summaryOf(marks: readonly { numericValue: number | null; weight: number }[]): StudentSummaryDto {
  return { average: plainAverage(marks), weighted: weightedAverage(marks), count: countedMarks(marks) };
}

/**
 * A journal page (DOMAIN.md «Journal page»): students down with the dates
 * they joined or left, the lessons across, every cell's attendance and marks,
 * the averages, the number of marks and the period's final mark on the right;
 * the lesson panel's data; what this user may edit, and why not.
 */
export async function loadJournalPage(
  em: ReadableDb,
  actor: Actor,
  ref: PageRef,
  periodParam: string | undefined,
  now: Date,
  today: string,
): Promise<JournalPageDto> {
  const ctx = await loadPageContext(em, ref);
  const yearId = ctx.schoolClass.yearId;
  const periods = await periodsForGrade(em, yearId, ctx.schoolClass.gradeLevel);
  if (periods.length === 0) {
    throw new AppError('NOT_FOUND', `Для ${ctx.schoolClass.gradeLevel} класса не заданы учебные периоды. Их задаёт заместитель директора по УВР.`);
  }
  const access = await PageAccess.load(em, actor, ref, yearId, periods, now.toISOString());
  access.requireView();
  const wholeYear = periodParam === 'year';
  const period = wholeYear ? null : periodParam ? periods.find((p) => p.id === periodParam) : currentPeriod(periods, today);
  if (!wholeYear && !period) throw fail.notFound('Учебный период');
  const from = period ? period.startDate : periods[0].startDate;
  const to = period ? period.endDate : periods[periods.length - 1].endDate;

  const [lessons, marks, attendance, students, finals, workTypes, settings, topics, before] = [
    await pageLessons(em, ref, from, to),
    await pageMarks(em, ref, from, to),
    await pageAttendance(em, ref, from, to),
    await pageStudents(em, ref, from, to),
    await pageFinals(em, ref),
    await loadWorkTypes(em),
    await loadGradingSettings(em),
    await planTopicsFor(em, ref, yearId),
    await lessonsBefore(em, ref, from),
  ];
  const controlWorks = await pageControlWorks(em, ref, from, to);
  const names = await staffNames(em, lessons.flatMap((l) => (l.substituteStaffId ? [l.staffId, l.substituteStaffId] : [l.staffId])));

  let k = before;
  const lessonDtos: LessonDto[] = lessons.map((l) => {
    const a = access.lesson(l);
    const planned = l.status === 'cancelled' ? null : topicAt(topics, k++);
    const byId = l.planTopicId ? topics.find((t) => t.id === l.planTopicId) : undefined;
    return {
      id: l.id,
      date: l.date,
      lessonNo: l.lessonNo,
      topic: l.topic,
      planTopic: byId ? { id: byId.id, title: byId.title } : planned ? { id: planned.id, title: planned.title } : null,
      homework: l.homework,
      topicLate: l.topicLate,
      homeworkLate: l.homeworkLate,
      status: l.status,
      workTypeIds: parseWorkTypeIds(l.workTypeIds),
      teacher: names.get(l.staffId) ?? '',
      substitute: l.substituteStaffId ? (names.get(l.substituteStaffId) ?? '') : null,
      movedFromDate: l.movedFromDate,
      controlWork: controlWorks.get(l.date)?.join('; ') ?? null,
      editable: a.editable && l.status !== 'cancelled',
      readOnlyReason: l.status === 'cancelled' ? 'Урок отменён.' : a.reason,
    };
  });

  const marksOf = new Map<string, MarkRow[]>();
  for (const m of marks) (marksOf.get(m.studentId) ?? marksOf.set(m.studentId, []).get(m.studentId)!).push(m);
  const finalOf = new Map<string, { value: string; late: boolean }>();
  for (const f of finals) {
    const match = period ? f.kind === 'period' && f.periodId === period.id : f.kind === 'year';
    if (match) finalOf.set(f.studentId, { value: f.value, late: f.late });
  }
  const studentDtos: PageStudentDto[] = students.map((s) => ({
    id: s.id,
    name: [s.lastName, s.firstName].join(' '),
    fromDate: s.fromDate,
    toDate: s.toDate,
    ...summaryOf(marksOf.get(s.id) ?? []),
    final: finalOf.get(s.id) ?? null,
  }));

  // A page with no lessons yet is the teacher's to fill, unless its period (or year) is closed.
  const canEdit = lessonDtos.some((l) => l.editable) || (access.teaches && lessons.length === 0 && !access.closedReason(from));
  const firstReason = lessonDtos.find((l) => !l.editable && l.readOnlyReason && l.status !== 'cancelled')?.readOnlyReason ?? null;
  const minimum = minimumMarks(ctx.hoursPerWeek, period?.kind ?? 'quarter', settings.minimum);
  return {
    ref,
    title: `${ctx.subject.name}, ${pageTitle(ctx)}`,
    className: ctx.schoolClass.name,
    gradeLevel: ctx.schoolClass.gradeLevel,
    groupName: ctx.group?.name ?? null,
    subjectName: ctx.subject.name,
    grading: ctx.grading,
    allowModifiers: ctx.rule.allowModifiers,
    hoursPerWeek: ctx.hoursPerWeek,
    marksAllowed: ctx.marksAllowed,
    homeworkAllowed: ctx.homeworkAllowed,
    noMarksReason: ctx.noMarksReason,
    period: period
      ? periodDto(period)
      : { id: 'year', name: 'Учебный год', kind: 'year', startDate: from, endDate: to, closed: periods.every((p) => p.closedAt) },
    periods: periods.map(periodDto),
    reopened: period?.closedAt ? access.reopening(period.id) : null,
    minimumMarks: minimum,
    today,
    canEdit,
    readOnlyReason: canEdit ? null : (firstReason ?? access.closedReason(from) ?? 'Страница открыта для просмотра.'),
    canViewHistory: true,
    workTypes,
    lessons: lessonDtos,
    students: studentDtos,
    marks,
    attendance,
  };
}
