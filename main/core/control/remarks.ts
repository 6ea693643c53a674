import type { ReadableDb } from '../db/readable';
import { RemarkEntity } from '../db/entities/control';
import { LessonEntity } from '../db/entities/journal';
import { SchoolClassEntity, SubjectEntity } from '../db/entities/school';
import { StaffEntity } from '../db/entities/staff';
import { UserEntity } from '../db/entities/users';
import { AFTER_THE_FACT, FINDING_RU, type FindingCode } from './codes';

export type RemarkStatus = 'open' | 'fixed' | 'confirmed';

export interface RemarkDto {
  id: string;
  checkId: string | null;
  toStaffId: string;
  teacherName: string;
  classId: string | null;
  className: string | null;
  subjectId: string | null;
  subjectName: string | null;
  lessonId: string | null;
  lessonDate: string | null;
  lessonNo: number | null;
  finding: string | null;
  findingText: string | null;
  /** A remark about lateness: nothing can be fixed, the teacher takes note (codes.AFTER_THE_FACT). */
  takeNoteOnly: boolean;
  text: string;
  createdAt: string;
  authorName: string;
  fixedAt: string | null;
  fixNote: string | null;
  confirmedAt: string | null;
  status: RemarkStatus;
}

export function remarkStatus(r: { fixedAt: string | null; confirmedAt: string | null }): RemarkStatus {
  return r.confirmedAt ? 'confirmed' : r.fixedAt ? 'fixed' : 'open';
}

export interface RemarkFilter {
  checkId?: string;
  toStaffId?: string;
  status?: RemarkStatus;
  ids?: string[];
}

/** Remarks with the names a list shows: teacher, class, subject, lesson, author. */
export async function loadRemarks(em: ReadableDb, f: RemarkFilter): Promise<RemarkDto[]> {
  const q = em
    .createQueryBuilder(RemarkEntity, 'r')
    .innerJoin(StaffEntity.options.name, 's', 's.id = r.toStaffId')
    .leftJoin(SchoolClassEntity.options.name, 'c', 'c.id = r.classId')
    .leftJoin(SubjectEntity.options.name, 'sub', 'sub.id = r.subjectId')
    .leftJoin(LessonEntity.options.name, 'l', 'l.id = r.lessonId')
    .leftJoin(UserEntity.options.name, 'u', 'u.id = r.createdBy')
    .leftJoin(StaffEntity.options.name, 'a', 'a.id = u.staffId')
    .select('r.id', 'id')
    .addSelect('r.checkId', 'checkId')
    .addSelect('r.toStaffId', 'toStaffId')
    .addSelect('s.lastName', 'sLast')
    .addSelect('s.firstName', 'sFirst')
    .addSelect('s.middleName', 'sMiddle')
    .addSelect('r.classId', 'classId')
    .addSelect('c.name', 'className')
    .addSelect('r.subjectId', 'subjectId')
    .addSelect('sub.name', 'subjectName')
    .addSelect('r.lessonId', 'lessonId')
    .addSelect('l.date', 'lessonDate')
    .addSelect('l.lessonNo', 'lessonNo')
    .addSelect('r.finding', 'finding')
    .addSelect('r.text', 'text')
    .addSelect('r.createdAt', 'createdAt')
    .addSelect('a.lastName', 'aLast')
    .addSelect('a.firstName', 'aFirst')
    .addSelect('a.middleName', 'aMiddle')
    .addSelect('u.login', 'aLogin')
    .addSelect('r.fixedAt', 'fixedAt')
    .addSelect('r.fixNote', 'fixNote')
    .addSelect('r.confirmedAt', 'confirmedAt')
    .where('r.deletedAt IS NULL');
  if (f.checkId) q.andWhere('r.checkId = :checkId', { checkId: f.checkId });
  if (f.toStaffId) q.andWhere('r.toStaffId = :toStaffId', { toStaffId: f.toStaffId });
  if (f.ids?.length) q.andWhere('r.id IN (:...ids)', { ids: f.ids });
  if (f.status === 'open') q.andWhere('r.fixedAt IS NULL AND r.confirmedAt IS NULL');
  if (f.status === 'fixed') q.andWhere('r.fixedAt IS NOT NULL AND r.confirmedAt IS NULL');
  if (f.status === 'confirmed') q.andWhere('r.confirmedAt IS NOT NULL');
  const rows = await q.orderBy('r.createdAt', 'DESC').getRawMany<Record<string, string | null>>();
  const initials = (last: string | null, first: string | null, middle: string | null) =>
    last ? `${last} ${[first, middle].filter(Boolean).map((x) => `${x![0]}.`).join('')}` : '';
  return rows.map((r) => ({
    id: r.id!,
    checkId: r.checkId,
    toStaffId: r.toStaffId!,
    teacherName: initials(r.sLast, r.sFirst, r.sMiddle),
    classId: r.classId,
    className: r.className,
    subjectId: r.subjectId,
    subjectName: r.subjectName,
    lessonId: r.lessonId,
    lessonDate: r.lessonDate,
    lessonNo: r.lessonNo === null ? null : Number(r.lessonNo),
    finding: r.finding,
    findingText: r.finding && r.finding in FINDING_RU ? FINDING_RU[r.finding as FindingCode] : null,
    takeNoteOnly: AFTER_THE_FACT.has(r.finding as FindingCode),
    text: r.text!,
    createdAt: r.createdAt!,
    authorName: initials(r.aLast, r.aFirst, r.aMiddle) || (r.aLogin ?? ''),
    fixedAt: r.fixedAt,
    fixNote: r.fixNote,
    confirmedAt: r.confirmedAt,
    status: remarkStatus({ fixedAt: r.fixedAt, confirmedAt: r.confirmedAt }),
  }));
}
