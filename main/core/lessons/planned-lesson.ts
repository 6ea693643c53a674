import type { Lesson } from '../db/entities/journal';

/** A lesson's own fields, without the bookkeeping every synced row gets on insert. */
export type LessonFields = Omit<Lesson, 'id' | 'createdAt' | 'updatedAt' | 'deletedAt'>;

/** What places a lesson: the year, the day and lesson number, the class, the subject and the timetable's teacher. */
export type LessonSlot = Pick<Lesson, 'yearId' | 'date' | 'lessonNo' | 'classId' | 'subjectId' | 'staffId'>;

/**
 * A lesson as the timetable plans it, before anyone has entered anything: no
 * topic, homework, substitute or move, status «planned». Whoever creates
 * lessons (the regeneration, the demo school, test fixtures) starts here, so
 * that a new field of a lesson gets its empty value in one place.
 */
export function plannedLesson(slot: LessonSlot & Partial<LessonFields>): LessonFields {
  return {
    groupId: null,
    substituteStaffId: null,
    roomId: null,
    timetableEntryId: null,
    planTopicId: null,
    topic: null,
    topicSetAt: null,
    topicSetBy: null,
    topicLate: false,
    homework: null,
    homeworkSetAt: null,
    homeworkSetBy: null,
    homeworkLate: false,
    status: 'planned',
    movedFromDate: null,
    movedFromLessonNo: null,
    workTypeIds: null,
    note: null,
    ...slot,
  };
}
