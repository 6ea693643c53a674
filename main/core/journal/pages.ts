import type { ReadableDb } from '../db/readable';
import type { Actor } from '../auth/sessions';
import { AcademicYearEntity } from '../db/entities/calendar';
import { TeachingAssignmentEntity, SchoolClassEntity, SubjectEntity, StudyGroupEntity } from '../db/entities/school';
import { StaffEntity } from '../db/entities/staff';
import { LessonEntity } from '../db/entities/journal';
import { shortName } from '../shared/text';
import { gradeRules } from '../school/grade-rules';
import { bellTimes } from './bells';
import { ledClassesIn, type LedClass } from './led-classes';

/** The year a date falls in, else the latest that began before it, else the first. */
export async function yearOf(em: ReadableDb, today: string) {
  const years = await em
    .createQueryBuilder(AcademicYearEntity, 'y')
    .where('y.deletedAt IS NULL')
    .orderBy('y.startDate', 'ASC')
    .getMany();
  return years.find((y) => y.startDate <= today && y.endDate >= today) ?? [...years].reverse().find((y) => y.startDate <= today) ?? years[0] ?? null;
}

/** The classes the user leads in the school year of `today` (none outside a year). */
export async function ledClassesOn(em: ReadableDb, actor: Pick<Actor, 'roles' | 'staffId'>, today: string): Promise<LedClass[]> {
  const year = await yearOf(em, today);
  return year ? ledClassesIn(em, actor, year.id) : [];
}

export interface PageListItem {
  classId: string;
  className: string;
  gradeLevel: number;
  groupId: string | null;
  groupName: string | null;
  subjectId: string;
  subjectName: string;
  teachers: string[];
  /** The user teaches this page. */
  mine: boolean;
  /** The user leads this page's class. */
  led: boolean;
}

/**
 * The pages this user may open (seed 000 §2.6: pages are assigned to teachers
 * by the teaching load): the administration sees every page of the year; a
 * teacher sees the pages they teach and every page of the class they lead.
 */
export async function listPages(em: ReadableDb, actor: Actor, today: string) {
  const year = await yearOf(em, today);
  if (!year) return { today, yearId: null, yearName: null, pages: [] as PageListItem[], ledClasses: [] as { id: string; name: string }[] };
  const admin = actor.roles.some((r) => r === 'director' || r === 'deputy' || r === 'admin');
  const staffId = actor.roles.includes('teacher') ? actor.staffId : null;
  const led = await ledClassesIn(em, actor, year.id);
  const ledIds = new Set(led.map((c) => c.id));
  const q = em
    .createQueryBuilder(TeachingAssignmentEntity, 't')
    .innerJoin(SchoolClassEntity.options.name, 'c', 'c.id = t.classId')
    .innerJoin(SubjectEntity.options.name, 's', 's.id = t.subjectId')
    .innerJoin(StaffEntity.options.name, 'st', 'st.id = t.staffId')
    .leftJoin(StudyGroupEntity.options.name, 'g', 'g.id = t.groupId')
    .select('t.classId', 'classId')
    .addSelect('c.name', 'className')
    .addSelect('c.gradeLevel', 'gradeLevel')
    .addSelect('c.letter', 'letter')
    .addSelect('t.groupId', 'groupId')
    .addSelect('g.name', 'groupName')
    .addSelect('t.subjectId', 'subjectId')
    .addSelect('s.name', 'subjectName')
    .addSelect('s.sortOrder', 'sortOrder')
    .addSelect('t.staffId', 'staffId')
    .addSelect('st.lastName', 'lastName')
    .addSelect('st.firstName', 'firstName')
    .addSelect('st.middleName', 'middleName')
    .where('t.yearId = :yearId AND t.deletedAt IS NULL', { yearId: year.id });
  if (!admin) {
    if (!staffId) return { today, yearId: year.id, yearName: year.name, pages: [], ledClasses: [] };
    const ids = [...ledIds];
    q.andWhere(ids.length ? '(t.staffId = :staffId OR t.classId IN (:...ids))' : 't.staffId = :staffId', { staffId, ids });
  }
  const rows = await q.getRawMany<{
    classId: string;
    className: string;
    gradeLevel: number;
    letter: string;
    groupId: string | null;
    groupName: string | null;
    subjectId: string;
    subjectName: string;
    sortOrder: number;
    staffId: string;
    lastName: string;
    firstName: string;
    middleName: string | null;
  }>();
  const pages = new Map<string, PageListItem & { letter: string; sortOrder: number }>();
  for (const r of rows) {
    const key = `${r.classId}|${r.groupId ?? ''}|${r.subjectId}`;
    let page = pages.get(key);
    if (!page) {
      page = {
        classId: r.classId,
        className: r.className,
        gradeLevel: Number(r.gradeLevel),
        letter: r.letter,
        groupId: r.groupId,
        groupName: r.groupName,
        subjectId: r.subjectId,
        subjectName: r.subjectName,
        sortOrder: Number(r.sortOrder),
        teachers: [],
        mine: false,
        led: ledIds.has(r.classId),
      };
      pages.set(key, page);
    }
    const name = shortName(r);
    if (!page.teachers.includes(name)) page.teachers.push(name);
    if (r.staffId === staffId) page.mine = true;
  }
  const list = [...pages.values()].sort(
    (a, b) =>
      a.gradeLevel - b.gradeLevel ||
      a.letter.localeCompare(b.letter, 'ru') ||
      a.sortOrder - b.sortOrder ||
      a.subjectName.localeCompare(b.subjectName, 'ru') ||
      (a.groupName ?? '').localeCompare(b.groupName ?? '', 'ru'),
  );
  return {
    today,
    yearId: year.id,
    yearName: year.name,
    pages: list.map(({ letter: _l, sortOrder: _s, ...p }) => p),
    ledClasses: led,
  };
}

/**
 * The teacher's home (UI.md «Screens»): the day's lessons, own and
 * substituted, with what is not filled in yet, and the way into the journal.
 */
export async function myLessons(em: ReadableDb, actor: Actor, date: string) {
  if (!actor.staffId) return { date, lessons: [] };
  const rows = await em
    .createQueryBuilder(LessonEntity, 'l')
    .innerJoin(SchoolClassEntity.options.name, 'c', 'c.id = l.classId')
    .innerJoin(SubjectEntity.options.name, 's', 's.id = l.subjectId')
    .leftJoin(StudyGroupEntity.options.name, 'g', 'g.id = l.groupId')
    .select('l.id', 'id')
    .addSelect('l.lessonNo', 'lessonNo')
    .addSelect('l.classId', 'classId')
    .addSelect('l.groupId', 'groupId')
    .addSelect('l.subjectId', 'subjectId')
    .addSelect('l.topic', 'topic')
    .addSelect('l.homework', 'homework')
    .addSelect('l.status', 'status')
    .addSelect('l.substituteStaffId', 'substituteStaffId')
    .addSelect('c.name', 'className')
    .addSelect('c.gradeLevel', 'gradeLevel')
    .addSelect('c.shift', 'shift')
    .addSelect('c.yearId', 'yearId')
    .addSelect('c.bellScheduleId', 'bellScheduleId')
    .addSelect('s.name', 'subjectName')
    .addSelect('g.name', 'groupName')
    .where('l.date = :date AND l.deletedAt IS NULL', { date })
    .andWhere('((l.staffId = :staffId AND l.substituteStaffId IS NULL) OR l.substituteStaffId = :staffId)', { staffId: actor.staffId })
    .orderBy('l.lessonNo', 'ASC')
    .getRawMany<{
      id: string;
      lessonNo: number;
      classId: string;
      groupId: string | null;
      subjectId: string;
      topic: string | null;
      homework: string | null;
      status: string;
      substituteStaffId: string | null;
      className: string;
      gradeLevel: number;
      shift: number;
      yearId: string;
      bellScheduleId: string | null;
      subjectName: string;
      groupName: string | null;
    }>();
  const times = new Map<string, Map<number, string>>();
  const lessons = [];
  for (const r of rows) {
    const key = `${r.yearId}|${r.bellScheduleId ?? ''}|${r.shift}`;
    if (!times.has(key)) times.set(key, await bellTimes(em, r.yearId, r.bellScheduleId, Number(r.shift)));
    const grade = Number(r.gradeLevel);
    lessons.push({
      id: r.id,
      lessonNo: Number(r.lessonNo),
      time: times.get(key)!.get(Number(r.lessonNo)) ?? null,
      ref: { classId: r.classId, groupId: r.groupId, subjectId: r.subjectId },
      className: r.className,
      groupName: r.groupName,
      subjectName: r.subjectName,
      substituted: r.substituteStaffId === actor.staffId,
      cancelled: r.status === 'cancelled',
      topic: r.topic,
      homework: r.homework,
      /** What is not filled in yet: «тема», «посещаемость», «домашнее задание». */
      missing: r.status === 'cancelled' ? [] : missingOf(r.topic, r.homework, r.status, grade),
    });
  }
  return { date, lessons };
}

function missingOf(topic: string | null, homework: string | null, status: string, grade: number): string[] {
  const missing: string[] = [];
  if (!topic) missing.push('тема');
  if (status !== 'given') missing.push('посещаемость');
  if (!homework && gradeRules(grade).homework) missing.push('домашнее задание');
  return missing;
}
