import { LessonEntity, type Lesson } from '../../../main/core/db/entities/journal';
import type { TestRuntime } from '../../support/runtime';
import { TEST_PASSWORD } from '../../support/runtime';
import type { SmallSchool } from '../../support/small-school';

/** Another lesson of the small school, written directly (the timetable is not the journal's business). */
export async function addLesson(
  t: TestRuntime,
  s: SmallSchool,
  over: Partial<Lesson> & Pick<Lesson, 'date' | 'lessonNo'>,
): Promise<Lesson> {
  return t.runtime.transact({ userId: null, method: 'test.fixture' }, (write) =>
    write.insert(LessonEntity, {
      yearId: s.yearId,
      classId: s.classes.c5a,
      subjectId: s.subjects.maths,
      staffId: s.staff.ivanova,
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
      ...over,
    }),
  );
}

/** Days pass between entries: the clock moves and the person logs in again (an idle session locks). */
export async function loginAt(t: TestRuntime, login: string, iso: string): Promise<string> {
  t.clock.set(iso);
  return (await t.call('auth.login', { login, password: TEST_PASSWORD })).token;
}
