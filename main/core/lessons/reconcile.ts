import type { ReadableDb } from '../db/readable';
import { IsNull } from 'typeorm';
import type { Writer } from '../write/writer';
import { AppError, fail } from '../shared/errors';
import { shortName } from '../shared/text';
import { AttendanceEntity, LessonEntity, MarkEntity, type Lesson } from '../db/entities/journal';
import { RemarkEntity } from '../db/entities/control';
import { LessonReconciliationEntity, type LessonReconciliation } from '../db/entities/planning';
import { SchoolClassEntity, StudyGroupEntity, SubjectEntity } from '../db/entities/school';
import { StaffEntity } from '../db/entities/staff';
import { lessonData, type LessonData } from './lesson-data';
import { addDays, ruDate } from '../shared/dates';

export interface ReconciliationItem {
  id: string;
  lessonId: string;
  date: string;
  lessonNo: number;
  classId: string;
  className: string;
  groupName: string | null;
  subjectName: string;
  teacher: string;
  topic: string | null;
  data: LessonData;
  detectedAt: string;
  /** Lessons of the same page within two weeks, where the entries could go. */
  candidates: { id: string; date: string; lessonNo: number; free: boolean }[];
}

/** The open reconciliations of a year, oldest lesson first. */
export async function openReconciliations(em: ReadableDb, yearId: string): Promise<ReconciliationItem[]> {
  const rows = await em
    .createQueryBuilder(LessonReconciliationEntity, 'r')
    .innerJoin(LessonEntity.options.name, 'l', 'l.id = r.lessonId')
    .where('l.yearId = :yearId AND r.resolvedAt IS NULL AND r.deletedAt IS NULL AND l.deletedAt IS NULL', { yearId })
    .getMany();
  if (rows.length === 0) return [];
  const lessons = await em.createQueryBuilder(LessonEntity, 'l').where('l.id IN (:...ids)', { ids: rows.map((r) => r.lessonId) }).getMany();
  const byId = new Map(lessons.map((l) => [l.id, l]));
  const data = await lessonData(em, lessons.map((l) => l.id));
  const classes = new Map((await em.find(SchoolClassEntity, { where: { yearId } })).map((c) => [c.id, c.name]));
  const groups = new Map((await em.find(StudyGroupEntity, { where: { yearId } })).map((g) => [g.id, g.name]));
  const subjects = new Map((await em.find(SubjectEntity)).map((s) => [s.id, s.name]));
  const staff = new Map((await em.find(StaffEntity)).map((s) => [s.id, shortName(s)]));
  const out: ReconciliationItem[] = [];
  for (const r of rows) {
    const l = byId.get(r.lessonId);
    if (!l) continue;
    out.push({
      id: r.id,
      lessonId: l.id,
      date: l.date,
      lessonNo: l.lessonNo,
      classId: l.classId,
      className: classes.get(l.classId) ?? '',
      groupName: l.groupId ? (groups.get(l.groupId) ?? null) : null,
      subjectName: subjects.get(l.subjectId) ?? '',
      teacher: staff.get(l.staffId) ?? '',
      topic: l.topic,
      data: data.get(l.id)!,
      detectedAt: r.detectedAt,
      candidates: await candidates(em, l),
    });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.lessonNo - b.lessonNo));
}

async function candidates(em: ReadableDb, l: Lesson): Promise<ReconciliationItem['candidates']> {
  const q = em
    .createQueryBuilder(LessonEntity, 'x')
    .where('x.classId = :classId AND x.subjectId = :subjectId AND x.deletedAt IS NULL AND x.id <> :id', l)
    .andWhere("x.timetableEntryId IS NOT NULL AND x.status <> 'cancelled'")
    .andWhere('x.date >= :from AND x.date <= :to', { from: addDays(l.date, -14), to: addDays(l.date, 14) });
  if (l.groupId) q.andWhere('x.groupId = :groupId', { groupId: l.groupId });
  else q.andWhere('x.groupId IS NULL');
  const list = await q.orderBy('x.date').addOrderBy('x.lessonNo').getMany();
  const data = await lessonData(em, list.map((x) => x.id));
  const open = new Set(
    (await em.find(LessonReconciliationEntity, { where: { resolvedAt: IsNull(), deletedAt: IsNull() } })).map((r) => r.lessonId),
  );
  return list
    .filter((x) => !open.has(x.id))
    .map((x) => {
      const d = data.get(x.id)!;
      return { id: x.id, date: x.date, lessonNo: x.lessonNo, free: !d.topic && d.marks === 0 && d.absences === 0 };
    });
}

/**
 * Settles a kept lesson. «Keep»: it stays as an extra lesson of the page,
 * outside the timetable (later regenerations leave it alone). «Merge»: its
 * topic, homework, marks, absences and remarks move to a lesson of the same
 * page, and the emptied lesson is removed — refused when the target already
 * has a topic or absences of the same students, or the lesson carries a
 * substitution or a move (those belong to their own date).
 */
export async function resolveReconciliation(
  em: ReadableDb,
  write: Writer,
  nowIso: string,
  userId: string | null,
  rec: LessonReconciliation,
  action: { kind: 'keep' } | { kind: 'merge'; targetLessonId: string },
): Promise<void> {
  const lesson = await em.findOne(LessonEntity, { where: { id: rec.lessonId } });
  if (!lesson || lesson.deletedAt) throw fail.notFound('Урок');
  if (action.kind === 'keep') {
    await write.update(LessonEntity, lesson.id, { timetableEntryId: null }, { reason: 'Оставлен как дополнительный урок при сверке с расписанием' });
    await write.update(LessonReconciliationEntity, rec.id, { resolvedAt: nowIso, resolvedBy: userId, resolution: 'kept' });
    return;
  }
  const target = await em.findOne(LessonEntity, { where: { id: action.targetLessonId } });
  if (!target || target.deletedAt) throw fail.notFound('Урок, в который переносятся записи');
  if (target.id === lesson.id || target.classId !== lesson.classId || target.subjectId !== lesson.subjectId || target.groupId !== lesson.groupId) {
    throw fail.validation('Записи можно перенести только в урок той же страницы журнала: тот же класс (группа) и предмет.', { targetLessonId: 'Другая страница журнала' });
  }
  const data = (await lessonData(em, [lesson.id])).get(lesson.id)!;
  if (data.substitutions > 0 || data.moves > 0 || data.substitute) {
    throw fail.conflict(`У урока ${ruDate(lesson.date)} есть замена или перенос: они относятся к своему дню. Оставьте этот урок как дополнительный.`);
  }
  if (lesson.topic && target.topic && lesson.topic !== target.topic) {
    throw fail.conflict(`У урока ${ruDate(target.date)} уже записана тема «${target.topic}». Выберите другой урок или оставьте этот как дополнительный.`);
  }
  const live = { deletedAt: IsNull() };
  const absences = await em.find(AttendanceEntity, { where: { lessonId: lesson.id, ...live } });
  const targetAbsences = new Set((await em.find(AttendanceEntity, { where: { lessonId: target.id, ...live } })).map((a) => a.studentId));
  const twice = absences.filter((a) => targetAbsences.has(a.studentId));
  if (twice.length > 0) {
    throw new AppError(
      'CONFLICT',
      `На уроке ${ruDate(target.date)} уже отмечена посещаемость ${twice.length === 1 ? 'этого же ученика' : 'тех же учеников'}. Выберите другой урок или оставьте этот как дополнительный.`,
    );
  }
  const reason = `Записи перенесены с урока ${ruDate(lesson.date)}, ${lesson.lessonNo} урок, при сверке с расписанием`;
  for (const m of await em.find(MarkEntity, { where: { lessonId: lesson.id, ...live } })) await write.update(MarkEntity, m.id, { lessonId: target.id }, { reason });
  for (const a of absences) await write.update(AttendanceEntity, a.id, { lessonId: target.id }, { reason });
  for (const r of await em.find(RemarkEntity, { where: { lessonId: lesson.id, ...live } })) await write.update(RemarkEntity, r.id, { lessonId: target.id }, { reason });
  const patch: Partial<Lesson> = {};
  if (lesson.topic && !target.topic) Object.assign(patch, { topic: lesson.topic, topicSetAt: lesson.topicSetAt, topicSetBy: lesson.topicSetBy, topicLate: lesson.topicLate });
  if (lesson.homework && !target.homework) {
    Object.assign(patch, { homework: lesson.homework, homeworkSetAt: lesson.homeworkSetAt, homeworkSetBy: lesson.homeworkSetBy, homeworkLate: lesson.homeworkLate });
  }
  if (lesson.status === 'given' && target.status === 'planned') patch.status = 'given';
  if (Object.keys(patch).length > 0) await write.update(LessonEntity, target.id, patch, { reason });
  await write.remove(LessonEntity, lesson.id, { reason });
  await write.update(LessonReconciliationEntity, rec.id, { resolvedAt: nowIso, resolvedBy: userId, resolution: 'merged', targetLessonId: target.id });
}
