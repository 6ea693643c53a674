import type { ReadableDb } from '../../db/readable';
import { LessonEntity, type Lesson } from '../../db/entities/journal';
import { SchoolClassEntity, SubjectEntity, RoomEntity } from '../../db/entities/school';
import { StaffEntity } from '../../db/entities/staff';
import { StudentEntity } from '../../db/entities/contingent';
import { StudyPeriodEntity } from '../../db/entities/calendar';
import { UserEntity } from '../../db/entities/users';
import { ruDate } from '../../shared/dates';
import { shortName } from '../../shared/text';

/** Russian names of the records a conflict is about, for its summary and its sides. */

export async function staffLabel(db: ReadableDb, id: string | null | undefined): Promise<string> {
  if (!id) return '—';
  const s = await db.findOne(StaffEntity, { where: { id } });
  return s ? shortName(s) : 'сотрудник не найден';
}

export async function studentLabel(db: ReadableDb, id: string): Promise<string> {
  const s = await db.findOne(StudentEntity, { where: { id } });
  return s ? shortName(s) : 'ученик не найден';
}

export async function userLabel(db: ReadableDb, id: string | null | undefined): Promise<string> {
  if (!id) return 'программа';
  const u = await db.findOne(UserEntity, { where: { id } });
  if (!u) return 'неизвестная учётная запись';
  const staff = u.staffId ? await db.findOne(StaffEntity, { where: { id: u.staffId } }) : null;
  return staff ? shortName(staff) : u.login;
}

export async function roomLabel(db: ReadableDb, id: string | null | undefined): Promise<string> {
  if (!id) return '—';
  const r = await db.findOne(RoomEntity, { where: { id } });
  return r ? `кабинет ${r.number}` : 'кабинет не найден';
}

export async function classSubject(db: ReadableDb, classId: string, subjectId: string): Promise<string> {
  const cls = await db.findOne(SchoolClassEntity, { where: { id: classId } });
  const subject = await db.findOne(SubjectEntity, { where: { id: subjectId } });
  return `${cls?.name ?? 'класс'}, ${(subject?.name ?? 'предмет').toLowerCase()}`;
}

/** «7А, алгебра, 23.11.2026, 3-й урок». */
export async function lessonLabel(db: ReadableDb, lesson: Pick<Lesson, 'classId' | 'subjectId' | 'date' | 'lessonNo'> | null): Promise<string> {
  if (!lesson) return 'урок не найден';
  return `${await classSubject(db, lesson.classId, lesson.subjectId)}, ${ruDate(lesson.date)}, ${lesson.lessonNo}-й урок`;
}

export async function lessonById(db: ReadableDb, id: string): Promise<Lesson | null> {
  return db.findOne(LessonEntity, { where: { id } });
}

export async function periodName(db: ReadableDb, id: string | null): Promise<string> {
  if (!id) return 'год';
  return (await db.findOne(StudyPeriodEntity, { where: { id } }))?.name ?? 'период';
}
