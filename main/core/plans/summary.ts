import { IsNull, type EntityManager } from 'typeorm';
import { shortName } from '../shared/text';
import { LessonEntity } from '../db/entities/journal';
import { PlanTopicEntity, ThematicPlanEntity } from '../db/entities/planning';
import { CurriculumItemEntity, SchoolClassEntity, StudyGroupEntity, SubjectEntity } from '../db/entities/school';
import { StaffEntity } from '../db/entities/staff';
import { pageKey } from './flow';
import { fulfilment, type Fulfilment, type FulfilmentLesson, type FulfilmentTopic } from './fulfilment';
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

/** Summaries of the year's plans (all, or those named), with fulfilment on `date`. */
export async function planSummaries(em: EntityManager, yearId: string, date: string, only?: { ids?: string[]; classId?: string; staffId?: string }): Promise<PlanSummary[]> {
  const q = em.createQueryBuilder(ThematicPlanEntity, 'p').where('p.yearId = :yearId AND p.deletedAt IS NULL', { yearId });
  if (only?.ids) {
    if (only.ids.length === 0) return [];
    q.andWhere('p.id IN (:...ids)', { ids: only.ids });
  }
  if (only?.classId) q.andWhere('p.classId = :classId', { classId: only.classId });
  if (only?.staffId) q.andWhere('p.staffId = :staffId', { staffId: only.staffId });
  const plans = await q.getMany();
  if (plans.length === 0) return [];
  const planIds = plans.map((p) => p.id);
  const topics = new Map<string, FulfilmentTopic[]>();
  for (let i = 0; i < planIds.length; i += 500) {
    const rows = await em
      .createQueryBuilder(PlanTopicEntity, 't')
      .select('t.planId', 'planId')
      .addSelect('t.hours', 'hours')
      .addSelect('t.plannedDate', 'plannedDate')
      .where('t.planId IN (:...ids) AND t.deletedAt IS NULL', { ids: planIds.slice(i, i + 500) })
      .getRawMany<{ planId: string; hours: number | string; plannedDate: string | null }>();
    for (const r of rows) (topics.get(r.planId) ?? topics.set(r.planId, []).get(r.planId)!).push({ hours: Number(r.hours), plannedDate: r.plannedDate });
  }
  const lessons = await pageLessons(em, yearId, [...new Set(plans.map((p) => p.classId))], [...new Set(plans.map((p) => p.subjectId))]);
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
        topics: topics.get(p.id)?.length ?? 0,
        curriculumHours: item && cls ? curriculumYearHours(item, cls.gradeLevel) : null,
        fulfilment: fulfilment(topics.get(p.id) ?? [], lessons.get(pageKey(p)) ?? [], date),
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

/** The year's lessons by page, with what fulfilment needs (whether a topic was written, not the topic). */
async function pageLessons(em: EntityManager, yearId: string, classIds: string[], subjectIds: string[]): Promise<Map<string, FulfilmentLesson[]>> {
  const q = em
    .createQueryBuilder(LessonEntity, 'l')
    .select('l.id', 'id')
    .addSelect('l.classId', 'classId')
    .addSelect('l.groupId', 'groupId')
    .addSelect('l.subjectId', 'subjectId')
    .addSelect('l.date', 'date')
    .addSelect('l.lessonNo', 'lessonNo')
    .addSelect('l.status', 'status')
    .addSelect('CASE WHEN l.topic IS NULL THEN 0 ELSE 1 END', 'hasTopic')
    .where('l.yearId = :yearId AND l.deletedAt IS NULL', { yearId });
  // Only the pages asked about: one plan's page is a few hundred rows, not the year's forty thousand.
  if (classIds.length <= 200) q.andWhere('l.classId IN (:...classIds)', { classIds });
  if (subjectIds.length <= 200) q.andWhere('l.subjectId IN (:...subjectIds)', { subjectIds });
  const rows = await q.getRawMany<{ id: string; classId: string; groupId: string | null; subjectId: string; date: string; lessonNo: number | string; status: string; hasTopic: number | string }>();
  const out = new Map<string, FulfilmentLesson[]>();
  for (const r of rows) {
    const key = pageKey(r);
    const lesson = { id: r.id, date: r.date, lessonNo: Number(r.lessonNo), status: r.status, topic: Number(r.hasTopic) ? '1' : null };
    const list = out.get(key);
    if (list) list.push(lesson);
    else out.set(key, [lesson]);
  }
  return out;
}

