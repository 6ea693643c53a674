import type { ReadableDb } from '../db/readable';
import { fail } from '../shared/errors';
import {
  CurriculumItemEntity,
  GradingSystemEntity,
  SchoolClassEntity,
  StudyGroupEntity,
  SubjectEntity,
  TeachingAssignmentEntity,
  type GradingSystemCode,
} from '../db/entities/school';
import type { MarkRule } from '../grading/values';
import { gradeRules } from '../school/grade-rules';
import type { PageRef } from './page-data';
import { cachedRaw, bool, num } from './sql';

/**
 * What a page is about: its class, group and subject, the grading system that
 * applies (the curriculum may override the subject's own, e.g. none in grade
 * 1), the hours a week, and what may be entered at all.
 */
export interface PageContext {
  ref: PageRef;
  schoolClass: { id: string; yearId: string; gradeLevel: number; name: string; shift: number };
  subject: { id: string; name: string };
  group: { id: string; name: string } | null;
  grading: GradingSystemCode;
  rule: MarkRule;
  hoursPerWeek: number;
  /** Grade 1 and subjects without marks take no marks (seed 000 §2.8, 003 §4.4.5). */
  marksAllowed: boolean;
  /** Grade 1 gets no homework. */
  homeworkAllowed: boolean;
  /** Why no marks, in Russian (null when marks are allowed). */
  noMarksReason: string | null;
}

interface ContextRow {
  yearId: string;
  gradeLevel: number;
  className: string;
  shift: number;
  classDeleted: string | null;
  subjectName: string | null;
  subjectDeleted: string | null;
  groupName: string | null;
  groupClassId: string | null;
  groupDeleted: string | null;
  curriculumHours: number | null;
  gradingCode: GradingSystemCode | null;
  allowModifiers: unknown;
  loadHours: number | null;
}

/** One query for the class, the subject, the group, the curriculum line, the grading system and the load's hours. */
export async function loadPageContext(em: ReadableDb, ref: PageRef): Promise<PageContext> {
  const [row] = await cachedRaw<ContextRow>(
    em,
    'journal.pageContext',
    (m) => {
      const load = m
        .createQueryBuilder(TeachingAssignmentEntity, 't')
        .select('MAX(t.hoursPerWeek)')
        .where('t.classId = c.id AND t.subjectId = :subjectId AND t.deletedAt IS NULL');
      return m
        .createQueryBuilder(SchoolClassEntity, 'c')
        .leftJoin(SubjectEntity.options.name, 's', 's.id = :subjectId')
        .leftJoin(StudyGroupEntity.options.name, 'g', 'g.id = :groupId')
        .leftJoin(CurriculumItemEntity.options.name, 'ci', 'ci.classId = c.id AND ci.subjectId = s.id AND ci.deletedAt IS NULL')
        .leftJoin(GradingSystemEntity.options.name, 'gs', 'gs.id = COALESCE(ci.gradingSystemId, s.gradingSystemId)')
        .select('c.yearId', 'yearId')
        .addSelect('c.gradeLevel', 'gradeLevel')
        .addSelect('c.name', 'className')
        .addSelect('c.shift', 'shift')
        .addSelect('c.deletedAt', 'classDeleted')
        .addSelect('s.name', 'subjectName')
        .addSelect('s.deletedAt', 'subjectDeleted')
        .addSelect('g.name', 'groupName')
        .addSelect('g.classId', 'groupClassId')
        .addSelect('g.deletedAt', 'groupDeleted')
        .addSelect('ci.hoursPerWeek', 'curriculumHours')
        .addSelect('gs.code', 'gradingCode')
        .addSelect('gs.allowModifiers', 'allowModifiers')
        .addSelect(`(${load.getQuery()})`, 'loadHours')
        .where('c.id = :classId')
        .limit(1);
    },
    // An id that matches no group keeps the query one shape for class and group pages.
    { classId: ref.classId, subjectId: ref.subjectId, groupId: ref.groupId ?? '-' },
  );
  if (!row || row.classDeleted) throw fail.notFound('Класс');
  if (!row.subjectName || row.subjectDeleted) throw fail.notFound('Предмет');
  if (ref.groupId && (!row.groupName || row.groupDeleted || row.groupClassId !== ref.classId)) throw fail.notFound('Учебная группа');
  const gradeLevel = num(row.gradeLevel);
  const grading: GradingSystemCode = row.gradingCode ?? 'five_point';
  const rules = gradeRules(gradeLevel);
  const noMarksReason = !rules.marks
    ? 'В 1 классе отметки не ставятся: ведётся только учёт посещаемости и записи тем уроков.'
    : grading === 'none'
      ? `По предмету «${row.subjectName}» отметки не ставятся (безотметочное обучение).`
      : null;
  return {
    ref,
    schoolClass: { id: ref.classId, yearId: row.yearId, gradeLevel, name: row.className, shift: num(row.shift) },
    subject: { id: ref.subjectId, name: row.subjectName },
    group: ref.groupId && row.groupName ? { id: ref.groupId, name: row.groupName } : null,
    grading,
    rule: { code: grading, allowModifiers: bool(row.allowModifiers), subjectName: row.subjectName },
    hoursPerWeek: num(row.curriculumHours || row.loadHours || 0),
    marksAllowed: noMarksReason === null,
    homeworkAllowed: rules.homework,
    noMarksReason,
  };
}

/** «5А», «5А, 1 подгруппа». */
export function pageTitle(ctx: PageContext): string {
  return ctx.group ? `${ctx.schoolClass.name}, ${ctx.group.name}` : ctx.schoolClass.name;
}
