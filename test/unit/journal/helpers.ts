import { LessonEntity, type Lesson } from '../../../main/core/db/entities/journal';
import type { TestRuntime } from '../../support/runtime';
import { TEST_PASSWORD } from '../../support/runtime';
import type { SmallSchool } from '../../support/small-school';
import { plannedLesson } from '../../../main/core/lessons/planned-lesson';

/** Another lesson of the small school, written directly (the timetable is not the journal's business). */
export async function addLesson(
  t: TestRuntime,
  s: SmallSchool,
  over: Partial<Lesson> & Pick<Lesson, 'date' | 'lessonNo'>,
): Promise<Lesson> {
  return t.runtime.transact({ userId: null, method: 'test.fixture' }, (write) =>
    write.insert(
      LessonEntity,
      plannedLesson({ yearId: s.yearId, classId: s.classes.c5a, subjectId: s.subjects.maths, staffId: s.staff.ivanova, ...over }),
    ),
  );
}

/** Days pass between entries: the clock moves and the person logs in again (an idle session locks). */
export async function loginAt(t: TestRuntime, login: string, iso: string): Promise<string> {
  t.clock.set(iso);
  return (await t.call('auth.login', { login, password: TEST_PASSWORD })).token;
}
