import type { ReadableDb } from '../../db/readable';
import {
  CurriculumItemEntity,
  GradingSystemEntity,
  SubjectEntity,
  TeachingAssignmentEntity,
  type GradingSystemCode,
} from '../../db/entities/school';
import { gradeRules } from '../../school/grade-rules';

/** A subject as a class has it: its grading (the curriculum may override the subject's), hours and teachers. */
export interface ClassSubject {
  subjectId: string;
  name: string;
  shortName: string;
  sortOrder: number;
  scale: GradingSystemCode;
  hoursPerWeek: number;
  hoursPerYear: number | null;
  /** Staff ids by the load, the whole class's teachers first. */
  teacherIds: string[];
}

/**
 * The subjects of some classes: the curriculum's lines, and any subject a
 * teacher is loaded with there though the curriculum forgot it; in the
 * school's subject order.
 */
export async function classSubjects(em: ReadableDb, classIds: string[]): Promise<Map<string, ClassSubject[]>> {
  const out = new Map<string, ClassSubject[]>(classIds.map((id) => [id, []]));
  if (classIds.length === 0) return out;
  const [subjects, systems, items, loads] = await Promise.all([
    em.createQueryBuilder(SubjectEntity, 's').where('s.deletedAt IS NULL').getMany(),
    em.createQueryBuilder(GradingSystemEntity, 'g').getMany(),
    em.createQueryBuilder(CurriculumItemEntity, 'c').where('c.classId IN (:...classIds) AND c.deletedAt IS NULL', { classIds }).getMany(),
    em
      .createQueryBuilder(TeachingAssignmentEntity, 't')
      .where('t.classId IN (:...classIds) AND t.deletedAt IS NULL', { classIds })
      .getMany(),
  ]);
  const subjectById = new Map(subjects.map((s) => [s.id, s]));
  const codeOf = new Map(systems.map((g) => [g.id, g.code]));
  const byKey = new Map<string, ClassSubject>();
  const entry = (classId: string, subjectId: string): ClassSubject | null => {
    const key = `${classId}:${subjectId}`;
    let e = byKey.get(key);
    const s = subjectById.get(subjectId);
    if (!s) return null;
    if (!e) {
      e = {
        subjectId,
        name: s.name,
        shortName: s.shortName,
        sortOrder: s.sortOrder,
        scale: codeOf.get(s.gradingSystemId) ?? 'five_point',
        hoursPerWeek: 0,
        hoursPerYear: null,
        teacherIds: [],
      };
      byKey.set(key, e);
      out.get(classId)!.push(e);
    }
    return e;
  };
  for (const item of items) {
    const e = entry(item.classId, item.subjectId);
    if (!e) continue;
    e.hoursPerWeek = Number(item.hoursPerWeek);
    e.hoursPerYear = item.hoursPerYear;
    if (item.gradingSystemId) e.scale = codeOf.get(item.gradingSystemId) ?? e.scale;
  }
  for (const load of [...loads].sort((a, b) => Number(a.groupId !== null) - Number(b.groupId !== null))) {
    const e = entry(load.classId, load.subjectId);
    if (!e) continue;
    if (!e.teacherIds.includes(load.staffId)) e.teacherIds.push(load.staffId);
    if (!e.hoursPerWeek) e.hoursPerWeek = Number(load.hoursPerWeek);
  }
  for (const list of out.values()) list.sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'ru'));
  return out;
}

export const NO_FINAL_MARKS_IN_GRADE = 'В 1 классе обучение безотметочное: итоговые отметки не выставляются.';

/** Subjects that take final marks: five-point and pass/fail (not безотметочное). */
export function gradedSubjects(list: ClassSubject[], gradeLevel: number): ClassSubject[] {
  if (!gradeRules(gradeLevel).marks) return [];
  return list.filter((s) => s.scale !== 'none');
}
