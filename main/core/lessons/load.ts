import type { ReadableDb } from '../db/readable';
import { IsNull } from 'typeorm';
import { AcademicYearEntity, HolidayEntity, StudyPeriodEntity, WorkingDayTransferEntity, type AcademicYear } from '../db/entities/calendar';
import { TimetableEntity, TimetableEntryEntity } from '../db/entities/planning';
import { LessonEntity } from '../db/entities/journal';
import { SchoolClassEntity } from '../db/entities/school';
import { fail } from '../shared/errors';
import { SchoolCalendar } from './school-days';
import type { TimetableVersion } from './desired';
import type { StoredLesson } from './matching';

export async function loadYear(em: ReadableDb, yearId: string): Promise<AcademicYear> {
  const year = await em.findOne(AcademicYearEntity, { where: { id: yearId } });
  if (!year || year.deletedAt) throw fail.notFound('Учебный год');
  return year;
}

export async function loadCalendar(em: ReadableDb, year: AcademicYear): Promise<SchoolCalendar> {
  const live = { yearId: year.id, deletedAt: IsNull() };
  const periods = await em.find(StudyPeriodEntity, { where: live });
  const holidays = await em.find(HolidayEntity, { where: live });
  const transfers = await em.find(WorkingDayTransferEntity, { where: live });
  return new SchoolCalendar({ yearStart: year.startDate, yearEnd: year.endDate, periods, holidays, transfers });
}

/** The year's active timetables with their live entries. */
export async function loadActiveVersions(em: ReadableDb, yearId: string): Promise<TimetableVersion[]> {
  const timetables = await em
    .createQueryBuilder(TimetableEntity, 't')
    .where("t.yearId = :yearId AND t.status = 'active' AND t.deletedAt IS NULL", { yearId })
    .getMany();
  if (timetables.length === 0) return [];
  const entries = await em
    .createQueryBuilder(TimetableEntryEntity, 'e')
    .where('e.timetableId IN (:...ids) AND e.deletedAt IS NULL', { ids: timetables.map((t) => t.id) })
    .getMany();
  return timetables.map((t) => ({
    id: t.id,
    validFrom: t.validFrom,
    validTo: t.validTo,
    cycleWeeks: t.cycleWeeks,
    entries: entries.filter((e) => e.timetableId === t.id),
  }));
}

export async function loadClasses(em: ReadableDb, yearId: string): Promise<{ id: string; gradeLevel: number; name: string }[]> {
  return em
    .createQueryBuilder(SchoolClassEntity, 'c')
    .select(['c.id', 'c.gradeLevel', 'c.name'])
    .where('c.yearId = :yearId AND c.deletedAt IS NULL', { yearId })
    .getMany();
}

const STORED_FIELDS = [
  'date',
  'lessonNo',
  'classId',
  'groupId',
  'subjectId',
  'staffId',
  'roomId',
  'timetableEntryId',
  'planTopicId',
  'status',
  'movedFromDate',
  'movedFromLessonNo',
] as const;

/** Every live lesson of the year, with the fields the regeneration and the topic flow need (raw rows: forty thousand entities would take seconds to build). */
export async function loadYearLessons(em: ReadableDb, yearId: string): Promise<StoredLesson[]> {
  return storedRows(storedQuery(em).where('l.yearId = :yearId AND l.deletedAt IS NULL', { yearId }));
}

/** The live lessons of one journal page (key as pageKey: class|group|subject). */
export async function loadPageLessons(em: ReadableDb, yearId: string, page: string): Promise<StoredLesson[]> {
  const [classId, groupId, subjectId] = page.split('|');
  const q = storedQuery(em).where('l.yearId = :yearId AND l.classId = :classId AND l.subjectId = :subjectId AND l.deletedAt IS NULL', { yearId, classId, subjectId });
  if (groupId) q.andWhere('l.groupId = :groupId', { groupId });
  else q.andWhere('l.groupId IS NULL');
  return storedRows(q);
}

function storedQuery(em: ReadableDb) {
  const q = em.createQueryBuilder(LessonEntity, 'l').select('l.id', 'id');
  for (const f of STORED_FIELDS) q.addSelect(`l.${f}`, f);
  return q;
}

async function storedRows(q: ReturnType<typeof storedQuery>): Promise<StoredLesson[]> {
  const rows = await q.getRawMany<StoredLesson>();
  for (const r of rows) {
    r.lessonNo = Number(r.lessonNo);
    if (r.movedFromLessonNo !== null) r.movedFromLessonNo = Number(r.movedFromLessonNo);
  }
  return rows;
}
