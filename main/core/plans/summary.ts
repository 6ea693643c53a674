import type { ReadableDb } from '../db/readable';
import { IsNull } from 'typeorm';
import { shortName } from '../shared/text';
import { LessonEntity } from '../db/entities/journal';
import { PlanTopicEntity, ThematicPlanEntity } from '../db/entities/planning';
import { CurriculumItemEntity, SchoolClassEntity, StudyGroupEntity, SubjectEntity } from '../db/entities/school';
import { StaffEntity } from '../db/entities/staff';
import { pageKey } from './flow';
import { fulfilmentOf, type Fulfilment, type FulfilmentCounts } from './fulfilment';
import { curriculumYearHours } from './year-hours';

export interface PlanSummary {
  id: string;
  yearId: string;
  name: string;
  classId: string;
  className: string;
  gradeLevel: number;
  groupId: string | null;
  groupName: string | null;
  subjectId: string;
  subjectName: string;
  staffId: string;
  teacher: string;
  approvedAt: string | null;
  note: string | null;
  topics: number;
  /** Hours a year by the curriculum; null when the curriculum has no line for the subject. */
  curriculumHours: number | null;
  fulfilment: Fulfilment;
}

/** Summaries of the year's plans (all, or those named), with fulfilment on `date` (`today`: the school's, whose day is under way). */
export async function planSummaries(
  em: ReadableDb,
  yearId: string,
  date: string,
  today: string,
  only?: { ids?: string[]; classId?: string; staffId?: string },
): Promise<PlanSummary[]> {
  const q = em.createQueryBuilder(ThematicPlanEntity, 'p').where('p.yearId = :yearId AND p.deletedAt IS NULL', { yearId });
  if (only?.ids) {
    if (only.ids.length === 0) return [];
    q.andWhere('p.id IN (:...ids)', { ids: only.ids });
  }
  if (only?.classId) q.andWhere('p.classId = :classId', { classId: only.classId });
  if (only?.staffId) q.andWhere('p.staffId = :staffId', { staffId: only.staffId });
  const plans = await q.getMany();
  if (plans.length === 0) return [];
  const topics = await topicCounts(em, plans.map((p) => p.id), date);
  const lessons = await pageCounts(em, yearId, [...new Set(plans.map((p) => p.classId))], [...new Set(plans.map((p) => p.subjectId))], date);
  const classes = new Map((await em.find(SchoolClassEntity, { where: { yearId } })).map((c) => [c.id, c]));
  const groups = new Map((await em.find(StudyGroupEntity, { where: { yearId } })).map((g) => [g.id, g.name]));
  const subjects = new Map((await em.find(SubjectEntity)).map((s) => [s.id, s]));
  const staff = new Map((await em.find(StaffEntity)).map((s) => [s.id, shortName(s)]));
  const curriculum = new Map(
    (await em.find(CurriculumItemEntity, { where: { yearId, deletedAt: IsNull() } })).map((c) => [`${c.classId}|${c.subjectId}`, c]),
  );
  return plans
    .map((p) => {
      const cls = classes.get(p.classId);
      const item = curriculum.get(`${p.classId}|${p.subjectId}`);
      return {
        id: p.id,
        yearId: p.yearId,
        name: p.name,
        classId: p.classId,
        className: cls?.name ?? '',
        gradeLevel: cls?.gradeLevel ?? 0,
        groupId: p.groupId,
        groupName: p.groupId ? (groups.get(p.groupId) ?? null) : null,
        subjectId: p.subjectId,
        subjectName: subjects.get(p.subjectId)?.name ?? '',
        staffId: p.staffId,
        teacher: staff.get(p.staffId) ?? '',
        approvedAt: p.approvedAt,
        note: p.note,
        topics: topics.get(p.id)?.count ?? 0,
        curriculumHours: item && cls ? curriculumYearHours(item, cls.gradeLevel) : null,
        fulfilment: fulfilmentOf({ ...(topics.get(p.id) ?? NO_TOPICS), ...(lessons.get(pageKey(p)) ?? NO_LESSONS) }, date, today),
      };
    })
    .sort(
      (a, b) =>
        a.gradeLevel - b.gradeLevel ||
        a.className.localeCompare(b.className, 'ru') ||
        (subjects.get(a.subjectId)?.sortOrder ?? 0) - (subjects.get(b.subjectId)?.sortOrder ?? 0) ||
        (a.groupName ?? '').localeCompare(b.groupName ?? '', 'ru'),
    );
}

type TopicCounts = Pick<FulfilmentCounts, 'planHours' | 'dated' | 'datedHoursDue' | 'datedHoursOnDay'> & { count: number };
type LessonCounts = Pick<FulfilmentCounts, 'lessonsDue' | 'given' | 'yearLessons' | 'pendingOnDay'>;
const NO_TOPICS: TopicCounts = { count: 0, planHours: 0, dated: false, datedHoursDue: 0, datedHoursOnDay: 0 };
const NO_LESSONS: LessonCounts = { lessonsDue: 0, given: 0, yearLessons: 0, pendingOnDay: 0 };

/**
 * The plans' topics counted by the database: a school's list is some 570
 * plans of 70 topics each, and fulfilment needs only their sums.
 */
async function topicCounts(em: ReadableDb, planIds: string[], date: string): Promise<Map<string, TopicCounts>> {
  const out = new Map<string, TopicCounts>();
  for (let i = 0; i < planIds.length; i += 500) {
    const rows = await em
      .createQueryBuilder(PlanTopicEntity, 't')
      .select('t.planId', 'planId')
      .addSelect('COUNT(*)', 'count')
      .addSelect('SUM(t.hours)', 'hours')
      .addSelect('SUM(CASE WHEN t.plannedDate IS NULL THEN 1 ELSE 0 END)', 'undated')
      .addSelect('SUM(CASE WHEN t.plannedDate <= :date THEN t.hours ELSE 0 END)', 'due')
      .addSelect('SUM(CASE WHEN t.plannedDate = :date THEN t.hours ELSE 0 END)', 'onDay')
      .where('t.planId IN (:...ids) AND t.deletedAt IS NULL', { ids: planIds.slice(i, i + 500), date })
      .groupBy('t.planId')
      .getRawMany<{ planId: string; count: number | string; hours: number | string; undated: number | string; due: number | string | null; onDay: number | string | null }>();
    for (const r of rows) {
      const count = Number(r.count);
      out.set(r.planId, {
        count,
        planHours: Number(r.hours),
        dated: count > 0 && Number(r.undated) === 0,
        datedHoursDue: Number(r.due ?? 0),
        datedHoursOnDay: Number(r.onDay ?? 0),
      });
    }
  }
  return out;
}

/**
 * The year's lessons counted by page, as fulfilment reads them: those up to
 * the day (cancelled ones included), those held by then (given, or with a
 * topic written), and the year's lessons not cancelled.
 */
async function pageCounts(em: ReadableDb, yearId: string, classIds: string[], subjectIds: string[], date: string): Promise<Map<string, LessonCounts>> {
  const q = em
    .createQueryBuilder(LessonEntity, 'l')
    .select('l.classId', 'classId')
    .addSelect('l.groupId', 'groupId')
    .addSelect('l.subjectId', 'subjectId')
    .addSelect('SUM(CASE WHEN l.date <= :date THEN 1 ELSE 0 END)', 'due')
    .addSelect("SUM(CASE WHEN l.date <= :date AND l.status <> 'cancelled' AND (l.status = 'given' OR l.topic IS NOT NULL) THEN 1 ELSE 0 END)", 'given')
    .addSelect("SUM(CASE WHEN l.status <> 'cancelled' THEN 1 ELSE 0 END)", 'year')
    .addSelect("SUM(CASE WHEN l.date = :date AND l.status <> 'cancelled' AND NOT (l.status = 'given' OR l.topic IS NOT NULL) THEN 1 ELSE 0 END)", 'pending')
    .where('l.yearId = :yearId AND l.deletedAt IS NULL', { yearId, date });
  // Only the pages asked about: one plan's page is a few hundred rows, not the year's forty thousand.
  if (classIds.length <= 200) q.andWhere('l.classId IN (:...classIds)', { classIds });
  if (subjectIds.length <= 200) q.andWhere('l.subjectId IN (:...subjectIds)', { subjectIds });
  const rows = await q
    .groupBy('l.classId')
    .addGroupBy('l.groupId')
    .addGroupBy('l.subjectId')
    .getRawMany<{ classId: string; groupId: string | null; subjectId: string; due: number | string; given: number | string; year: number | string; pending: number | string }>();
  return new Map(rows.map((r) => [pageKey(r), { lessonsDue: Number(r.due), given: Number(r.given), yearLessons: Number(r.year), pendingOnDay: Number(r.pending) }]));
}

