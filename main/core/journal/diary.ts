import type { ReadableDb } from '../db/readable';
import type { Actor } from '../auth/sessions';
import { AppError, fail } from '../shared/errors';
import { LessonEntity, AttendanceEntity, MarkEntity } from '../db/entities/journal';
import { SchoolClassEntity, SubjectEntity, GroupMembershipEntity, WorkTypeEntity } from '../db/entities/school';
import { ClassMembershipEntity, StudentEntity } from '../db/entities/contingent';
import { bellTimes } from './bells';
import { getSetting } from '../settings/store';
import { fullName } from '../shared/text';
import { classAccess } from './attendance-week';
import { addDays, ruDate } from '../shared/dates';
import { canExportPersonalData } from '../contingent/consent';

/**
 * A student's diary (дневник) for a week: the lessons of each day with their
 * times, topics, homework, the student's marks and absences (seed 000 §5.2:
 * what parents without electronic access receive on paper).
 */
export interface DiaryLesson {
  id: string;
  lessonNo: number;
  time: string | null;
  subject: string;
  topic: string | null;
  homework: string | null;
  status: string;
  marks: { value: string; workType: string }[];
  attendance: 'absent' | 'late' | null;
}

export async function loadDiaryWeek(em: ReadableDb, actor: Actor, studentId: string, monday: string) {
  const student = await em.findOne(StudentEntity, { where: { id: studentId } });
  if (!student || student.deletedAt) throw fail.notFound('Ученик');
  const saturday = addDays(monday, 5);
  const membership = await em
    .createQueryBuilder(ClassMembershipEntity, 'cm')
    .where('cm.studentId = :studentId AND cm.deletedAt IS NULL AND cm.fromDate <= :saturday AND (cm.toDate IS NULL OR cm.toDate >= :monday)', {
      studentId,
      monday,
      saturday,
    })
    .orderBy('cm.fromDate', 'DESC')
    .getOne();
  if (!membership) throw new AppError('NOT_FOUND', `С ${ruDate(monday)} по ${ruDate(saturday)} ученик не числился ни в одном классе.`);
  const cls = await em.findOneOrFail(SchoolClassEntity, { where: { id: membership.classId } });
  const access = await classAccess(em, actor, cls.id);
  if (!access.canView) throw new AppError('FORBIDDEN', 'Дневник ученика доступен его классному руководителю и администрации школы.');
  const from = membership.fromDate > monday ? membership.fromDate : monday;
  const to = membership.toDate && membership.toDate < saturday ? membership.toDate : saturday;

  const groups = await em
    .createQueryBuilder(GroupMembershipEntity, 'm')
    .select(['m.id', 'm.groupId', 'm.fromDate', 'm.toDate'])
    .where('m.studentId = :studentId AND m.deletedAt IS NULL', { studentId })
    .getMany();
  const lessons = await em
    .createQueryBuilder(LessonEntity, 'l')
    .innerJoin(SubjectEntity.options.name, 's', 's.id = l.subjectId')
    .select('l.id', 'id')
    .addSelect('l.date', 'date')
    .addSelect('l.lessonNo', 'lessonNo')
    .addSelect('l.groupId', 'groupId')
    .addSelect('l.topic', 'topic')
    .addSelect('l.homework', 'homework')
    .addSelect('l.status', 'status')
    .addSelect('s.name', 'subject')
    .where('l.classId = :classId AND l.deletedAt IS NULL AND l.date >= :from AND l.date <= :to', { classId: cls.id, from, to })
    .orderBy('l.date', 'ASC')
    .addOrderBy('l.lessonNo', 'ASC')
    .getRawMany<{ id: string; date: string; lessonNo: number; groupId: string | null; topic: string | null; homework: string | null; status: string; subject: string }>();
  // A group lesson is in the diary only for the students of that group on that day.
  const mine = lessons.filter(
    (l) => !l.groupId || groups.some((g) => g.groupId === l.groupId && g.fromDate <= l.date && (g.toDate === null || g.toDate >= l.date)),
  );
  const ids = mine.map((l) => l.id);
  const marks =
    ids.length === 0
      ? []
      : await em
          .createQueryBuilder(MarkEntity, 'm')
          .leftJoin(WorkTypeEntity.options.name, 'w', 'w.id = m.workTypeId')
          .select('m.lessonId', 'lessonId')
          .addSelect('m.value', 'value')
          .addSelect('w.name', 'workType')
          .where('m.lessonId IN (:...ids) AND m.studentId = :studentId AND m.deletedAt IS NULL', { ids, studentId })
          .orderBy('m.setAt', 'ASC')
          .getRawMany<{ lessonId: string; value: string; workType: string | null }>();
  const attendance =
    ids.length === 0
      ? []
      : await em
          .createQueryBuilder(AttendanceEntity, 'a')
          .select('a.lessonId', 'lessonId')
          .addSelect('a.code', 'code')
          .where('a.lessonId IN (:...ids) AND a.studentId = :studentId AND a.deletedAt IS NULL', { ids, studentId })
          .getRawMany<{ lessonId: string; code: 'absent' | 'late' }>();
  const times = await bellTimes(em, cls.yearId, cls.bellScheduleId, cls.shift);
  const days = Array.from({ length: 6 }, (_, i) => addDays(monday, i)).map((date) => ({
    date,
    lessons: mine
      .filter((l) => l.date === date)
      .map(
        (l): DiaryLesson => ({
          id: l.id,
          lessonNo: Number(l.lessonNo),
          time: times.get(Number(l.lessonNo)) ?? null,
          subject: l.subject,
          topic: l.topic,
          homework: l.homework,
          status: l.status,
          marks: marks.filter((m) => m.lessonId === l.id).map((m) => ({ value: m.value, workType: m.workType ?? '' })),
          attendance: attendance.find((a) => a.lessonId === l.id)?.code ?? null,
        }),
      ),
  }));
  return {
    student: { id: student.id, name: fullName(student) },
    className: cls.name,
    schoolName: (await getSetting(em, 'school.shortName')) || (await getSetting(em, 'school.name')),
    monday,
    saturday,
    days,
    // Parents who refused electronic processing get the diary on paper (seed 000 §5.2): printed, never saved as a file.
    paperOnly: !(await canExportPersonalData(em, student.id)),
  };
}
