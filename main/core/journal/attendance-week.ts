import type { ReadableDb } from '../db/readable';
import type { Actor } from '../auth/sessions';
import type { MutationContext } from '../api/contract';
import { actorOf } from '../api/contract';
import { AppError, fail } from '../shared/errors';
import { LessonEntity, AttendanceEntity, AbsenceReasonEntity, type AbsenceReasonKind } from '../db/entities/journal';
import { SchoolClassEntity, SubjectEntity, GroupMembershipEntity, StudyGroupEntity } from '../db/entities/school';
import { ClassMembershipEntity, StudentEntity } from '../db/entities/contingent';
import { compareRu } from '../shared/text';
import { leadsClass } from './access';
import { addDays, daysBetween, ruDate } from '../shared/dates';

export interface ClassAccess {
  canView: boolean;
  canEdit: boolean;
}

export async function classAccess(em: ReadableDb, actor: Actor, classId: string): Promise<ClassAccess> {
  const leads = actor.staffId && actor.roles.includes('teacher') ? await leadsClass(em, actor.staffId, classId) : false;
  const admin = actor.roles.some((r) => r === 'director' || r === 'deputy' || r === 'admin');
  return { canView: admin || leads, canEdit: leads };
}

export interface WeekStudent {
  id: string;
  name: string;
  fromDate: string;
  toDate: string | null;
}

export async function classStudents(em: ReadableDb, classId: string, from: string, to: string): Promise<WeekStudent[]> {
  const rows = await em
    .createQueryBuilder(ClassMembershipEntity, 'cm')
    .innerJoin(StudentEntity.options.name, 's', 's.id = cm.studentId')
    .select('s.id', 'id')
    .addSelect('s.lastName', 'lastName')
    .addSelect('s.firstName', 'firstName')
    .addSelect('cm.fromDate', 'fromDate')
    .addSelect('cm.toDate', 'toDate')
    .where('cm.classId = :classId AND cm.deletedAt IS NULL AND s.deletedAt IS NULL', { classId })
    .andWhere('cm.fromDate <= :to AND (cm.toDate IS NULL OR cm.toDate >= :from)', { from, to })
    .getRawMany<{ id: string; lastName: string; firstName: string; fromDate: string; toDate: string | null }>();
  const seen = new Map<string, WeekStudent & { lastName: string; firstName: string }>();
  for (const r of rows) if (!seen.has(r.id)) seen.set(r.id, { ...r, name: `${r.lastName} ${r.firstName}` });
  return [...seen.values()]
    .sort((a, b) => compareRu(a.lastName, b.lastName) || compareRu(a.firstName, b.firstName))
    .map(({ id, name, fromDate, toDate }) => ({ id, name, fromDate, toDate }));
}

/**
 * The class teacher's attendance week (seed 000 §3.3: «еженедельно …
 * корректировать сведения о пропущенных уроках»): every lesson of every
 * subject of the class in a week, each student's absences, and the reason of
 * each, entered once for a day or a span (a certificate for a week).
 */
export async function loadAttendanceWeek(em: ReadableDb, actor: Actor, classId: string, monday: string) {
  const cls = await em.findOne(SchoolClassEntity, { where: { id: classId } });
  if (!cls || cls.deletedAt) throw fail.notFound('Класс');
  const access = await classAccess(em, actor, classId);
  if (!access.canView) throw new AppError('FORBIDDEN', 'Посещаемость класса ведёт его классный руководитель; вам этот класс недоступен.');
  const saturday = addDays(monday, 5);
  const lessons = await em
    .createQueryBuilder(LessonEntity, 'l')
    .innerJoin(SubjectEntity.options.name, 'sub', 'sub.id = l.subjectId')
    .leftJoin(StudyGroupEntity.options.name, 'g', 'g.id = l.groupId')
    .select('l.id', 'id')
    .addSelect('l.date', 'date')
    .addSelect('l.lessonNo', 'lessonNo')
    .addSelect('l.groupId', 'groupId')
    .addSelect('l.status', 'status')
    .addSelect('sub.shortName', 'subject')
    .addSelect('sub.name', 'subjectName')
    .addSelect('g.name', 'groupName')
    .where('l.classId = :classId AND l.deletedAt IS NULL AND l.date >= :monday AND l.date <= :saturday', { classId, monday, saturday })
    .orderBy('l.date', 'ASC')
    .addOrderBy('l.lessonNo', 'ASC')
    .getRawMany<{ id: string; date: string; lessonNo: number; groupId: string | null; status: string; subject: string; subjectName: string; groupName: string | null }>();
  const students = await classStudents(em, classId, monday, saturday);
  const lessonIds = lessons.map((l) => l.id);
  const attendance =
    lessonIds.length === 0
      ? []
      : await em
          .createQueryBuilder(AttendanceEntity, 'a')
          .select(['a.id', 'a.lessonId', 'a.studentId', 'a.code', 'a.reasonKind', 'a.reasonNote'])
          .where('a.lessonId IN (:...lessonIds) AND a.deletedAt IS NULL', { lessonIds })
          .getMany();
  const groupIds = [...new Set(lessons.map((l) => l.groupId).filter((g): g is string => !!g))];
  const groupMembers =
    groupIds.length === 0
      ? []
      : await em
          .createQueryBuilder(GroupMembershipEntity, 'm')
          .select(['m.id', 'm.groupId', 'm.studentId', 'm.fromDate', 'm.toDate'])
          .where('m.groupId IN (:...groupIds) AND m.deletedAt IS NULL', { groupIds })
          .getMany();
  const studentIds = students.map((s) => s.id);
  const reasons =
    studentIds.length === 0
      ? []
      : await em
          .createQueryBuilder(AbsenceReasonEntity, 'r')
          .where('r.studentId IN (:...studentIds) AND r.deletedAt IS NULL AND r.fromDate <= :saturday AND r.toDate >= :monday', {
            studentIds,
            monday,
            saturday,
          })
          .orderBy('r.createdAt', 'ASC')
          .getMany();
  const totals = new Map(students.map((s) => [s.id, { absent: 0, illness: 0, valid: 0, invalid: 0, unexplained: 0, late: 0 }]));
  for (const a of attendance) {
    const t = totals.get(a.studentId);
    if (!t) continue;
    if (a.code === 'late') t.late++;
    else {
      t.absent++;
      if (a.reasonKind) t[a.reasonKind]++;
      else t.unexplained++;
    }
  }
  return {
    classId,
    className: cls.name,
    monday,
    days: Array.from({ length: 6 }, (_, i) => addDays(monday, i)),
    canEdit: access.canEdit,
    lessons: lessons.map((l) => ({ ...l, lessonNo: Number(l.lessonNo) })),
    students: students.map((s) => ({ ...s, totals: totals.get(s.id)! })),
    /** Which students a group lesson is for: studentId → group ids with their dates. */
    groupMembers: groupMembers.map((m) => ({ groupId: m.groupId, studentId: m.studentId, fromDate: m.fromDate, toDate: m.toDate })),
    attendance: attendance.map((a) => ({ id: a.id, lessonId: a.lessonId, studentId: a.studentId, code: a.code, reasonKind: a.reasonKind, reasonNote: a.reasonNote })),
    reasons: reasons.map((r) => ({ id: r.id, studentId: r.studentId, fromDate: r.fromDate, toDate: r.toDate, kind: r.kind, note: r.note, document: r.document })),
  };
}

export interface SetReasonParams {
  classId: string;
  studentId: string;
  fromDate: string;
  toDate: string;
  kind: AbsenceReasonKind;
  note?: string | null;
  document?: string | null;
}

async function assertCanEditClass(ctx: MutationContext, classId: string): Promise<void> {
  const access = await classAccess(ctx.em, actorOf(ctx), classId);
  if (!access.canEdit) {
    throw new AppError('FORBIDDEN', 'Причины пропусков вносит классный руководитель этого класса.');
  }
}

/** The student's absences in the span, across every subject of the class. */
async function absencesInSpan(em: ReadableDb, classId: string, studentId: string, fromDate: string, toDate: string) {
  return em
    .createQueryBuilder(AttendanceEntity, 'a')
    .innerJoin(LessonEntity.options.name, 'l', 'l.id = a.lessonId')
    .where("a.studentId = :studentId AND a.code = 'absent' AND a.deletedAt IS NULL", { studentId })
    .andWhere('l.classId = :classId AND l.date >= :fromDate AND l.date <= :toDate AND l.deletedAt IS NULL', { classId, fromDate, toDate })
    .select('a.id', 'id')
    .addSelect('l.date', 'lessonDate')
    .getRawMany<{ id: string; lessonDate: string }>();
}

export async function setAbsenceReason(ctx: MutationContext, p: SetReasonParams) {
  await assertCanEditClass(ctx, p.classId);
  if (p.fromDate > p.toDate) {
    throw new AppError('VALIDATION', 'Дата начала позже даты окончания.', { fields: { toDate: 'Не раньше даты начала' } });
  }
  if (daysBetween(p.fromDate, p.toDate) > 92) {
    throw new AppError('VALIDATION', 'Причину можно указать не более чем на три месяца сразу.', { fields: { toDate: 'Слишком длинный период' } });
  }
  const roll = await classStudents(ctx.em, p.classId, p.fromDate, p.toDate);
  if (!roll.some((s) => s.id === p.studentId)) {
    throw new AppError('VALIDATION', `Ученик не числился в классе с ${ruDate(p.fromDate)} по ${ruDate(p.toDate)}.`);
  }
  const actor = actorOf(ctx);
  const note = p.note?.trim() || null;
  const document = p.document?.trim() || null;
  const reason = await ctx.write.insert(AbsenceReasonEntity, {
    studentId: p.studentId,
    fromDate: p.fromDate,
    toDate: p.toDate,
    kind: p.kind,
    note,
    document,
    setBy: actor.userId,
  });
  const absences = await absencesInSpan(ctx.em, p.classId, p.studentId, p.fromDate, p.toDate);
  const reasonNote = [note, document].filter(Boolean).join('; ') || null;
  for (const a of absences) {
    await ctx.write.update(AttendanceEntity, a.id, { reasonKind: p.kind, reasonNote });
  }
  return { id: reason.id, absences: absences.length };
}

/** Removes a reason; the absences it explained take the reason of another that still covers them, or none. */
export async function removeAbsenceReason(ctx: MutationContext, id: string, classId: string) {
  await assertCanEditClass(ctx, classId);
  const reason = await ctx.em.findOne(AbsenceReasonEntity, { where: { id } });
  if (!reason || reason.deletedAt) throw fail.notFound('Причина пропуска');
  await ctx.write.remove(AbsenceReasonEntity, id);
  const others = await ctx.em
    .createQueryBuilder(AbsenceReasonEntity, 'r')
    .where('r.studentId = :studentId AND r.deletedAt IS NULL AND r.fromDate <= :toDate AND r.toDate >= :fromDate', reason)
    .orderBy('r.createdAt', 'ASC')
    .getMany();
  const absences = await absencesInSpan(ctx.em, classId, reason.studentId, reason.fromDate, reason.toDate);
  for (const a of absences) {
    const cover = others.filter((r) => r.fromDate <= a.lessonDate && r.toDate >= a.lessonDate).pop();
    await ctx.write.update(AttendanceEntity, a.id, {
      reasonKind: cover?.kind ?? null,
      reasonNote: cover ? [cover.note, cover.document].filter(Boolean).join('; ') || null : null,
    });
  }
  return { id, absences: absences.length };
}
